"""Timeline: the collection's embedding spaces in order (checkpoints, layers), as
`imgsearch compare -c NAME --space A --space B ...` prints them: per space the leave-one-out kNN
accuracy, the mean per-class silhouette and the neighbour overlap with the space before; the
images whose neighbourhoods changed most between consecutive spaces."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common, spaces

st.title("Timeline")
col = common.collection()
root = common.current_client().collection(col.name)    # a timeline spans the spaces
listed = [s.name for s in root.spaces()]
if len(listed) < 2:
    st.info(f"A timeline needs two or more spaces of one collection, e.g. one per checkpoint: "
            f"`imgsearch index DIR -c {col.name} --space epoch3 --model resnet18 --weights "
            "epoch3.pt`, and the same for each epoch.")
    st.stop()
c1, c2 = st.columns([4, 1])
chosen = c1.multiselect("Spaces, in order", listed, default=listed, key=f"timeline-{col.name}",
                        help="The order they are picked in is the order compared.")
k = c2.slider("Neighbours k", 5, 30, 10)
if len(chosen) < 2:
    st.info("Pick two or more spaces.")
    st.stop()
info = root.info()


@st.cache_data(max_entries=8, show_spinner="comparing the spaces…")
def _timeline(name: str, order: tuple, k: int, stamp: tuple):
    return root.timeline(list(order), k=k)


try:
    result = _timeline(spaces.label(root), tuple(chosen), k, (info.indexed, info.updated_at))
except ImgsearchError as e:
    st.error(common.md(str(e)))
    st.stop()
st.markdown(f"**{common.md(result.summary())}**")
steps = pd.DataFrame([s.model_dump() for s in result.steps])
fig = go.Figure()
for column, name in (("knn_accuracy", f"kNN accuracy (k = {result.k})"),
                     ("silhouette", "mean per-class silhouette"),
                     ("overlap_previous", f"neighbour overlap@{result.k} with the space before")):
    if steps[column].notna().any():
        fig.add_trace(go.Scatter(x=steps["space"], y=steps[column], mode="lines+markers", name=name))
fig.update_layout(height=360, margin=dict(l=10, r=10, t=30, b=10), xaxis_title="space",
                  legend=dict(orientation="h", y=1.12))
st.plotly_chart(fig, config={"displayModeBar": False})
st.dataframe(steps, hide_index=True)

st.subheader("The images whose neighbourhoods changed most")
moved = pd.DataFrame([m.model_dump() for m in result.changed])
for (before, after), group in (moved.groupby(["before", "after"], sort=False) if len(moved) else []):
    st.markdown(f"**{common.md(before)} → {common.md(after)}**")
    common.gallery(col, group.assign(score=group["overlap"]), columns=6, caption_cols=("label",),
                   score_name="overlap", similar=False)
