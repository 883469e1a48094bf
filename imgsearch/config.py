"""Settings: explicit arguments > IMGSEARCH_* environment variables > defaults."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidArgument


def _default_workers() -> int:
    # One decode worker per spare core; on 2 cores that hides decode behind the model.
    return max(0, min(4, (os.cpu_count() or 1) - 1))


@dataclass
class Config:
    home: Path = Path("indexes")          # where collections live
    device: str = "auto"                  # auto | cpu | cuda | cuda:N
    batch_size: int = 0                   # 0 = the model's own best batch size
    workers: int = field(default_factory=_default_workers)
    max_pixels: int = 89_478_485          # decompression-bomb guard (PIL's default)
    max_decode_mb: int = 512              # memory one image may take to decode and convert
    max_file_bytes: int = 256 << 20       # larger files are skipped, never read
    max_labels_bytes: int = 512 << 20     # a labels CSV or a class-names file
    max_weights_bytes: int = 4 << 30      # a checkpoint (state dict)
    max_upload_bytes: int = 1 << 30       # one file sent to the REST service's /uploads
    max_onnx_memory_bytes: int = 8 << 30  # memory all --model onnx networks may take as they run
    max_onnx_seconds: float = 120.0       # longest one --model onnx run (a batch) may take
    runtime: str = "auto"                 # auto | torch | onnx | openvino
    checkpoint_seconds: float = 30.0      # longest stretch of work a crash may lose
    progress: bool = True
    flat_threshold: int = 200_000         # --index auto: exact search below this many vectors
    memory_budget: str = ""               # --index auto: e.g. "8G"; empty = no limit
    target_latency_ms: float = 10.0       # ANN tuning target for one query

    @classmethod
    def load(cls, **overrides) -> "Config":
        """Build a Config; None-valued overrides fall through to the environment."""
        values = {}
        for f in dataclasses.fields(cls):
            env = os.environ.get(f"IMGSEARCH_{f.name.upper()}")
            if overrides.get(f.name) is not None:
                values[f.name] = overrides[f.name]
            elif env is not None and env != "":
                values[f.name] = _parse(f.name, env)
        cfg = cls(**values)
        cfg.home = Path(cfg.home)
        if cfg.batch_size < 0 or cfg.workers < 0 or min(
                cfg.max_pixels, cfg.max_decode_mb, cfg.max_file_bytes, cfg.max_labels_bytes,
                cfg.max_weights_bytes, cfg.max_upload_bytes, cfg.max_onnx_memory_bytes,
                cfg.max_onnx_seconds) <= 0:
            raise InvalidArgument("batch_size and workers must be >= 0; max_pixels, "
                                  "max_decode_mb and the max_*_bytes sizes > 0", param="config")
        return cfg


def _parse(name: str, raw: str):
    kind = {f.name: f.type for f in dataclasses.fields(Config)}[name]
    try:
        if kind in ("int", int):
            return int(raw)
        if kind in ("float", float):
            return float(raw)
        if kind in ("bool", bool):
            return raw.strip().lower() not in ("0", "false", "no", "off", "")
    except ValueError:
        raise InvalidArgument(f"IMGSEARCH_{name.upper()}={raw[:40]!r} is not a valid {kind}",
                              param=name) from None
    return raw
