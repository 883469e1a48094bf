"""Lanes: on the CPU with ONNX Runtime each worker process decodes and runs the model itself
(one thread each); the features, predictions and bad-file reasons are those of one process,
and a lane that dies or loads another model leaves the run to the main process."""
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from PIL import Image

import imgsearch
from imgsearch.features import load_model, runtimes
from imgsearch.pipeline import lanes
from imgsearch.pipeline.decode import Limits
from imgsearch.pipeline.embed import embed_items

LIMITS = Limits(max_pixels=10**8)


def _run(items, model, workers):
    feats, preds, bad = {}, {}, {}
    for out in embed_items(items, model, LIMITS, 1 << 30, workers=workers, batch_size=3):
        feats.update(zip(out.ids.tolist(), out.features))
        preds.update(zip(out.ids.tolist(), out.predictions or [None] * len(out.ids)))
        bad.update(out.bad)
    return feats, preds, bad


def _pid_spy(items, log):
    """lanes.embed_batch, noting which process ran it."""
    with open(log, "a") as f:
        f.write(f"{os.getpid()}\n")
    return _real_embed_batch(items)


_real_embed_batch = lanes.embed_batch


def test_lanes_give_the_features_predictions_and_reasons_of_one_process(photos_dir, tmp_path,
                                                                        monkeypatch):
    model = load_model()                  # the bundled model, ONNX Runtime on the CPU
    assert model.runtime == "onnx" and lanes.count(model, 1) == 2
    (tmp_path / "broken.jpg").write_bytes((sorted(photos_dir.glob("photos/*.jpg"))[0])
                                          .read_bytes()[:3000])
    paths = [*sorted(photos_dir.glob("photos/*.jpg"))[:11], tmp_path / "broken.jpg"]
    items = list(enumerate(map(str, paths)))
    log = tmp_path / "pids"
    from functools import partial
    monkeypatch.setattr(lanes, "embed_batch", partial(_pid_spy, log=str(log)))
    inline, in_lanes = _run(items, model, 0), _run(items, model, 1)
    ran_in = set(log.read_text().split())
    assert len(ran_in) == 2 and str(os.getpid()) not in ran_in     # two lanes, not here
    assert sorted(in_lanes[0]) == sorted(inline[0]) == list(range(11))
    for i, f in inline[0].items():
        cos = float(f @ in_lanes[0][i] / np.linalg.norm(f) / np.linalg.norm(in_lanes[0][i]))
        assert cos >= 0.99999
    assert in_lanes[1] == inline[1] and set(inline[1].values()) != {None}
    assert in_lanes[2] == inline[2] and "truncated" in in_lanes[2][11]


def test_a_lane_with_another_model_leaves_the_run_to_the_main_process(photos_dir, monkeypatch):
    model = load_model()
    items = list(enumerate(map(str, sorted(photos_dir.glob("photos/*.jpg"))[:8])))
    inline = _run(items, model, 0)[0]
    real = lanes.start_args
    monkeypatch.setattr(lanes, "start_args", lambda m, job, n: (
        real(m, job, n)[0], {**m.identity(), "weights": "sha256:other"}, *real(m, job, n)[2:]))
    with pytest.warns(UserWarning, match="another model than the main process's; the rest"):
        got = _run(items, model, 1)[0]
    assert sorted(got) == sorted(inline)
    assert all(np.allclose(got[i], inline[i], atol=1e-5) for i in inline)


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
    killed, deadline = None, time.time() + 120
    while killed is None and time.time() < deadline and proc.poll() is None:
        kids = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                              text=True).stdout.split()
        if len(kids) >= 2:                # both lanes started: kill one mid-run
            time.sleep(0.5)
            killed = int(kids[0])
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    out, err = proc.communicate(timeout=600)
    assert killed is not None, "no lane was seen"
    assert proc.returncode == 0 and "Traceback" not in err, err[-2000:]
    assert "a worker process died; the rest of this run goes on in the main process" in err
    with imgsearch.open_collection("l", home=tmp_path / "home") as col:
        assert col.info().indexed == n
