"""The native stack's servers keep their state in the folder `make stack` gives them, wherever it is."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

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
