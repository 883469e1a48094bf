"""The analysis pages of the Streamlit app, headless, on a small real collection
(streamlit.testing AppTest): investigate, curate and compare."""
import re

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

import imgsearch  # noqa: E402

from .ui_app import UI, app, clients, ui_home  # noqa: E402, F401


def test_investigate_page_explains_a_confused_pair(app):
    at = app("investigate.py")
    assert len(at.get("plotly_chart")) == 2          # the matrix and the centroid chart
    assert at.selectbox[0].value is not None
    assert any(m.value.startswith("### ") for m in at.markdown)   # the verdict
    votes = [m.value for m in at.markdown if m.value.startswith("Neighbour vote")]
    assert len(votes) == 1 and "{" not in votes[0]
    assert not any("{'" in m.value for m in list(at.markdown) + list(at.caption))   # the vote once, no dict
    assert any("its label" in s.value for s in at.subheader)
    assert [c for c in at.checkbox if c.label.startswith("pick #")]
    import json
    chart = json.loads(at.get("plotly_chart")[1].proto.spec)
    sims = _values(chart["data"][0]["x"])
    assert sims == sorted(sims, reverse=True)        # sorted, best first
    lo, hi = chart["layout"]["xaxis"]["range"]
    spread = max(sims) - min(sims)
    assert lo <= min(sims) and hi >= max(sims) and hi - lo <= 1.4 * spread + 0.011   # zoomed in
    assert "similarity" in chart["layout"]["title"]["text"].lower()
    # every class on the matrix's axes; a vote says how many of how many; no toolbar over titles
    matrix = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(matrix["layout"]["xaxis"]["tickvals"]) == len(set(_values(matrix["data"][0]["x"])))
    assert len(matrix["layout"]["yaxis"]["tickvals"]) == len(set(_values(matrix["data"][0]["y"])))
    assert all(json.loads(c.proto.config)["displayModeBar"] is False for c in at.get("plotly_chart"))
    assert re.search(r"\*\*\d+ of \d+ labelled '", votes[0])
    assert "neighbourhood" not in [m.value for m in at.markdown if m.value.startswith("### ")][0]


def _values(v):
    """A plotly array from the chart's JSON (plain list or base64 typed array)."""
    if isinstance(v, dict):
        import base64
        import numpy as np
        return np.frombuffer(base64.b64decode(v["bdata"]), v["dtype"]).tolist()
    return v


def test_curate_page_computes_only_the_open_tab(app):
    at = app("curate.py")
    assert not at.exception
    assert any("groups," in c.value for c in at.caption)             # the first tab ran
    assert not any("curated subset" in m.value for m in at.markdown)  # the others did not
    dup_boxes = [c for c in at.checkbox if c.label.startswith("pick #")]
    if dup_boxes:
        assert any("keeps" in m.value for m in at.markdown)


def test_curate_label_issues_explain_their_score(app, monkeypatch):
    at = AppTest.from_file(str(UI / "views" / "curate.py"), default_timeout=60)
    at.session_state["curate-tab"] = "Label issues"
    at.run()
    assert not at.exception
    assert any("neighbours say" in c.value for c in at.caption)
    boxes = [c for c in at.checkbox if c.label.startswith("pick #")]
    assert len(boxes) == 20


def test_compare_page(app, ui_home, digits_dir):
    imgsearch.index_images(digits_dir, "uidigits4", model="pixels", size=4,
                           labels=digits_dir / "labels.csv", home=ui_home, workers=0, progress=False)
    for cl in list(clients()):
        cl.close()
    with imgsearch.open_collection("uidigits4", home=ui_home) as col:
        col.build_map("pca")
    at = app("compare.py")
    assert not at.exception
    assert any("images in common" in m.value for m in at.markdown)
    assert any("separate better or worse" in s.value for s in at.subheader)
    first = [b for b in at.button if b.label == "show neighbours"][0]
    first.click().run()
    assert not at.exception
    assert any("neighbours under both" in s.value for s in at.subheader)


def test_curate_picks_survive_tabs_tags_show_and_the_confirmation_is_beside_its_button(
        app, monkeypatch):
    from imgsearch.api.local import Collection
    calls = []
    real = Collection.duplicates

    def counted(self, *a, **kw):
        calls.append(a)
        return real(self, *a, **kw)
    monkeypatch.setattr(Collection, "duplicates", counted)
    import streamlit as st
    st.cache_data.clear()           # an earlier test may have cached the analysis
    at = app("curate.py")
    assert len(calls) == 1
    at.session_state["curate-tab"] = "Outliers"
    at.run()
    boxes = [c for c in at.checkbox if c.label.startswith("pick #")]
    ticked = int(boxes[2].label.split("#")[1])
    boxes[2].check().run()
    # away to Label issues and back: the tick is still there
    at.session_state["curate-tab"] = "Label issues"
    at.run()
    at.session_state["curate-tab"] = "Outliers"
    at.run()
    box = [c for c in at.checkbox if c.label == f"pick #{ticked}"][0]
    assert box.value is True
    at.text_input(key="out-tag").set_value("review")
    [b for b in at.button if b.label == "Tag 1 picked"][0].click().run()
    assert not at.exception
    # the confirmation is drawn inside the tab, right after the tag buttons, not at the top
    tab = at.tabs[1]
    assert "tagged 1 image 'review'" in tab.success[0].value
    assert not [s for s in at.main.children.values() if s.type == "alert"]
    kinds = [type(e).__name__ for e in tab]
    assert kinds.index("Success") > max(i for i, e in enumerate(tab) if type(e).__name__ == "Button")
    # the gallery shows the image's tags
    assert any(c.value == "tags: review" for c in tab.caption)
    # back to duplicates (a tag was written): not computed again
    at.session_state["curate-tab"] = "Near-duplicates"
    at.run()
    assert not at.exception and len(calls) == 1
    at.session_state["curate-tab"] = "Outliers"      # leave the data as found
    at.run()
    at.text_input(key="out-tag").set_value("review")
    [b for b in at.button if b.label == "Untag 1 picked"][0].click().run()
    assert "untagged 1 image 'review'" in at.tabs[1].success[0].value


def test_curate_export_has_no_show_top_and_groups_are_named_by_their_kept_image(app):
    at = app("curate.py")
    assert [s for s in at.sidebar.slider if s.label == "Show top"]
    heads = [m.value for m in at.markdown if "keeps **#" in m.value]
    for n, head in enumerate(heads, 1):     # numbered 1..n and named by the image they keep
        kept = re.search(r"keeps \*\*#(\d+)\*\*", head).group(1)
        assert head.startswith(f"**{n}. Copies of #{kept}**"), head
    at.session_state["curate-tab"] = "Export"
    at.run()
    assert not at.exception and any("curated subset" in m.value for m in at.markdown)
    assert not [s for s in at.sidebar.slider if s.label == "Show top"]
    at.session_state["curate-tab"] = "Outliers"       # back: the slider keeps its value
    at.run()
    at.sidebar.slider(key="curate-top").set_value(7).run()
    assert len([c for c in at.checkbox if c.label.startswith("pick #")]) == 7
    at.session_state["curate-tab"] = "Export"
    at.run()
    at.session_state["curate-tab"] = "Outliers"
    at.run()
    assert at.sidebar.slider(key="curate-top").value == 7
    assert len([c for c in at.checkbox if c.label.startswith("pick #")]) == 7
