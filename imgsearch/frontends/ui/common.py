"""Shared pieces of the Streamlit app: the client, the chosen collection, thumbnails, galleries
with per-image checkboxes, tag controls, and the map's cached data.

The app is a client like any other: started by `imgsearch ui`, it talks to the service under
it (IMGSEARCH_SERVICE_URL); run on its own (tests), it opens the collection in-process. No
analysis lives here and no lock: every number comes from the core, which is thread-safe.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

import imgsearch
from imgsearch.analysis.registry import saved_columns
from imgsearch.api.query import MAX_UPLOAD_BYTES, UPLOAD_PIXELS
from imgsearch.errors import ImgsearchError

from .spaces import label
from .text import NO_LABEL, md, shown  # noqa: F401  (the pages take them from here)

VIEWS = Path(__file__).resolve().parent / "views"
SEARCH_PAGE = VIEWS / "search.py"
# catalog columns that are bookkeeping, not something to colour a map by
SYSTEM_COLUMNS = {"image_id", "path", "sha256", "size_bytes", "width", "height", "added_at",
                  "mtime", "state"}
# the analyses' saved columns (analysis/registry.py), computed only when asked (and saved
# with save=True): offered once they hold values
ANALYSIS_COLUMNS = {column: a.title or a.name for column, a in saved_columns().items()}


def compute_column(col, column: str) -> int:
    """Compute the analysis that fills a saved column, with its defaults, and save it."""
    return len(col.analyse(saved_columns()[column].name, save=True))


def collection_name() -> str | None:
    return st.session_state.get("collection") or os.environ.get("IMGSEARCH_COLLECTION")


def pick_collection(names: list[str]) -> str:
    """The sidebar's collection picker. The choice lives in the session and in the URL
    (`?collection=NAME`), so it holds on every page and survives a reload; a widget's own state
    is dropped when the page changes, so it is seeded again from those before it is drawn."""
    picked = st.session_state.get("collection_picker")
    for wanted in (picked, st.query_params.get("collection"), collection_name()):
        if wanted in names:
            break
    else:
        if collection_name():          # named at start but not here: opening it says so
            return collection_name()
        wanted = names[0]
    st.session_state["collection_picker"] = wanted
    name = st.sidebar.selectbox("Collection", names, key="collection_picker") if len(names) > 1 \
        else wanted
    st.session_state["collection"] = name
    st.query_params["collection"] = name
    return name


@st.cache_resource(show_spinner="connecting…")
def client(home: str, url: str | None):
    """One client per app process, shared by every session (the core is thread-safe)."""
    return imgsearch.connect(home, url=url, progress=False)


def current_client():
    return client(os.environ.get("IMGSEARCH_HOME", "indexes"), os.environ.get("IMGSEARCH_SERVICE_URL"))


def collection(name: str | None = None, sidebar: bool = True):
    """The chosen collection's handle, or stop the page with a clear message. Without `name`,
    the sidebar's collection seen through the sidebar's space (spaces.py)."""
    cl = current_client()
    picked = not name
    if not name:
        names = cl.collections()
        if not names:
            st.info("No collections yet. Build one with `imgsearch demo` or "
                    "`imgsearch index DIR --collection NAME`.")
            st.stop()
        name = pick_collection(names)
    try:
        col = cl.collection(name)
        if picked:      # the sidebar's collection: read through the space picked beside it
            from .spaces import pick_space
            col = pick_space(col, sidebar)
        info = col.info()
    except ImgsearchError as e:
        st.error(md(str(e)))
        st.stop()
    if info.indexed == 0:
        st.warning(f"Collection '{name}' is empty: index some images first.")
        st.stop()
    if sidebar:
        st.sidebar.caption(f"collection **{md(name)}** · {info.indexed:,} images · {md(info.model)}")
    return col


# -- data versions: bumped by the app's own writes so cached frames are fetched again -----------
_versions: dict[str, int] = {}
_versions_lock = threading.Lock()


def data_version(name: str) -> int:
    return _versions.get(name, 0)


def changed(name: str) -> None:
    with _versions_lock:
        _versions[name] = _versions.get(name, 0) + 1


# -- thumbnails and captions ---------------------------------------------------------------
@st.cache_data(max_entries=5000, show_spinner=False)
def _thumbnail(_col, name: str, image_id: int, size: int):
    try:
        return _col.thumbnail(image_id, size)
    except ImgsearchError:
        return None


def thumbnail(col, image_id: int, size: int = 160):
    return _thumbnail(col, col.name, int(image_id), size)


def caption(row, caption_cols=("label", "prediction"), score_name: str = "score") -> str:
    parts = [f"#{row['image_id']}"]
    score = row.get("score")
    if score is not None and not pd.isna(score):
        parts.append(f"{score_name} {score:.3f}")
    for c in caption_cols:
        if c in row:
            parts.append(f"{c}: {md(row.get(c))}")
    return " · ".join(parts)


# -- galleries with per-image checkboxes -------------------------------------------------
def pick_key(scope: str, image_id: int) -> str:
    return f"pick-{scope}-{int(image_id)}"


# The picks live in the session under their scope (one per gallery: a Curate tab, a duplicate
# group, the map's selection), not only in the checkboxes: Streamlit drops a widget's state when
# it is not drawn, and a closed tab draws nothing, so the ticks would be lost on the way back.
def _picks(scope: str) -> set:
    return st.session_state.setdefault("picks", {}).setdefault(scope, set())


def picked(scope: str, ids) -> list[int]:
    store = _picks(scope)
    return [int(i) for i in ids if int(i) in store]


def _set_picks(scope: str, ids, value: bool) -> None:
    store = _picks(scope)
    for i in ids:
        st.session_state[pick_key(scope, i)] = value
        (store.add if value else store.discard)(int(i))


def _pick_changed(scope: str, image_id: int) -> None:
    _set_picks(scope, [image_id], bool(st.session_state.get(pick_key(scope, image_id))))


def tags_of(col, ids) -> dict[int, list[str]]:
    """Each image's tags (for captions), read fresh: a tag click shows at once."""
    ids = [int(i) for i in ids]
    if not ids:
        return {}
    try:
        t = col.table(where=f"image_id IN ({', '.join(map(str, ids))})", columns=["image_id", "tags"])
    except ImgsearchError:
        return {}
    return {int(i): list(v) for i, v in zip(t["image_id"], t["tags"]) if v is not None and len(v)}


