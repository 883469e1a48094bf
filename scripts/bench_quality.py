"""Benchmark retrieval quality, both kinds of neighbour, on a folder with one sub-folder per
class (the development photos):

  class    same-class precision@1/@10 and mAP@10 on the photos (the query left out)
  copies   copy recall@1/@3 on the photos plus one edited copy each (crop 50-90 %, rotation
           3-10 degrees, colour +-30 %, JPEG 30-50, half size, blur, caption: three per copy)
  crops    copy recall@1/@3 on three overlapping crops of every tenth photo, each with a copy
  crops8   eight photos each cut into eight overlapping windows, each with one copy (rotated
           8 degrees, colour +30 %, JPEG 35): eight collections of eight pairs
  dups     duplicate groups on copies, crops and crops8: copy recall and distinct images lost
           per 100 kept, by threshold: verified star groups (the default), star groups and
           connected components on cosine alone (and imagededup's hashes, when
           /work/venv-imagededup or --imagededup has it); the defaults through
           Collection.duplicates too (`defaults` rows). --dups-only runs only these.
  sizes    small collections: precision@5 on random subsets of 20-160 photos, for each
           post-processing and re-ranking (the rule for when to fit and re-rank)

Each set is indexed once per model as a real collection (images/s measured there); every
configuration (post-processing x re-ranking x near-copies first) is then ranked in numpy by
the search's own functions (copysets.ArraySpace), and the defaults are checked through
Collection.search itself. The original pipeline (Lite0, ImageNet mean/std, raw features,
no re-ranking) is measured in the same run as the baseline.

    python scripts/bench_quality.py --data ../shared/datasets/gcompris-photos

Writes bench-results/quality.json.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import print_table, write_results  # noqa: E402
from copysets import build_sets, class_metrics, copy_metrics  # noqa: E402
import dupsets  # noqa: E402

MODELS = {   # name -> index arguments
    "baseline": dict(model="efficientnet-lite0", pooling="avg", normalize="imagenet", view="crop"),
    "lite0": dict(model="efficientnet-lite0"),                  # the defaults: whole image, GeM
    "lite0-crop-avg": dict(model="efficientnet-lite0", pooling="avg", view="crop"),  # before
    "lite2": dict(model="efficientnet-lite2"),
    "pixels": dict(model="pixels", size=16),
}
COLUMNS = ["model", "postprocess", "rerank", "p_at_1", "p_at_10", "map_at_10",
           "copies_recall_at_1", "copies_recall_at_3", "crops_recall_at_3",
           "copies_recall_at_3_no_fusion", "images_per_s"]


def index_set(folder: Path, model: str, home: Path, name: str):
    """(collection, images/s): the folder indexed with the model's arguments and the defaults."""
    import imgsearch
    from imgsearch.features import ModelSpec
    args = dict(MODELS[model])
    col = imgsearch.open_collection(f"{model}-{name}", create=True, home=home, progress=False)
    spec_args = {k: v for k, v in args.items() if k in ("pooling", "normalize", "view", "size")}
    t = time.perf_counter()
    if "normalize" in spec_args:   # not a CLI option: the legacy pipeline, built directly
        from imgsearch.pipeline.runners.local import index_source
        report = index_source(col, folder, ModelSpec(name=args["model"], **spec_args))
    else:
        report = col.index(folder, model=args["model"], **spec_args)
    return col, report.indexed / (time.perf_counter() - t)


