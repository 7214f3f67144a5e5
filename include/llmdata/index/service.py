"""The embedded index service: one process owns the Qdrant Edge shards of a folder; everyone else talks to it.

A Qdrant Edge shard admits one process, but a DAG run's tasks, the CLI and applications calling ``retrieve()``
all need the index at once. The first of them to find no service starts one (detached, so it outlives the task
that started it); it serves every caller over a local socket and exits after ``LLMDATA_INDEX_IDLE_SECONDS``
without a request. Access needs the key in the folder (mode 0600), so it is as private as the folder itself.

    python -m llmdata.index.service FOLDER     # run in the foreground (the client normally starts it)
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any

from llmdata.index.store import VectorIndexError

log = logging.getLogger(__name__)
IDLE_SECONDS = float(os.environ.get("LLMDATA_INDEX_IDLE_SECONDS", "600"))
START_SECONDS = 120.0  # a first start may migrate a legacy store
HELD_EXIT = 3  # the service's exit code when another process holds the folder
# The engine methods a client may call (the VectorIndex interface plus the benchmark's wait_built).
METHODS = frozenset({"ensure_collection", "exists", "names", "delete_collection", "count", "alias_target",
                     "swap_alias", "existing", "points", "sync_documents", "delete_documents", "compact",
                     "wait_built", "centroid", "search", "query"})


def _state(folder: Path) -> Path:
    state = folder / "edge"
    state.mkdir(parents=True, exist_ok=True)
    return state


def _address(folder: Path) -> str:
    # Abstract socket: no path-length limit, nothing left on disk; the authkey guards it.
    return "\0llmdata-index-" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:24]


def _authkey(folder: Path) -> bytes:
    path = _state(folder) / ".authkey"
    if not path.exists():
        fd = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(os.urandom(32))
        os.replace(path.with_suffix(".tmp"), path)
    return path.read_bytes()


@contextmanager
def _file_lock(path: Path, blocking: bool = True) -> Iterator[bool]:
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ---------------------------------------------------------------------------------------------------- client
class EmbeddedIndex:
    """A :class:`~llmdata.index.store.VectorIndex` whose calls run in the index service of ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.location = (self.folder / "edge").as_uri()
        self._lock = threading.Lock()
        self._conn: Connection | None = None

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __getattr__(self, method: str) -> Any:
        if method not in METHODS:
            raise AttributeError(method)
        return lambda *args, **kwargs: self._call(method, args, kwargs)

    def _call(self, method: str, args: tuple, kwargs: dict) -> Any:
        with self._lock:
            for attempt in (1, 2):
                try:
                    if self._conn is None:
                        self._conn = connect(self.folder)
                    self._conn.send((method, args, kwargs))
                    status, value = self._conn.recv()
                    break
                except (EOFError, OSError) as error:
                    # The service went idle and exited between calls: every method is idempotent, so call again.
                    self._conn = None
                    if attempt == 2:
                        raise VectorIndexError(f"the index service of {self.folder} dropped the call {method}: "
                                               f"{error}; see {_state(self.folder) / 'service.log'}") from error
        if status == "error":
            raise VectorIndexError(value)
        return value


def _client(folder: Path) -> Connection | None:
    """A connection to a running service, or None. A service that is exiting may still accept a connection for
    a moment and then drop it during the key exchange: that counts as none running."""
    try:
        return Client(_address(folder), "AF_UNIX", authkey=_authkey(folder))
    except (ConnectionRefusedError, FileNotFoundError, ConnectionResetError, EOFError):
        return None


