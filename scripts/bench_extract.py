"""Benchmark extraction, interleaved so a noisy machine cannot fool it.

    python scripts/bench_extract.py --n 2000 --rounds 3 [--model efficientnet-lite0] [--device auto]
    python scripts/bench_extract.py --rss-sizes 10000,50000 --rounds 1    # peak RSS as N grows

Each round runs, each in a fresh process and in this order: the naive baseline (PIL open,
torchvision transform, torch fp32 at batch 1, one process), `imgsearch index` end to end,
model-only throughput of every runtime (torch, ONNX Runtime, OpenVINO; best batch), and
decode-only throughput (one core). Medians over rounds and the median of the per-round ratios
are reported, with the load average at start and end. Writes bench-results/extract.json with
the figures at top level (and the whole record under "results").
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import in_fresh_process, print_table, write_results  # noqa: E402

BATCHES = (1, 2, 4, 8, 16)


def make_jpegs(dest: Path, n: int, seed: int = 0) -> list[Path]:
    """n distinct 500x375 JPEGs: random crops and mirrors of the bundled real photos."""
    from PIL import ImageOps
    from imgsearch.demo import photos
    rng = np.random.default_rng(seed)
    sources = [im.resize((max(im.width, 640), max(im.height, 480))) for im in photos().values()]
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        im = sources[i % len(sources)]
        x, y = rng.integers(0, im.width - 500 + 1), rng.integers(0, im.height - 375 + 1)
        crop = im.crop((x, y, x + 500, y + 375))
        if rng.random() < 0.5:
            crop = ImageOps.mirror(crop)
        p = dest / f"{i // 1000:03d}" / f"img_{i:06d}.jpg"
        p.parent.mkdir(exist_ok=True)
        crop.save(p, quality=90)
        paths.append(p)
    return paths


def model_only(model_name, device, runtime, seconds=2.0):
    """The runtime's best: every batch size, and for ONNX Runtime with its threads spinning
    or not (imgsearch turns spinning off, which is slower for a model alone)."""
    from imgsearch.features import ModelSpec, load_model
    best = (0.0, 0, None)
    for spin in (("0", "1") if runtime == "onnx" else (None,)):
        if spin is not None:
            os.environ["IMGSEARCH_ORT_SPIN"] = spin
        m = load_model(ModelSpec(name=model_name, device=device,
                                 runtime="auto" if runtime == "numpy" else runtime), cached=False)
        if m.runtime != runtime:
            return {"runtime": runtime, "images_per_s": None, "note": "; ".join(m.notes)}
        size = m.preprocess.crop or m.preprocess.resize[0]
        for bs in BATCHES if device == "cpu" else (32, 64, 128, 256):
            x = np.random.default_rng(0).standard_normal((bs, 3, size, size)).astype(np.float32)
            m.embed(x)
            n, t = 0, time.perf_counter()
            while time.perf_counter() - t < seconds:
                m.embed(x)
                n += bs
            best = max(best, (n / (time.perf_counter() - t), bs, spin))
    os.environ.pop("IMGSEARCH_ORT_SPIN", None)
    out = {"runtime": runtime, "images_per_s": best[0], "best_batch": best[1]}
    if best[2] is not None:
        out["spinning"] = best[2] == "1"
    return out


def decode_only(paths, model_name):
    from imgsearch.features import ModelSpec, load_model
    from imgsearch.pipeline.embed import DecodeJob, decode_one, draft_size
    from imgsearch.pipeline.decode import Limits
    m = load_model(ModelSpec(name=model_name, runtime="auto" if model_name == "pixels" else "torch"))
    job = DecodeJob(m.preprocess, Limits(), 1 << 30, draft_size(m))
    t = time.perf_counter()
    for p in paths:
        decode_one(str(p), job)
    return {"decode_only_images_per_s": len(paths) / (time.perf_counter() - t)}


def naive(model_name, device, paths):
    import torch
    import torchvision.transforms as T
    from PIL import Image
    from imgsearch.features import ModelSpec, load_model
    m = load_model(ModelSpec(name=model_name, device=device, runtime="torch"))
    p = m.preprocess
    pre = (T.Compose([T.Resize(p.resize), T.ToTensor()]) if p.crop is None else
           T.Compose([T.Resize(p.resize), T.CenterCrop(p.crop), T.ToTensor(), T.Normalize(p.mean, p.std)]))
    m.embed(pre(Image.open(paths[0]).convert("RGB"))[None].numpy())
    t = time.perf_counter()
    with torch.inference_mode():
        for p in paths:
            m.embed(pre(Image.open(p).convert("RGB"))[None].numpy())
    return {"baseline_images_per_s": len(paths) / (time.perf_counter() - t)}


def end_to_end(model_name, device, folder, n):
    import imgsearch
    home = tempfile.mkdtemp()
    t = time.perf_counter()
    report = imgsearch.index_images(folder, "bench", model=model_name, home=home, device=device,
                                    progress=False)
    seconds = time.perf_counter() - t
    assert report.indexed + report.copied == n, report.summary()   # random crops can coincide
    with imgsearch.open_collection("bench", home=home) as col:
        runtime = col.info().runtime
    return {"images_per_s": n / seconds, "seconds": seconds, "runtime": runtime}


def fidelity(model_name, paths):
    """Lowest cosine between the fast path (chosen runtime, DCT-reduced JPEG decode) and the
    reference (torch, full decode) on the same real photos."""
    from imgsearch.features import ModelSpec, load_model
    from imgsearch.pipeline.decode import Limits, decode
    from imgsearch.pipeline.embed import draft_size
    ref = load_model(ModelSpec(name=model_name, runtime="auto" if model_name == "pixels" else "torch"))
    fast = load_model(ModelSpec(name=model_name))
    worst = 1.0
    for p in paths:
        data = Path(p).read_bytes()
        a = ref.embed_images([decode(data, Limits()).image]).features[0]
        b = fast.embed_images([decode(data, Limits(), draft_size(fast)).image]).features[0]
        worst = min(worst, float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    return {"fidelity_min_cosine": worst}


def big_photos(dest: Path) -> list[Path]:
    """Large real photos (bundled ones upscaled to 2000 px, plus retina at 1411 px), where
    reduced-scale JPEG decoding applies."""
    from imgsearch.demo import photos
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for name, im in list(photos().items())[:8]:
        scale = 2000 / min(im.size)
        p = dest / f"{name}.jpg"
        im.resize((int(im.width * scale), int(im.height * scale))).save(p, quality=92)
        out.append(p)
    return out


def rss_run(model_name, device, sizes, tmp):
    rows = []
    for n in sizes:
        folder = Path(tmp) / f"rss{n}"
        make_jpegs(folder, n, seed=n)
        rec = in_fresh_process(end_to_end, model_name, device, str(folder), n)
        rows.append({"n": n, "peak_rss_mb": rec["peak_rss_mb"], "images_per_s": rec["images_per_s"]})
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--model", default="efficientnet-lite0")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--runtimes", default="torch,onnx,openvino")
    ap.add_argument("--sample", type=int, default=300, help="Images for the naive and decode loops.")
    ap.add_argument("--rss-sizes", default="", help="e.g. 10000,50000: peak RSS of index runs by N.")
    ap.add_argument("--out", default="extract")
    args = ap.parse_args(argv)
    import torch
    device = ("cuda" if torch.cuda.is_available() else "cpu") if args.device == "auto" else args.device
    load = [os.getloadavg()[0]]
    if args.model == "pixels":
        args.runtimes = "numpy"       # no network: raw pixels have one runtime
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_jpegs(Path(tmp) / "imgs", args.n)
        sample = paths[: min(args.sample, len(paths))]
        rounds = []
        for r in range(args.rounds):
            row = {"round": r}
            row.update(in_fresh_process(naive, args.model, device, sample))
            e2e = in_fresh_process(end_to_end, args.model, device, str(Path(tmp) / "imgs"), args.n)
            row.update(images_per_s=e2e["images_per_s"], peak_rss_mb=e2e["peak_rss_mb"],
                       runtime=e2e["runtime"])
            row["model_only_by_runtime"] = {}
            for rt in args.runtimes.split(","):
                out = in_fresh_process(model_only, args.model, device, rt)
                if out.get("images_per_s"):
                    row["model_only_by_runtime"][rt] = {k: out[k] for k in (
                        "images_per_s", "best_batch", "spinning") if k in out}
            row.update(in_fresh_process(decode_only, sample, args.model))
            fastest = max(v["images_per_s"] for v in row["model_only_by_runtime"].values())
            row["fraction_of_model_limit"] = row["images_per_s"] / fastest
            row["speedup_vs_baseline"] = row["images_per_s"] / row["baseline_images_per_s"]
            rounds.append(row)
            print_table([{k: v for k, v in row.items() if k != "model_only_by_runtime"}], [
                "round", "baseline_images_per_s", "images_per_s", "decode_only_images_per_s",
                "fraction_of_model_limit", "speedup_vs_baseline", "peak_rss_mb"])
        fid = in_fresh_process(fidelity, args.model, big_photos(Path(tmp) / "big") + sample[:20])
        rss = rss_run(args.model, device, [int(s) for s in args.rss_sizes.split(",") if s], tmp)
    load.append(os.getloadavg()[0])

    def med(key):
        return float(np.median([r[key] for r in rounds]))
    by_runtime = {rt: float(np.median([r["model_only_by_runtime"][rt]["images_per_s"]
                                       for r in rounds if rt in r["model_only_by_runtime"]]))
                  for rt in args.runtimes.split(",") if any(rt in r["model_only_by_runtime"] for r in rounds)}
    rec = {"images_per_s": med("images_per_s"), "baseline_images_per_s": med("baseline_images_per_s"),
           "model_only_images_per_s": max(by_runtime.values()), "model_only_by_runtime": by_runtime,
           "decode_only_images_per_s": med("decode_only_images_per_s"),
           "fraction_of_model_limit": med("fraction_of_model_limit"),
           "speedup_vs_baseline": med("speedup_vs_baseline"),
           "fidelity_min_cosine": fid["fidelity_min_cosine"], "peak_rss_mb": med("peak_rss_mb"),
           "runtime": rounds[0]["runtime"], "device": device, "model": args.model, "n": args.n,
           "rounds": args.rounds, "loadavg": load, "rss_by_n": rss, "per_round": rounds}
    print_table([{k: v for k, v in rec.items() if not isinstance(v, (dict, list))}],
                [k for k, v in rec.items() if not isinstance(v, (dict, list))])
    print("model only by runtime (median img/s):", {k: round(v, 1) for k, v in by_runtime.items()})
    if rss:
        print("peak RSS by N:", rss)
    print(f"wrote {write_results(args.out, [rec])}")


if __name__ == "__main__":
    main()
