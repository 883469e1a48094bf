"""Benchmark retrieval quality: same-class precision@1/@10 and mAP@10 (the query left out) for
each model, post-processing and re-ranking, with images/s, on a folder with one sub-folder per
class. The first wave's pipeline (Lite0, ImageNet mean/std, raw features, no re-ranking) is
measured in the same run as the baseline.

    python scripts/bench_quality.py --data ../shared/datasets/gcompris-photos
    python scripts/bench_quality.py --data DIR --models lite0,lite2 --postprocess none,center

Writes bench-results/quality.json.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import print_table, write_results  # noqa: E402

MODELS = {   # name -> index arguments
    "baseline": dict(model="efficientnet-lite0", pooling="avg", normalize="imagenet"),
    "lite0": dict(model="efficientnet-lite0"),
    "lite0-gem": dict(model="efficientnet-lite0", pooling="gem"),
    "lite2": dict(model="efficientnet-lite2"),
    "pixels": dict(model="pixels", size=16),
}


def average_precision(relevant: list[bool], n_relevant: int, k: int = 10) -> float:
    hits, total = 0, 0.0
    for rank, rel in enumerate(relevant[:k], 1):
        if rel:
            hits += 1
            total += hits / rank
    return total / max(1, min(k, n_relevant))


def evaluate(col, classes: dict, rerank: str) -> dict:
    p1, p10, ap = [], [], []
    counts = {c: sum(1 for v in classes.values() if v == c) for c in set(classes.values())}
    t = time.perf_counter()
    for image_id, cls in classes.items():
        hits = [h.image_id for h in col.search(int(image_id), k=11, rerank=rerank).hits
                if h.image_id != image_id][:10]
        rel = [classes[h] == cls for h in hits]
        p1.append(float(rel[0]) if rel else 0.0)
        p10.append(float(np.mean(rel)) if rel else 0.0)
        ap.append(average_precision(rel, counts[cls] - 1))
    return {"p_at_1": float(np.mean(p1)), "p_at_10": float(np.mean(p10)),
            "map_at_10": float(np.mean(ap)),
            "ms_per_query": (time.perf_counter() - t) * 1000 / len(classes)}


def run(data: Path, model: str, post: str, reranks: list[str], home: Path) -> list[dict]:
    import imgsearch
    from imgsearch.features import ModelSpec
    args = dict(MODELS[model])
    name = f"{model}-{post}"
    col = imgsearch.open_collection(name, create=True, home=home, progress=False)
    try:
        spec_args = {k: v for k, v in args.items() if k in ("pooling", "normalize", "size")}
        t = time.perf_counter()
        if "normalize" in spec_args:   # not a CLI option: the legacy pipeline, built directly
            from imgsearch.pipeline.runners.local import index_source
            report = index_source(col, data, ModelSpec(name=args["model"], **spec_args),
                                  postprocess=post)
        else:
            report = col.index(data, model=args["model"], postprocess=post,
                               **{k: v for k, v in spec_args.items()})
        seconds = time.perf_counter() - t
        table = col.table(columns=["image_id", "path"])
        classes = {int(i): Path(p).parent.name for i, p in zip(table["image_id"], table["path"])}
        out = []
        for rr in reranks:
            rec = {"model": model, "postprocess": post, "rerank": rr, "n": len(classes),
                   "images_per_s": report.indexed / seconds, **evaluate(col, classes, rr)}
            out.append(rec)
            print_table([rec], ["model", "postprocess", "rerank", "p_at_1", "p_at_10", "map_at_10",
                                "ms_per_query", "images_per_s"])
        return out
    finally:
        col.close()


def concatenated(home: Path, names: list[str], posts: list[str]) -> list[dict]:
    """Lite0 and Lite2 side by side: each image's two raw unit features concatenated (each
    half weighs the same), centred or not, exact cosine kNN in numpy (no re-ranking)."""
    import imgsearch
    parts, classes = [], None
    for name in names:
        with imgsearch.open_collection(f"{name}-none", home=home) as col:
            ids, vecs = col.raw_vectors()
            order = np.argsort(ids)
            parts.append(vecs[order] / np.linalg.norm(vecs[order], axis=1, keepdims=True))
            table = col.table(columns=["image_id", "path"])
            by_id = {int(i): Path(p).parent.name for i, p in zip(table["image_id"], table["path"])}
            labels = [by_id[int(i)] for i in ids[order]]
            assert classes is None or classes == labels, "the two collections differ"
            classes = labels
    x = np.hstack(parts)
    labels = np.array(classes)
    counts = {c: int((labels == c).sum()) for c in set(classes)}
    out = []
    for post in posts:
        if post not in ("none", "center"):
            continue
        v = x - x.mean(axis=0) if post == "center" else x
        v = v / np.linalg.norm(v, axis=1, keepdims=True)
        sims = v @ v.T
        np.fill_diagonal(sims, -np.inf)
        top = np.argsort(-sims, axis=1)[:, :10]
        rel = labels[top] == labels[:, None]
        ap = [average_precision(list(r), counts[c] - 1) for r, c in zip(rel, labels)]
        out.append({"model": "+".join(names), "postprocess": post, "rerank": "none",
                    "n": len(labels), "images_per_s": None, "p_at_1": float(rel[:, 0].mean()),
                    "p_at_10": float(rel.mean()), "map_at_10": float(np.mean(ap)),
                    "ms_per_query": None})
        print_table([out[-1]], ["model", "postprocess", "p_at_1", "p_at_10", "map_at_10"])
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="One sub-folder of images per class.")
    ap.add_argument("--models", default="lite0,lite0-gem,lite2")
    ap.add_argument("--postprocess", default="none,center,whiten")
    ap.add_argument("--rerank", default="none,qe,kreciprocal")
    ap.add_argument("--out", default="quality")
    args = ap.parse_args(argv)
    data = Path(args.data).resolve()
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        records += run(data, "baseline", "none", ["none"], Path(tmp))
        for model in args.models.split(","):
            for post in args.postprocess.split(","):
                records += run(data, model, post, args.rerank.split(","), Path(tmp))
        models = args.models.split(",")
        if "lite0" in models and "lite2" in models and "none" in args.postprocess.split(","):
            records += concatenated(Path(tmp), ["lite0", "lite2"], args.postprocess.split(","))
    base = records[0]["p_at_10"]
    for r in records:
        r["p_at_10_vs_baseline"] = r["p_at_10"] - base
    best = max(records, key=lambda r: r["p_at_10"])
    print(f"baseline p@10 {base:.3f}; best {best['model']}/{best['postprocess']}/{best['rerank']} "
          f"p@10 {best['p_at_10']:.3f}")
    print(f"wrote {write_results(args.out, records)}")


if __name__ == "__main__":
    main()
