"""Vector indexes: the shared interface (base.py), one class per kind (kinds.py, ondisk.py),
the registry that names them (registry.py), and the chooser and tuner (tuning.py).

Names are imported on first use, so that `registry.NAMES` (the CLI's choices) does not load
FAISS.
"""
from importlib import import_module

_WHERE = {"VectorIndex": "base", "normalize": "base",
          "KINDS": "registry", "NAMES": "registry", "create": "registry",
          "index_class": "registry", "kind_of": "registry", "load": "registry",
          "build_and_tune": "tuning", "choose_kind": "tuning", "parse_latency_ms": "tuning",
          "parse_size": "tuning"}

__all__ = list(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
