"""Timeline: the collection's embedding spaces in order (checkpoints, layers), as
`imgsearch compare -c NAME --space A --space B ...` prints them: per space the leave-one-out kNN
accuracy, the mean per-class silhouette and the neighbour overlap with the space before; the
images whose neighbourhoods changed most between consecutive spaces; each class's kNN accuracy
across the spaces; where every space has a map of one kind, the maps one after another (each
rotated, scaled and shifted onto the one before, orthogonal Procrustes) with a slider and a play
button, the points moving, coloured by label, prediction or correctness; and the neighbours, in
each space, of an image picked by a click on the map or on a moved image (or by its id)."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common, spaces
from imgsearch.frontends.ui import timeline_maps as tmaps

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
# computed again when images are indexed or a picked space's vectors, maps or predictions change
stamp = (info.indexed, info.updated_at,
         tuple((by_name[s].vectors, by_name[s].missing, tuple(by_name[s].maps),
                tuple(by_name[s].supervised_maps), by_name[s].predictions) for s in chosen))


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

# -- each class across the spaces --------------------------------------------------------
MANY_CLASSES = 12       # beyond this, a picker (the worst in the last space, to begin with)
curves = [c for c in result.per_class if any(a is not None for a in c.knn_accuracy)]
if curves:
    st.subheader("Each class across the spaces")
    names = [c.label for c in curves]
    shown_names = names
    if len(curves) > MANY_CLASSES:
        last = sorted(curves, key=lambda c: (c.knn_accuracy[-1] is None, c.knn_accuracy[-1] or 0))
        shown_names = st.multiselect("Classes", names, default=[c.label for c in last[:8]],
                                     key=f"timeline-classes-{col.name}",
                                     help="To begin with, the eight worst in the last space.")
    per_class, line = go.Figure(), tmaps.class_colours(names)
    for c in curves:
        if c.label in shown_names:
            per_class.add_trace(go.Scatter(x=chosen, y=c.knn_accuracy, mode="lines+markers",
                                           name=f"{c.label} ({c.n})", line=dict(color=line[c.label])))
    per_class.update_layout(height=360, margin=dict(l=10, r=10, t=30, b=10), xaxis_title="space",
                            yaxis_title=f"kNN accuracy (k = {result.k})",
                            legend=dict(title="class (images)"))
    st.plotly_chart(per_class, config={"displayModeBar": False}, key="timeline-classes-chart")

# -- the picked image: a click on the map or on a moved image, or its id -------------------
pick_key = f"timeline-image-{col.name}"


def _pick(image_id: int) -> None:
    st.session_state[pick_key] = int(image_id)


st.subheader("The images whose neighbourhoods changed most")
moved = pd.DataFrame([m.model_dump() for m in result.changed])
for (before, after), group in (moved.groupby(["before", "after"], sort=False) if len(moved) else []):
    st.markdown(f"**{common.md(before)} → {common.md(after)}**")
    grid = st.columns(6)
    for i, row in enumerate(group.to_dict(orient="records")):
        with grid[i % 6]:
            thumb = common.thumbnail(col, row["image_id"])
            if thumb is not None:
                st.image(thumb, width="stretch")
            st.caption(f"#{row['image_id']} · overlap {row['overlap']:.3f} · label: "
                       f"{common.md(row['label'])}")
            st.button("its neighbours", key=f"timeline-pick-{before}-{after}-{row['image_id']}",
                      type="tertiary", on_click=_pick, args=(row["image_id"],))


@st.cache_data(max_entries=4, show_spinner="aligning the maps…")
def _steps(name: str, order: tuple, method: str, predicted: frozenset, stamp: tuple) -> pd.DataFrame:
    return tmaps.aligned(root, list(order), method, set(predicted))


st.subheader("The maps, space by space")
methods = sorted(set.intersection(*(set(by_name[s].maps) for s in chosen)))
steps_xy, start = None, 0
if not methods:
    st.info("Each space needs a map of the same kind: "
            + ", ".join(f"`imgsearch map -c {col.name} --space {s}`" for s in chosen
                        if not by_name[s].maps) + ".")
else:
    m1, m2 = st.columns([1, 2])
    supervised_in = {m: [s for s in chosen if m in by_name[s].supervised_maps] for m in methods}
    method = m1.selectbox("Map", methods, index=methods.index("umap") if "umap" in methods else 0,
                          key="timeline-map", format_func=lambda m: m if not supervised_in[m]
                          else f"{m} (supervised)" if len(supervised_in[m]) == len(chosen)
                          else f"{m} (supervised in {', '.join(supervised_in[m])})")
    if supervised_in[method]:
        st.caption(f"Supervised map in {', '.join(map(common.md, supervised_in[method]))}: the "
                   f"{method} layout was fitted with the labels as its target, so classes are "
                   "pulled apart by their labels, not only by the vectors"
                   + ("." if len(supervised_in[method]) == len(chosen) else
                      "; the other spaces' maps were not, so the maps differ by that as well."))
    predicted = frozenset(s for s in chosen if by_name[s].predictions)
    offered = ["label", "prediction", "correct"] if predicted else ["label"]
    colour = m2.radio("Colour by", offered, format_func=tmaps.COLOURS.get, horizontal=True,
                      key=f"timeline-colour-{col.name}",
                      help="A space's predictions are its own (its model's head, or the catalog's "
                           "for the default space); spaces without any are grey.")
    steps_xy = _steps(spaces.label(root), tuple(chosen), method, predicted, stamp)
    chart_key = f"timeline-anim-{spaces.label(root)}-{method}"
    seen_key = f"{chart_key}-seen"
    hit = tmaps.clicked(st.session_state.get(chart_key), steps_xy)
    if hit is not None and st.session_state.get(seen_key) != hit:   # a new click: pick it
        st.session_state[seen_key] = hit
        st.session_state[pick_key] = hit[0]
    if hit is not None:
        start = hit[1]

first = result.changed[0].image_id if result.changed else 0
if pick_key not in st.session_state:
    st.session_state[pick_key] = int(first)
image_id = int(st.session_state[pick_key])
K_NEAR = 6
near: dict[str, pd.DataFrame | str] = {}     # per space, the neighbours or why there are none
for space in chosen:
    try:
        near[space] = root.in_space(space).search(image_id, k=K_NEAR, exclude_self=True).to_frame()
    except ImgsearchError as e:
        near[space] = str(e)

if steps_xy is not None:
    n = steps_xy["image_id"].nunique()
    lacking = [s for s in chosen if s not in predicted]
    st.caption(f"{n:,} images in every space's map" + (" (a sample)" if n >= tmaps.MAX_POINTS else "")
               + "; each map aligned to the one before it. Press play or move the slider; click a "
                 f"point for its neighbours in each space (ringed, with #{image_id} large)."
               + (f" No predictions in {', '.join(map(common.md, lacking))}."
                  if colour != "label" and lacking else ""))
    anim = tmaps.figure(steps_xy, colour, picked=image_id, start=start,
                        neighbours={s: f["image_id"].tolist() for s, f in near.items()
                                    if isinstance(f, pd.DataFrame)})
    st.plotly_chart(anim, config={"displayModeBar": False}, key=chart_key, on_select="rerun",
                    selection_mode="points")

st.subheader("An image's neighbours in each space")
left, right = st.columns([1, 5])
with left:
    thumb = common.thumbnail(col, image_id)
    if thumb is not None:
        st.image(thumb, width="stretch")
with right:
    st.number_input("Image id (click a point on the map or a moved image, or type it)",
                    min_value=0, step=1, key=pick_key)
    try:
        rec = col.image(image_id)
        st.markdown(f"{common.md(rec.path)} · label: {common.md(rec.label)}")
    except ImgsearchError as e:
        st.warning(common.md(str(e)))
for space, column in zip(chosen, st.columns(len(chosen))):
    with column:
        st.markdown(f"**{common.md(space)}**")
        if isinstance(near[space], str):
            st.caption(common.md(near[space]))
        else:
            common.gallery(col, near[space], columns=2, caption_cols=("label",), similar=False)
