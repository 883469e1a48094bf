"""Bounds on the lists a request may carry, so no single request costs without limit: the
values of `filters`, the `columns` asked for, and image ids (which must also fit the
catalog's int64, or they would overflow deep inside instead of being refused). And the
service's numeric settings from the environment."""
from __future__ import annotations

import os

from typing import Annotated

from pydantic import AfterValidator, Field

from ...errors import InvalidArgument

MAX_FILTER_VALUES = 10_000       # values in one request's filters, all columns together
MAX_FILTER_COLUMNS = 100
MAX_COLUMNS = 200                # distinct columns one request may ask for
MAX_IDS = 1_000_000

ImageId = Annotated[int, Field(ge=-2**63, le=2**63 - 1)]


def bounded_filters(value: dict | None) -> dict | None:
    if value is not None and sum(len(v) for v in value.values()) > MAX_FILTER_VALUES:
        raise ValueError(f"filters may hold at most {MAX_FILTER_VALUES} values in all")
    return value


Filters = Annotated[dict[str, list[str | int | float | bool]] | None,
                    Field(max_length=MAX_FILTER_COLUMNS), AfterValidator(bounded_filters)]


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
