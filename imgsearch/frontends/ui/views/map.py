"""Map: the stored 2-D map; click a point for its neighbours, lasso a region to act on it."""
import io

import plotly.graph_objects as go
import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common

st.title("Map")
col = common.collection()
stored = col.maps()
if not stored:
    st.info(f"Collection '{col.name}' has no map yet. Run `imgsearch map --collection {col.name}`, "
            "or compute one here.")
    if st.button("Compute a UMAP map now"):
        with st.spinner("PCA → UMAP …"):
            col.build_map("umap")
        st.rerun()
    st.stop()

c1, c2, c3 = st.columns([1, 2, 1])
method = c1.selectbox("Map", stored, index=stored.index("umap") if "umap" in stored else 0)
try:
    frame, method, unplaced, total = col.map_frame(method)
except ImgsearchError as e:
    st.error(str(e))
    st.stop()
if unplaced:
    st.info(f"{unplaced:,} of {total:,} images are not on the map yet; they are placed as "
            "indexing checkpoints.")
    if st.button("Place them now"):
        col.place_new(method)
        st.rerun()
colour_options = [c for c in frame.columns if c not in ("image_id", "path", "x", "y")]
default = "label" if frame["label"].notna().any() else "prediction"
colour = c2.selectbox("Colour by", colour_options, index=colour_options.index(default))
k = c3.slider("Neighbours", 3, 30, 8)

fig = common.map_figure(frame, colour)
selected = st.session_state.get("map_selection", [])
clicked = selected[0] if len(selected) == 1 else None
neighbours = None
if clicked is not None:
    neighbours = col.search(int(clicked), k=k + 1).to_frame()
    near = frame[frame["image_id"].isin(neighbours["image_id"])]
    fig.add_trace(go.Scattergl(x=near["x"], y=near["y"], mode="markers", name="neighbours",
                               marker={"size": 13, "color": "rgba(0,0,0,0)",
                                       "line": {"width": 2, "color": "black"}}, hoverinfo="skip"))


def _remember_selection():
    """Runs only on a user's click, box or lasso. Drawing the neighbour rings changes the
    figure, which gives the chart a fresh (empty) selection; that must not clear ours."""
    points = st.session_state["map"].selection.points
    st.session_state["map_selection"] = [int(p["customdata"][0]) for p in points
                                         if p.get("customdata")]


st.plotly_chart(fig, on_select=_remember_selection, selection_mode=("points", "box", "lasso"),
                key="map", width="stretch")

if clicked is not None and neighbours is not None:
    st.subheader(f"Image #{clicked} and its {k} nearest neighbours")
    me = neighbours[neighbours["image_id"] == clicked]
    left, right = st.columns([1, 4])
    with left:
        thumb = common.thumbnail(col, clicked, 320)
        if thumb is not None:
            st.image(thumb, width="stretch")
        if len(me):
            r = me.iloc[0]
            st.caption(f"{r['path']}\n\nlabel: {r['label']} · prediction: {r['prediction']}")
    with right:
        st.markdown('<div id="neighbour-gallery"></div>', unsafe_allow_html=True)
        common.gallery(col, neighbours[neighbours["image_id"] != clicked].head(k))
elif len(selected) > 1:
    st.subheader(f"{len(selected)} images selected")
    table = frame[frame["image_id"].isin(selected)]
    st.dataframe(table[["image_id", "path", "label", "prediction", "confidence", "tags"]],
                 hide_index=True, height=240)
    common.tag_controls(col, selected, key="sel")
    d1, d2 = st.columns(2)
    ms, plain = io.StringIO(), io.StringIO()
    col.export_metascatter(ms, method=method, ids=selected)
    col.export_subset(plain, exclude_tag=None, ids=selected)
    d1.download_button("Metascatter CSV of the selection", ms.getvalue(), "selection_metascatter.csv",
                       "text/csv")
    d2.download_button("Paths + labels CSV", plain.getvalue(), "selection.csv", "text/csv")
else:
    st.caption("Click a point to see its neighbours; drag a box or lasso to select a region.")
