"""Compare: two collections of the same images (two checkpoints, models or layers), matched by
content. Both maps side by side, aligned (Procrustes) and coloured by class; the classes that
separate better or worse; the images whose neighbourhoods changed most; an image's
neighbours under both."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common, mapview

st.title("Compare")
cl = common.current_client()
names = cl.collections()
if len(names) < 2:
    st.info("Compare needs two collections of the same images, e.g. one per training checkpoint: "
            "`imgsearch index DIR -c epoch5 --weights epoch5.pt` and the same with epoch 20, "
            "then `imgsearch map` for each.")
    st.stop()
current = common.collection_name()
c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
a = c1.selectbox("Collection A (before)", names, index=names.index(current) if current in names else 0)
others = [n for n in names if n != a]
b = c2.selectbox("Collection B (after)", others, key="compare-b")
k = c3.slider("Neighbours k", 5, 30, 10)
col_a, col_b = common.collection(a, sidebar=False), common.collection(b, sidebar=False)
info_a, info_b = col_a.info(), col_b.info()
methods = [m for m in info_a.maps if m in info_b.maps]
if not methods:
    st.info(f"Both collections need a map of the same kind: `imgsearch map -c {a}` and "
            f"`imgsearch map -c {b}`.")
    st.stop()


def _supervised_in(m: str) -> list[str]:
    """The collections whose map `m` was fitted with the labels as its target."""
    return [n for n, i in ((a, info_a), (b, info_b)) if m in getattr(i, "supervised_maps", [])]


method = c4.selectbox("Map", methods, index=methods.index("umap") if "umap" in methods else 0,
                      format_func=lambda m: m if not _supervised_in(m) else f"{m} (supervised)"
                      if len(_supervised_in(m)) == 2 else f"{m} (supervised in {_supervised_in(m)[0]})")
supervised = _supervised_in(method)
if supervised:
    st.caption(f"Supervised map in {' and '.join(map(common.md, supervised))}: the {method} layout "
               "was fitted with the labels as its target, so classes are pulled apart by their "
               "labels, not only by the vectors"
               + ("." if len(supervised) == 2 else "; the other map was not, so the two differ "
                                                   "by that as well."))
stamp = (info_a.updated_at, info_a.indexed, info_b.updated_at, info_b.indexed)


@st.cache_data(max_entries=8, show_spinner="comparing neighbourhoods…")
def _compare(a: str, b: str, k: int, stamp: tuple):
    return cl.compare(a, b, k)


@st.cache_data(max_entries=8, show_spinner="aligning the maps…")
def _aligned(a: str, b: str, method: str, stamp: tuple) -> pd.DataFrame:
    return cl.aligned_maps(a, b, method)


@st.cache_resource(max_entries=8, show_spinner=False)
def _views(a: str, b: str, method: str, stamp: tuple):
    aligned = _aligned(a, b, method, stamp)
    out = []
    for side in ("a", "b"):
        g = mapview.geometry(pd.DataFrame({"image_id": aligned[f"image_id_{side}"],
                                           "x": aligned[f"x_{side}"], "y": aligned[f"y_{side}"]}))
        out.append((g, mapview.encode(g.align(aligned[f"image_id_{side}"], aligned["label"]), "label")))
    return aligned, out


try:
    result = _compare(a, b, k, stamp)
    aligned, ((g_a, spec_a), (g_b, spec_b)) = _views(a, b, method, stamp)
except ImgsearchError as e:
    st.error(common.md(str(e)))
    st.stop()

st.markdown(f"**{result.n_common:,} images in common** (matched by content) · mean neighbour overlap "
            f"@{k}: **{result.overlap_mean:.0%}** · {common.md(result.verdict)}")

# -- the chosen image (by content), from a click on either map or the 'changed' list ------------
sha_of_a = dict(zip(aligned["image_id_a"], aligned["sha256"]))
sha_of_b = dict(zip(aligned["image_id_b"], aligned["sha256"]))
row_of = aligned.set_index("sha256")
state = st.session_state.setdefault("compare-sel", {"sha": None, "token": None})
for side, lookup in (("a", sha_of_a), ("b", sha_of_b)):
    ev = st.session_state.get(f"cmp-{side}-{a}-{b}")
    if ev and ev.get("id") not in state.setdefault("seen", []):
        state["seen"].append(ev["id"])
        state["sha"] = lookup.get(int(ev["image_id"])) if ev["kind"] == "click" else None
        state["token"] = ev["id"]
sha = state["sha"] if state["sha"] in row_of.index else None


def _selection(side: str):
    if sha is None:
        return {"kind": "none", "token": f"none-{state['token']}"}
    return {"kind": "ids", "ids": [int(row_of.loc[sha, f"image_id_{side}"])], "token": f"{side}-{state['token']}-{sha}"}


left, right = st.columns(2)
for box, side, col, g, spec in ((left, "a", col_a, g_a, spec_a), (right, "b", col_b, g_b, spec_b)):
    with box:
        st.markdown(f"**{common.md(col.name)}**" + (" (A" if side == "a" else " (B")
                    + (", supervised map)" if col.name in supervised else ")"))
        mapview.deck_map(g, colour=spec, key=f"cmp-{side}-{a}-{b}", thumb_url=common.thumb_url(col),
                         selection=_selection(side), height=460)

if sha is not None:
    r = row_of.loc[sha]
    ia, ib = int(r["image_id_a"]), int(r["image_id_b"])
    st.subheader(f"Image #{ia} in {a} (#{ib} in {b}): its neighbours under both")
    try:
        na = col_a.search(ia, k=k, exclude_self=True).to_frame()
        nb = col_b.search(ib, k=k, exclude_self=True).to_frame()
    except ImgsearchError as e:
        st.error(common.md(str(e)))
        st.stop()
    common_a = {sha_of_a.get(i) for i in na["image_id"]} & {sha_of_b.get(i) for i in nb["image_id"]}
    common_a.discard(None)
    pic, text = st.columns([1, 5])
    thumb = common.thumbnail(col_a, ia, 240)
    if thumb is not None:
        pic.image(thumb, width="stretch")
    text.markdown(f"label: **{common.md(r['label'])}** · {common.md(r['path'])}  \n"
                  f"{len(common_a)} of its {k} neighbours are the same images under both.")
    ga, gb = st.columns(2)
    with ga:
        st.markdown(f"**Under {a}**")
        common.gallery(col_a, na, columns=4, caption_cols=("label",), similar=False)
    with gb:
        st.markdown(f"**Under {b}**")
        common.gallery(col_b, nb, columns=4, caption_cols=("label",), similar=False)

st.subheader("Classes that separate better or worse")
per_class = pd.DataFrame([c.model_dump() for c in result.per_class])
if per_class.empty:
    st.caption("No labels: only the neighbour overlap can be compared.")
else:
    per_class = per_class.sort_values(["delta", "label"], ascending=[False, True])
    fig = go.Figure(go.Bar(x=per_class["delta"], y=per_class["label"].astype(str), orientation="h",
                           marker_color=["#0072B2" if d > 0 else "#D55E00" for d in per_class["delta"]],
                           hovertemplate="%{y}: silhouette change %{x:.3f}<extra></extra>"))
    fig.update_layout(title=f"Silhouette change per class, {b} minus {a} (blue: better in {b})",
                      height=min(600, 120 + 22 * len(per_class)), margin={"l": 0, "r": 0, "t": 40, "b": 0},
                      yaxis={"type": "category", "autorange": "reversed"}, xaxis={"zeroline": True})
    st.plotly_chart(fig, key="compare-classes", config={"displayModeBar": False})   # no toolbar over the title
    st.dataframe(per_class.rename(columns={"silhouette_a": f"silhouette in {a}",
                                           "silhouette_b": f"silhouette in {b}"}),
                 hide_index=True)

st.subheader("Images whose neighbourhoods changed most")
st.caption(f"overlap = the share of an image's {k} nearest neighbours that are the same images under "
           "both; lowest first (ties by content hash).")
changed = pd.DataFrame([c.model_dump() for c in result.changed]).head(18)
if changed.empty:
    st.caption("(none)")
else:
    grid = st.columns(6)
    for i, row in enumerate(changed.to_dict(orient="records")):
        with grid[i % 6]:
            thumb = common.thumbnail(col_a, row["image_id_a"])
            if thumb is not None:
                st.image(thumb, width="stretch")
            st.caption(f"#{row['image_id_a']} · {common.md(row['label'])} · overlap {row['overlap']:.0%}")
            if st.button("show neighbours", key=f"cmp-show-{row['sha256'][:16]}", type="tertiary"):
                state.update(sha=row["sha256"], token=f"list-{row['sha256'][:12]}")
                st.rerun()
