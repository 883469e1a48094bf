"""The analyses, as a registry: an analysis is one class (a subclass of Analysis, in any module
of this package) with its name, parameters, row type, saved catalog column and compute().

Everything else reads the registry: the catalog creates each saved column's table and shows
the column (core/signals.py SIGNALS), the local and remote verbs run an analysis by name
(`analyse`), the REST API serves GET /collections/{name}/<name> and saves with POST
/collections/{name}/analyses/<name>, the CLI has a command per analysis, and the app offers
each saved column as a map colour. A new analysis is one module here (and its test).
"""
from __future__ import annotations

import importlib
import inspect
import numbers
import pkgutil
import re
import threading
from typing import ClassVar

from pydantic import BaseModel

from ..core.signals import register_signal
from ..errors import InvalidArgument, NotFound


class Analysis:
    """One analysis. Subclasses set the class attributes and write compute()."""
    name: ClassVar[str]                       # REST path segment and CLI command, e.g. "outliers"
    params: ClassVar[type[BaseModel]]         # its parameters, with the bounds the API accepts
    row: ClassVar[type]                       # the type of one result row (results.py)
    column: ClassVar[str | None] = None       # the catalog column its saved result fills
    column_type: ClassVar[str] = "DOUBLE"     # that column's DuckDB type
    table: ClassVar[str | None] = None        # where it is saved (default: sig_<verb>)
    title: ClassVar[str] = ""                 # what the app calls it (the map's colour list)
    ranked: ClassVar[bool] = False            # rows come most notable first: compute() takes
                                              # `top`, and builds only that many rows
    help: ClassVar[str] = ""                  # one line for the CLI and the API docs

    @classmethod
    def verb(cls) -> str:
        return cls.name.replace("-", "_")

    @classmethod
    def signal_table(cls) -> str | None:
        return (cls.table or f"sig_{cls.verb()}") if cls.column else None

    @classmethod
    def run(cls, col, save: bool = False, top: int | None = None, **params):
        """compute(), and of a ranked analysis only the first `top` rows: passed on where
        compute() takes `top` (so that it builds no more), else cut from its rows."""
        if top is None:
            return cls.compute(col, save=save, **params)
        if not cls.ranked:
            raise InvalidArgument(f"{cls.name} rows are not ranked: top does not apply",
                                  param="top")
        if isinstance(top, bool) or not isinstance(top, numbers.Integral) or top < 1:
            raise InvalidArgument("top must be an integer >= 1", param="top")
        top = int(top)
        if "top" in inspect.signature(cls.compute).parameters:
            return cls.compute(col, save=save, top=top, **params)
        found = cls.compute(col, save=save, **params)
        return type(found)(rows=found.rows[:top])

    @classmethod
    def compute(cls, col, save: bool = False, **params):
        """Rows of cls.row; with save, the result's column is stored in the catalog (for
        every image, whatever `top` a ranked analysis is given)."""
        raise NotImplementedError


_IDENT = re.compile(r"[a-z][a-z0-9_]{0,62}")
_REGISTRY: dict[str, type[Analysis]] = {}
_LOADING, _LOADED = threading.Lock(), threading.Event()


def analyses() -> dict[str, type[Analysis]]:
    """Every analysis of this package by name, its saved columns registered with the catalog."""
    if not _LOADED.is_set():
        with _LOADING:                 # the first callers (threads of a service) wait for it
            if not _LOADED.is_set():
                _load()
                _LOADED.set()
    return _REGISTRY


def _load() -> None:
    from .. import analysis
    for module in pkgutil.iter_modules(analysis.__path__):
        importlib.import_module(f"{analysis.__name__}.{module.name}")
    for cls in _subclasses(Analysis):
        if "name" in vars(cls) and cls.__module__.startswith(f"{analysis.__name__}."):
            _add(cls)


def get(name: str) -> type[Analysis]:
    found = analyses().get(name) or analyses().get(name.replace("_", "-"))
    if found is None:
        raise NotFound(f"no analysis {name!r}; choose {', '.join(analyses())}", param="kind")
    return found


def saved_columns() -> dict[str, type[Analysis]]:
    """Catalog column -> the analysis that fills it."""
    return {a.column: a for a in analyses().values() if a.column}


def register(cls: type[Analysis]) -> type[Analysis]:
    """Add an analysis defined outside this package (the package's own are found by
    themselves); usable as a class decorator."""
    analyses()
    _add(cls)
    return cls


def unregister(name: str) -> None:
    from ..core.signals import SIGNAL_TYPES, SIGNALS
    cls = _REGISTRY.pop(name)
    if cls.column:
        SIGNALS.pop(cls.signal_table(), None)
        SIGNAL_TYPES.pop(cls.signal_table(), None)


def _add(cls: type[Analysis]) -> None:
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise ValueError(f"two analyses are named {cls.name!r}")
    if cls.column:
        table = cls.signal_table()
        if not (_IDENT.fullmatch(cls.column) and _IDENT.fullmatch(table)):
            raise ValueError(f"analysis {cls.name!r}: {table}.{cls.column} is not a plain name")
        register_signal(table, cls.column, cls.column_type)
    _REGISTRY[cls.name] = cls


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
