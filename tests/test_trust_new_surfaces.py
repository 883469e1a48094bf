"""Hostile inputs to --model onnx, supervised maps, per-space predictions and the timeline:
each is refused in one line (a ModelError, a CLI error with exit code 2, a 4xx JSON answer),
never a traceback or a 500, never a file read that the caller may not reach, never a run
without end or without a memory bound. The ONNX files are written here, node by node."""
import os
import subprocess
import sys
import time

import numpy as np
import pytest
from fastapi.testclient import TestClient

from imgsearch.api.service import Service
from imgsearch.config import Config
from imgsearch.errors import ModelError
from imgsearch.features import ModelSpec, load_model
from imgsearch.frontends.rest.app import create_app

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")
from onnx import TensorProto as T, helper as h  # noqa: E402

IMGSEARCH = [sys.executable, "-m", "imgsearch"]
ERROR_KEYS = {"detail", "param", "fix", "kind"}


def _net(body_nodes, x_shape=(1, 3, 8, 8), x_type=T.FLOAT, extra=(), functions=(), feed="x"):
    """x -> [body_nodes, reading `feed`, writing f: 1 x 3] -> Gemm head y (1 x 2)."""
    x = h.make_tensor_value_info("x", x_type, list(x_shape))
    nodes = [*body_nodes, h.make_node("Gemm", ["f", "W"], ["y"])]
    weights = [h.make_tensor("W", T.FLOAT, [3, 2], np.ones(6, np.float32)), *extra]
    graph = h.make_graph(nodes, "net", [x], [h.make_tensor_value_info("y", T.FLOAT, [1, 2])],
                         weights)
    opsets = [h.make_opsetid("", 17), *(h.make_opsetid(f.domain, 1) for f in functions)]
    return h.make_model(graph, opset_imports=opsets, functions=list(functions))


def _pool(src="x"):
    return [h.make_node("GlobalAveragePool", [src], ["g"]), h.make_node("Flatten", ["g"], ["f"])]


def _const(name, kind, value):
    return h.make_node("Constant", [], [name], value=h.make_tensor(name + "_v", kind, [], [value]))


def _external_in_subgraph(location):
    """An If whose branches add a tensor stored 'externally', in a file named `location`."""
    tensor = h.make_tensor("ext", T.FLOAT, [1, 3], np.zeros(3, np.float32))
    tensor.ClearField("raw_data")
    tensor.ClearField("float_data")
    tensor.data_location = T.EXTERNAL
    entry = tensor.external_data.add()
    entry.key, entry.value = "location", location
    branch = h.make_graph([h.make_node("Add", ["f0", "ext"], ["o"])], "branch", [],
                          [h.make_tensor_value_info("o", T.FLOAT, [1, 3])], [tensor])
    pool = [h.make_node("GlobalAveragePool", ["x"], ["g"]), h.make_node("Flatten", ["g"], ["f0"])]
    return _net([*pool, _const("c", T.BOOL, True),
                 h.make_node("If", ["c"], ["f"], then_branch=branch, else_branch=branch)])


def endless_loop():
    """A Loop of 10**15 turns, each adding one to the pooled input."""
    body = h.make_graph(
        [h.make_node("Add", ["v", "one"], ["v2"]), h.make_node("Identity", ["cond"], ["cond2"])],
        "body", [h.make_tensor_value_info("i", T.INT64, []),
                 h.make_tensor_value_info("cond", T.BOOL, []),
                 h.make_tensor_value_info("v", T.FLOAT, [1, 3])],
        [h.make_tensor_value_info("cond2", T.BOOL, []),
         h.make_tensor_value_info("v2", T.FLOAT, [1, 3])],
        [h.make_tensor("one", T.FLOAT, [1, 3], np.ones(3, np.float32))])
    pool = [h.make_node("GlobalAveragePool", ["x"], ["g"]), h.make_node("Flatten", ["g"], ["p"])]
    return _net([*pool, _const("m", T.INT64, 10**15), _const("c", T.BOOL, True),
                 h.make_node("Loop", ["m", "c", "p"], ["f"], body=body)])


def memory_hungry(floats):
    """ConstantOfShape of a size computed from the image (its max + `floats`): no static
    check can see it; only the run's memory bound stops it."""
    nodes = [h.make_node("ReduceMax", ["x"], ["mx"], keepdims=0),
             h.make_node("Add", ["mx", "k"], ["mk"]), h.make_node("Cast", ["mk"], ["n"], to=T.INT64),
             h.make_node("Reshape", ["n", "one"], ["shape"]),
             h.make_node("ConstantOfShape", ["shape"], ["big"]),
             h.make_node("ReduceSum", ["big"], ["s"], keepdims=1),
             h.make_node("GlobalAveragePool", ["x"], ["g"]), h.make_node("Flatten", ["g"], ["f0"]),
             h.make_node("Add", ["f0", "s"], ["f"])]
    return _net(nodes, extra=[h.make_tensor("k", T.FLOAT, [], [float(floats)]),
                              h.make_tensor("one", T.INT64, [1], [1])])


