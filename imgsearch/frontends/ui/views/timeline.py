"""Timeline: the collection's embedding spaces in order (checkpoints, layers), as
`imgsearch compare -c NAME --space A --space B ...` prints them: per space the leave-one-out kNN
accuracy, the mean per-class silhouette and the neighbour overlap with the space before; the
images whose neighbourhoods changed most between consecutive spaces; and, where every space
has a map of one kind, the maps one after another (each rotated, scaled and shifted onto the one
before, orthogonal Procrustes) with a slider and a play button, the points moving."""
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common, spaces

st.title("Timeline")
col = common.collection()
root = common.current_client().collection(col.name)    # a timeline spans the spaces
by_name = {s.name: s for s in root.spaces()}
listed = list(by_name)
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
# computed again when images are indexed or a picked space's vectors or maps change
stamp = (info.indexed, info.updated_at,
         tuple((by_name[s].vectors, by_name[s].missing, tuple(by_name[s].maps)) for s in chosen))


@st.cache_data(max_entries=8, show_spinner="comparing the spaces…")
def _timeline(name: str, order: tuple, k: int, stamp: tuple):
    return root.timeline(list(order), k=k)


try:
    result = _timeline(spaces.label(root), tuple(chosen), k, stamp)
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


# -- the maps, one space after another ----------------------------------------------------
MAX_POINTS = 3000     # an animation redraws every point at each step: a sample beyond this


def _onto(prev: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """xy rotated, scaled and shifted onto prev (the same images in the same order), so that an
    image moves only as far as its neighbourhood changed."""
    from scipy.linalg import orthogonal_procrustes
    mp, mx = prev.mean(0), xy.mean(0)
    sp, sx = np.linalg.norm(prev - mp) or 1.0, np.linalg.norm(xy - mx) or 1.0
    rot, _ = orthogonal_procrustes((xy - mx) / sx, (prev - mp) / sp)
    return ((xy - mx) / sx) @ rot * sp + mp


@st.cache_data(max_entries=4, show_spinner="aligning the maps…")
def _steps(name: str, order: tuple, method: str, stamp: tuple) -> pd.DataFrame:
    frames = [root.in_space(s).map_frame(method, ["image_id", "label"])[0].set_index("image_id")
              for s in order]
    ids = sorted(set.intersection(*(set(f.index) for f in frames)))
    if len(ids) > MAX_POINTS:
        ids = sorted(np.random.default_rng(0).choice(ids, MAX_POINTS, replace=False))
    out, prev = [], None
    for space, f in zip(order, frames):
        xy = f.loc[ids, ["x", "y"]].to_numpy(dtype=float)
        xy = xy if prev is None else _onto(prev, xy)
        prev = xy
        out.append(pd.DataFrame({"space": space, "image_id": ids, "x": xy[:, 0], "y": xy[:, 1],
                                 "label": f.loc[ids, "label"].map(common.shown).to_numpy()}))
    return pd.concat(out, ignore_index=True)


st.subheader("An image's neighbours in each space")
first = result.changed[0].image_id if result.changed else 0
image_id = st.number_input("Image id (the one that moved most, to begin with)", min_value=0,
                           value=int(first), step=1, key=f"timeline-image-{col.name}")
k_near = 6
for space, column in zip(chosen, st.columns(len(chosen))):
    with column:
        st.markdown(f"**{common.md(space)}**")
        try:
            near = root.in_space(space).search(int(image_id), k=k_near, exclude_self=True).to_frame()
        except ImgsearchError as e:
            st.caption(common.md(str(e)))
            continue
        common.gallery(col, near, columns=2, caption_cols=("label",), similar=False)

st.subheader("The maps, space by space")
methods = sorted(set.intersection(*(set(by_name[s].maps) for s in chosen)))
if not methods:
    st.info("Each space needs a map of the same kind: "
            + ", ".join(f"`imgsearch map -c {col.name} --space {s}`" for s in chosen
                        if not by_name[s].maps) + ".")
    st.stop()
method = st.selectbox("Map", methods, index=methods.index("umap") if "umap" in methods else 0,
                      key="timeline-map")
steps_xy = _steps(spaces.label(root), tuple(chosen), method, stamp)
n = steps_xy["image_id"].nunique()
st.caption(f"{n:,} images in every space's map" + (" (a sample)" if n >= MAX_POINTS else "")
           + "; each map aligned to the one before it. Press play or move the slider.")
anim = px.scatter(steps_xy, x="x", y="y", animation_frame="space", animation_group="image_id",
                  color="label", hover_data=["image_id"], height=620)
anim.update_traces(marker=dict(size=5))
anim.update_layout(margin=dict(l=10, r=10, t=30, b=10), xaxis_title=None, yaxis_title=None)
st.plotly_chart(anim, config={"displayModeBar": False}, key="timeline-anim")
