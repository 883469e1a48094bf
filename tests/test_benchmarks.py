"""The benchmarks run at tiny n, so they do not rot (their figures are not asserted: noisy)."""
import os
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# the packing limit, the 12-megapixel set and int8 (None where the model has no int8)
EXTRACT_KEYS = {"packing_limit_images_per_s", "fraction_of_packing_limit", "model_core_ms",
                "decode_core_ms", "images_per_s_12mp", "baseline_images_per_s_12mp",
                "speedup_vs_baseline_12mp", "int8_speedup_model_only", "int8_speedup_end_to_end",
                "int8_overlap_at_10", "int8_precision_at_10", "int8_cross_overlap_at_10",
                "fp32_precision_at_10", "decoded_size_12mp", "cpu_flags", "core_time_efficiency",
                "end_to_end_core_ms"}
# the rate once running: None where a run is too small to tell it from its start-up
STEADY_KEYS = {"startup_s", "steady_images_per_s", "steady_fraction_of_packing_limit",
               "steady_speedup_vs_baseline_12mp", "int8_steady_speedup_end_to_end",
               "embedding_images_per_s", "embedding_fraction_of_packing_limit"}


@pytest.mark.parametrize("script,args,out", [
    ("bench_search.py", ["--n", "3000", "--dim", "64", "--kinds", "numpy,faiss-bare,flat,hnsw,auto"], "search"),
    ("bench_extract.py", ["--n", "24", "--model", "pixels", "--sample", "12", "--rounds", "2",
                          "--n12", "3", "--sample12", "2"], "extract"),
    ("bench_map.py", ["--n", "500", "--dim", "64", "--baseline-max-n", "0"], "map"),
    ("bench_versions.py", ["--trees", "TREE,TREE", "--n", "12", "--rounds", "2", "--args",
                           "--model pixels", "--model pixels --batch-size 2"], "versions"),
    ("bench_quality.py", ["--data", "CLASSES", "--models", "pixels", "--postprocess", "none,center",
                          "--rerank", "none,kreciprocal"], "quality"),
    ("bench_ui.py", ["--n", "2000", "--no-browser"], "ui"),
    pytest.param("bench_scale.py", ["--n", "16", "--model", "pixels", "--rounds", "1",
                                    "--cluster-rounds", "1", "--no-warm", "--ondisk-n", "20000",
                                    "--ondisk-dim", "32", "--memory-cap", "256M", "--queries",
                                    "50", "--nprobes", "4,16", "--map-fit", "300",
                                    "--map-place", "500", "--map-dim", "64",
                                    "--plan-rows", "2000"], "scale",
                 marks=pytest.mark.skipif(__import__("importlib").util.find_spec("ray") is None,
                                          reason="ray is not installed (pip install -e '.[ray]')")),
])
def test_benchmark_smoke(tmp_path, script, args, out, digits_dir):
    if "CLASSES" in args:       # a small folder of class folders, from real digits
        classes = tmp_path / "classes"
        for d in ("1", "4", "7"):
            (classes / d).mkdir(parents=True)
            for f in sorted(digits_dir.glob(f"digits/{d}/*.png"))[:12]:
                (classes / d / f.name).write_bytes(f.read_bytes())
        args = [str(classes) if a == "CLASSES" else a for a in args]
    args = [a.replace("TREE", str(ROOT)) for a in args]
    # batches of 4 for extraction: several batches a run, so the rate inside a run is read
    env = {**os.environ, "IMGSEARCH_BATCH_SIZE": "4"} if out == "extract" else None
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args, "--out", "smoke"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())["results"]
    assert result
    if out == "extract":
        keys = {"images_per_s", "baseline_images_per_s", "model_only_images_per_s",
                "model_only_by_runtime", "decode_only_images_per_s", "fraction_of_model_limit",
                "speedup_vs_baseline", "fidelity_min_cosine", "peak_rss_mb", "runtime", "device",
                "model", "n", "rounds", "loadavg"} | EXTRACT_KEYS | STEADY_KEYS
        assert keys <= set(result[0]) and result[0]["rounds"] == 2
        assert result[0]["fraction_of_packing_limit"] > 0 and result[0]["speedup_vs_baseline_12mp"] > 0
        assert result[0]["embedding_images_per_s"] > result[0]["images_per_s"] * 0.5
        top = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())
        assert keys <= set(top) and top["images_per_s"] == result[0]["images_per_s"]
        assert len(result[0]["per_round"]) == 2 and len(result[0]["loadavg"]) == 2
    if out == "quality":
        assert {"model", "postprocess", "rerank", "p_at_1", "p_at_10", "map_at_10",
                "images_per_s", "p_at_10_vs_baseline"} <= set(result[0])
        assert result[0]["model"] == "baseline" and len(result) == 1 + 4
        assert max(r["p_at_10"] for r in result[1:]) > 0.5     # digits 1/4/7 separate under pixels
    if out == "versions":       # two settings of one tree, interleaved: both ran every round
        first, second = result[0]["variants"]
        assert second["args"] == ["--model", "pixels", "--batch-size", "2"]
        assert len(first["runs"]) == len(second["runs"]) == 2
        assert first["speed_ratio_to_first"] == 1.0 and second["images_per_s"] > 0
    if out == "search":
        assert {"index", "n", "dim", "recall_at_10", "p50_ms", "p99_ms", "qps", "build_s",
                "peak_rss_mb"} <= set(result[0])