def _save(model, path):
    onnx.save_model(model, str(path))
    return str(path)


def _load(path):
    return load_model(ModelSpec(name="onnx", weights=str(path)), cached=False)


def test_hostile_onnx_files_are_refused_in_one_line(tmp_path, monkeypatch):
    good = _save(_net(_pool()), tmp_path / "good.onnx")
    assert _load(good).dim == 3
    raw = open(good, "rb").read()
    (tmp_path / "truncated.onnx").write_bytes(raw[:len(raw) // 2])
    (tmp_path / "text.onnx").write_text("not a network\n" * 100)
    cast = [h.make_node("Cast", ["x"], ["xf"], to=T.FLOAT), *_pool("xf")]
    refusals = {
        str(tmp_path / "truncated.onnx"): "is not an ONNX file, or a damaged one",
        str(tmp_path / "text.onnx"): "is not an ONNX",
        _save(_net(_pool(), x_shape=(1, 3, 100000, 100000)), tmp_path / "vast.onnx"):
            r"takes a 1x3x100000x100000 input; .* at most 1024",
        _save(_net(_pool(), x_shape=(8, 3, 8, 8)), tmp_path / "batch8.onnx"): "takes a 8x3x8x8",
        _save(_net(cast, x_type=T.UINT8), tmp_path / "u8.onnx"): "takes a uint8 input",
        _save(_net(cast, x_type=T.INT64), tmp_path / "i64.onnx"): "takes a int64 input",
        _save(_net(cast, x_type=T.DOUBLE), tmp_path / "f64.onnx"): "takes a double input",
        _save(_external_in_subgraph("secret.bin"), tmp_path / "ext.onnx"):
            "keeps its weights in other files",
    }
    no_output = _net(_pool())
    del no_output.graph.output[:]
    refusals[_save(no_output, tmp_path / "no_output.onnx")] = r"\(no graph, or no output\)"
    custom = endless_loop()
    custom.graph.node[-2].attribute[0].g.node[0].domain = "my.plugins"    # inside the Loop
    custom.opset_import.append(h.make_opsetid("my.plugins", 1))
    refusals[_save(custom, tmp_path / "custom.onnx")] = "custom domain 'my.plugins'"
    # the file an external tensor names, where ONNX Runtime would look for it (the working
    # folder): it is never read
    (tmp_path / "secret.bin").write_bytes(np.full(3, 7, np.float32).tobytes())
    monkeypatch.chdir(tmp_path)
    for path, reason in refusals.items():
        with pytest.raises(ModelError, match=reason) as err:
            _load(path)
        assert "\n" not in str(err.value), path
    monkeypatch.setenv("IMGSEARCH_MAX_WEIGHTS_BYTES", str(len(raw) - 1))
    with pytest.raises(Exception, match="is too large") as err:
        _load(good)
    assert "\n" not in str(err.value)


def test_a_network_giving_nan_features_stops_the_run(tmp_path):
    """sqrt(0.5 - mean pixel): finite for a black probe, NaN for bright images."""
    nodes = [h.make_node("GlobalAveragePool", ["x"], ["g"]), h.make_node("Flatten", ["g"], ["f0"]),
             h.make_node("Neg", ["f0"], ["n"]), h.make_node("Add", ["n", "half"], ["n2"]),
             h.make_node("Sqrt", ["n2"], ["f"])]
    model = _load(_save(_net(nodes, extra=[h.make_tensor("half", T.FLOAT, [], [0.5])]),
                        tmp_path / "nan.onnx"))
    dark = np.zeros((2, 3, 8, 8), np.float32)
    assert np.isfinite(model.embed(dark).features).all()
    with pytest.raises(ModelError, match="NaN or infinite features for 1 of 3 images") as err:
        model.embed(np.concatenate([dark, np.ones((1, 3, 8, 8), np.float32)]))
    assert "\n" not in str(err.value)


def test_a_run_without_end_or_without_memory_bound_is_stopped(tmp_path):
    """Through the CLI, as a user would: exit code 2, one line, within the limits set."""
    loop = _save(endless_loop(), tmp_path / "loop.onnx")
    hungry = _save(memory_hungry(256e6), tmp_path / "hungry.onnx")       # 1 GB of float32
    imgs = tmp_path / "imgs"
    imgs.mkdir()
    from PIL import Image
    for i in range(3):
        Image.new("RGB", (8, 8), (i * 40, 0, 0)).save(imgs / f"{i}.png")
    env = {**os.environ, "IMGSEARCH_HOME": str(tmp_path / "home"), "IMGSEARCH_PROGRESS": "0",
           "IMGSEARCH_MAX_ONNX_SECONDS": "2", "IMGSEARCH_MAX_ONNX_MEMORY_BYTES": str(64 << 20)}
    said = {}
    for path, reason in ((loop, "ran over 2 s on one batch"),
                         (hungry, "more memory than the 64 MB")):
        t0 = time.time()
        cli = subprocess.run([*IMGSEARCH, "index", str(imgs), "-c", "net", "--model", "onnx",
                              "--weights", path], env=env, capture_output=True, text=True,
                             timeout=120)
        said[path] = time.time() - t0
        assert cli.returncode == 2 and reason in cli.stderr, cli.stderr
        assert len(cli.stderr.strip().splitlines()) == 1 and "Traceback" not in cli.stderr
    assert said[loop] < 60
    # the same graph, asking for less than the bound, runs: the bound is what stopped it
    small = _save(memory_hungry(1e6), tmp_path / "small.onnx")
    run = subprocess.run([sys.executable, "-c", "import sys; from imgsearch.features import "
                          "ModelSpec, load_model; print(load_model(ModelSpec(name='onnx', "
                          "weights=sys.argv[1]), cached=False).dim)", small],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "3", run.stderr


# -- over REST -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory, digits_dir):
    """A service whose operator allows allowed/ (images, a good network, a link out of it);
    outside/ holds a network no API client may name. Collection c: a default space and s1."""
    base = tmp_path_factory.mktemp("surfaces")
    allowed, outside = base / "allowed", base / "outside"
    (allowed / "imgs").mkdir(parents=True)
    outside.mkdir()
    for d in range(4):
        (allowed / "imgs" / str(d)).mkdir()
        for f in sorted(digits_dir.glob(f"digits/{d}/*.png"))[:4]:
            (allowed / "imgs" / str(d) / f.name).write_bytes(f.read_bytes())
    for folder in (allowed, outside):
        _save(_net(_pool()), folder / "net.onnx")
    (allowed / "link.onnx").symlink_to(outside / "net.onnx")
    svc = Service(Config.load(home=base / "home", workers=0, progress=False))
    api = TestClient(create_app(svc, token="", allow_roots=[allowed]),
                     raise_server_exceptions=False)
    for space in (None, "s1"):
        body = {"source": str(allowed / "imgs"), "model": "onnx",
                "weights": str(allowed / "net.onnx"), "space": space}
        body.update({"labels": "folder"} if space is None else {"classes": None})
        job = finished(api, api.post("/collections/c/index", json=body).json())
        assert job["state"] == "done", job["message"]
    yield {"api": api, "base": base, "svc": svc}
    svc.close()


def finished(api, job, timeout=300):
    deadline = time.time() + timeout
    while job.get("state") in ("queued", "running") and time.time() < deadline:
        time.sleep(0.1)
        job = api.get(f"/jobs/{job['id']}").json()
    return job


def _refused(r, status, reason):
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert set(body) == ERROR_KEYS and reason in body["detail"], body
    assert "\n" not in body["detail"]


def test_weights_outside_the_roots_are_never_read(served):
    api, base = served["api"], served["base"]
    index = {"source": str(base / "allowed/imgs"), "model": "onnx", "space": "w"}
    for path, status in ((str(base / "outside/net.onnx"), 403),
                         (f"{base}/allowed/../outside/net.onnx", 403),
                         (str(base / "allowed/link.onnx"), 403), ("/etc/passwd", 403),
                         ("outside/net.onnx", 422), ("../outside/net.onnx", 422),
                         ("file:///etc/passwd", 422), ("upload:../../net.onnx", 422)):
        r = api.post("/collections/c/index", json={**index, "weights": path})
        _refused(r, status, "weights")
    assert "w" not in [s["name"] for s in api.get("/collections/c/spaces").json()]


def test_a_hostile_upload_fails_its_job_in_one_line(served, tmp_path, monkeypatch):
    """An uploaded network that names a file in the service's working folder as its external
    weights: the job fails saying so, and the file's values are in no vector."""
    api, base = served["api"], served["base"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "secret.bin").write_bytes(np.full(3, 7, np.float32).tobytes())
    hostile = {"ext.onnx": (_external_in_subgraph("secret.bin"), "keeps its weights in other"),
               "vast.onnx": (_net(_pool(), x_shape=(1, 3, 100000, 100000)), "at most 1024")}
    for name, (model, reason) in hostile.items():
        up = api.post("/uploads", params={"kind": "weights"},
                      files={"file": (name, model.SerializeToString())})
        assert up.status_code == 201, up.text
        job = finished(api, api.post("/collections/c/index", json={
            "source": str(base / "allowed/imgs"), "model": "onnx", "weights": up.json()["ref"],
            "space": "hostile"}).json())
        assert job["state"] == "failed" and reason in job["message"], job
        assert "\n" not in job["message"]
    spaces = {s["name"]: s for s in api.get("/collections/c/spaces").json()}
    assert spaces.get("hostile", {}).get("vectors", 0) == 0


def test_a_target_weight_that_is_no_number_is_a_422(served):
    api = served["api"]
    for text in ("NaN", "Infinity", "-Infinity", "1e309", '"abc"', "null", "[0.5]", "2"):
        r = api.post("/collections/c/map", content='{"supervised": true, "target_weight": %s}'
                     % text, headers={"content-type": "application/json"})
        assert r.status_code == 422, (text, r.status_code, r.text)
        assert r.json()["detail"][0]["loc"][-1] == "target_weight"
    # refused before a job is queued, as a 4xx with the usual error shape
    for params, body, status, reason in (
            ({}, {"method": "tsne", "supervised": True}, 422, "a supervised map is a UMAP map"),
            ({}, {"method": "../umap"}, 422, "unknown map method"),
            ({"space": "../x"}, {"supervised": True}, 422, "bad space name"),
            ({"space": "nope"}, {"supervised": True}, 404, "has no space 'nope'")):
        _refused(api.post("/collections/c/map", params=params, json=body), status, reason)
    r = api.post("/collections/c/map", json={"supervised": True, "target_weight": 0.25})
    job = finished(api, r.json())
    assert job["state"] == "done", job
    assert api.get("/collections/c").json()["supervised_maps"] == ["umap"]


def test_space_names_are_an_allow_list(served):
    api = served["api"]
    for space in ("'; DROP TABLE images;--", "a;b", "élan", "日本", "../etc", "..", "a/b",
                  "x" * 65, "s1\x00", "s1 "):
        for route in ("predictions", "confusion"):
            _refused(api.get(f"/collections/c/{route}", params={"space": space}), 422,
                     "bad space name")
        _refused(api.get("/collections/c/timeline", params={"spaces": ["s1", space]}), 422,
                 "bad space name")
    for route in ("predictions", "confusion"):
        _refused(api.get(f"/collections/c/{route}", params={"space": "nope"}), 404,
                 "has no space 'nope'")
    assert len(api.get("/collections/c/predictions", params={"space": "s1"}).json()) == 16


def test_the_timeline_names_two_or_more_spaces_each_once(served):
    api = served["api"]
    r = api.get("/collections/c/timeline")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "spaces"]
    _refused(api.get("/collections/c/timeline", params={"spaces": ["s1"]}), 422,
             "at least two different spaces")
    _refused(api.get("/collections/c/timeline", params={"spaces": ["default", "s1", "default"]}),
             422, "space 'default' is named twice")
    r = api.get("/collections/c/timeline", params={"spaces": ["s1"] * 1000})
    assert r.status_code == 422 and r.json()["detail"][0]["type"] == "too_long"
    _refused(api.get("/collections/c/timeline", params={"spaces": ["default", "nope"]}), 404,
             "has no space 'nope'")
    r = api.get("/collections/c/timeline", params={"spaces": ["default", "s1"], "k": 3})
    assert r.status_code == 200, r.text


def test_what_a_run_took_goes_back_after_it(tmp_path):
    """A run that takes 600 MB for a moment: the process's peak shows it, and its resident
    memory after the run does not keep it."""
    hungry = _save(memory_hungry(150e6), tmp_path / "hungry.onnx")
    code = ("import resource, sys, numpy as np; from imgsearch.features import ModelSpec, "
            "load_model; m = load_model(ModelSpec(name='onnx', weights=sys.argv[1]), cached=False); "
            "m.embed(np.zeros((2, 3, 8, 8), np.float32)); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10, "
            "int(open('/proc/self/statm').read().split()[1]) * 4096 >> 20)")
    run = subprocess.run([sys.executable, "-c", code, hungry], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    peak, after = map(int, run.stdout.split())
    assert peak - after > 400, (peak, after)
