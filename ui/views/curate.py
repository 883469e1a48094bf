"""Curate: near-duplicates, outliers and label-issue suspects; tag them; export the subset."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import io  # noqa: E402

import streamlit as st  # noqa: E402

import common  # noqa: E402
from imgsearch import ImgsearchError, analysis, curation, export  # noqa: E402

st.title("Curate")
col, lock = common.collection()
top = st.sidebar.slider("Show top", 5, 100, 20)
dup_tab, out_tab, lab_tab, export_tab = st.tabs(["Near-duplicates", "Outliers", "Label issues",
                                                 "Export"])

with dup_tab:
    threshold = st.slider("Cosine threshold", 0.5, 1.0, 0.80, 0.01)
    with lock:
        groups = curation.duplicates(col, threshold)
    st.caption(f"{groups['duplicate_group'].nunique()} groups, {len(groups)} images")
    for gid, grp in list(groups.groupby("duplicate_group", sort=False))[:top]:
        st.markdown(f"**group {gid}** · {grp['kind'].iloc[0]} · {len(grp)} images")
        common.gallery(grp, columns=6, caption_cols=("label",))
        common.tag_controls(col, lock, grp["image_id"].tolist()[1:], key=f"dup{gid}")

with out_tab:
    with lock:
        ranked = curation.outliers(col).head(top)
    common.gallery(ranked.assign(score=ranked["outlier_score"]), columns=6)
    common.tag_controls(col, lock, ranked["image_id"].tolist(), key="out")

with lab_tab:
    try:
        with lock:
            issues = analysis.label_issues(col).head(top)
        common.gallery(issues.assign(score=issues["label_issue_score"], prediction=issues["knn_label"]),
                       columns=6, caption_cols=("label", "prediction"))
        st.caption("caption 'pred' here is the neighbours' majority label")
        common.tag_controls(col, lock, issues["image_id"].tolist(), key="lab")
    except ImgsearchError as e:
        st.info(str(e))

with export_tab:
    exclude = st.text_input("Leave out images tagged", "exclude")
    buf = io.StringIO()
    with lock:
        subset = export.subset_csv(col, buf, exclude_tag=exclude or None)
    st.write(f"{len(subset)} images in the curated subset")
    st.download_button("Download paths + labels CSV", buf.getvalue(), f"{col.name}_curated.csv",
                       "text/csv")
