"""Curate: near-duplicates, outliers and label-issue suspects; pick, tag, export the subset.
Each tab is computed only when it is opened."""
import io

import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common, spaces


# The analyses read the vectors (and labels), never the tags: cached per collection and
# parameters, and computed again only when images are indexed (the manifest's stamp changes),
# not on every tag click.
@st.cache_data(max_entries=24, show_spinner=False)
def _analysis(_col, name: str, kind: str, stamp: tuple, param):
    verbs = {"duplicates": lambda: _col.duplicates(param), "outliers": lambda: _col.outliers(),
             "label_issues": lambda: _col.label_issues(method=param)}
    return verbs[kind]().to_frame()


def analysis(kind: str, param=None):
    info = col.info()
    return _analysis(col, spaces.label(col), kind, (info.indexed, info.updated_at), param)


st.title("Curate")
col = common.collection()
dup_tab, out_tab, lab_tab, export_tab = st.tabs(
    ["Near-duplicates", "Outliers", "Label issues", "Export"], on_change="rerun", key="curate-tab")
# "Show top" only where there is a list (not on Export); its value kept apart from the widget,
# whose state Streamlit drops while it is not drawn
st.session_state.setdefault("curate-top-kept", 20)
if not export_tab.open:
    st.session_state["curate-top"] = st.session_state["curate-top-kept"]
    top = st.sidebar.slider("Show top", 5, 100, key="curate-top", on_change=lambda: st.session_state.update(
        {"curate-top-kept": st.session_state["curate-top"]}))

if dup_tab.open:
    with dup_tab:
        threshold = st.slider("Cosine threshold", 0.5, 1.0, 0.55, 0.01)
        st.caption("A pair counts when its similarity is at least the threshold and stands out from both "
                   "images' other neighbours; in each group the first indexed image is kept.")
        with st.spinner("finding near-duplicates…"):
            groups = analysis("duplicates", threshold)
        n_groups = groups["duplicate_group"].nunique() if len(groups) else 0
        st.caption(f"{n_groups} groups, {len(groups)} images")
        shown_groups = list(groups.groupby("duplicate_group", sort=False))[:top] if len(groups) else []
        for n, (gid, grp) in enumerate(shown_groups, 1):
            kept = grp[grp["kept"]]
            kept_id = int(kept["image_id"].iloc[0]) if len(kept) else None
            # named by its number in this list and its kept image: a group id reads like an image id
            st.markdown(f"**{n}. Copies of #{kept_id}** · {grp['kind'].iloc[0]} duplicates · "
                        f"{len(grp)} images · keeps **#{kept_id}** (the first indexed)")
            grp = grp.sort_values(["kept", "similarity_to_kept", "image_id"], ascending=[False, False, True])
            chosen = common.gallery(
                col, grp, columns=6, caption_cols=("label",), scope=f"dup{gid}",
                explain=lambda r: "kept" if r["kept"] else
                f"copy: similarity to #{kept_id} {r['similarity_to_kept']:.3f}")
            common.tag_controls(col, chosen, key=f"dup{gid}")

if out_tab.open:
    with out_tab:
        st.caption("Outlier score = 1 − the mean cosine similarity to its 10 nearest neighbours: "
                   "the higher, the more isolated the image (ties: lower image id first).")
        with st.spinner("scoring outliers…"):
            ranked = analysis("outliers").head(top)
        chosen = common.gallery(col, ranked.assign(score=ranked["outlier_score"]), columns=6,
                                scope="out", score_name="outlier score")
        common.tag_controls(col, chosen, key="out")

if lab_tab.open:
    with lab_tab:
        # the neighbour vote answers in seconds, so the page starts with it; confident
        # learning (the command line's default) fits a cross-validated probe first
        method = st.radio("Method", ["knn", "confident"], horizontal=True, key="lab-method",
                          format_func={"knn": "neighbour vote (fast)",
                                       "confident": "confident learning (cleanlab)"}.get)
        if method == "knn":
            st.caption("Label-issue score = the similarity-weighted share of its 10 nearest neighbours "
                       "that carry another label (1.0: all of them). Ties are broken by how close "
                       "those neighbours are (their mean similarity): closer is a stronger case.")
        else:
            st.caption("Label-issue score = 1 − the probability of the given label, from your class "
                       "probabilities or else from a logistic regression on the vectors that never "
                       "saw the image (5-fold); cleanlab flags the likely errors.")
        try:
            with st.spinner("checking labels…"):
                issues = analysis("label_issues", method).head(top)

            def why(r):
                if method == "knn":
                    return (f"neighbours say {common.shown(r['knn_label'])} (their similarity "
                            f"{r['disagreeing_similarity']:.3f})")
                return (f"more likely {common.shown(r['suggested_label'])}"
                        + (" · flagged by cleanlab" if r.get("is_issue") else ""))
            chosen = common.gallery(
                col, issues.assign(score=issues["label_issue_score"]), columns=6,
                caption_cols=("label",), scope="lab", score_name="label-issue score", explain=why)
            common.tag_controls(col, chosen, key="lab")
        except ImgsearchError as e:
            st.info(common.md(str(e)))

if export_tab.open:
    with export_tab:
        exclude = st.text_input("Leave out images tagged", "exclude")
        buf = io.StringIO()
        with st.spinner("building the subset…"):
            subset = col.export_subset(buf, exclude_tag=exclude or None)
        st.write(f"{len(subset)} images in the curated subset")
        st.download_button("Download paths + labels CSV", buf.getvalue(), f"{col.name}_curated.csv",
                           "text/csv")
