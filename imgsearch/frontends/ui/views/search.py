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

tab_upload, tab_id = st.tabs(["Upload", "Indexed id or path"])
query = None
with tab_upload:
    upload = st.file_uploader("An image (jpg, png, webp)", type=["jpg", "jpeg", "png", "webp"])
    if upload is not None:
        data = upload.getvalue()
        image = common.decode_upload(data)   # bytes stay in memory
        if image is not None:
            st.image(image, width=240, caption="query")
            query = data
with tab_id:
    if "search_query" in st.session_state:   # "find similar" elsewhere in the app puts its image here
        st.session_state["search-id"] = st.session_state.pop("search_query")
    text = st.text_input("Image id or indexed path", key="search-id")
    if text.strip():
        if text.strip().isdigit():
            query = int(text.strip())
        else:
            match = table[table["path"] == text.strip()]
            if match.empty:
                st.error(f"{common.md(repr(text.strip()))} is not an indexed path")
            else:
                query = int(match["image_id"].iloc[0])

if query is not None:
    filters = {c: v for c, v in (("label", labels), ("split", splits), ("tags", tags)) if v}
    try:
        hits = col.search(query, k=k, filters=filters or None,
                          min_score=None if min_score <= -1 else min_score).to_frame()
    except ImgsearchError as e:
        st.error(common.md(str(e)))
        st.stop()
    st.subheader(f"{len(hits)} most similar")
    st.markdown('<div id="search-results"></div>', unsafe_allow_html=True)
    chosen = common.gallery(col, hits, columns=6, scope="search", score_name="similarity")
    common.tag_controls(col, chosen, key="search")
    st.dataframe(hits[["image_id", "path", "score", "label", "prediction", "confidence"]]
                 .assign(label=hits["label"].map(common.shown),
                         prediction=hits["prediction"].map(common.shown)),
                 hide_index=True)
else:
    st.caption("Upload an image or give an id to search.")
