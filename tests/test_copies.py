"""Both kinds of neighbour, on real photos edited the way people edit them (imgsearch.augment):
an edited copy ranks beside its original with the default settings, and duplicate groups hold
only near-copies of their kept image."""
import numpy as np
import pytest

import imgsearch
from imgsearch import augment, demo
from imgsearch.analysis.curation import star_groups


@pytest.fixture(scope="module")
def photos():
    return demo.photos()


def _index(root, name, home):
    imgsearch.index_images(root, name, home=home, progress=False)
    return imgsearch.open_collection(name, home=home)


def _ids(col, root, table):
    t = col.table(columns=["image_id", "path"])
    id_of = {str(p).split(str(root) + "/")[1]: int(i) for p, i in zip(t["path"], t["image_id"])}
    return table.assign(image_id=[id_of[p] for p in table["path"]])


def _copies_missing_from_top3(col, table):
    """(original, copy) families whose copy is not in the original's top 3 (itself left out)."""
    missing = []
    for fam, g in table.groupby("family"):
        orig = int(g.loc[g["variant"] == "original", "image_id"].iloc[0])
        hits = [h.image_id for h in col.search(orig, k=4).hits if h.image_id != orig][:3]
        missing += [(fam, e) for c, e in zip(g["image_id"], g["edits"]) if c != orig and c not in hits]
    return missing


def test_every_copy_ranks_beside_its_original_in_a_small_collection(photos, tmp_path):
    small = dict(list(photos.items())[:10])
    table = augment.write_copy_set(small, tmp_path / "s", seed=0)
    assert len(table) == 20 and (table["edits"].str.count(r"\+") == 2).sum() == 10
    with _index(tmp_path / "s", "s", tmp_path / "h") as col:
        table = _ids(col, tmp_path / "s", table)
        assert _copies_missing_from_top3(col, table) == []


def test_every_copy_ranks_beside_its_original_among_200_with_the_defaults(photos, tmp_path):
    """23 photos and an edited copy of each, among look-alikes (each photo mirrored, not an
    edit people make to pass a photo off) and digits: 200 images, so the collection's mean is
    fitted and the k-reciprocal graph built. The defaults re-rank, and copies still come first.
    (Thirds of each photo as look-alikes are not used: a third of a texture such as grass is
    as much a copy of it as a 50 % crop, and outranks the edited copy on raw features too.)"""
    root = tmp_path / "b"
    table = augment.write_copy_set(photos, root, seed=0)
    for name, img in photos.items():
        img.transpose(0).save(root / f"{name}__mirror.jpg", quality=92)
    demo.write_digits(root, n=200 - len(table) - len(photos), size=64)
    with _index(root, "b", tmp_path / "h") as col:
        info = col.info()
        assert info.indexed == 200 and info.postprocess["method"] == "center"
        table = _ids(col, root, table)
        some = int(table["image_id"].iloc[0])
        assert col.search(some, k=5).rerank == "kreciprocal"      # the graph is in use
        assert _copies_missing_from_top3(col, table) == []
        # each kind of search alone pushes some copies out: what the fusion brings back
        from imgsearch.analysis import rerank
        saved, rerank.NEAR_GAP = rerank.NEAR_GAP, 9.0
        try:
            lost = _copies_missing_from_top3(col, table)
        finally:
            rerank.NEAR_GAP = saved
        assert len(lost) >= 1, "the set no longer tests the fusion"
        # the class-level neighbours still follow: a digit's next hits are digits
        digit = int(col.ids("path LIKE '%/digits/%'")[0])
        hits = col.search(digit, k=10).hits
        assert all("/digits/" in h.path for h in hits)


def test_star_groups_never_chain():
    # a chain 0-1-2-3 and a star 4-{5,6,7}; 8 alone
    group = star_groups(9, np.array([0, 1, 2, 4, 4, 4, 5]), np.array([1, 2, 3, 5, 6, 7, 6]))
    assert group.tolist() == [1, 1, 1, -1, 4, 4, 4, 4, -1]
    assert star_groups(3, np.array([], int), np.array([], int)).tolist() == [-1, -1, -1]


