"""Map: every image as a point (thumbnails when zoomed in); click one for its neighbours, lasso
a region to look at, pick, tag or export it."""
import io

import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common, mapview, spaces

PAGE = 30   # thumbnails per page of a selection

st.title("Map")
col = common.collection()
info = col.info()
stored = info.maps
if not stored:
    space = spaces.space_of(col)
    if space == spaces.DEFAULT:
        st.info(f"Collection '{col.name}' has no map yet. Run `imgsearch map --collection {col.name}`, "
                "or compute one here.")
    else:     # each space has maps of its own
        st.info(f"Space '{space}' of '{col.name}' has no map yet. Run "
                f"`imgsearch map -c {col.name} --space {space}`, or compute one here.")
    if st.button("Compute a UMAP map now"):
        with st.spinner("PCA → UMAP …"):
            col.build_map("umap")
        st.rerun()
    st.stop()

c1, c2, c3 = st.columns([1, 2, 1])
supervised = set(getattr(info, "supervised_maps", []))
method = c1.selectbox("Map", stored, index=stored.index("umap") if "umap" in stored else 0,
                      format_func=lambda m: f"{m} (supervised)" if m in supervised else m)
if method in supervised:
    st.caption(f"Supervised map: the {method} layout was fitted with the labels as its target, "
               "so classes are pulled apart by their labels, not only by the vectors.")
version = common.map_version(info, method)
try:
    g, unplaced, total = common.map_geometry(col, method, version)
    attrs = common.map_attributes(col, method, version)
except ImgsearchError as e:
    st.error(common.md(str(e)))
    st.stop()

candidates = [c for c in attrs.columns if c != "image_id"]
offered = [c for c in candidates if common.computed(attrs, c)]
not_yet = [c for c in candidates if c in common.ANALYSIS_COLUMNS and c not in offered]
default = "label" if "label" in offered else (offered[0] if offered else None)
colour = c2.selectbox("Colour by", offered, index=offered.index(default) if default else 0,
                      key=f"colour-{spaces.label(col)}",
                      help="Only columns that hold values are listed; compute the others below.")
k = c3.slider("Neighbours", 3, 30, 8)

if unplaced:
    left, right = st.columns([4, 1])
    left.info(f"{unplaced:,} of {total:,} images are not on the map yet (indexed since the map was "
              f"fitted); the {g.n:,} placed are drawn. Indexing places new images at each checkpoint.")
    if right.button("Place them now"):
        with st.spinner("placing…"):
            col.place_new(method)
        st.rerun()


def _compute(which: str) -> None:
    """Compute an analysis column and save it (a callback: it runs before the page redraws)."""
    try:
        with st.spinner(f"computing {common.ANALYSIS_COLUMNS[which]}…"):
            common.compute_column(col, which)
        common.changed(col.name)
        st.session_state[f"colour-{spaces.label(col)}"] = which
    except ImgsearchError as e:
        st.session_state["flash"] = ("error", str(e))


if not_yet:
    with st.expander(f"More colours: {', '.join(not_yet)} (not computed yet)"):
        if spaces.space_of(col) != spaces.DEFAULT:    # the saved columns are the default space's
            st.caption("These columns hold the default space's results: compute them with the "
                       "space picker on `default`.")
        else:
            which = st.selectbox("Compute", not_yet,
                                 format_func=lambda c: f"{c} ({common.ANALYSIS_COLUMNS[c]})")
            st.button("Compute and save it", key="compute-col", on_click=_compute, args=(which,))
common.flash()

# -- the selection: the browser's events, remembered per collection and map ---------------------
key = f"map-{spaces.label(col)}-{method}"
sel_key = f"mapsel-{spaces.label(col)}-{method}"
sel = st.session_state.get(sel_key, {"kind": "none", "token": None, "ids": []})
event = st.session_state.get(key)
if event and event.get("id") != sel.get("token"):
    if event["kind"] == "click":
        sel = {"kind": "click", "image_id": int(event["image_id"]), "token": event["id"],
               "ids": [int(event["image_id"])]}
    elif event["kind"] == "lasso":
        ids = mapview.lasso_ids(g, event["polygon"])
        sel = {"kind": "lasso", "polygon": event["polygon"], "token": event["id"],
               "ids": ids.tolist()}
        st.session_state["selection-page"] = 1
    elif event["kind"] == "clear":
        sel = {"kind": "none", "token": event["id"], "ids": []}
    st.session_state[sel_key] = sel
