"""Re-ranking is part of vector search and lives in the core (core/rerank.py). This old name
is the same module object, so reading or setting its names reaches the one the core uses."""
import sys

from ..core import rerank as _rerank

sys.modules[__name__] = _rerank