def test_a_group_holds_only_near_copies_of_its_kept_image(photos, tmp_path):
    """Overlapping crops of one photo (windows a fifth apart, each with an edited copy): each
    window looks like the next, so linked pairs chain across the photo. Every member of a
    group must be linked to the kept image itself."""
    root = tmp_path / "c"
    wide = {}
    for name in ("astronaut", "coffee", "chelsea", "rocket", "china", "flower"):
        for j, c in enumerate(augment.crops(photos[name], 5, 0.6)):
            wide[f"{name}__w{j}"] = c
    augment.write_copy_set(wide, root, seed=3)
    threshold = 0.8
    with _index(root, "c", tmp_path / "h") as col:
        groups = col.duplicates(threshold=threshold).to_frame()
        ids, raw = col.raw_vectors()
    assert len(groups) and groups.groupby("duplicate_group")["kept"].sum().eq(1).all()
    assert (groups["similarity_to_kept"] >= threshold - 1e-5).all()
    # the links do chain here: connected components would join windows that are not copies
    x = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    sims = x @ x.T
    from scipy.sparse.csgraph import connected_components
    _, comp = connected_components(sims >= threshold, directed=False)
    chained = [c for c in np.unique(comp)
               if (sims[np.ix_(comp == c, comp == c)] < threshold).any()]
    assert chained, "no chain in this set: the test would not catch connected components"


def test_collections_built_before_the_whole_view_keep_their_model(photos, tmp_path):
    """A collection whose manifest predates `view` (Lite0 cropped, average pooling) reopens
    with that model, searches in its own space and refuses the new default's features."""
    import json
    small = dict(list(photos.items())[:4])
    augment.write_copy_set(small, tmp_path / "o", seed=1)
    kw = dict(home=tmp_path / "h", progress=False)
    imgsearch.index_images(tmp_path / "o", "old", view="crop", pooling="avg", **kw)
    path = tmp_path / "h" / "old" / "manifest.json"
    manifest = json.loads(path.read_text())
    assert manifest["model_args"].pop("view") == "crop"        # as written before views
    path.write_text(json.dumps(manifest))
    query = next((tmp_path / "o").glob("*__copy0.jpg"))
    with imgsearch.open_collection("old", **kw) as col:
        assert col.info().preprocessing == "resize256-centercrop224-inception-norm"
        hit = col.search(str(query), k=1).hits[0]
        assert hit.path == str(query) and hit.score >= 0.999
    imgsearch.index_images(tmp_path / "o", "old", **kw)       # more runs reuse its model
    with pytest.raises(imgsearch.ModelMismatch, match="preprocessing"):
        imgsearch.index_images(tmp_path / "o", "old", view="whole", **kw)
    with imgsearch.open_collection("new", create=True, **kw) as col:
        col.index(tmp_path / "o")
        info = col.info()
        assert info.preprocessing == "resize224x224-inception-norm" and info.layer.startswith("gem")


@pytest.mark.parametrize("chunk", [None, 16])
def test_a_crowd_of_identical_images_is_searched_only_at_the_identical_floor(tmp_path, monkeypatch,
                                                                             chunk):
    """Images whose 30 nearest are all identical to them are searched again past the stored
    graph, but only for pairs that can still count (>= 0.995 with a margin): searching them at
    the threshold returned most of a dense class at a million images and exhausted memory.
    The search reads the raw features a chunk at a time (chunk=16: never all 70 at once; a
    flat index of every raw feature held a second copy of the vectors)."""
    from PIL import Image
    from imgsearch.analysis import curation, mapsample
    from imgsearch.core.collection import Collection
    rng = np.random.default_rng(0)
    root = tmp_path / "crowd"
    root.mkdir()
    same = rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)
    for i in range(40):                                   # 40 of one image: > K + 1
        Image.fromarray(same).save(root / f"same{i:02d}.png")
    for i in range(30):
        Image.fromarray(rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)).save(root / f"other{i:02d}.png")
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(root, "crowd", model="pixels", size=8, **kw)
    asked = []
    real = curation._pairs_above
    monkeypatch.setattr(curation, "_pairs_above",
                        lambda index, vecs, t: asked.append(t) or real(index, vecs, t))
    reads, raw = [], Collection.raw_vectors
    with imgsearch.open_collection("crowd", **kw) as col:
        if chunk:           # (the stored graph is built first: its reads are not the search's)
            from imgsearch.core import knngraph
            knngraph.graph(col, "raw")
            monkeypatch.setattr(mapsample, "chunk_rows", lambda dim: chunk)
            monkeypatch.setattr(Collection, "raw_vectors", lambda self, ids=None:
                                reads.append(ids is None or len(ids)) or raw(self, ids))
        rows = col.analyse("duplicates").rows
    assert asked and min(asked) >= 0.995, asked
    if chunk:                # the crowd's 40 as queries, then chunks of 16; never all 70
        assert True not in reads and max(reads) <= 40, reads
    groups = {}
    for r in rows:
        groups.setdefault(r.duplicate_group, set()).add(r.path.rsplit("/", 1)[-1])
    crowd = [g for g in groups.values() if any(n.startswith("same") for n in g)]
    assert len(crowd) == 1 and len(crowd[0]) == 40, crowd


