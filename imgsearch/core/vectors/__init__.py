"""Vector indexes: one class per kind (kinds.py), the shared interface (base.py), and the
chooser and tuner (tuning.py)."""
from .base import VectorIndex, normalize
from .kinds import KINDS, create, index_class, load
from .tuning import build_and_tune, choose_kind, parse_latency_ms, parse_size

__all__ = ["VectorIndex", "normalize", "KINDS", "create", "index_class", "load",
           "build_and_tune", "choose_kind", "parse_latency_ms", "parse_size"]
