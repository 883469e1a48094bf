"""Curate: near-duplicates, outliers and label-issue suspects; tag them; export the subset."""
import io

import streamlit as st

from imgsearch.errors import ImgsearchError
from imgsearch.frontends.ui import common

st.title("Curate")
col = common.collection()
top = st.sidebar.slider("Show top", 5, 100, 20)
dup_tab, out_tab, lab_tab, export_tab = st.tabs(["Near-duplicates", "Outliers", "Label issues",
                                                 "Export"])

with dup_tab:
    threshold = st.slider("Cosine threshold", 0.5, 1.0, 0.80, 0.01)
    groups = col.duplicates(threshold).to_frame()
    st.caption(f"{groups['duplicate_group'].nunique() if len(groups) else 0} groups, {len(groups)} images")
    for gid, grp in list(groups.groupby("duplicate_group", sort=False))[:top] if len(groups) else []:
        st.markdown(f"**group {gid}** · {grp['kind'].iloc[0]} · {len(grp)} images")
        common.gallery(col, grp.assign(score=grp["similarity_to_kept"]), columns=6, caption_cols=("label",))
        common.tag_controls(col, grp.loc[~grp["kept"], "image_id"].tolist(), key=f"dup{gid}")

with out_tab:
    ranked = col.outliers().to_frame().head(top)
    common.gallery(col, ranked.assign(score=ranked["outlier_score"]), columns=6)
    common.tag_controls(col, ranked["image_id"].tolist(), key="out")

with lab_tab:
    try:
        issues = col.label_issues().to_frame().head(top)
        common.gallery(col, issues.assign(score=issues["label_issue_score"], prediction=issues["knn_label"]),
                       columns=6, caption_cols=("label", "prediction"))
        st.caption("'prediction' here is the neighbours' majority label")
        common.tag_controls(col, issues["image_id"].tolist(), key="lab")
    except ImgsearchError as e:
        st.info(str(e))

with export_tab:
    exclude = st.text_input("Leave out images tagged", "exclude")
    buf = io.StringIO()
    subset = col.export_subset(buf, exclude_tag=exclude or None)
    st.write(f"{len(subset)} images in the curated subset")
    st.download_button("Download paths + labels CSV", buf.getvalue(), f"{col.name}_curated.csv",
                       "text/csv")