def test_duplicates_read_catalog_rows_of_the_images_that_need_them_only(digits_dir, tmp_path,
                                                                        monkeypatch):
    """The catalog is read for the candidates' paths, the exact copies' contents and the
    grouped images' rows, never every image's row (at a million images those rows, paths and
    hashes as Python strings, were a fifth of the stage's peak); exact copies still group."""
    import shutil
    from imgsearch.core.store import Store
    root = tmp_path / "d"
    shutil.copytree(digits_dir, root)
    files = sorted(root.rglob("*.png"))
    for f in files[:3]:                                   # byte-for-byte copies
        shutil.copy(f, f.with_name("copy_" + f.name))
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(root, "d", model="pixels", size=8, **kw)
    asked = []
    real = Store.rows
    monkeypatch.setattr(Store, "rows", lambda self, ids, columns=None:
                        asked.append(len(list(ids))) or real(self, np.asarray(list(ids)), columns))
    with imgsearch.open_collection("d", **kw) as col:
        n = col.info().indexed
        groups = col.duplicates(threshold=0.9).to_frame()
    assert n == len(files) + 3 and asked and max(asked) == len(groups) < n, (asked, len(groups))
    exact = groups[groups["kind"] == "exact"]
    for f in files[:3]:
        mine = exact[exact["path"].str.endswith("/" + f.name) | exact["path"].str.endswith("copy_" + f.name)]
        assert len(mine) == 2 and mine["duplicate_group"].nunique() == 1, mine


def test_candidate_pairs_come_from_the_graph_a_block_of_lists_at_a_time(digits_dir, tmp_path,
                                                                         monkeypatch):
    """The raw graph's lists become candidate pairs a block at a time, ids mapped to positions
    by a sorted lookup: the memory it takes is a block's, not the whole (n, K) table's and
    pandas' copies of it (7x the table here; at a million images most of a gigabyte while the
    collection's index was loaded). The pairs are the ones a whole-table pass finds."""
    import tracemalloc
    from imgsearch.analysis import curation
    from imgsearch.core import knngraph
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "d", model="pixels", size=8, **kw)
    with imgsearch.open_collection("d", **kw) as col:
        g = knngraph.graph(col, "raw")
        whole = curation._candidate_pairs(col, 0.55, 0.05, 20)
        monkeypatch.setattr(curation, "PAIR_BLOCK", 100)
        tracemalloc.start()
        try:
            ids, rows, cols, sims = curation._candidate_pairs(col, 0.55, 0.05, 20)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert len(rows[0]) and peak < g.nn.nbytes, peak / g.nn.nbytes
    assert sorted(zip(rows[0].tolist(), cols[0].tolist())) == \
        sorted(zip(whole[1][0].tolist(), whole[2][0].tolist()))


def test_similarity_to_the_kept_image_reads_a_block_of_grouped_images_at_a_time(
        digits_dir, tmp_path, monkeypatch):
    """Each member's similarity to its kept image is read a block of members at a time (read
    whole, the grouped images' features and their copies were the stage's peak at a million
    images); every figure is the cosine of the two images' raw features."""
    from imgsearch.analysis import curation
    from imgsearch.core import knngraph
    from imgsearch.core.collection import Collection
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "d", model="pixels", size=8, **kw)
    reads, raw = [], Collection.raw_vectors
    with imgsearch.open_collection("d", **kw) as col:
        ids, vecs = col.raw_vectors()
        knngraph.graph(col, "raw")                      # its reads are not the similarity's
        monkeypatch.setattr(curation, "SIMILARITY_BLOCK", 5)
        monkeypatch.setattr(Collection, "raw_vectors", lambda self, ids=None:
                            reads.append("all" if ids is None else len(ids)) or raw(self, ids))
        groups = col.duplicates(threshold=0.9, verify=False).to_frame()
    assert len(groups) > 10 and "all" not in reads and max(reads) == 5, reads
    x = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    at = {int(i): r for r, i in enumerate(ids)}
    kept = groups[groups["kept"]].set_index("duplicate_group")["image_id"]
    for _, m in groups.iterrows():
        want = float(x[at[m["image_id"]]] @ x[at[int(kept[m["duplicate_group"]])]])
        assert abs(m["similarity_to_kept"] - want) < 1e-5, (m, want)
