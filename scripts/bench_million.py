"""A collection of N images built and explored end to end through the real pipeline, stage
by stage, each stage in its own process: its wall time, its own peak RSS, and checks of what
it found.

    python scripts/bench_million.py --n 20000 [--work DIR [--resume]] [--size 16] [--index auto]

The images are generated (scripts/_million_data.py): tiny PNGs in class folders with planted
near-copies (1 %) and label flips (2 %), indexed with the `pixels` model. The stages, in order:
index, map, duplicates, outliers, label-issues, clusters, evaluate (each the `imgsearch`
command as a user types it), search (fresh query images, one at a time, through the local collection) and
map-payload (what the app sends for its map page). Peak RSS is each stage process's own
VmHWM (scripts/_million_stage.py writes it at exit).

Checks: planted copies found (copy and original in one duplicate group), flips among the top
10 % of label issues (the share of all flips found there), search recall@10 against exact
search of every vector, the map payload's points against the collection's images.
Writes bench-results/<out>.json (default million.json).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _bench import print_table, write_results  # noqa: E402
from _million_data import write_images, write_queries  # noqa: E402

NAME = "million"
STAGES = ("index", "map", "duplicates", "outliers", "label-issues", "clusters", "evaluate",
          "search", "map-payload")
# the file each checked stage leaves in the work folder; a check reads only a stage of this run
OUTPUT = {"duplicates": "duplicates.out", "label-issues": "label-issues.out",
          "search": "search.json", "map-payload": "map-payload.json",
          "evaluate": "evaluate.out", "clusters": "clusters.out"}


def run_stage(stage: str, what: list[str], work: Path, env: dict) -> dict:
    """One stage in a child process: wall time, its VmHWM, its rusage; stdout kept in a file."""
    hwm = work / f"{stage}.hwm"
    out, err = work / f"{stage}.out", work / f"{stage}.err"
    cmd = [sys.executable, str(HERE / "_million_stage.py"), str(hwm), *what]
    t = time.perf_counter()
    with open(out, "wb") as o, open(err, "wb") as e:
        proc = subprocess.Popen(cmd, stdout=o, stderr=e, env=env, cwd=work)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = err.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"stage {stage} failed (exit {code}): {tail}")
    print(f"  {stage}: {seconds:.1f} s", flush=True)
    return {"stage": stage, "seconds": round(seconds, 2),
            "peak_rss_mb": round(int(hwm.read_text()) / 1024, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "loadavg_after": [round(v, 2) for v in os.getloadavg()],
            "command": " ".join(what if what[0] != "cli" else ["imgsearch", *what[1:]])}


def done_or_run(stage: str, what: list[str], work: Path, env: dict, resume: bool) -> dict:
    """A stage's record: the one saved by an earlier run of this work folder (resume), else
    the stage run now and its record saved, so that a failure later loses no finished stage."""
    saved = work / f"{stage}.stage.json"
    if resume and saved.exists():
        print(f"  {stage}: kept from the earlier run", flush=True)
        return json.loads(saved.read_text())
    record = run_stage(stage, what, work, env)
    saved.write_text(json.dumps(record))
    return record


def stage_commands(args, images: Path, work: Path, evaluate: bool) -> list[tuple[str, list]]:
    top = max(1, math.ceil(args.n / 10))
    cli = ["cli"]
    steps = [
        ("index", cli + ["index", str(images), "-c", NAME, "--model", "pixels", "--size",
                         str(args.size), "--labels", "folder", "--index", args.index]),
        ("map", cli + ["map", "-c", NAME]),
        ("duplicates", cli + ["duplicates", "-c", NAME, "--json"]),
        ("outliers", cli + ["outliers", "-c", NAME, "--json"]),
        ("label-issues", cli + ["label-issues", "-c", NAME, "--json", "--top", str(top)]),
        ("clusters", cli + ["clusters", "-c", NAME, "--json"]),
        ("evaluate", cli + ["evaluate", "-c", NAME, "--json"]),
        ("search", ["search", NAME, str(work / "queries"), str(work / OUTPUT["search"])]),
        ("map-payload", ["map-payload", NAME, str(work / OUTPUT["map-payload"])]),
    ]
    return [s for s in steps if s[0] != "evaluate" or evaluate]


def has_evaluate(env: dict) -> bool:
    done = subprocess.run([sys.executable, "-m", "imgsearch", "evaluate", "--help"], env=env,
                          capture_output=True)
    return done.returncode == 0


def index_info(env: dict) -> dict:
    """The index `info` reports: its kind, and the verified recall for ANN kinds."""
    done = subprocess.run([sys.executable, "-m", "imgsearch", "info", "-c", NAME, "--json"],
                          env=env, capture_output=True, text=True, check=True)
    index = json.loads(done.stdout).get("index") or {}
    tuning = index.get("tuning") or {}
    return {"index": index.get("type"), "params": index.get("params"),
            "info_verified_recall_at_10": tuning.get("verified_recall_at_10"),
            "info_verified_recall_se": tuning.get("verified_recall_se")}


def quality(work: Path, images: Path, truth: dict, n: int, stages: list[str]) -> dict:
    """The checks, from the outputs of these stages (run now or kept by --resume) and the
    planted truth: an output an earlier run left of another stage is not read."""
    def rel(p: str) -> str:
        return str(Path(p).resolve().relative_to(images.resolve()))

    def output(stage: str):
        return json.loads((work / OUTPUT[stage]).read_text()) if stage in stages else None
    out = {}
    if (dups := output("duplicates")) is not None:
        groups = {rel(r["path"]): r["duplicate_group"] for r in dups}
        found = sum(1 for a, b in truth["copies"] if a in groups and groups.get(a) == groups.get(b))
        out.update(planted_copies=len(truth["copies"]),
                   planted_copies_found=found / max(1, len(truth["copies"])),
                   duplicate_members_not_planted=len(groups) - 2 * found)  # not in a found pair
    if (issues := output("label-issues")) is not None:
        top = {rel(r["path"]) for r in issues[:max(1, math.ceil(n / 10))]}
        flips = set(truth["flipped"])
        out.update(flips=len(flips),
                   flips_in_top_10pct_of_label_issues=len(flips & top) / max(1, len(flips)))
    if (search := output("search")) is not None:
        out.update({"search_recall_at_10": search["recall_at_10"], "search_index": search["index"],
                    "search_p50_ms": search["p50_ms"], "search_p99_ms": search["p99_ms"],
                    "index_only_recall_at_10": search.get("index_only_recall_at_10"),
                    "index_only_p50_ms": search.get("index_only_p50_ms"),
                    "index_only_p99_ms": search.get("index_only_p99_ms")})
    if (payload := output("map-payload")) is not None:
        out.update(map_payload_points=payload["points"], map_payload_total=payload["total"],
                   map_payload_bytes=payload["geometry_bytes"] + payload["label_bytes"])
    if (ev := output("evaluate")) is not None:
        out["evaluate_knn_accuracy_k10"] = ev.get("knn_accuracy_k10")
    if (clusters := output("clusters")) is not None:
        out["clusters"] = len({r.get("cluster") for r in clusters})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--size", type=int, default=16, help="pixels model side (3*size^2 dims)")
    ap.add_argument("--index", default="auto", help="the index kind asked of `imgsearch index`")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--work", help="folder for the images and the collection (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--out", default="million")
    ap.add_argument("--resume", action="store_true",
                    help="with --work: keep the stages already done there (each stage's record "
                         "is saved as it ends), run the rest")
    ap.add_argument("--stages", default=",".join(STAGES),
                    help="the stages to run, in their order (index always; default: all)")
    args = ap.parse_args(argv)
    if unknown := set(args.stages.split(",")) - set(STAGES):
        ap.error(f"unknown stage(s): {', '.join(sorted(unknown))} (known: {', '.join(STAGES)})")
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-million-")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    images = work / "images"
    env = {**os.environ, "IMGSEARCH_HOME": str(work / "home"), "IMGSEARCH_PROGRESS": "0"}
    try:
        t = time.perf_counter()
        if (images / "truth.json").exists() and json.loads((images / "truth.json").read_text())["n"] == args.n:
            truth = json.loads((images / "truth.json").read_text())
        else:
            shutil.rmtree(images, ignore_errors=True)
            truth = write_images(images, args.n)
        shutil.rmtree(work / "queries", ignore_errors=True)
        write_queries(work / "queries", args.queries)
        generate_s = time.perf_counter() - t
        if not args.resume:
            shutil.rmtree(work / "home", ignore_errors=True)    # every stage on a fresh build
        chosen = {"index", *args.stages.split(",")}
        stages = [done_or_run(stage, what, work, env, args.resume)
                  for stage, what in stage_commands(args, images, work, has_evaluate(env))
                  if stage in chosen]
        ran = [r["stage"] for r in stages]
        record = {"n": args.n, "stages_run": ran, "model": "pixels",
                  "size": args.size, "dim": 3 * args.size ** 2,
                  "index_requested": args.index, "generate_s": round(generate_s, 2),
                  "cpus": os.cpu_count(), "stages": stages,
                  "quality": quality(work, images, truth, args.n, ran), "index": index_info(env)}
        print_table(stages, ["stage", "seconds", "peak_rss_mb", "cpu_s"])
        print(json.dumps({**record["quality"], **record["index"]}, indent=1))
        print(f"wrote {write_results(args.out, [record])}")
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
