"""Shared pieces of the Streamlit app: the cached collection, thumbnails, galleries.

No analysis lives here: every number comes from the imgsearch API.
"""
from __future__ import annotations

import os
import threading

import pandas as pd
import streamlit as st

import imgsearch
from imgsearch import ImgsearchError, images

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_MAP_POINTS = 100_000


def collection_name() -> str | None:
    return st.session_state.get("collection") or os.environ.get("IMGSEARCH_COLLECTION")


@st.cache_resource(show_spinner="opening collection…")
def _open(name: str, home: str):
    """One Collection (FAISS in memory, DuckDB connection, model) per process, with a lock:
    Streamlit serves sessions from threads and a DuckDB connection is not thread-safe."""
    return imgsearch.open_collection(name, home=home, progress=False), threading.RLock()


def collection():
    """(Collection, lock), or stop the page with a clear message."""
    name = collection_name()
    home = os.environ.get("IMGSEARCH_HOME", "indexes")
    if not name:
        names = imgsearch.list_collections(imgsearch.Config.load(home=home))
        if not names:
            st.info(f"No collections under `{home}`. Build one with "
                    "`imgsearch demo` or `imgsearch index DIR --collection NAME`.")
            st.stop()
        st.session_state["collection"] = st.sidebar.selectbox("Collection", names)
        name = st.session_state["collection"]
    try:
        col, lock = _open(name, home)
    except ImgsearchError as e:
        st.error(str(e))
        st.stop()
    with lock:
        if col.store.counts()["indexed"] == 0:
            st.warning(f"Collection '{name}' is empty: index some images first.")
            st.stop()
    st.sidebar.caption(f"collection **{name}** · {col.store.counts()['indexed']} images · "
                       f"{col.manifest.get('model', {}).get('model')}")
    return col, lock


@st.cache_data(max_entries=5000, show_spinner=False)
def thumbnail(path: str, size: int = 160):
    try:
        img = images.load(path, draft_size=size).image
    except ImgsearchError:
        return None
    img.thumbnail((size, size))
    return img


def gallery(hits: pd.DataFrame, columns: int = 5, caption_cols=("label", "prediction")):
    """Thumbnails with id, score and labels, in a grid."""
    if hits is None or hits.empty:
        st.caption("(nothing to show)")
        return
    grid = st.columns(columns)
    for i, row in enumerate(hits.itertuples(index=False)):
        with grid[i % columns]:
            thumb = thumbnail(row.path)
            if thumb is not None:
                st.image(thumb, width="stretch")
            parts = [f"#{row.image_id}"]
            if "score" in hits.columns:
                parts.append(f"{row.score:.3f}")
            for c in caption_cols:
                v = getattr(row, c, None)
                if v is not None and not (isinstance(v, float) and pd.isna(v)):
                    parts.append(f"{c[:4]}: {v}")
            st.caption(" · ".join(parts))


def decode_upload(data: bytes):
    """Bytes from the uploader to an RGB image, in memory only; None (with a message) if bad."""
    if len(data) > MAX_UPLOAD_BYTES:
        st.error(f"That file is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB.")
        return None
    try:
        return images.decode(data, max_pixels=50_000_000).image
    except ImgsearchError as e:
        st.error(f"Not a usable image: {e}")
        return None


def tag_controls(col, lock, ids: list[int], key: str):
    """Tag / untag the given images."""
    c1, c2, c3 = st.columns([3, 1, 1])
    tag = c1.text_input("Tag", value="exclude", key=f"{key}-tag",
                        help="e.g. exclude, relabel:dog, review")
    try:
        if c2.button("Tag", key=f"{key}-add", disabled=not ids):
            with lock:
                col.store.add_tags(ids, tag)
            st.success(f"tagged {len(ids)} images '{tag}'")
        if c3.button("Untag", key=f"{key}-rm", disabled=not ids):
            with lock:
                col.store.remove_tags(ids, tag)
            st.success(f"untagged {len(ids)} images '{tag}'")
    except ImgsearchError as e:
        st.error(str(e))


def map_figure(frame: pd.DataFrame, colour: str):
    """The map as a Plotly WebGL scatter; image_id rides along as customdata for selections."""
    import plotly.express as px
    plot = frame[["image_id", "x", "y", "path", "label", "prediction"]
                 + ([colour] if colour not in ("image_id", "x", "y", "path", "label", "prediction")
                    else [])].copy()
    if colour == "tags":
        plot["tags"] = plot["tags"].map(lambda t: ", ".join(t) if len(t) else "(none)")
    palette = {}
    if plot[colour].dtype.kind not in "fiu":   # categorical: distinct colours, grey for missing
        plot[colour] = plot[colour].astype(object).where(plot[colour].notna(), "(none)").astype(str)
        values = sorted(v for v in plot[colour].unique() if v != "(none)")
        palette = {v: px.colors.qualitative.Dark24[i % 24] for i, v in enumerate(values)}
        palette["(none)"] = "#c8c8c8"
    fig = px.scatter(plot, x="x", y="y", color=colour, custom_data=["image_id"],
                     render_mode="webgl", color_discrete_map=palette,
                     hover_data={"path": True, "label": True, "prediction": True,
                                 "x": False, "y": False})
    fig.update_traces(marker={"size": 5})
    # No dragmode: Streamlit then makes a click select one point; box and lasso are in the modebar.
    fig.update_layout(height=640, margin={"l": 0, "r": 0, "t": 30, "b": 0},
                      legend={"itemsizing": "constant"})
    return fig
