"""Bounds on the lists a request may carry, so no single request costs without limit: the
values of `filters` and image ids (which must also fit the catalog's int64, or they would
overflow deep inside instead of being refused). The request models (requests.py,
verb_requests.py) use them; the REST API enforces them (frontends/rest/limits.py)."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

MAX_FILTER_VALUES = 10_000       # values in one request's filters, all columns together
MAX_FILTER_COLUMNS = 100
MAX_IDS = 1_000_000

ImageId = Annotated[int, Field(ge=-2**63, le=2**63 - 1)]


def bounded_filters(value: dict | None) -> dict | None:
    if value is not None and sum(len(v) for v in value.values()) > MAX_FILTER_VALUES:
        raise ValueError(f"filters may hold at most {MAX_FILTER_VALUES} values in all")
    return value


Filters = Annotated[dict[str, list[str | int | float | bool]] | None,
                    Field(max_length=MAX_FILTER_COLUMNS), AfterValidator(bounded_filters)]
