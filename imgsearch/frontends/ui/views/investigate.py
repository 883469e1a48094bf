"""Investigate: how good the embedding is for the labels, which classes your model confuses,
and for one image, why."""
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common, spaces

st.title("Investigate")
col = common.collection()
info = col.info()


def embedding_report():
    """kNN accuracy beside the dummy baseline, silhouette, the map's trustworthiness."""
    key = ("evaluation", spaces.label(col), info.updated_at, info.indexed)
    if st.session_state.get("evaluation-key") != key:
        with st.spinner("classifying every image by its neighbours…"):
            st.session_state["evaluation"] = col.evaluate()
        st.session_state["evaluation-key"] = key
    ev = st.session_state["evaluation"]
    st.markdown(f"**{common.md(ev.conclusion)}**")
    a, b, c, d = st.columns(4)
    a.metric("kNN accuracy, k = 1", f"{ev.knn_accuracy_k1:.3f}")
    b.metric("kNN accuracy, k = 10", f"{ev.knn_accuracy_k10:.3f}")
    c.metric("most frequent label", f"{ev.dummy_accuracy:.3f}")
    d.metric("silhouette", "–" if ev.silhouette is None else f"{ev.silhouette:.3f}")
    st.caption(f"{ev.n} labelled images, each classified by the labels of its nearest others "
               "(leave-one-out). Map trustworthiness: "
               + ("no map yet" if ev.trustworthiness is None
                  else f"{ev.trustworthiness:.3f} ({ev.map_method})"))
    if ev.per_split:
        st.dataframe(pd.DataFrame([s.model_dump() for s in ev.per_split]), hide_index=True)
    st.dataframe(pd.DataFrame([c.model_dump() for c in ev.per_class]), hide_index=True,
                 height=min(320, 38 + 35 * len(ev.per_class)))


st.subheader("The embedding")
if not info.label_counts:
    st.caption("No labels: index with --labels folder or a labels file to evaluate the embedding.")
elif st.toggle("Evaluate the embedding against the labels", key="evaluate"):
    try:
        embedding_report()
    except ImgsearchError as e:
        st.info(common.md(str(e)))

st.subheader("Your model's confusions")
if spaces.space_of(col) != spaces.DEFAULT:
    st.caption(f"The predictions are the default space's (the catalog's); the neighbours are "
               f"those of space '{common.md(spaces.space_of(col))}'.")
if info.predictions == 0:
    from imgsearch.analysis.predictions import HOW_TO_ADD
    st.info(HOW_TO_ADD.replace("NAME", col.name))
    st.stop()
try:
    with st.spinner("counting confusions…"):
        result = col.confusion()
except ImgsearchError as e:
    st.info(common.md(str(e)))
    st.stop()
matrix = result.matrix()

fig = px.imshow(matrix, text_auto=True, color_continuous_scale="Blues", aspect="auto",
                labels={"x": "prediction", "y": "label", "color": "images"})
# every label on both axes (plotly thins crowded category ticks out: every other class would go)
fig.update_xaxes(type="category", tickmode="array", tickvals=[str(c) for c in matrix.columns])
fig.update_yaxes(type="category", tickmode="array", tickvals=[str(c) for c in matrix.index])
# Heatmaps cannot be selected in plotly.js: an invisible marker on each cell takes the click.
cells = matrix.stack().reset_index(name="n")
fig.add_trace(go.Scatter(x=cells["prediction"].astype(str), y=cells["label"].astype(str),
                         mode="markers", marker={"size": 28, "opacity": 0}, hoverinfo="none",
                         showlegend=False, name="cells"))
fig.update_layout(height=520, margin={"l": 0, "r": 0, "t": 30, "b": 0},
                  title="Labels (rows) against predictions (columns): click a cell to look at it")
# no plotly toolbar: it floats over the top right of the chart, across long titles
CHART_CONFIG = {"displayModeBar": False}
event = st.plotly_chart(fig, on_select="rerun", selection_mode=("points",), key="confusion",
                        config=CHART_CONFIG)
points = event.selection.points if event else []
if points and points[0].get("x") is not None and points[0].get("y") is not None:
    st.session_state["pair"] = (str(points[0]["y"]), str(points[0]["x"]))   # the clicked cell