selected = sel["ids"]
clicked = sel.get("image_id") if sel["kind"] == "click" else None

neighbours = None
if clicked is not None:
    try:
        neighbours = col.search(int(clicked), k=k, exclude_self=True).to_frame()
    except ImgsearchError as e:
        st.warning(common.md(str(e)))

hover = [common.encoded(col, g, attrs, method, version, c) for c in ("label", "prediction")
         if c in offered]
spec = common.encoded(col, g, attrs, method, version, colour) if colour else None
mapview.deck_map(
    g, colour=spec, hover=hover, key=key, thumb_url=common.thumb_url(col),
    sprites=common.sprites(col, g, method, version),
    selection={k_: v for k_, v in sel.items() if k_ != "ids"},
    neighbours=[int(clicked), *neighbours["image_id"].tolist()] if neighbours is not None else None,
    note=f"{unplaced:,} not placed yet" if unplaced else "")


@st.fragment(run_every=4)
def _watch(drawn: tuple):
    """Redraw when images are added or placed (an index job from the CLI, say)."""
    try:
        now = common.map_version(col.info(), method)
    except ImgsearchError:
        return
    if now[:3] != drawn[:3]:
        st.rerun(scope="app")


_watch(version)

if clicked is not None and neighbours is not None:
    st.subheader(f"Image #{clicked} and its {k} nearest neighbours")
    left, right = st.columns([1, 3])
    with left:
        thumb = common.thumbnail(col, clicked, 320)
        if thumb is not None:
            st.image(thumb, width="stretch")
        try:
            rec = col.image(clicked)
            st.caption(f"{common.md(rec.path)}\n\nlabel: {common.md(rec.label)} · prediction: "
                       f"{common.md(rec.prediction)}")
        except ImgsearchError as e:
            st.caption(common.md(str(e)))
        if st.button("Find similar", key="similar-clicked", type="primary"):
            common.find_similar(clicked)
    with right:
        st.markdown('<div id="neighbour-gallery"></div>', unsafe_allow_html=True)
        near = neighbours.head(k)
        chosen = common.gallery(col, near, columns=4, scope=f"nb{clicked}")
        common.tag_controls(col, chosen, key="nb")
elif len(selected) > 1 or (sel["kind"] == "lasso"):
    n = len(selected)
    st.subheader(f"{n:,} images selected")
    if n:
        pages = max(1, -(-n // PAGE))
        page = st.number_input(f"Page (of {pages}, {PAGE} a page)", 1, pages, key="selection-page") \
            if pages > 1 else 1
        shown_ids = selected[(page - 1) * PAGE: page * PAGE]
        table = col.table(where=f"image_id IN ({', '.join(map(str, shown_ids))})",
                          columns=["image_id", "path", "label", "prediction", "confidence", "tags"])
        table = table.set_index("image_id").reindex(shown_ids).reset_index()
        chosen = common.gallery(col, table, columns=6, scope="sel")
        st.markdown('<div id="selection-table"></div>', unsafe_allow_html=True)
        view = table.assign(picked=table["image_id"].isin(chosen),
                            label=table["label"].map(common.shown),
                            prediction=table["prediction"].map(common.shown),
                            tags=table["tags"].map(lambda t: ", ".join(t) if t is not None and len(t) else ""))
        st.dataframe(view[["picked", "image_id", "path", "label", "prediction", "confidence", "tags"]],
                     hide_index=True, height=min(420, 38 + 35 * len(view)), key="selection-df")
        common.tag_controls(col, chosen, key="sel", all_ids=selected)
        if n <= 5000:
            d1, d2 = st.columns(2)
            ms, plain = io.StringIO(), io.StringIO()
            col.export_metascatter(ms, method=method, ids=selected)
            col.export_subset(plain, exclude_tag=None, ids=selected)
            d1.download_button("Metascatter CSV of the selection", ms.getvalue(),
                               "selection_metascatter.csv", "text/csv")
            d2.download_button("Paths + labels CSV", plain.getvalue(), "selection.csv", "text/csv")
        else:
            st.caption("To export this many, tag them all, then export the tag from Curate → Export "
                       "or `imgsearch export`.")
    else:
        st.caption("The lasso caught no point.")
else:
    st.caption("Hover a point for its thumbnail; click one for its neighbours; choose Lasso and draw "
               "around a region to select it; zoom in to see thumbnails on the map.")
