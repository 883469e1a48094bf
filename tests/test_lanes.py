"""Lanes: on the CPU with ONNX Runtime each worker process decodes and runs the model itself
(one thread each); the features, predictions and bad-file reasons are those of one process,
and a lane that dies or loads another model leaves the run to the main process."""
import json
import os
import subprocess
import sys

import numpy as np
from PIL import Image

import imgsearch
from imgsearch.features import load_model, runtimes
from imgsearch.pipeline import lanes

from .children import kill_a_child


# Run in a fresh process, as `imgsearch index` runs: one thread and no torch, so the lanes
# are forked (the test process has imported torch and run Streamlit scripts by now).
LANES_RUN = """
import json, os, sys
import numpy as np
from imgsearch.features import load_model
from imgsearch.pipeline import lanes
from imgsearch.pipeline.decode import Limits
from imgsearch.pipeline.embed import embed_items

paths, log, other = sys.argv[1].split(","), sys.argv[2], sys.argv[3] == "other"
real_embed, real_args = lanes.embed_batch, lanes.start_args

def spy(items):                       # lanes.embed_batch, noting which process ran it
    with open(log, "a") as f:
        f.write(f"{os.getpid()}\\n")
    return real_embed(items)

lanes.embed_batch = spy
if other:                             # the lanes are told to expect another model
    lanes.start_args = lambda m, job, n: (real_args(m, job, n)[0],
                                          {**m.identity(), "weights": "sha256:other"},
                                          *real_args(m, job, n)[2:])
model = load_model()
assert model.runtime == "onnx" and lanes.count(model, 1) == 2
items = list(enumerate(paths))
got = {}
for workers in (0, 1):
    feats, preds, bad = {}, {}, {}
    for out in embed_items(items, model, Limits(), 1 << 30, workers=workers, batch_size=3):
        feats.update(zip(out.ids.tolist(), out.features.tolist()))
        preds.update(zip(out.ids.tolist(), out.predictions or [None] * len(out.ids)))
        bad.update(out.bad)
    got[workers] = (feats, preds, bad)
(f0, p0, b0), (f1, p1, b1) = got[0], got[1]
cos = [float(np.dot(f0[i], f1[i]) / np.linalg.norm(f0[i]) / np.linalg.norm(f1[i])) for i in f0]
print(json.dumps({"ids": [sorted(f0), sorted(f1)], "min_cos": min(cos), "preds": p0 == p1,
                  "named": sorted(set(map(str, p0.values()))), "bad": [b0, b1],
                  "main": os.getpid()}))
"""


def _lanes_run(paths, tmp_path, other=False):
    log = tmp_path / "pids"
    done = subprocess.run([sys.executable, "-c", LANES_RUN, ",".join(map(str, paths)), str(log),
                           "other" if other else "same"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    return out, set(log.read_text().split()) if log.exists() else set(), done.stderr


def test_lanes_give_the_features_predictions_and_reasons_of_one_process(photos_dir, tmp_path):
    (tmp_path / "broken.jpg").write_bytes((sorted(photos_dir.glob("photos/*.jpg"))[0])
                                          .read_bytes()[:3000])
    paths = [*sorted(photos_dir.glob("photos/*.jpg"))[:11], tmp_path / "broken.jpg"]
    out, ran_in, _ = _lanes_run(paths, tmp_path)
    assert len(ran_in) == 2 and str(out["main"]) not in ran_in    # two lanes, not the caller
    assert out["ids"][0] == out["ids"][1] == list(range(11))
    assert out["min_cos"] >= 0.99999 and out["preds"] and "None" not in out["named"]
    assert out["bad"][0] == out["bad"][1] and "truncated" in out["bad"][1]["11"]


def test_a_lane_with_another_model_leaves_the_run_to_the_main_process(photos_dir, tmp_path):
    paths = sorted(photos_dir.glob("photos/*.jpg"))[:8]
    out, ran_in, err = _lanes_run(paths, tmp_path, other=True)
    assert "a lane loaded another model than the main process's; the rest of this run goes on " \
           "in the main process" in err
    assert out["ids"][0] == out["ids"][1] == list(range(8)) and out["min_cos"] >= 0.99999


def test_models_that_stay_in_the_main_process():
    assert lanes.count(load_model(), 0) == 0                         # no worker asked for
    assert lanes.count(load_model(name="pixels", size=8), 1) == 0    # not ONNX Runtime
    assert lanes.count(load_model(runtime="torch"), 1) == 0


def test_model_threads_follow_the_environment(monkeypatch):
    monkeypatch.setenv("IMGSEARCH_MODEL_THREADS", "1")
    assert runtimes.default_threads() == 1
    for bad in ("0", "-2", "two", ""):
        monkeypatch.setenv("IMGSEARCH_MODEL_THREADS", bad)
        assert runtimes.default_threads() == max(1, os.cpu_count() or 1)


def test_a_lane_killed_mid_run_does_not_end_the_run(tmp_path):
    """The OOM killer (here: SIGKILL) takes a lane: the run finishes in the main process,
    every image indexed, no traceback."""
    root = tmp_path / "src"
    root.mkdir()
    rng = np.random.default_rng(2)
    n = 900
    for i in range(n):
        Image.fromarray((rng.random((48, 64, 3)) * 255).astype("uint8")).save(root / f"{i}.jpg")
    env = {**os.environ, "IMGSEARCH_HOME": str(tmp_path / "home"), "IMGSEARCH_PROGRESS": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "index", str(root), "-c", "l",
                             "--workers", "1"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = kill_a_child(proc, children=2, settle=0.5)   # both lanes started: one, mid-run
    out, err = proc.communicate(timeout=600)
    assert killed is not None, "no lane was seen"
    assert proc.returncode == 0 and "Traceback" not in err, err[-2000:]
    assert "a worker process died; the rest of this run goes on in the main process" in err
    with imgsearch.open_collection("l", home=tmp_path / "home") as col:
        assert col.info().indexed == n
