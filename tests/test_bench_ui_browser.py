"""scripts/bench_ui.py in a real browser at small n (the smoke run: its figures are not asserted,
only that every step it measures happened and answered right): the component as it is and the
bundle of the commit before it, interleaved; the click reached Python, the lasso's count is
numpy's, the zoom step drew, the points were fetched once, 16 bytes a point."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .browser import ROOT, have_chromium

pytestmark = pytest.mark.skipif(not have_chromium(), reason="Debian's chromium is not installed")


def _has_baseline() -> bool:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_ui import BASELINE_REV
    try:                      # a checkout without its history (or without git) has no baseline
        return subprocess.run(["git", "cat-file", "-e",
                               f"{BASELINE_REV}:imgsearch/frontends/ui/mapview/frontend/main.js"],
                              cwd=ROOT, capture_output=True).returncode == 0
    except OSError:
        return False


def test_bench_ui_in_the_browser_at_small_n(tmp_path):
    args = ["--n", "3000", "--rounds", "1", "--no-plotly", "--timeout", "120", "--out", "smoke"]
    if not _has_baseline():
        args += ["--baseline", ""]
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_ui.py"), *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())["results"]
    assert not [r for r in rows if "error" in r], rows
    now = next(r for r in rows if r.get("what", "").endswith("(now)") and not r.get("raw"))
    assert now["bytes_per_point"] <= 16
    assert now["geometry_gets_cold"] == 1                  # fetched once, not once per render()
    assert now["click_ok"] and now["click_s"] is not None
    assert now["lasso_n"] == now["lasso_expected"] > 0
    assert now["visible_cold_s"] is not None and now["zoom_s"] is not None
    assert now["drawn_as"] == "points"                     # 3,000 points: under the budget
    if "--baseline" not in args:
        before = next(r for r in rows if r.get("what", "").endswith("(before)") and not r.get("raw"))
        assert before["lasso_n"] == before["lasso_expected"]
