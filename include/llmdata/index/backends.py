"""Faster CPU inference for the embedding model: ONNX Runtime and OpenVINO, exported from the local weights.

sentence-transformers' ``[onnx]``/``[openvino]`` extras pull optimum, which pins an older transformers and
silently downgrades half the environment; so the transformer is exported here directly
(``torch.onnx.export(..., dynamo=False)``, then ``openvino.convert_model`` of that file) and run with the model's
own tokenizer, mean pooling and L2 normalisation — what all-MiniLM-L6-v2's pipeline does. Exports are cached
on disk per model revision. A backend is only used after its vectors matched torch's (cosine ≥ 0.999) on a
fixed calibration set; the result is stored next to the export.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock

from llmdata.errors import LlmdataError

log = logging.getLogger(__name__)

BACKENDS = ("torch", "onnx", "openvino")
MIN_COSINE = 0.999
CALIBRATION = [
    "Point-in-time recovery replays archived WAL segments on top of the latest base backup.",
    "Run kubectl rollout undo to return to the previous ReplicaSet when a rollout goes wrong.",
    "Refunds above five hundred euros need approval from the finance team.",
    "Kafka consumer lag alerts page the data team when partitions fall behind.",
    "argparse makes it easy to write user-friendly command-line interfaces.",
    "The quick brown fox jumps over the lazy dog.",
    "Die Datenbank wird jede Nacht gesichert.",
    "a",
]


class BackendUnavailableError(LlmdataError, RuntimeError):
    """A backend cannot be exported or loaded here; the message says why."""


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    mask = mask[..., None].astype(np.float32)
    pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


class ExportedModel:
    """One exported transformer (ONNX or OpenVINO) with the tokenizer, pooling and normalisation around it."""

    def __init__(self, backend: str, model_dir: str, export_dir: Path, max_seq_length: int) -> None:
        from transformers import AutoTokenizer

        self.backend = backend
        self.max_seq_length = max_seq_length
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        onnx_path = export_dir / "model.onnx"
        export_dir.mkdir(parents=True, exist_ok=True)
        # Parallel tasks on one machine share the exports: one process writes them, the others wait and reuse.
        with FileLock(export_dir / ".export.lock"):
            if not onnx_path.exists():
                export_onnx(model_dir, onnx_path)
            if backend == "openvino" and not (export_dir / "model.xml").exists():
                import openvino

                tmp = export_dir / f"tmp-{os.getpid()}"
                openvino.save_model(openvino.convert_model(str(onnx_path)), str(tmp / "model.xml"))
                (tmp / "model.bin").replace(export_dir / "model.bin")
                (tmp / "model.xml").replace(export_dir / "model.xml")  # last: its presence means complete
                tmp.rmdir()
        if backend == "onnx":
            import onnxruntime

            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            self.session = onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
            self.inputs = {i.name for i in self.session.get_inputs()}
        elif backend == "openvino":
            import openvino

            self.compiled = openvino.Core().compile_model(str(export_dir / "model.xml"), "CPU")
            self.inputs = {p.get_any_name() for p in self.compiled.inputs}
        else:
            raise BackendUnavailableError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")

    def encode(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_seq_length,
                               return_tensors="np")
        feed = {k: v.astype(np.int64) for k, v in batch.items() if k in self.inputs}
        hidden = (self.session.run(None, feed)[0] if self.backend == "onnx"
                  else next(iter(self.compiled(feed).values())))
        return _mean_pool(np.asarray(hidden, dtype=np.float32), batch["attention_mask"])


def export_onnx(model_dir: str, path: Path) -> None:
    """Export the transformer at ``model_dir`` to ONNX (dynamic batch and sequence axes)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    path.parent.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()
    sample = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)(["an example"], return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]
    axes = {n: {0: "batch", 1: "sequence"} for n in names} | {"last_hidden_state": {0: "batch", 1: "sequence"}}
    class Transformer(torch.nn.Module):
        """Keyword arguments in a fixed order: the model's own positional order changes between versions."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(names, inputs, strict=True))).last_hidden_state

    tmp = path.with_suffix(".tmp.onnx")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes on shape checks that are constant for this model
        torch.onnx.export(Transformer().eval(), tuple(sample[n] for n in names), str(tmp), input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
    tmp.replace(path)  # a half-written export is never picked up


def cpu_key() -> str:
    """The CPU model and the threads this process may use: what the backends' relative speed depends on."""
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model} x{len(os.sched_getaffinity(0))}"


# A chunk-sized probe (about 250 tokens): the backends' speed on what the index embeds, not on short strings.
SPEED_PROBE = [" ".join(CALIBRATION[:5]) * 3] * 32


def fastest(encoders: dict[str, Any], folder: Path, clock: Any = None) -> str:
    """The fastest of ``encoders`` ({backend: encode function}) on this CPU, measured once per CPU model and
    thread count and remembered in ``folder`` (a move to another machine measures again)."""
    import hashlib

    key = cpu_key()
    record = folder / f"speed-{hashlib.sha256(key.encode()).hexdigest()[:12]}.json"
    if record.exists():
        known = json.loads(record.read_text())
        if set(known["chunks_per_s"]) == set(encoders):
            return str(known["choice"])
    import time

    clock = clock or time.perf_counter
    speed = {}
    for name, encode in encoders.items():
        encode(SPEED_PROBE[:4])  # first-call set-up is not speed
        best = float("inf")
        for _ in range(2):
            start = clock()
            encode(SPEED_PROBE)
            best = min(best, clock() - start)
        speed[name] = len(SPEED_PROBE) / best
    choice = max(speed, key=speed.__getitem__)
    log.info("embedding backends on %s: %s chunks/s; using %s", key,
             ", ".join(f"{k} {v:.1f}" for k, v in speed.items()), choice)
    tmp = record.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"cpu": key, "chunks_per_s": speed, "choice": choice}))
    tmp.replace(record)
    return choice


def verify(candidate: Any, reference: Any, folder: Path) -> float:
    """Minimum cosine between ``candidate``'s and ``reference``'s calibration vectors (cached in ``folder``)."""
    record = folder / f"verified-{candidate.backend}.json"
    if record.exists():
        return float(json.loads(record.read_text())["min_cosine"])
    a, b = candidate.encode(CALIBRATION), reference(CALIBRATION)
    cosine = float(np.min(np.sum(a * b, axis=1)))
    tmp = record.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"min_cosine": cosine, "calibration_texts": len(CALIBRATION)}))
    tmp.replace(record)  # a reader in another task never sees half a record
    return cosine
