"""Benchmark the service: a bounded load generator on loopback against `imgsearch serve`.

    python scripts/bench_service.py --n 20000 --add 2000 [--clients 1,8,32] [--requests 400]

1, 8 and 32 concurrent clients do upload searches and neighbours-by-id on an n-image
collection, first idle and then while an index job adds --add images. Each phase has a fixed
request count and a time limit. The same search called in-process is the baseline,
interleaved with the HTTP rounds, so the ratio shows the HTTP overhead. Reports p50/p99
latency, requests/s and the error count (must be 0). Writes bench-results/service.json.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import print_table, write_results  # noqa: E402


def make_images(dest: Path, n: int, seed: int = 0) -> list[Path]:
    """n distinct 32x32 PNGs: sklearn digits, shifted and noised (real shapes, no download)."""
    from PIL import Image
    from sklearn.datasets import load_digits
    digits = load_digits().images
    rng = np.random.default_rng(seed)
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        img = np.kron(digits[i % len(digits)], np.ones((4, 4))) * 15
        img = np.roll(img, rng.integers(-2, 3, 2), axis=(0, 1)) + rng.normal(0, 8, img.shape)
        p = dest / f"{i // 1000:03d}" / f"{i:06d}.png"
        p.parent.mkdir(exist_ok=True)
        Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(p)
        out.append(p)
    return out


def percentiles(times):
    return float(np.percentile(times, 50)), float(np.percentile(times, 99))


def http_phase(url, name, clients, requests, uploads, ids, limit_s):
    import httpx
    lat, errors = [], [0]
    lock = threading.Lock()
    t_end = time.time() + limit_s

    def worker(w):
        with httpx.Client(base_url=url, timeout=60) as http:
            for i in range(w, requests, clients):
                if time.time() > t_end:
                    return
                t = time.perf_counter()
                try:
                    if i % 2:
                        r = http.post(f"/collections/{name}/search/image", params={"k": 10},
                                      files={"file": ("q.png", uploads[i % len(uploads)])})
                    else:
                        r = http.get(f"/collections/{name}/images/{ids[i % len(ids)]}/neighbours",
                                     params={"k": 10})
                    ok = r.status_code == 200 and len(r.json()["hits"]) == 10
                except Exception:
                    ok = False
                with lock:
                    lat.append((time.perf_counter() - t) * 1000)
                    errors[0] += not ok
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    wall = time.perf_counter() - t0
    p50, p99 = percentiles(lat)
    return {"requests": len(lat), "errors": errors[0], "p50_ms": p50, "p99_ms": p99,
            "rps": len(lat) / wall}


def inprocess_phase(col, uploads, ids, requests):
    lat = []
    t0 = time.perf_counter()
    for i in range(requests):
        t = time.perf_counter()
        col.search(uploads[i % len(uploads)] if i % 2 else int(ids[i % len(ids)]), k=10)
        lat.append((time.perf_counter() - t) * 1000)
    p50, p99 = percentiles(lat)
    return {"requests": requests, "errors": 0, "p50_ms": p50, "p99_ms": p99,
            "rps": requests / (time.perf_counter() - t0)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--add", type=int, default=2_000)
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit-s", type=float, default=60.0)
    ap.add_argument("--out", default="service")
    args = ap.parse_args(argv)
    import imgsearch
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = make_images(tmp / "base", args.n)
        make_images(tmp / "more", args.add, seed=1)
        home = tmp / "home"
        env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
        imgsearch.index_images(tmp / "base", "bench", model="pixels", size=16, home=home,
                               progress=False)
        uploads = [files[i].read_bytes() for i in range(0, len(files), max(1, len(files) // 50))]
        with imgsearch.open_collection("bench", home=home, progress=False) as col:
            ids = col.ids()[:: max(1, args.n // 200)].tolist()
        records = []
        clients = [int(c) for c in args.clients.split(",")]
        for rnd in range(args.rounds):      # interleave: in-process baseline, then HTTP
            with imgsearch.open_collection("bench", home=home, progress=False) as col:
                base = inprocess_phase(col, uploads, ids, args.requests // 4)
            records.append({"round": rnd, "phase": "in-process", "clients": 1, **base})
            proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "serve", "--port", "0"],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            try:
                while not (home / ".imgsearch-service.json").exists():
                    time.sleep(0.2)
                url = json.loads((home / ".imgsearch-service.json").read_text())["url"]
                for c in clients:
                    rec = http_phase(url, "bench", c, args.requests, uploads, ids, args.limit_s)
                    records.append({"round": rnd, "phase": "idle", "clients": c, **rec})
                if rnd == args.rounds - 1:    # while an index job adds images
                    job = subprocess.Popen([sys.executable, "-m", "imgsearch", "index",
                                            str(tmp / "more"), "-c", "bench"], env=env,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                    for c in clients:
                        rec = http_phase(url, "bench", c, args.requests, uploads, ids, args.limit_s)
                        records.append({"round": rnd, "phase": "indexing", "clients": c,
                                        "job_running": job.poll() is None, **rec})
                    job.wait(timeout=1800)
                    records.append({"round": rnd, "phase": "index job", "clients": 0,
                                    "returncode": job.returncode})
            finally:
                proc.terminate()
                proc.wait(timeout=60)
        load.append(os.getloadavg()[0])
    summary = []
    base_p50 = np.median([r["p50_ms"] for r in records if r["phase"] == "in-process"])
    for phase in ("idle", "indexing"):
        for c in clients:
            rows = [r for r in records if r["phase"] == phase and r["clients"] == c]
            if rows:
                p50 = float(np.median([r["p50_ms"] for r in rows]))
                summary.append({"phase": phase, "clients": c, "p50_ms": p50,
                                "p99_ms": float(np.median([r["p99_ms"] for r in rows])),
                                "rps": float(np.median([r["rps"] for r in rows])),
                                "errors": int(sum(r["errors"] for r in rows)),
                                "p50_vs_in_process": p50 / base_p50})
    summary.append({"phase": "in-process", "clients": 1, "p50_ms": float(base_p50),
                    "rps": float(np.median([r["rps"] for r in records if r["phase"] == "in-process"])),
                    "errors": 0})
    print_table(summary, ["phase", "clients", "p50_ms", "p99_ms", "rps", "errors", "p50_vs_in_process"])
    out = {"n": args.n, "added": args.add, "rounds": args.rounds, "loadavg": load,
           "summary": summary, "records": records}
    print(f"wrote {write_results(args.out, [out])}")


if __name__ == "__main__":
    main()
