"""Investigate: which classes are confused, and for one image, why."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import plotly.express as px  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import streamlit as st  # noqa: E402

import common  # noqa: E402
from imgsearch import ImgsearchError, analysis  # noqa: E402

st.title("Investigate")
col, lock = common.collection()
try:
    with lock:
        matrix, pairs = analysis.confusion(col)
except ImgsearchError as e:
    st.info(str(e))
    st.stop()

fig = px.imshow(matrix, text_auto=True, color_continuous_scale="Blues", aspect="auto",
                labels={"x": "prediction", "y": "label", "color": "images"})
fig.update_xaxes(type="category")
fig.update_yaxes(type="category")
# Heatmaps cannot be selected in plotly.js: an invisible marker on each cell takes the click.
cells = matrix.stack().reset_index(name="n")
fig.add_trace(go.Scatter(x=cells["prediction"].astype(str), y=cells["label"].astype(str),
                         mode="markers", marker={"size": 28, "opacity": 0}, hoverinfo="none",
                         showlegend=False, name="cells"))
fig.update_layout(height=520, margin={"l": 0, "r": 0, "t": 10, "b": 0})
event = st.plotly_chart(fig, on_select="rerun", selection_mode=("points",), key="confusion")
points = event.selection.points if event else []
if points and points[0].get("x") is not None and points[0].get("y") is not None:
    st.session_state["pair"] = (str(points[0]["y"]), str(points[0]["x"]))   # the clicked cell

if pairs.empty:
    st.success("No confusions: every labelled image is predicted as its label.")
    st.stop()
options = [(r.label, r.prediction) for r in pairs.itertuples()]
current = st.session_state.get("pair", options[0])
if current not in options:
    options.insert(0, current)
pair = st.selectbox("Confused pair (label → prediction)", options, index=options.index(current),
                    format_func=lambda p: f"{p[0]} → {p[1]}  "
                    f"({int(matrix.loc[p[0], p[1]]) if p[0] in matrix.index and p[1] in matrix.columns else 0})")
with lock:
    members = col.store.filter_by({"label": [pair[0]], "prediction": [pair[1]]})
    rows = col.store.rows(members)
if rows.empty:
    st.caption("No images in this cell.")
    st.stop()
st.dataframe(rows[["image_id", "path", "label", "prediction", "confidence"]], hide_index=True,
             height=200)
image_id = st.selectbox("Explain image", rows["image_id"].tolist())
k = st.slider("Neighbours per class", 3, 20, 8)
with lock:
    out = analysis.explain(col, int(image_id), k=k)

left, right = st.columns([1, 3])
with left:
    thumb = common.thumbnail(out["image"]["path"], 320)
    if thumb is not None:
        st.image(thumb)
    st.markdown(f"**label** {out['label']} · **prediction** {out['prediction']} "
                f"({out['image'].get('confidence') or 0:.2f})")
with right:
    st.markdown(f"### {out['verdict']}")
    st.caption(f"neighbour vote: {out['vote']}")
    st.bar_chart(out["centroids"].head(10).set_index("label")["similarity"])
a, b = st.columns(2)
with a:
    st.subheader(f"Nearest '{out['label']}' images (its label)")
    common.gallery(out["same_class"], columns=4)
with b:
    st.subheader(f"Nearest '{out['prediction']}' images (its prediction)")
    common.gallery(out["predicted_class"], columns=4)
