"""Search: upload an image (or give an indexed id or path) and see the most similar images."""
import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common

st.title("Search")
col = common.collection()
table = col.table(columns=["image_id", "path", "label", "split", "tags"])

with st.sidebar:
    st.subheader("Filters")
    labels = st.multiselect("Label", sorted(table["label"].dropna().unique()))
    splits = st.multiselect("Split", sorted(table["split"].dropna().unique()))
    all_tags = sorted({t for tags in table["tags"] for t in (tags if tags is not None else [])})
    tags = st.multiselect("Tag", all_tags)
    min_score = st.slider("Minimum score", -1.0, 1.0, -1.0, 0.01)
    k = st.slider("Results", 1, 50, 12)

# One query at a time: the one the user set last (an upload, or an id/path typed or sent here by
# "find similar") wins, and it is drawn above its results, so a result list always says what
# it answers.
ID_TAB = "Indexed id or path"


def _chose(which: str) -> None:
    st.session_state["search-active"] = which


if "search_query" in st.session_state:   # "find similar" elsewhere in the app sends its image here
    st.session_state["search-id"] = st.session_state.pop("search_query")
    st.session_state["search-active"] = "id"
    st.session_state["search-tab"] = ID_TAB
tab_upload, tab_id = st.tabs(["Upload", ID_TAB], key="search-tab", on_change="rerun")
uploaded = typed = None
id_error = None
with tab_upload:
    upload = st.file_uploader("An image (jpg, png, webp)", type=["jpg", "jpeg", "png", "webp"],
                              key="search-upload", on_change=_chose, args=("upload",))
    if upload is not None:
        data = upload.getvalue()
        image = common.decode_upload(data)   # bytes stay in memory
        if image is not None:
            uploaded = (data, image, upload.name)
with tab_id:
    text = st.text_input("Image id or indexed path", key="search-id", on_change=_chose, args=("id",))
    if text.strip():
        if text.strip().isdigit():
            typed = int(text.strip())
        else:
            match = table[table["path"] == text.strip()]
            if match.empty:
                id_error = f"{common.md(repr(text.strip()))} is not an indexed path"
            else:
                typed = int(match["image_id"].iloc[0])

active = st.session_state.get("search-active") or ("id" if text.strip() else "upload")
if active == "upload" and upload is None and text.strip():     # the upload was removed
    active = "id"
elif active == "id" and not text.strip() and upload is not None:
    active = "upload"
if active == "id" and id_error:
    st.error(id_error)          # alone: no results of an earlier query under it
    st.stop()
query = None
if active == "upload" and uploaded is not None:
    query = uploaded[0]
    left, right = st.columns([1, 4])
    left.image(uploaded[1], width="stretch")
    right.markdown(f"**Query:** the uploaded file {common.md(uploaded[2])}")
elif active == "id" and typed is not None:
    query = typed
    left, right = st.columns([1, 4])
    thumb = common.thumbnail(col, typed)
    if thumb is not None:
        left.image(thumb, width="stretch")
    row = table[table["image_id"] == typed]
    where = f" · {common.md(row['path'].iloc[0])} · label {common.md(row['label'].iloc[0])}" \
        if len(row) else ""
    right.markdown(f"**Query:** image #{typed}{where}")

if query is not None:
    filters = {c: v for c, v in (("label", labels), ("split", splits), ("tags", tags)) if v}
    try:
        result = col.search(query, k=k, filters=filters or None,
                            min_score=None if min_score <= -1 else min_score)
        hits = result.to_frame()
    except ImgsearchError as e:
        st.error(common.md(str(e)))
        st.stop()
    st.subheader(f"{len(hits)} most similar")
    st.caption(f"In rank order: {result.ordered_by} (the similarity under each image).")
    st.markdown('<div id="search-results"></div>', unsafe_allow_html=True)
    chosen = common.gallery(col, hits, columns=6, scope="search", score_name="similarity")
    common.tag_controls(col, chosen, key="search")
    st.dataframe(hits[["rank", "image_id", "path", "score", "label", "prediction", "confidence"]]
                 .assign(label=hits["label"].map(common.shown),
                         prediction=hits["prediction"].map(common.shown)),
                 hide_index=True)
else:
    st.caption("Upload an image or give an id to search.")