def gallery(col, hits: pd.DataFrame, columns: int = 5, caption_cols=("label", "prediction"),
            scope: str | None = None, similar: bool = True, score_name: str = "score",
            explain=None) -> list[int]:
    """Thumbnails with id, score and labels in a grid; with `scope`, a checkbox under each
    image (returns the ids picked) and a 'find similar' button that opens Search with it.
    `explain(row)` adds a one-line reason under an image."""
    if hits is None or hits.empty:
        st.caption("(nothing to show)")
        return []
    rows = hits.to_dict(orient="records")
    tags = tags_of(col, [r["image_id"] for r in rows]) if scope else {}
    if scope:
        ids = [r["image_id"] for r in rows]
        with st.container(horizontal=True):    # each button as wide as its words, never cut
            st.button("Pick all", key=f"all-{scope}", on_click=_set_picks, args=(scope, ids, True))
            st.button("Pick none", key=f"none-{scope}", on_click=_set_picks, args=(scope, ids, False))
    grid = st.columns(columns)
    for i, row in enumerate(rows):
        with grid[i % columns]:
            thumb = thumbnail(col, row["image_id"])
            if thumb is not None:
                st.image(thumb, width="stretch")
            st.caption(caption(row, caption_cols, score_name))
            if explain is not None:
                st.caption(md(explain(row)))
            if tags.get(int(row["image_id"])):
                st.caption("tags: " + ", ".join(md(t) for t in tags[int(row["image_id"])]))
            if scope:
                key = pick_key(scope, row["image_id"])
                if key not in st.session_state:     # drawn again (another tab was open): re-seed
                    st.session_state[key] = int(row["image_id"]) in _picks(scope)
                st.checkbox(f"pick #{row['image_id']}", key=key, on_change=_pick_changed,
                            args=(scope, int(row["image_id"])))
            if similar and st.button("find similar", key=f"sim-{scope or 'g'}-{row['image_id']}",
                                     type="tertiary"):
                find_similar(row["image_id"])
    return picked(scope, [r["image_id"] for r in rows]) if scope else []


def find_similar(image_id: int) -> None:
    """Open Search with this image as the query."""
    st.session_state["search_query"] = str(int(image_id))
    try:
        st.switch_page(SEARCH_PAGE)
    except Exception as e:   # noqa: BLE001 - a page run on its own (tests) has no navigation
        if type(e).__name__ in ("RerunException", "StopException"):
            raise
        st.info(f"Open Search: image #{int(image_id)} is its query.")


# -- tagging -----------------------------------------------------------------------------
def _tag(col, ids: list[int], tag_key: str, add: bool, key: str) -> None:
    tag = st.session_state.get(tag_key, "exclude")
    try:
        if add:
            col.tag(ids, tag)
        else:
            col.untag(ids, tag)
        changed(col.name)
        st.session_state[f"flash-{key}"] = (
            "success", f"{'tagged' if add else 'untagged'} {len(ids)} image{'s' * (len(ids) != 1)} '{md(tag)}'")
    except ImgsearchError as e:
        st.session_state[f"flash-{key}"] = ("error", md(str(e)))


