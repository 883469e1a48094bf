"""bench_million at a small N: every stage runs through the real CLI in its own process and
the JSON has each stage's figures and the quality checks (figures not asserted: noisy)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ["index", "map", "duplicates", "outliers", "label-issues", "clusters", "evaluate",
          "search", "map-payload"]


def test_bench_million_smoke(tmp_path):
    n = 500
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_million.py"), "--n", str(n),
                           "--queries", "30", "--work", str(tmp_path / "work"), "--out", "smoke"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())
    assert out["n"] == n and out["model"] == "pixels"
    assert [s["stage"] for s in out["stages"]] == STAGES
    for stage in out["stages"]:
        assert stage["seconds"] > 0 and stage["cpu_s"] > 0, stage
        # each stage's own process: Python with imgsearch loaded, far below what a copy of
        # its parent (the benchmark, which never loads the vectors) would add
        assert 50 < stage["peak_rss_mb"] < 4000, stage
    q = out["quality"]
    truth = json.loads((tmp_path / "work" / "images" / "truth.json").read_text())
    assert q["planted_copies"] == len(truth["copies"]) > 0
    assert q["flips"] == len(truth["flipped"]) > 0
    # the checks measure what they say, on data whose answers are planted
    assert q["planted_copies_found"] >= 0.8 and q["flips_in_top_10pct_of_label_issues"] >= 0.5
    assert out["index"]["index"] == "flat" and q["search_recall_at_10"] == 1.0   # exact search
    assert q["map_payload_points"] == q["map_payload_total"] == n
    assert q["map_payload_bytes"] == 14 * n      # x, y float32, id int32, a uint16 label code
    assert 0 < q["evaluate_knn_accuracy_k10"] <= 1 and q["clusters"] >= 2


def test_bench_million_runs_the_stages_asked_and_reports_only_their_checks(tmp_path):
    script = [sys.executable, str(ROOT / "scripts" / "bench_million.py"), "--n", "300",
              "--queries", "10", "--work", str(tmp_path / "work")]
    full = subprocess.run(script + ["--out", "all", "--stages", "index,duplicates"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert full.returncode == 0, full.stderr[-3000:]
    assert "planted_copies_found" in json.loads((tmp_path / "bench-results" / "all.json").read_text())["quality"]
    # resumed: the index kept, search run, and only the stages of this run checked, though
    # the folder holds the first run's duplicates output
    kept = subprocess.run(script + ["--out", "kept", "--resume", "--stages", "search"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert kept.returncode == 0, kept.stderr[-3000:]
    assert "index: kept from the earlier run" in kept.stdout
    out = json.loads((tmp_path / "bench-results" / "kept.json").read_text())
    assert out["stages_run"] == ["index", "search"] and "planted_copies_found" not in out["quality"]
    assert out["quality"]["search_recall_at_10"] == 1.0
    # a fresh run of two stages in the same folder: the earlier duplicates output is not a check
    done = subprocess.run(script + ["--out", "two", "--stages", "search"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads((tmp_path / "bench-results" / "two.json").read_text())
    assert [s["stage"] for s in out["stages"]] == out["stages_run"] == ["index", "search"]
    assert out["quality"]["search_recall_at_10"] == 1.0
    assert "planted_copies_found" not in out["quality"] and "clusters" not in out["quality"]
    bad = subprocess.run(script + ["--stages", "index,dupes"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2 and "unknown stage(s): dupes" in bad.stderr
    assert "Traceback" not in bad.stderr
