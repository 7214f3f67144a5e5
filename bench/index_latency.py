"""Embedded vector index candidates on the same synthetic points: qdrant-client's local mode (kept open) against
Qdrant Edge (``qdrant-edge-py``, Qdrant's engine in-process: HNSW, payload indexes).

For each size: upsert rate, index build (Edge's ``optimize``), a fresh process's open + first query, and warm
filtered query latency (p50 / p99 over 300 queries, ``allowed_groups`` filter as ``retrieve()`` sends it).
Vectors are random unit vectors of the embedding model's dimension (384); payloads are shaped like ours.

Usage: python bench/index_latency.py [--sizes 10000 100000] [--backends client edge service] [--dir /tmp/ib]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stages import cpu_model

DIM = 384
BATCH = 1024
GROUPS = ["*", "hr", "finance"]


def points(n: int, seed: int = 1) -> tuple[np.ndarray, list[dict]]:
    """``n`` unit vectors and payloads shaped like the chunks' (doc_id, source, licence, groups, text)."""
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((n, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    payloads = [{"doc_id": f"d{i // 8}", "source_id": f"s{i % 5}", "licence": "CC-BY-4.0",
                 "allowed_groups": [GROUPS[i % 3]], "text": f"chunk {i} " + "lorem ipsum " * 40}
                for i in range(n)]
    return vectors, payloads


def pid(i: int) -> str:
    return str(uuid.UUID(int=i + 1))


# ------------------------------------------------------------------ builders (this process)
def build_client(folder: Path, vectors: np.ndarray, payloads: list[dict]) -> dict[str, float]:
    from qdrant_client import QdrantClient, models

    client = QdrantClient(path=str(folder))
    client.create_collection("bench", vectors_config=models.VectorParams(size=DIM, distance=models.Distance.COSINE))
    start = time.perf_counter()
    for s in range(0, len(vectors), BATCH):
        client.upsert("bench", points=[models.PointStruct(id=pid(i), vector=vectors[i].tolist(), payload=payloads[i])
                                       for i in range(s, min(len(vectors), s + BATCH))], wait=True)
    upsert = time.perf_counter() - start
    client.close()
    return {"upsert_pts_s": len(vectors) / upsert, "build_s": 0.0}


def build_edge(folder: Path, vectors: np.ndarray, payloads: list[dict]) -> dict[str, float]:
    import qdrant_edge as q

    config = q.EdgeConfig(vectors={"": q.EdgeVectorParams(size=DIM, distance=q.Distance.Cosine)})
    shard = q.EdgeShard.create(str(folder), config)
    for field in ("doc_id", "allowed_groups"):
        shard.update(q.UpdateOperation.create_field_index(field, q.PayloadSchemaType.Keyword))
    start = time.perf_counter()
    for s in range(0, len(vectors), BATCH):
        shard.update(q.UpdateOperation.upsert_points([
            q.Point(id=pid(i), vector={"": vectors[i].tolist()}, payload=payloads[i])
            for i in range(s, min(len(vectors), s + BATCH))]))
    shard.flush()
    upsert = time.perf_counter() - start
    start = time.perf_counter()
    shard.optimize()
    built = time.perf_counter() - start
    shard.close()
    return {"upsert_pts_s": len(vectors) / upsert, "build_s": built}


def build_service(folder: Path, vectors: np.ndarray, payloads: list[dict]) -> dict[str, float]:
    """The product path: the index service (Qdrant Edge) through ``EmbeddedIndex``, synced like embed tasks do."""
    from llmdata.index.service import EmbeddedIndex

    index = EmbeddedIndex(folder)
    index.ensure_collection("bench", DIM)
    ids = [f"c{i}" for i in range(len(vectors))]
    start = time.perf_counter()
    for s in range(0, len(vectors), 4 * BATCH):  # one sync per 8 chunks' documents, as a shard task sends them
        e = min(len(vectors), s + 4 * BATCH)
        index.sync_documents("bench", ids[s:e], vectors[s:e], payloads[s:e],
                             sorted({p["doc_id"] for p in payloads[s:e]}))
    upsert = time.perf_counter() - start
    start = time.perf_counter()
    index.wait_built("bench")
    built = time.perf_counter() - start
    index.close()
    return {"upsert_pts_s": len(vectors) / upsert, "build_s": built}


# ------------------------------------------------------------------ queries (a fresh process)
QUERY_CODE = r'''
import json, sys, time
started = time.perf_counter()
import numpy as np
backend, folder = sys.argv[1], sys.argv[2]
queries = np.random.default_rng(7).standard_normal((301, 384)).astype(np.float32)
if backend == "client":
    from qdrant_client import QdrantClient, models
    client = QdrantClient(path=folder)
    flt = models.Filter(must=[models.FieldCondition(key="allowed_groups", match=models.MatchAny(any=["*", "hr"]))])
    def query(v):
        return client.query_points("bench", query=v.tolist(), limit=5, query_filter=flt, with_payload=True).points
elif backend == "service":
    from pathlib import Path
    from llmdata.index.service import EmbeddedIndex
    index = EmbeddedIndex(Path(folder))
    def query(v):
        return index.search("bench", v, 5, {"allowed_groups": ["*", "hr"]})
else:
    import qdrant_edge as q
    shard = q.EdgeShard.load(folder)
    flt = q.Filter(must=[q.FieldCondition(key="allowed_groups", match=q.MatchAny(any=["*", "hr"]))])
    def query(v):
        return shard.query(q.QueryRequest(query=q.Query.Nearest(v.tolist()), limit=5, filter=flt, with_payload=True))
hits = query(queries[0])
first = time.perf_counter() - started
latencies = []
deadline = time.perf_counter() + float(sys.argv[3])  # keep querying this long (while another process writes)
while len(latencies) < 300 or time.perf_counter() < deadline:
    v = queries[1 + len(latencies) % 300]
    s = time.perf_counter(); query(v); latencies.append((time.perf_counter() - s) * 1000)
latencies.sort()
print(json.dumps({"first_s": first, "p50_ms": latencies[len(latencies) // 2],
                  "p99_ms": latencies[int(len(latencies) * 0.99)], "hits": len(hits), "queries": len(latencies)}))
'''


def query_fresh(backend: str, folder: Path, seconds: float = 0.0) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", QUERY_CODE, backend, str(folder), str(seconds)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def service_extras(folder: Path, n: int) -> dict[str, float]:
    """The service's other figures: a fresh process when no service runs (it starts one and loads the shards),
    and another process's queries while this one writes 20k more points."""
    from llmdata.index.service import EmbeddedIndex, stop_service

    stop_service(folder)
    cold = query_fresh("service", folder)
    extra_vectors, extra_payloads = points(20_000, seed=2)
    extra_payloads = [p | {"doc_id": f"x{p['doc_id']}"} for p in extra_payloads]
    reader = subprocess.Popen([sys.executable, "-c", QUERY_CODE, "service", str(folder), "12"],
                              stdout=subprocess.PIPE, text=True)
    time.sleep(1.5)  # the reader is connected and querying
    index = EmbeddedIndex(folder)
    start = time.perf_counter()
    for s in range(0, 20_000, 4 * BATCH):
        e = min(20_000, s + 4 * BATCH)
        index.sync_documents("bench", [f"x{i}" for i in range(s, e)], extra_vectors[s:e], extra_payloads[s:e],
                             sorted({p["doc_id"] for p in extra_payloads[s:e]}))
    writing = time.perf_counter() - start
    during = json.loads(reader.communicate()[0].strip().splitlines()[-1])
    index.close()
    return {"cold_first_s": cold["first_s"], "during_p50_ms": during["p50_ms"], "during_p99_ms": during["p99_ms"],
            "during_queries": during["queries"], "write_s": writing, "points_after": n + 20_000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", choices=["client", "edge", "service"],
                        default=["client", "service"])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/index-bench"))
    args = parser.parse_args()
    table = Table(title=f"embedded index on synthetic {DIM}-d points; CPU {cpu_model()}")
    for column in ("backend", "points", "upsert points/s", "index build s", "fresh process: open + first query s",
                   "warm p50 ms", "warm p99 ms"):
        table.add_column(column, justify="left" if column == "backend" else "right")
    builders = {"client": build_client, "edge": build_edge, "service": build_service}
    names = {"client": "qdrant-client local mode", "edge": "Qdrant Edge (bare)", "service": "index service (Edge)"}
    extras = []
    for n in args.sizes:
        vectors, payloads = points(n)
        for backend in args.backends:
            folder = args.dir / f"{backend}-{n}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.parent.mkdir(parents=True, exist_ok=True)
            built = builders[backend](folder, vectors, payloads)
            found = query_fresh(backend, folder)
            name = names[backend]
            if backend == "service":
                extras.append((n, service_extras(folder, n)))
            table.add_row(name, f"{n:,}", f"{built['upsert_pts_s']:,.0f}", f"{built['build_s']:.1f}",
                          f"{found['first_s']:.2f}", f"{found['p50_ms']:.1f}", f"{found['p99_ms']:.1f}")
            print(f"{name} {n:,}: {built} {found}", flush=True)
    console = Console(width=160)
    console.print(table)
    for n, extra in extras:
        console.print(f"index service at {n:,} points: a fresh process with no service running opens the index and "
                      f"answers its first query in {extra['cold_first_s']:.2f}s; another process's queries while "
                      f"20,000 points are synced ({extra['write_s']:.1f}s): {extra['during_queries']} answered, p50 "
                      f"{extra['during_p50_ms']:.1f} ms, p99 {extra['during_p99_ms']:.1f} ms")


if __name__ == "__main__":
    main()
