"""Shared pieces of the Streamlit app: the client, the chosen collection, thumbnails, galleries.

The app is a client like any other: started by `imgsearch ui`, it talks to the service under
it (IMGSEARCH_SERVICE_URL); run on its own (tests), it opens the collection in-process. No
analysis lives here and no lock: every number comes from the core, which is thread-safe.
"""
from __future__ import annotations

import os

import pandas as pd
import streamlit as st

import imgsearch
from imgsearch.errors import ImgsearchError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def collection_name() -> str | None:
    return st.session_state.get("collection") or os.environ.get("IMGSEARCH_COLLECTION")


@st.cache_resource(show_spinner="connecting…")
def client(home: str, url: str | None):
    """One client per app process, shared by every session (the core is thread-safe)."""
    return imgsearch.connect(home, url=url, progress=False)


def current_client():
    return client(os.environ.get("IMGSEARCH_HOME", "indexes"), os.environ.get("IMGSEARCH_SERVICE_URL"))


def collection():
    """The chosen collection's handle, or stop the page with a clear message."""
    cl = current_client()
    name = collection_name()
    if not name:
        names = cl.collections()
        if not names:
            st.info("No collections yet. Build one with `imgsearch demo` or "
                    "`imgsearch index DIR --collection NAME`.")
            st.stop()
        st.session_state["collection"] = st.sidebar.selectbox("Collection", names)
        name = st.session_state["collection"]
    try:
        col = cl.collection(name)
        info = col.info()
    except ImgsearchError as e:
        st.error(str(e))
        st.stop()
    if info.indexed == 0:
        st.warning(f"Collection '{name}' is empty: index some images first.")
        st.stop()
    st.sidebar.caption(f"collection **{name}** · {info.indexed:,} images · {info.model}")
    return col


@st.cache_data(max_entries=5000, show_spinner=False)
def _thumbnail(_col, name: str, image_id: int, size: int):
    try:
        return _col.thumbnail(image_id, size)
    except ImgsearchError:
        return None


def thumbnail(col, image_id: int, size: int = 160):
    return _thumbnail(col, col.name, int(image_id), size)


def caption(row, caption_cols=("label", "prediction")) -> str:
    parts = [f"#{row['image_id']}"]
    if row.get("score") is not None and not pd.isna(row.get("score")):
        parts.append(f"{row['score']:.3f}")
    for c in caption_cols:
        v = row.get(c)
        parts.append(f"{c}: {v if v is not None and not pd.isna(v) else '(no label)'}")
    return " · ".join(parts)


def gallery(col, hits: pd.DataFrame, columns: int = 5, caption_cols=("label", "prediction")):
    """Thumbnails with id, score and labels, in a grid."""
    if hits is None or hits.empty:
        st.caption("(nothing to show)")
        return
    grid = st.columns(columns)
    for i, row in enumerate(hits.to_dict(orient="records")):
        with grid[i % columns]:
            thumb = thumbnail(col, row["image_id"])
            if thumb is not None:
                st.image(thumb, width="stretch")
            st.caption(caption(row, caption_cols))


def decode_upload(data: bytes):
    """Bytes from the uploader to an RGB image, in memory only; None (with a message) if bad."""
    from imgsearch.pipeline.decode import Limits, decode
    if len(data) > MAX_UPLOAD_BYTES:
        st.error(f"That file is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_BYTES // 2**20} MB.")
        return None
    try:
        return decode(data, Limits(max_pixels=50_000_000)).image
    except ImgsearchError as e:
        st.error(f"Not a usable image: {e}")
        return None


def tag_controls(col, ids: list[int], key: str):
    """Tag / untag the given images."""
    c1, c2, c3 = st.columns([3, 1, 1])
    tag = c1.text_input("Tag", value="exclude", key=f"{key}-tag",
                        help="e.g. exclude, relabel:dog, review")
    try:
        if c2.button("Tag", key=f"{key}-add", disabled=not ids):
            col.tag(ids, tag)
            st.success(f"tagged {len(ids)} images '{tag}'")
        if c3.button("Untag", key=f"{key}-rm", disabled=not ids):
            col.untag(ids, tag)
            st.success(f"untagged {len(ids)} images '{tag}'")
    except ImgsearchError as e:
        st.error(str(e))


def map_figure(frame: pd.DataFrame, colour: str):
    """The map as a Plotly WebGL scatter; image_id rides along as customdata for selections."""
    import plotly.express as px
    base = ["image_id", "x", "y", "path", "label", "prediction"]
    plot = frame[[c for c in base if c in frame] + ([colour] if colour not in base else [])].copy()
    if colour == "tags":
        plot["tags"] = plot["tags"].map(lambda t: ", ".join(t) if t is not None and len(t) else "(none)")
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
    fig.update_layout(height=640, margin={"l": 0, "r": 0, "t": 30, "b": 0},
                      legend={"itemsizing": "constant"})
    return fig
