"""The Timeline page on a collection of three spaces (the digits through the `pixels` model at
8, 2 and 4 pixels a side, each with a PCA map; the default space holds the catalog's
predictions, the others none): the moving map coloured by label, prediction or correctness as
the data say; each class's kNN accuracy across the spaces as an independent count finds it;
a moved image picked by its button; and, in a real browser, the slider moving the points and a
click on a point showing that image's neighbours in every space."""
import json

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

import imgsearch  # noqa: E402

from .test_ui_spaces import _arr  # noqa: E402
from .ui_app import UI, clients  # noqa: E402

SPACES = ["default", "p2", "p4"]      # as listed: by name


def build_three(digits_dir, home):
    imgsearch.index_images(digits_dir, "three", model="pixels", size=8, home=home, workers=0,
                           labels=digits_dir / "labels.csv", progress=False)
    with imgsearch.open_collection("three", home=home, workers=0) as col:
        for size in (2, 4):
            col.index(digits_dir, model="pixels", size=size, space=f"p{size}")
        for space in SPACES:
            col.in_space(space).build_map("pca")


@pytest.fixture(scope="module")
def three_home(digits_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("timeline_home")
    build_three(digits_dir, home)
    return home


@pytest.fixture
def env(three_home, monkeypatch):
    import streamlit as st
    from imgsearch.frontends.ui import common
    monkeypatch.setenv("IMGSEARCH_HOME", str(three_home))
    monkeypatch.delenv("IMGSEARCH_COLLECTION", raising=False)
    monkeypatch.delenv("IMGSEARCH_SERVICE_URL", raising=False)
    st.cache_resource.clear()
    common.client.clear()
    yield three_home
    for cl in list(clients()):
        cl.close()
    st.cache_resource.clear()
    common.client.clear()


def root(home):
    from imgsearch.frontends.ui import common
    return common.client(str(home), None).collection("three")


def timeline_page() -> AppTest:
    at = AppTest.from_file(str(UI / "views" / "timeline.py"), default_timeout=120)
    at.query_params["collection"] = "three"
    at.run()
    assert not at.exception, at.exception
    return at


def chart(at, key: str) -> dict:
    found = [c for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id]
    assert found, f"no chart {key}"
    return json.loads(found[-1].proto.spec)


def frame_points(spec: dict, space: str) -> pd.DataFrame:
    """One frame's points: image_id and the colour each is drawn in."""
    frame = next(f for f in spec["frames"] if f["name"] == space)
    trace = frame["data"][0]
    return pd.DataFrame({"image_id": [c[0] for c in trace["customdata"]],
                         "colour": trace["marker"]["color"]})


def legend(spec: dict) -> dict:
    """{legend entry: colour} from the empty traces that draw the legend."""
    return {t["name"]: t["marker"]["color"] for t in spec["data"][1:]}


def test_the_moving_map_is_coloured_by_label_prediction_or_correctness(env):
    table = root(env).table(columns=["image_id", "label", "prediction"]).set_index("image_id")
    at = timeline_page()
    colour = at.radio(key="timeline-colour-three")
    # the default space has predictions (the catalog's): all three colourings are offered
    assert [o.split(" (")[0] for o in colour.options] == ["label", "prediction", "correct"]
    assert colour.value == "label"
    spec = chart(at, "timeline-anim")
    assert [f["name"] for f in spec["frames"]] == SPACES
    keys = legend(spec)
    assert sorted(keys) == [str(d) for d in range(10)] and len(set(keys.values())) == 10
    for space in SPACES:        # every point in its label's colour, in every space
        pts = frame_points(spec, space)
        assert len(pts) == len(table)
        want = table.loc[pts["image_id"], "label"].astype(str).map(keys)
        assert (pts["colour"].to_numpy() == want.to_numpy()).all()

    colour.set_value("prediction").run()
    assert not at.exception, at.exception
    spec = chart(at, "timeline-anim")
    keys = legend(spec)
    grey = keys.pop("(no prediction)")
    pts = frame_points(spec, "default")      # the catalog's predictions, the default's own
    want = table.loc[pts["image_id"], "prediction"].astype(str).map(keys)
    assert (pts["colour"].to_numpy() == want.to_numpy()).all()
    assert (table["prediction"] != table["label"]).sum() > 0       # so that the two differ
    for space in SPACES[1:]:                 # no predictions of their own: grey
        assert set(frame_points(spec, space)["colour"]) == {grey}
    assert any("No predictions in p2, p4." in c.value for c in at.caption)

    colour.set_value("correct").run()
    spec = chart(at, "timeline-anim")
    keys = legend(spec)
    assert set(keys) == {"correct", "wrong", "(no prediction or label)"}
    pts = frame_points(spec, "default")
    wrong = table.loc[pts["image_id"], "prediction"] != table.loc[pts["image_id"], "label"]
    assert ((pts["colour"] == keys["wrong"]).to_numpy() == wrong.to_numpy()).all()
    assert ((pts["colour"] == keys["correct"]).to_numpy() == ~wrong.to_numpy()).all()
    assert set(frame_points(spec, "p2")["colour"]) == {keys["(no prediction or label)"]}


def knn_per_class(col, space: str, labels: pd.Series, k: int = 10) -> dict:
    """Each class's leave-one-out kNN accuracy counted here with numpy: cosine, the k nearest
    others, the most frequent label among them (a tie to the smallest)."""
    ids, vecs = col.in_space(space).indexed_vectors()
    x = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    sim = x @ x.T
    np.fill_diagonal(sim, -np.inf)
    near = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    lab = labels.reindex(ids).astype(str).to_numpy()
    right = np.array([pd.Series(lab[row]).mode().iloc[0] == lab[i] for i, row in enumerate(near)])
    return {c: float(right[lab == c].mean()) for c in sorted(set(lab))}


def test_each_class_is_a_curve_across_the_spaces(env):
    at = timeline_page()
    spec = chart(at, "timeline-classes-chart")
    curves = {t["name"]: t["y"] for t in spec["data"]}
    labels = root(env).table(columns=["image_id", "label"]).set_index("image_id")["label"]
    counts = labels.astype(str).value_counts()
    assert sorted(curves) == sorted(f"{c} ({counts[c]})" for c in counts.index)
    assert all(t["x"] == SPACES for t in spec["data"])
    counted = {s: knn_per_class(root(env), s, labels) for s in SPACES}
    for name, ys in curves.items():
        label = name.split(" (")[0]
        # the same count (a neighbour tied in distance may be ordered otherwise: 1%)
        assert np.allclose(ys, [counted[s][label] for s in SPACES], atol=0.01), (name, ys)
    # the classes part as the pixels go: every class is told apart best at 8 pixels a side
    assert all(ys[0] >= ys[1] for ys in curves.values())
    assert min(ys[1] for ys in curves.values()) < 0.6 < min(ys[0] for ys in curves.values())


def test_a_moved_image_is_picked_by_its_button(env):
    col = root(env)
    want = col.timeline(SPACES, k=10)
    at = timeline_page()
    assert at.number_input[0].value == want.changed[0].image_id        # the first, to begin with
    last = want.changed[-1]
    button = at.button(key=f"timeline-pick-{last.before}-{last.after}-{last.image_id}")
    button.click().run()
    assert not at.exception, at.exception
    assert at.number_input[0].value == last.image_id
    near = [{f"#{h.image_id}" for h in col.in_space(s).search(last.image_id, k=6,
                                                               exclude_self=True).hits}
            for s in SPACES]
    shown = [c.value.split(" ·")[0] for c in at.caption if c.value.startswith("#")]
    assert [set(shown[-18:-12]), set(shown[-12:-6]), set(shown[-6:])] == near
    assert near[0] != near[1]
    # on the moving map: the picked image drawn large in every frame, its neighbours in each
    # space ringed in that space's frame
    spec = chart(at, "timeline-anim")
    for space, ids in zip(SPACES, near):
        frame = next(f for f in spec["frames"] if f["name"] == space)["data"][0]
        size = dict(zip((c[0] for c in frame["customdata"]), _arr(frame["marker"]["size"])))
        assert {f"#{i}" for i, v in size.items() if v == 10} == ids
        assert [i for i, v in size.items() if v == 15] == [last.image_id]


POINTS = """(el) => Array.from(el.querySelectorAll('g.trace.scatter')[0]
    .querySelectorAll('path.point')).map(p => p.getAttribute('transform'))"""
CURRENT = "g.slider-group > text.slider-label"       # the slider's "space: NAME"
POINT_ID = """(p) => { const gd = p.closest('.js-plotly-plot');
    return gd._fullData[0].customdata[p.__data__.i][0]; }"""
# the point farthest from any other on the screen: a click there hits it and no other
LONELY = """(el) => { const xy = Array.from(el.querySelectorAll('g.trace.scatter')[0]
    .querySelectorAll('path.point')).map(p => p.getAttribute('transform')
    .match(/translate\\(([^,]+),([^)]+)\\)/).slice(1).map(Number));
  let best = 0, far = -1;
  xy.forEach((a, i) => { let near = Infinity;
    xy.forEach((b, j) => { if (i !== j) near = Math.min(near, Math.hypot(a[0] - b[0], a[1] - b[1])); });
    if (near > far) { far = near; best = i; } });
  return best; }"""


def test_the_timeline_of_three_spaces_in_a_real_browser(digits_dir, tmp_path):
    """The slider moves the points to the next space's map; a click on a point picks that
    image and shows its neighbours in each of the three spaces."""
    from .browser import have_chromium, launch, settle, streamlit_app
    if not have_chromium():
        pytest.skip("Debian chromium not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    home = tmp_path / "home"
    build_three(digits_dir, home)
    with streamlit_app(home) as url, sync_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(120_000)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/timeline?collection=three")
        plot = page.locator(".js-plotly-plot").last
        plot.locator("path.point").first.wait_for()
        settle(page)
        plot.scroll_into_view_if_needed()
        before = plot.evaluate(POINTS)
        # the slider: its last step (p4) by a click on the rail under its label
        label = plot.locator("g.slider-label-group").last
        assert label.text_content() == "p4"
        box = label.bounding_box()
        rail = plot.locator("rect.slider-rail-touch-rect").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, rail["y"] + rail["height"] / 2)
        page.wait_for_function("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                               f".pop().querySelector('{CURRENT}').textContent === 'space: p4'")
        page.wait_for_timeout(1500)                 # the points' move ends
        after = plot.evaluate(POINTS)
        assert len(before) == len(after) == 1797
        moved = sum(a != b for a, b in zip(before, after))
        assert moved > 1700, moved                  # every point to its place in p4's map
        # a click on a point picks its image
        point = plot.locator("g.trace.scatter").first.locator("path.point").nth(plot.evaluate(LONELY))
        picked = int(point.evaluate(POINT_ID))
        spot = point.bounding_box()
        page.mouse.click(spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)
        box = page.locator('[data-testid="stNumberInput"] input').last
        page.wait_for_function(f"() => Array.from(document.querySelectorAll("
                               f"'[data-testid=\"stNumberInput\"] input')).pop().value === '{picked}'")
        page.get_by_text("An image's neighbours in each space").scroll_into_view_if_needed()
        page.wait_for_timeout(2000)
        assert box.input_value() == str(picked)
        captions = [c for c in page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
                    if c.startswith("#")]
        # the slider stays on the space the click was in
        assert plot.locator(CURRENT).text_content() == "space: p4"
        browser.close()
    assert not errors, errors
    shown = [c.split(" ·")[0] for c in captions[-18:]]
    with imgsearch.open_collection("three", home=home, workers=0) as col:
        near = [{f"#{h.image_id}" for h in col.in_space(s).search(picked, k=6, exclude_self=True).hits}
                for s in SPACES]
    assert [set(shown[:6]), set(shown[6:12]), set(shown[12:])] == near
    assert len(set.union(*near)) > 6                # the spaces disagree


def test_a_space_is_coloured_by_its_own_predictions_locally_and_through_the_service(
        digits_dir, tmp_path, monkeypatch):
    """A space indexed with the user's checkpoint (a head that says 'dog' for every image) has
    predictions of its own; the default space (pixels, labels without predictions) has none.
    Its frame is coloured by them, its correctness is 'wrong' throughout, and the service
    gives the same predictions as the collection itself."""
    pytest.importorskip("torch")
    import shutil

    import streamlit as st
    from fastapi.testclient import TestClient

    from imgsearch.api.remote import RemoteClient
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.rest.app import create_app
    from imgsearch.frontends.ui import common

    from .conftest import write_dog_checkpoint
    write_dog_checkpoint(tmp_path)
    src = tmp_path / "few"
    labels = pd.read_csv(digits_dir / "labels.csv").groupby("label").head(4)
    for rel in labels["path"]:
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(digits_dir / rel, src / rel)
    labels[["path", "label"]].to_csv(tmp_path / "labels.csv", index=False)
    home = tmp_path / "home"
    imgsearch.index_images(src, "mine", model="pixels", size=8, labels=tmp_path / "labels.csv",
                           home=home, workers=0, progress=False)
    with imgsearch.open_collection("mine", home=home, workers=0) as col:
        col.index(src, model="resnet18", weights=tmp_path / "my.pt",
                  classes=tmp_path / "classes.txt", runtime="torch", space="net")
        for space in ("default", "net"):
            col.in_space(space).build_map("pca")
        local = col.in_space("net").predictions().sort_values("image_id", ignore_index=True)
        assert len(local) == 40 and set(local["prediction"]) == {"dog"}
        assert col.predictions().empty                       # pixels has no head
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        secret = "0123456789abcdef" * 4
        remote = RemoteClient("http://testserver", None, secret=secret)
        remote.http = TestClient(create_app(svc, token="", secret=secret),
                                 headers={"X-Imgsearch-Secret": secret})
        through = remote.collection("mine").in_space("net").predictions()
        pd.testing.assert_frame_equal(through.sort_values("image_id", ignore_index=True), local,
                                      check_dtype=False)
        monkeypatch.setattr(common, "current_client", lambda: remote)
        st.cache_data.clear()
        at = AppTest.from_file(str(UI / "views" / "timeline.py"), default_timeout=120)
        at.query_params["collection"] = "mine"
        at.run()
        assert not at.exception, at.exception
        at.radio(key="timeline-colour-mine").set_value("prediction").run()
        spec = chart(at, "timeline-anim")
        keys = legend(spec)
        assert set(frame_points(spec, "net")["colour"]) == {keys["dog"]}
        assert set(frame_points(spec, "default")["colour"]) == {keys["(no prediction)"]}
        at.radio(key="timeline-colour-mine").set_value("correct").run()
        spec = chart(at, "timeline-anim")
        assert set(frame_points(spec, "net")["colour"]) == {legend(spec)["wrong"]}
    finally:
        svc.close()


def test_many_classes_are_picked_the_worst_first(digits_dir, tmp_path, monkeypatch):
    """Twenty classes (each digit split in two by its file's number): the per-class chart
    draws the eight the last space tells apart worst, and the classes picked after that."""
    import streamlit as st

    from imgsearch.frontends.ui import common
    labels = pd.read_csv(digits_dir / "labels.csv")[["path", "label"]]
    labels["label"] = [f"{d}{'ab'[i % 2]}" for i, d in enumerate(labels["label"])]
    labels.to_csv(tmp_path / "twenty.csv", index=False)
    home = tmp_path / "home"
    imgsearch.index_images(digits_dir, "twenty", model="pixels", size=4, home=home, workers=0,
                           labels=tmp_path / "twenty.csv", progress=False)
    with imgsearch.open_collection("twenty", home=home, workers=0) as col:
        col.index(digits_dir, model="pixels", size=8, space="p8")
        want = col.timeline(["default", "p8"], k=10)
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    monkeypatch.delenv("IMGSEARCH_SERVICE_URL", raising=False)
    monkeypatch.delenv("IMGSEARCH_COLLECTION", raising=False)
    st.cache_resource.clear()
    common.client.clear()
    try:
        at = AppTest.from_file(str(UI / "views" / "timeline.py"), default_timeout=120)
        at.query_params["collection"] = "twenty"
        at.run()
        assert not at.exception, at.exception
        picker = at.multiselect(key="timeline-classes-twenty")
        assert len(picker.options) == 20
        worst = sorted(want.per_class, key=lambda c: c.knn_accuracy[-1])[:8]
        assert sorted(picker.value) == sorted(c.label for c in worst)
        drawn = {t["name"]: t["y"] for t in chart(at, "timeline-classes-chart")["data"]}
        assert drawn == {f"{c.label} ({c.n})": c.knn_accuracy for c in worst}
        assert max(c.knn_accuracy[-1] for c in worst) < min(
            c.knn_accuracy[-1] for c in want.per_class if c not in worst)
        picker.set_value(["3a", "8b"]).run()
        assert [t["name"].split(" ")[0] for t in chart(at, "timeline-classes-chart")["data"]] \
            == ["3a", "8b"]
    finally:
        for cl in list(clients()):
            cl.close()
        st.cache_resource.clear()
        common.client.clear()


def test_a_click_names_the_image_and_the_space_it_was_clicked_in():
    """The chart's selection event as the browser sends it (seen in the browser test): the
    image from its customdata (or, where that comes as a typed array, from its index, one
    image order in every frame), the space from where the point was."""
    from imgsearch.frontends.ui.timeline_maps import clicked
    steps = pd.DataFrame({"space": ["a"] * 3 + ["b"] * 3, "image_id": [4, 7, 9] * 2,
                          "x": [0.0, 1.0, 2.0, 5.0, 6.0, 7.0], "y": [0.0] * 6})
    point = {"curve_number": 0, "point_index": 1, "customdata": [7], "x": 6.0, "y": 0.0}
    assert clicked({"selection": {"points": [point]}}, steps) == (7, 1)
    typed = dict(point, customdata={"dtype": "i8", "bdata": "AA=="}, x=1.0)
    assert clicked({"selection": {"points": [typed]}}, steps) == (7, 0)
    legend = dict(point, curve_number=3)
    assert clicked({"selection": {"points": [legend]}}, steps) is None
    assert clicked({"selection": {"points": []}}, steps) is None and clicked(None, steps) is None
