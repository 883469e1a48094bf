"""Bounds on the lists a request may carry, so no single request costs without limit: the
values of `filters` and image ids (api/bounds.py, shared with the request models), the
`columns` asked for. And the service's numeric settings from the environment."""
from __future__ import annotations

import os

from ...api.bounds import MAX_FILTER_COLUMNS, bounded_filters
from ...errors import InvalidArgument

MAX_COLUMNS = 200                # distinct columns one request may ask for


def checked_filters(value: dict) -> dict:
    """bounded_filters for filters that came as a form field (JSON text), not a model."""
    if len(value) > MAX_FILTER_COLUMNS:
        raise InvalidArgument(f"filters may name at most {MAX_FILTER_COLUMNS} columns",
                              param="filters")
    try:
        return bounded_filters(value)
    except ValueError as e:
        raise InvalidArgument(str(e), param="filters") from None


def unique_columns(columns: list[str] | None) -> list[str] | None:
    """The columns asked for, each once, in the order first asked; at most MAX_COLUMNS."""
    if columns is None:
        return None
    unique = list(dict.fromkeys(columns))
    if len(unique) > MAX_COLUMNS:
        raise InvalidArgument(f"ask for at most {MAX_COLUMNS} columns, not {len(unique)}",
                              param="columns")
    return unique


def env_number(name: str, default: float) -> float:
    """IMGSEARCH_<name> as a number, or default when unset; a bad value is a one-line error."""
    raw = os.environ.get(f"IMGSEARCH_{name}", "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        raise InvalidArgument(f"IMGSEARCH_{name} must be a number, not {raw[:40]!r}",
                              param=name.lower()) from None