if not result.pairs:
    st.success("No confusions: every labelled image is predicted as its label.")
    st.stop()
options = [(p.label, p.prediction) for p in result.pairs]
current = st.session_state.get("pair", options[0])
if current not in options:
    options.insert(0, current)


def _count(p):
    return int(matrix.loc[p[0], p[1]]) if p[0] in matrix.index and p[1] in matrix.columns else 0


pair = st.selectbox("Confused pair (label → prediction)", options, index=options.index(current),
                    format_func=lambda p: f"{p[0]} → {p[1]}  ({_count(p)})")
rows = col.table(columns=["image_id", "path", "label", "prediction", "confidence"])
rows = rows[(rows["label"] == pair[0]) & (rows["prediction"] == pair[1])]
if rows.empty:
    st.caption("No images in this cell.")
    st.stop()
st.dataframe(rows, hide_index=True, height=min(240, 38 + 35 * len(rows)))
image_id = st.selectbox("Explain image", rows["image_id"].tolist())
k = st.slider("Neighbours per class", 3, 20, 8)
with st.spinner("explaining…"):
    out = col.explain(int(image_id), k=k)

left, right = st.columns([1, 2])
with left:
    thumb = common.thumbnail(col, out.image.image_id, 320)
    if thumb is not None:
        st.image(thumb, width=300)     # small images are scaled up: this is the image in question
    st.markdown(f"**#{out.image.image_id}** · label **{common.md(out.label)}** · prediction "
                f"**{common.md(out.prediction)}** (confidence {out.image.confidence or 0:.2f})")
    if out.top_classes:
        st.caption("Your model's top classes: " + ", ".join(
            f"{common.md(c.label)} {c.probability:.2f}" for c in out.top_classes))
    if st.button("Find similar", key="similar-explained"):
        common.find_similar(out.image.image_id)
with right:
    st.markdown(f"### {common.md(out.verdict)}")
    n_near = len(out.neighbours)
    votes = "; ".join(f"{v} of {n_near} labelled '{common.md(lab)}'" for lab, v in out.vote.items())
    st.markdown(f"Neighbour vote (labels of its {n_near} nearest images): "
                f"**{votes or '(no labelled neighbours)'}**")
    cent = pd.DataFrame([c.model_dump() for c in out.centroids])
    if len(cent):
        cent = cent.sort_values(["similarity", "label"], ascending=[False, True]).head(12)
        lo, hi = float(cent["similarity"].min()), float(cent["similarity"].max())
        pad = max(0.005, (hi - lo) * 0.15)
        colours = ["#0072B2" if lab == out.label else "#D55E00" if lab == out.prediction else "#999999"
                   for lab in cent["label"]]
        bar = go.Figure(go.Bar(x=cent["similarity"], y=cent["label"].astype(str), orientation="h",
                               marker_color=colours, text=[f"{v:.3f}" for v in cent["similarity"]],
                               textposition="outside",
                               hovertemplate="class %{y}: %{x:.4f}<extra></extra>"))
        bar.update_layout(title="Cosine similarity to each class's mean image (blue: its label, "
                                "orange: its prediction)",
                          height=90 + 26 * len(cent), margin={"l": 0, "r": 10, "t": 40, "b": 0},
                          xaxis={"range": [lo - pad, hi + pad], "title": "similarity (axis zoomed)"},
                          yaxis={"type": "category", "autorange": "reversed"})
        st.plotly_chart(bar, key="centroids", config=CHART_CONFIG)
a, b = st.columns(2)
with a:
    st.subheader(f"Nearest '{common.md(out.label)}' images (its label)")
    common.gallery(col, pd.DataFrame([h.model_dump() for h in out.same_class]), columns=4,
                   scope="inv-same", score_name="similarity")
with b:
    st.subheader(f"Nearest '{common.md(out.prediction)}' images (its prediction)")
    common.gallery(col, pd.DataFrame([h.model_dump() for h in out.predicted_class]), columns=4,
                   scope="inv-pred", score_name="similarity")
chosen = common.picked("inv-same", [h.image_id for h in out.same_class]) + \
    common.picked("inv-pred", [h.image_id for h in out.predicted_class])
common.tag_controls(col, sorted(set(chosen)), key="inv")