def test_raw_graph_links_benchmark_smoke(tmp_path, digits_dir):
    """bench_rawgraph_m on a real collection (the digits, HNSW so that a raw graph is built):
    recall of the stored graph and of each M asked, against exact search."""
    import imgsearch
    imgsearch.index_images(digits_dir, "d", model="pixels", size=16, index="hnsw",
                           home=tmp_path / "h", workers=0, progress=False)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_rawgraph_m.py"),
                           "--home", str(tmp_path / "h"), "--collection", "d", "--m", "8,24",
                           "--rows", "300", "--out", "smoke"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    top = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())
    assert {"stored", "M8", "M24", "n", "dim"} <= set(top) and top["n"] == 1797
    assert top["stored"]["r30"] > 0.9 and top["M24"]["r30"] > 0.9   # digits are easy at 24
    assert 0 < top["M8"]["r30"] <= 1 and top["M8"]["build_s"] >= 0


def test_raw_graph_reused_links_benchmark_smoke(tmp_path, digits_dir):
    """bench_rawgraph_links on a real HNSW collection at an odd width (147 = 3 x 7 x 7): the
    collection's links reused with codes at that width and padded, and links built for the
    raw features, each against exact search."""
    import imgsearch
    imgsearch.index_images(digits_dir, "d", model="pixels", size=7, index="hnsw",
                           home=tmp_path / "h", workers=0, progress=False)
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_rawgraph_links.py"),
                           "--home", str(tmp_path / "h"), "--collection", "d", "--rows", "300",
                           "--queries", "300", "--rounds", "2", "--out", "smoke"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    top = json.loads((tmp_path / "bench-results" / "smoke.json").read_text())
    assert top["n"] == 1797 and top["dim"] == 147 and top["padded_speedup"] > 0
    assert top["reused_native_width"]["code_dim"] == 147
    assert top["reused_padded"]["code_dim"] == top["built_padded"]["code_dim"] == 160
    for v in ("reused_native_width", "reused_padded", "built_padded"):
        assert top[v]["r30"] > 0.9 and len(top[v]["ms_per_row"]) == 2, (v, top[v])


def test_the_rate_once_running_takes_out_the_start_up():
    """A run of n images and one of a tenth: what both pay is the start-up, the rest the rate."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_extract import start_size, steady
    assert start_size(1000) == 100 and start_size(30) == 5 and start_size(3) == 3
    startup, rate = steady({"seconds": 1.5 + 1000 / 125}, {"seconds": 1.5 + 100 / 125}, 1000)
    assert abs(startup - 1.5) < 1e-9 and abs(rate - 125) < 1e-9
    assert steady({"seconds": 2.0}, {"seconds": 2.1}, 1000) == (None, None)   # noise won
    assert steady({"seconds": 2.0}, {"seconds": 1.0}, 3) == (None, None)      # nothing left


def test_the_model_alone_is_also_measured_one_process_a_core():
    """The packing limit takes the model's cheaper layout: one single-threaded process a core
    (as `index` runs ONNX Runtime on the CPU) is measured, every core at once."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_extract import lanes_only, model_only
    lanes = lanes_only("efficientnet-lite0", 1, 0.3)
    assert lanes["lanes"] == max(1, os.cpu_count() or 1) and lanes["images_per_s"] > 0
    alone = model_only("efficientnet-lite0", "cpu", "onnx", 0.2)
    if (os.cpu_count() or 1) > 1:
        assert alone["core_ms"] <= alone["lanes"]["core_ms"] and alone["lanes"]["lanes"] > 1


def test_each_tree_compared_is_the_tree_that_runs(tmp_path, monkeypatch):
    """bench_versions runs `python -m imgsearch` with PYTHONPATH set to each tree; from inside
    a source tree, `-m` would import that tree instead, and compare it with itself."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_versions import one_run
    fake = tmp_path / "tree" / "imgsearch"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text(
        "import os\nopen(os.environ['TREE_MARK'], 'w').write(os.path.dirname(__file__))\n")
    monkeypatch.setenv("TREE_MARK", str(tmp_path / "mark"))
    monkeypatch.chdir(ROOT)                       # the repository's own tree is the cwd
    one_run(str(tmp_path / "tree"), [], tmp_path, 1)
    assert (tmp_path / "mark").read_text() == str(fake)