def raw_in_order(col, files: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(raw unit features in the order of files, their image ids)."""
    table = col.table(columns=["image_id", "path"])
    id_of = dict(zip(table["path"], table["image_id"]))
    ids = np.array([id_of[f] for f in files], dtype=np.int64)
    return col.raw_vectors(ids)[1], ids


def through_search(col, ids: np.ndarray, labels=None, families=None) -> dict:
    """The defaults as users get them: Collection.search with no options."""
    out, pos = {}, {int(i): r for r, i in enumerate(ids)}
    t = time.perf_counter()
    ranked = []
    for i in ids:
        hits = [pos[h.image_id] for h in col.search(int(i), k=11).hits if h.image_id != i]
        ranked.append(np.array(hits[:10]))
    out["ms_per_query"] = (time.perf_counter() - t) * 1000 / len(ids)
    if labels is not None:
        rel = [labels[r] == labels[q] for q, r in enumerate(ranked)]
        out["p_at_10"] = float(np.mean([x.mean() for x in rel]))
    if families is not None:
        found = [np.isin(np.flatnonzero((families == families[q]) & (np.arange(len(ids)) != q)),
                         r[:3]).all() for q, r in enumerate(ranked)]
        out["recall_at_3"] = float(np.mean(found))
    return out


def grid(model: str, raw: dict, tables: dict, posts, reranks) -> list[dict]:
    out = []
    labels = tables["class"]["label"].to_numpy()
    for post in posts:
        for rr in reranks:
            rec = {"model": model, "postprocess": post, "rerank": rr, "n": len(labels)}
            for near, tail in ((True, ""), (False, "_no_fusion")):   # fusion: copies_first
                rec.update({f"{k}{tail}": v for k, v in
                            class_metrics(raw["class"], labels, post, rr, near).items()})
                for s in ("copies", "crops"):
                    rec.update({f"{s}_{k}{tail}": v for k, v in
                                copy_metrics(raw[s], tables[s], post, rr, near).items()})
            out.append(rec)
    return out


def sizes(raw: np.ndarray, labels: np.ndarray, copies_raw, copies_table, rounds: int = 8) -> list[dict]:
    """Precision@5 and copy recall@3 on random subsets: when a fitted mean and a k-reciprocal
    graph start to help."""
    from imgsearch.analysis import rerank
    from imgsearch.features import postprocess
    saved = rerank.MIN_PREPARED, postprocess.MIN_FIT
    rerank.MIN_PREPARED = postprocess.MIN_FIT = 3     # measured below the product's bounds too
    try:
        return _sizes(raw, labels, copies_raw, copies_table, rounds)
    finally:
        rerank.MIN_PREPARED, postprocess.MIN_FIT = saved


def _sizes(raw, labels, copies_raw, copies_table, rounds):
    out = []
    fam = copies_table["family"].to_numpy()
    for n in [n for n in (16, 24, 32, 48, 64, 96, 160) if n < len(labels)]:
        rng = np.random.default_rng(n)
        for post, rr in (("none", "none"), ("center", "none"), ("none", "kreciprocal"),
                         ("center", "kreciprocal")):
            p5, rec3 = [], []
            for _ in range(rounds):
                sel = rng.choice(len(labels), n, replace=False)
                space = _space(raw[sel], post, rr)
                lab = labels[sel]
                p5.append(np.mean([(lab[space.ranked(i, 5)] == lab[i]).mean() for i in range(n)]))
                fams = rng.choice(np.unique(fam), min(n // 2, len(np.unique(fam))), replace=False)
                csel = np.flatnonzero(np.isin(fam, fams))
                rec3.append(copy_metrics(copies_raw[csel], copies_table.iloc[csel], post, rr)["recall_at_3"])
            out.append({"section": "sizes", "n": n, "postprocess": post, "rerank": rr,
                        "p_at_5": float(np.mean(p5)), "copies_recall_at_3": float(np.mean(rec3))})
            print_table([out[-1]], ["n", "postprocess", "rerank", "p_at_5", "copies_recall_at_3"])
    return out


def _space(raw, post, rr):
    from copysets import ArraySpace
    return ArraySpace(raw, post, rr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="One sub-folder of images per class.")
    ap.add_argument("--models", default="lite0,lite0-crop-avg,lite2")
    ap.add_argument("--postprocess", default="none,center,whiten")
    ap.add_argument("--rerank", default="none,qe,kreciprocal")
    ap.add_argument("--sets", help="Where the copy sets are written (kept: built once, seeded; "
                    "default: a folder under /tmp named after the data folder).")
    ap.add_argument("--imagededup", default="/work/venv-imagededup/bin/python")
    ap.add_argument("--out", default="quality")
    ap.add_argument("--dups-only", action="store_true",
                    help="Only the duplicate groups (default features): bench-results/quality-dups.json.")
    ap.add_argument("--reuse", action="store_true",
                    help="Reuse the features an earlier run cached beside the sets (no images/s).")
    args = ap.parse_args(argv)
    data = Path(args.data).resolve()
    if args.sets is None:
        import hashlib
        args.sets = f"/tmp/imgsearch-bench-quality-sets-{hashlib.sha1(str(data).encode()).hexdigest()[:10]}"
    sets = build_sets(data, Path(args.sets))
    cls = sets["copies"][sets["copies"]["variant"] == "original"].reset_index(drop=True)
    source = {f"{p.parent.name}/{p.stem}": str(p) for p in data.glob("*/*")}
    tables = {"class": cls.assign(file=[source[f] for f in cls["family"]]), **sets}
    folders = {"class": data, **{s: Path(args.sets) / s for s in dupsets.SETS}}
    records, extra, raws = [], [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for model in (["lite0"] if args.dups_only else ["baseline", *args.models.split(",")]):
            raw, speed = {}, []
            cached = Path(args.sets) / f"raw-{model}.npz"
            if args.reuse and cached.exists():     # features of an earlier run (no timing)
                with np.load(cached) as z:
                    raw = {s: z[s] for s in folders}
            for s, folder in folders.items():
                if s in raw:
                    continue
                col, ips = index_set(folder, model, Path(tmp), s)
                try:
                    raw[s], ids = raw_in_order(col, list(tables[s]["file"]))
                    speed.append(ips)
                    if model == "lite0":       # the defaults, through the search itself
                        t = tables[s]
                        got = through_search(col, ids, t["label"].to_numpy() if s == "class" else None,
                                             None if s == "class" else t["family"].to_numpy())
                        if s != "class":
                            got.update(dupsets.metrics(dupsets.from_collection(col, ids),
                                                       tables[s]))
                        extra.append({"section": "defaults", "set": s, **got})
                        print(f"defaults through Collection.search on {s}: {got}")
                finally:
                    col.close()
            raws[model] = raw
            np.savez(cached, **raw)
            if args.dups_only:
                continue
            posts = ["none"] if model == "baseline" else args.postprocess.split(",")
            reranks = ["none"] if model == "baseline" else args.rerank.split(",")
            for rec in grid(model, raw, tables, posts, reranks):
                records.append({**rec, "images_per_s": float(np.median(speed)) if speed else None})
                print_table([records[-1]], COLUMNS)
    if "lite0" in raws and "lite2" in raws:
        both = {s: np.hstack([raws["lite0"][s], raws["lite2"][s]]) for s in folders}
        for rec in grid("lite0+lite2", both, tables, ["center"], ["none", "kreciprocal"]):
            records.append({**rec, "images_per_s": None})
            print_table([records[-1]], COLUMNS)
    if args.dups_only:
        extra += dupsets.report(raws["lite0"], tables, folders, args.imagededup)
        print(f"wrote {write_results(args.out + '-dups', extra)}")
        return
    base = records[0]["p_at_10"]
    for r in records:
        r["p_at_10_vs_baseline"] = r["p_at_10"] - base
    lite0 = raws.get("lite0") or raws["baseline"]
    extra += sizes(lite0["class"], tables["class"]["label"].to_numpy(), lite0["copies"],
                   tables["copies"])
    extra += dupsets.report(lite0, tables, folders, args.imagededup)
    print(f"wrote {write_results(args.out, records)} and {write_results(args.out + '-copies', extra)}")


if __name__ == "__main__":
    main()
