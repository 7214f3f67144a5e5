"""The native stack's servers keep their state in the folder `make stack` gives them, wherever it is."""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.request
import uuid
from pathlib import Path

import boto3

from llmdata.stack.services import running_postgres


def _databases(port: int) -> set[str]:
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-tAc",
                          "SELECT datname FROM pg_database"], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_postgres_state_survives_a_restart_under_a_private_parent_folder(tmp_path: Path):
    # pytest's tmp tree is private to its owner, like /root or a mktemp folder: as root, the server runs as
    # postgres, which cannot reach it.
    private = tmp_path / "project" / "data" / "stack" / "postgres"
    tmp_path.chmod(0o700)
    with running_postgres(private) as server:
        server.create_database("kept_catalog")
    where = private / "WHERE.txt"
    elsewhere = Path(where.read_text().rsplit(" ", 1)[1].strip()) if where.exists() else None
    try:
        with running_postgres(private) as server:
            assert "kept_catalog" in _databases(server.port)
    finally:
        if elsewhere:
            shutil.rmtree(elsewhere, ignore_errors=True)


def test_the_s3_server_has_room_for_many_buckets_whatever_the_free_disk(s3_server):
    """SeaweedFS gives each bucket its own volume and by default allows only free-disk-GiB of them: on a small CI
    disk the ninth test bucket failed every write with INTERNAL_FAILURE. The server we start fixes the count."""
    status = json.load(urllib.request.urlopen(f"{s3_server.master}/dir/status", timeout=10))
    assert status["Topology"]["Max"] >= 1000
    client = boto3.client("s3", endpoint_url=s3_server.endpoint, aws_access_key_id=s3_server.access_key,
                          aws_secret_access_key=s3_server.secret_key, region_name="us-east-1")
    buckets = [f"room-{uuid.uuid4().hex[:8]}" for _ in range(12)]
    for bucket in buckets:
        s3_server.create_bucket(bucket)
        client.put_object(Bucket=bucket, Key="probe.txt", Body=b"probe")
    assert [client.get_object(Bucket=b, Key="probe.txt")["Body"].read() for b in buckets] == [b"probe"] * 12
