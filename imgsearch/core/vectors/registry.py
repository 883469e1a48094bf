"""Every index kind by name: the one list that the chooser, the loader, the CLI's `--index`
choices, the REST request check and the tests read.

A kind is a VectorIndex subclass (base.py) that declares what it can do (`exact`,
`min_train`, `supports_range_search`, `tuning_knob`) and recognises the FAISS objects it
writes (`recognises`); callers ask those, never the kind's name. Adding a kind is its module
and one line in _WHERE below.

Listing the names imports nothing heavy (the CLI shows them without loading FAISS); a kind's
class is imported the first time it is looked up.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from ...errors import Damaged, InvalidArgument

# name -> "module.Class" in this package
_WHERE = {
    "flat": "kinds.FlatIndex",
    "hnsw": "kinds.HnswIndex",
    "ivfsq": "kinds.IvfSqIndex",
    "ivfpq": "kinds.IvfPqIndex",
    "ivfpq-ondisk": "ondisk.OnDiskIvfPqIndex",
}
NAMES: tuple[str, ...] = tuple(_WHERE)


class _Kinds(Mapping):
    """name -> VectorIndex subclass, importing each class on first use."""

    def __getitem__(self, name: str):
        module, cls = _WHERE[name].rsplit(".", 1)
        return getattr(import_module(f".{module}", __package__), cls)

    def __contains__(self, name) -> bool:
        return name in _WHERE

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


KINDS = _Kinds()


def index_class(kind: str):
    try:
        return KINDS[kind]
    except KeyError:
        raise InvalidArgument(f"unknown index type {kind!r}; choose auto or one of "
                              f"{', '.join(KINDS)}", param="index") from None


def create(kind: str, dim: int, train=None, **options):
    return index_class(kind).create(dim, train=train, **options)


def kind_of(index) -> str | None:
    """The kind that recognises a FAISS object (None: no imgsearch kind writes such a thing)."""
    import faiss
    index = faiss.downcast_index(index)
    return next((name for name in NAMES if KINDS[name].recognises(index)), None)


def load(path, kind: str = "flat", params: dict | None = None, mapped: bool = False):
    """The index at path, read the way `kind` reads its files. The file says what it is: a
    manifest naming another kind (edited, or from an interrupted switch) is overruled by what
    was really saved, and its params kept only where both kinds tune the same knob.
    mapped: its stored vectors read in place from the file, read-only (mapped.py)."""
    wanted = index_class(kind)
    if mapped:
        from .mapped import read_mapped
        stored = read_mapped(path)
    else:
        stored = wanted.read(path)
    actual = kind_of(stored)
    if actual is None:
        raise Damaged(f"the vector index {path} holds a {type(stored).__name__}, not an "
                      "imgsearch index", fix="`fsck --repair` rebuilds it from the stored images")
    found = KINDS[actual]
    if found is not wanted and found.tuning_knob != wanted.tuning_knob:
        params = None
    return found.wrap(stored, params)
