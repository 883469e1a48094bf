"""Benchmark extraction: model-only and decode-only limits, end-to-end `imgsearch index`, and a
naive PIL + torch loop at batch size 1, all in the same run on the same generated JPEGs.

    python scripts/bench_extract.py --n 2000 [--model efficientnet-lite0] [--device auto]

Writes bench-results/extract.json (images_per_s, baseline_images_per_s, model_only_images_per_s,
decode_only_images_per_s, fraction_of_model_limit, speedup_vs_baseline, peak_rss_mb, ...).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import in_fresh_process, print_table, write_results  # noqa: E402


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


def model_only(model_name, device, seconds=3.0):
    import numpy as np
    from imgsearch.features import load_model
    m = load_model(name=model_name, device=device, runtime="torch")
    best = (0.0, 0)
    size = m.preprocess.crop or 32
    for bs in (1, 2, 4, 8, 16, 32) if m.device == "cpu" else (32, 64, 128, 256):
        x = np.random.default_rng(0).standard_normal((bs, 3, size, size)).astype(np.float32)
        m.embed(x)
        n, t = 0, time.perf_counter()
        while time.perf_counter() - t < seconds:
            m.embed(x)
            n += bs
        rate = n / (time.perf_counter() - t)
        best = max(best, (rate, bs))
    return {"model_only_images_per_s": best[0], "best_batch_size": best[1]}


def decode_only(paths):
    from imgsearch.features import Preprocess
    from imgsearch.pipeline.decode import decode
    pre = Preprocess()
    t = time.perf_counter()
    for p in paths:
        pre(decode(Path(p).read_bytes()).image)
    return {"decode_only_images_per_s": len(paths) / (time.perf_counter() - t)}


def naive(model_name, device, paths):
    import torch
    import torchvision.transforms as T
    from PIL import Image
    from imgsearch.features import load_model
    m = load_model(name=model_name, device=device, runtime="torch")
    pre = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(),
                     T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
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
    assert report.indexed == n, report.summary()
    return {"images_per_s": n / seconds, "seconds": seconds}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--model", default="efficientnet-lite0")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--sample", type=int, default=300, help="Images for the naive and decode loops.")
    ap.add_argument("--out", default="extract")
    args = ap.parse_args(argv)
    import torch
    device = "cuda" if args.device == "auto" and torch.cuda.is_available() else (
        "cpu" if args.device == "auto" else args.device)
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_jpegs(Path(tmp) / "imgs", args.n)
        sample = paths[: min(args.sample, len(paths))]
        rec = {"model": args.model, "device": device, "n": args.n,
               "torch_threads": torch.get_num_threads()}
        rec.update(in_fresh_process(model_only, args.model, device))
        rec.update(in_fresh_process(decode_only, sample))
        rec.update(in_fresh_process(naive, args.model, device, sample))
        e2e = in_fresh_process(end_to_end, args.model, device, str(Path(tmp) / "imgs"), args.n)
        for key in ("seconds",):
            rec.pop(key, None)
        rec.update(images_per_s=e2e["images_per_s"], end_to_end_seconds=e2e["seconds"],
                   peak_rss_mb=e2e["peak_rss_mb"])
        rec["fraction_of_model_limit"] = rec["images_per_s"] / rec["model_only_images_per_s"]
        rec["speedup_vs_baseline"] = rec["images_per_s"] / rec["baseline_images_per_s"]
    print_table([rec], list(rec))
    print(f"wrote {write_results(args.out, [rec])}")


if __name__ == "__main__":
    main()