def flash(key: str | None = None) -> None:
    """Show the message a callback left for this run (tag results survive the rerun); with
    `key`, only the message of that set of controls, drawn beside them."""
    msg = st.session_state.pop(f"flash-{key}" if key else "flash", None)
    if msg:
        (st.success if msg[0] == "success" else st.error)(msg[1])


def tag_controls(col, ids: list[int], key: str, all_ids: list[int] | None = None,
                 what: str = "picked"):
    """Tag / untag the picked images (and, if given, all of a selection). Tables on the page
    refresh: the writes happen in callbacks, before the page draws again."""
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    tag_key = f"{key}-tag"
    c1.text_input("Tag", value="exclude", key=tag_key, help="e.g. exclude, relabel:dog, review")
    n = len(ids)
    c2.button(f"Tag {n} {what}", key=f"{key}-add", disabled=not ids, on_click=_tag,
              args=(col, list(ids), tag_key, True, key))
    c3.button(f"Untag {n} {what}", key=f"{key}-rm", disabled=not ids, on_click=_tag,
              args=(col, list(ids), tag_key, False, key))
    if all_ids is not None and len(all_ids) > n:
        c4.button(f"Tag all {len(all_ids):,}", key=f"{key}-all", on_click=_tag,
                  args=(col, list(all_ids), tag_key, True, key))
    flash(key)      # the confirmation right under the buttons that caused it


def decode_upload(data: bytes):
    """Bytes from the uploader to an RGB image, in memory only; None (with a message) if bad."""
    from imgsearch.pipeline.decode import Limits, decode
    if len(data) > MAX_UPLOAD_BYTES:
        st.error(f"That file is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB.")
        return None
    try:
        return decode(data, Limits(max_pixels=UPLOAD_PIXELS), draft_short_side=480).image   # shown at 240
    except ImgsearchError as e:
        st.error(f"Not a usable image: {md(str(e))}")
        return None


# -- the map's data, cached per (collection, map, version) ----------------------------------
def map_version(info, method: str) -> tuple:
    """Changes when points are added or placed (or the app itself writes)."""
    return (info.indexed, info.unmapped.get(method, 0), info.updated_at, data_version(info.name))


@st.cache_resource(max_entries=6, show_spinner="loading the map…")
def _geometry(_col, name: str, method: str, version: tuple):
    from .mapview import geometry
    frame, method, unplaced, total = _col.map_frame(method, ["image_id"])
    return geometry(frame), unplaced, total


def map_geometry(col, method: str, version: tuple):
    return _geometry(col, label(col), method, version[:3])


@st.cache_resource(max_entries=6, show_spinner="loading the map's columns…")
def _attributes(_col, name: str, method: str, version: tuple) -> pd.DataFrame:
    cols = colour_candidates(_col.columns())
    frame = _col.map_frame(method, ["image_id", *cols])[0]
    return frame.drop(columns=["x", "y"])


def map_attributes(col, method: str, version: tuple) -> pd.DataFrame:
    return _attributes(col, label(col), method, version)


def colour_candidates(columns: dict) -> list[str]:
    first = ["label", "prediction", "correct", "confidence", "split", "tags"]
    rest = [c for c in columns if c not in SYSTEM_COLUMNS and c not in first]
    return [c for c in first if c in columns] + rest


def computed(frame: pd.DataFrame, column: str) -> bool:
    values = frame[column]
    if column == "tags":
        return bool(values.map(lambda t: t is not None and not _na(t) and len(t) > 0).any())
    return bool(values.notna().any())


def _na(v) -> bool:
    return not isinstance(v, (list, tuple, np.ndarray)) and pd.isna(v)


@st.cache_resource(max_entries=48, show_spinner=False)
def _encoded(_g, _attrs, name: str, method: str, version: tuple, column: str) -> dict:
    from .mapview import encode
    values = _g.align(_attrs["image_id"].to_numpy(), _attrs[column].to_numpy(dtype=object))
    return encode(values, column)


def encoded(col, g, attrs, method: str, version: tuple, column: str) -> dict:
    return _encoded(g, attrs, label(col), method, version, column)


@st.cache_resource(max_entries=6, show_spinner=False)
def _sprites(_g, _col, name: str, method: str, version: tuple) -> dict:
    from .mapview import sprite_spec
    return sprite_spec(_g, name, lambda i, s: _col.thumbnail(i, s))


def sprites(col, g, method: str, version: tuple) -> dict:
    return _sprites(g, col, label(col), method, version[:3])


def thumb_url(col) -> str:
    from .mapview import register_thumbnails
    return register_thumbnails(col.name, lambda i, s: col.thumbnail(i, s))
