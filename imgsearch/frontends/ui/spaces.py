"""The sidebar's embedding-space picker: which of the chosen collection's spaces the pages read.

A collection may hold several named spaces (models, checkpoints, layers, imported vectors) over
one catalog; every page that reads vectors (search, map, investigate, curate) works on
`col.in_space(S)`, locally and through the service alike. The picker is drawn only when the
collection has more than one space. The choice lives in the session and in the URL
(`?space=S`, beside `?collection=NAME`) so that it holds on every page and survives a reload,
and it goes back to `default` when another collection is chosen.
"""
from __future__ import annotations

import streamlit as st

from imgsearch.errors import ImgsearchError

from .text import md

DEFAULT = "default"


def space_of(col) -> str:
    """The space a collection handle reads (local and remote handles alike name it)."""
    return getattr(col, "space_name", None) or DEFAULT


def label(col) -> str:
    """The collection and its space, as one name for caches and widget keys: two spaces of one
    collection have different maps, neighbours and analyses."""
    space = space_of(col)
    return col.name if space == DEFAULT else f"{col.name}@{space}"


def describe(info) -> str:
    """A space as a person tells it apart from the others: model, layer, weights, dimension."""
    if info.imported:
        what = "imported vectors"
    else:
        what = info.model or "?"
        extra = [x for x in (info.layer, info.weights) if x and x not in ("none", info.model)]
        if extra:
            what += f" ({', '.join(extra)})"
    return f"{what} · {info.dim} dims" if info.dim else what


def pick_space(col, sidebar: bool = True):
    """The collection seen through the chosen space (itself when it has one space)."""
    try:
        listed = col.spaces()
    except ImgsearchError:
        return col
    names = [s.name for s in listed]
    if st.session_state.get("space_for") not in (None, col.name):   # another collection now
        st.session_state.pop("space_picker", None)
        st.query_params.pop("space", None)
    st.session_state["space_for"] = col.name
    if len(names) < 2:
        st.session_state.pop("space_picker", None)
        st.query_params.pop("space", None)
        return col
    picked = st.session_state.get("space_picker")
    wanted = next((w for w in (picked, st.query_params.get("space"), DEFAULT) if w in names),
                  names[0])
    st.session_state["space_picker"] = wanted    # seeded again: a widget's state is dropped
    by_name = {s.name: s for s in listed}        # when the page changes
    space = st.sidebar.selectbox("Embedding space", names, key="space_picker",
                                 format_func=lambda n: f"{n} — {describe(by_name[n])}",
                                 help="The collection's embedding spaces (models, checkpoints, "
                                      "layers): search, the map and the analyses read this one.")
    if space == DEFAULT:
        st.query_params.pop("space", None)
    else:
        st.query_params["space"] = space
    chosen = by_name[space]
    st.caption(f"space **{md(space)}** · {md(describe(chosen))} · {chosen.vectors:,} vectors"
               + (f" ({chosen.missing:,} images without one)" if chosen.missing else ""))
    if sidebar:
        st.sidebar.caption(f"space **{md(space)}** of {len(names)}")
    try:
        return col.in_space(space)
    except ImgsearchError as e:
        st.error(md(str(e)))
        st.stop()
