"""fsck for a collection's other embedding spaces (after the default space, which is the
collection's own files, has been checked and mended by pipeline/repair.py).

For each space, from its files as they are on disk now:
  manifest.json damaged          restored from the copy the catalog keeps
  vectors.faiss missing/damaged  moved aside; the space's images are embedded again with its
                                 model (imported vectors cannot be: the space says to import)
  vectors without rows           removed (images removed while the space was not open)
  duplicate vector ids           one copy kept
  indexed images with no vector  not damage (images indexed after the space was made): counted,
                                 with the command that embeds them
A catalog started again gives the images new ids: every space's vectors are then dropped and
embedded again (or left empty for an imported space, to be imported again).
"""
from __future__ import annotations

import time

import numpy as np

from ..core import manifest as manifest_io
from ..core import spaces
from ..core.vectors import create as create_vectors
from ..errors import Damaged, ImgsearchError
from ..results import FsckReport


def check_spaces(col, report: FsckReport, repair: bool, progress=None,
                 catalog_rebuilt: bool = False) -> None:
    notes = {}
    for name in spaces.names(col)[1:]:
        col._spaces.pop(name, None)          # read from disk again: what is there now
        notes[name] = _check_one(col, name, report, repair, progress, catalog_rebuilt)
    if notes:
        report.spaces = notes                # extra field: one line per space


def _check_one(col, name: str, report: FsckReport, repair: bool, progress,
               catalog_rebuilt: bool) -> str:
    view = spaces.open_space(col, name)
    own = [p for p in view.problems if p not in col.problems]
    if own and repair:
        _mend_parts(col, view, name, own, report)
        view = spaces.open_space(col, name)
        own = [p for p in view.problems if p not in col.problems]
    if own:
        report.ok = False
        report.problems += [f"space {name!r}: {p}" for p in own]
        return f"damaged: {own[0]}"
    if catalog_rebuilt and repair:
        _drop_vectors(view, report, name, "the catalog was started again with new image ids")
    indexed = col._store.ids("indexed")
    have = view._index.ids() if view._index is not None else np.empty(0, np.int64)
    uniq, counts = np.unique(have, return_counts=True)
    orphans, dups = np.setdiff1d(uniq, indexed), uniq[counts > 1]
    if (len(orphans) or len(dups)) and repair:
        with col.write_lock():
            with view.vectors_lock():
                if len(dups):
                    vecs = view._index.reconstruct(dups)
                    view._index.remove(dups)
                    view._index.add(dups, vecs)
                view._index.remove(orphans)
                view._unmarked.clear()
            view.save_vectors()
        report.actions.append(f"space {name!r}: removed {len(orphans)} orphan vectors, "
                              f"{len(dups)} duplicated ids")
        orphans, dups = orphans[:0], dups[:0]
    if len(orphans) or len(dups):
        report.ok = False
        report.problems.append(f"space {name!r}: {len(orphans)} vectors without rows, "
                               f"{len(dups)} duplicated ids")
    missing = len(np.setdiff1d(indexed, uniq))
    if missing and repair and view.manifest.model_args and not spaces.imported(view):
        _embed_again(col, view, name, report, progress)
        missing = len(np.setdiff1d(indexed, view._index.ids()))
    line = f"{len(uniq) - len(orphans)} vectors"
    if missing:
        line += (f"; {missing} indexed images have no vector in it (" +
                 ("import them again" if spaces.imported(view) else
                  f"`imgsearch index DIR -c {col.name} --space {name}` embeds them") + ")")
    return line


def _mend_parts(col, view, name: str, problems: list, report: FsckReport) -> None:
    with col.write_lock():
        if any(str(view.manifest_path) in str(p) for p in problems):
            copy = col._store.get_meta(spaces.meta_key(name))
            if copy is None:
                return
            manifest_io.save(manifest_io.Manifest.model_validate(copy), view.manifest_path)
            report.actions.append(f"space {name!r}: restored manifest.json from the catalog's copy")
        if any(str(view.vectors_path) in str(p) for p in problems) and view.vectors_path.exists():
            aside = view.vectors_path.with_name(f"vectors.faiss.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            view.vectors_path.replace(aside)
            report.actions.append(f"space {name!r}: moved vectors.faiss aside as {aside.name}")
    col._spaces.pop(name, None)


def _drop_vectors(view, report: FsckReport, name: str, why: str) -> None:
    with view.root.write_lock():
        with view.vectors_lock():
            view._index = create_vectors("flat", view.manifest.dim)
            view._unmarked.clear()
        view.save_vectors()
    report.actions.append(f"space {name!r}: vectors dropped ({why})")


def _embed_again(col, view, name: str, report: FsckReport, progress) -> None:
    from .spaces import index_space
    if view._index is None:
        _drop_vectors(view, report, name, "its vectors file was lost")
    for root in list(col.manifest.roots):
        try:
            done = index_space(col, root, name, progress=progress)
        except (ImgsearchError, Damaged) as e:
            report.actions.append(f"space {name!r}: cannot embed {root} again ({e})")
            continue
        report.actions.append(f"space {name!r}: embedded {done.indexed} images under {root}")
