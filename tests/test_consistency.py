"""Store and index never disagree: random add/remove/re-add sequences, and kill -9 mid-run."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import imgsearch
from imgsearch import Config


@pytest.fixture(scope="module")
def pool(digits_dir):
    return sorted(digits_dir.glob("digits/*/*.png"))[:40:2]   # 20 distinct real images


def test_add_remove_readd_state_machine(pool, tmp_path_factory):
    class Machine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.root = tmp_path_factory.mktemp("sm")
            self.cfg = Config.load(home=self.root / "home", workers=0, progress=False)
            self.src = self.root / "src"
            self.src.mkdir()
            self.on_disk: set[str] = set()

        @rule(i=st.integers(0, len(pool) - 1))
        def add_file(self, i):
            shutil.copy(pool[i], self.src / pool[i].name)
            self.on_disk.add(pool[i].name)

        @rule(i=st.integers(0, len(pool) - 1))
        def delete_file(self, i):
            (self.src / pool[i].name).unlink(missing_ok=True)
            self.on_disk.discard(pool[i].name)

        @rule(prune=st.booleans())
        def index(self, prune):
            imgsearch.index_images(self.src, "sm", model="pixels", size=8, prune=prune,
                                   home=self.cfg.home, workers=0)
            if prune:
                with imgsearch.open_collection("sm", home=self.cfg.home) as col:
                    names = {Path(p).name for p in col.table()["path"]}
                assert names == self.on_disk

        @rule(data=st.data())
        def remove_by_id(self, data):
            if not (self.cfg.home / "sm").exists():
                return
            with imgsearch.open_collection("sm", home=self.cfg.home) as col:
                ids = col.ids().tolist()
                if ids:
                    col.remove([data.draw(st.sampled_from(ids))])

        @invariant()
        def agree(self):
            if not (self.cfg.home / "sm" / "catalog.duckdb").exists():
                return
            with imgsearch.open_collection("sm", home=self.cfg.home) as col:
                report = col.fsck()
                assert report.ok, report.summary()
                assert report.indexed_rows == report.vectors == len(col.ids())
                assert col.info().pending == 0

    Machine.TestCase.settings = settings(max_examples=12, stateful_step_count=10, deadline=None,
                                         suppress_health_check=list(HealthCheck))
    Machine.TestCase().runTest()


def test_kill_9_during_indexing_then_resume(photos_dir, tmp_path):
    """A process killed mid-run, re-run, leaves fsck clean and nothing indexed twice."""
    home = tmp_path / "home"
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_CHECKPOINT_SECONDS": "0",
           "IMGSEARCH_PROGRESS": "0"}
    cmd = [sys.executable, "-m", "imgsearch", "index", str(photos_dir), "-c", "crash",
           "--batch-size", "2", "--workers", "0"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    vectors = home / "crash" / "vectors.faiss"
    deadline = time.time() + 120
    while not vectors.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)                      # a few more checkpoints, then die mid-stream
    assert proc.poll() is None, "indexing finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    n_files = len(list(photos_dir.rglob("*.jpg")))
    with imgsearch.open_collection("crash", home=home) as col:
        interrupted = col.info()
        assert 0 < interrupted.indexed < n_files   # it really died in the middle
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "indexed" in done.stdout
    with imgsearch.open_collection("crash", home=home) as col:
        report = col.fsck()
        assert report.ok, report.summary()
        assert report.vectors == report.indexed_rows == n_files and not report.duplicate_ids
        info = col.info()
        assert (info.indexed, info.pending, info.skipped) == (n_files, 0, 0)
        assert col.table()["path"].is_unique