def connect(folder: Path) -> Connection:
    """A connection to the service of ``folder``, starting the service if none runs."""
    conn = _client(folder)
    if conn is not None:
        return conn
    state = _state(folder)
    with _file_lock(state / ".start.lock"):  # one starter at a time; the others find it running
        conn = _client(folder)
        if conn is not None:
            return conn
        log.info("starting the embedded index service for %s", folder)
        with open(state / "service.log", "ab") as out:
            process = subprocess.Popen([sys.executable, "-m", "llmdata.index.service", str(folder)],
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() == HELD_EXIT and _client(folder) is None:
                raise VectorIndexError(f"the embedded index {folder} is unavailable: another process holds its "
                                       f"folder ({state / '.owner.lock'}) without serving it. Stop that process "
                                       "(or point LLMDATA_QDRANT_PATH elsewhere); a retried task syncs again")
            if process.poll() is not None:
                tail = (state / "service.log").read_text(errors="replace")[-1500:]
                raise VectorIndexError(f"the embedded index service for {folder} exited with {process.returncode}:"
                                       f"\n{tail}\nFix the cause above, or set LLMDATA_QDRANT_URL to a Qdrant server")
            conn = _client(folder)
            if conn is not None:
                return conn
            time.sleep(0.02)
        raise VectorIndexError(f"the embedded index service for {folder} did not answer within {START_SECONDS:.0f}s;"
                               f" see {state / 'service.log'}")


def stop_service(folder: Path, timeout: float = 60.0) -> bool:
    """Ask the service of ``folder`` to stop (after a running build) and wait until it has released the folder.
    Returns False when none was running."""
    conn = _client(folder)
    if conn is None:
        return False
    with conn:
        conn.send(("shutdown", (), {}))
        conn.recv()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _file_lock(_state(folder) / ".owner.lock", blocking=False) as free:
            if free and _socket_gone(folder):  # the process has let go of the folder and of its socket
                return True
        time.sleep(0.05)
    raise VectorIndexError(f"the index service of {folder} did not stop within {timeout:.0f}s")


def _socket_gone(folder: Path) -> bool:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(_address(folder))
    except (ConnectionRefusedError, FileNotFoundError):
        return True
    finally:
        probe.close()
    return False


# ---------------------------------------------------------------------------------------------------- service
class _Service:
    def __init__(self, folder: Path) -> None:
        from llmdata.index.edge import EdgeEngine
        from llmdata.index.legacy import migrate_local_mode

        self.folder = folder
        self.engine = EdgeEngine(_state(folder))
        migrate_local_mode(folder, self.engine)
        self.active = 0
        self.last_request = time.monotonic()
        self.stopping = False
        self.stop_requested = False
        self.lock = threading.Lock()

    def handle(self, conn: Connection) -> None:
        with self.lock:
            if self.stopping:
                conn.close()
                return
            self.active += 1
        try:
            while True:
                try:
                    method, args, kwargs = conn.recv()
                except (EOFError, OSError):
                    return
                self.last_request = time.monotonic()
                if method == "shutdown":
                    self.stop_requested = True
                    conn.send(("ok", None))
                    continue
                try:
                    if method not in METHODS:
                        raise VectorIndexError(f"unknown index call {method!r}")
                    reply = ("ok", getattr(self.engine, method)(*args, **kwargs))
                except Exception as error:  # every failure goes back to the caller, named
                    log.warning("%s failed: %s", method, error)
                    reply = ("error", f"{type(error).__name__}: {error}" if not isinstance(error, VectorIndexError)
                             else str(error))
                conn.send(reply)
                self.last_request = time.monotonic()
        finally:
            conn.close()
            with self.lock:
                self.active -= 1

    def idle(self) -> bool:
        with self.lock:
            idle = not self.engine.building() and (self.stop_requested or (
                self.active == 0 and time.monotonic() - self.last_request > IDLE_SECONDS))
            self.stopping = idle or not self.folder.exists()
            return self.stopping


def serve(folder: Path) -> int:
    """Own the index of ``folder`` until idle for ``LLMDATA_INDEX_IDLE_SECONDS`` (or the folder is removed);
    returns the exit code (:data:`HELD_EXIT` when another process holds the folder)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    state = _state(folder)
    with _file_lock(state / ".owner.lock", blocking=False) as owner:
        if not owner:
            log.error("another process holds %s (its .owner.lock); no service started", folder)
            return HELD_EXIT
        service = _Service(folder)
        deadline = time.monotonic() + 10
        while True:  # a service that just stopped may hold the address for a moment longer
            try:
                listener = Listener(_address(folder), "AF_UNIX", authkey=_authkey(folder))
                break
            except OSError as error:
                if error.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

        def accept() -> None:
            while True:
                try:
                    conn = listener.accept()
                except Exception as error:  # a client that fails the key exchange
                    if service.stopping:
                        return
                    log.warning("refused a connection: %s", error)
                    continue
                threading.Thread(target=service.handle, args=(conn,), daemon=True).start()

        threading.Thread(target=accept, daemon=True).start()
        log.info("index service for %s ready (pid %d, %d collections)", folder, os.getpid(),
                 len(service.engine.names()))
        while not service.idle():
            time.sleep(0.1 if service.stop_requested else 1.0)
            try:
                service.engine.build_when_quiet()
            except Exception:  # a build that cannot start leaves the index as it is: brute force still answers
                log.exception("could not start an index build")
        listener.close()
        service.engine.close()
        log.info("index service for %s stopped (idle)", folder)
    return 0


if __name__ == "__main__":
    sys.exit(serve(Path(sys.argv[1])))
