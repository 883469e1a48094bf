"""A search's catalog rows come from memory (core/hit_rows.py) only while no write has ended
since they were read: the same values DuckDB gives, after every kind of write the next search
sees it, and closing the store stops a read in progress."""
import datetime
import threading
import time

import numpy as np
import pandas as pd
import pytest
from PIL import Image

import imgsearch
from imgsearch.core import hit_rows
from imgsearch.core.store_reads import CatalogReads


@pytest.fixture
def collection(digits_dir, tmp_path, monkeypatch):
    """300 digits with labels and metadata columns of every kind a CSV brings."""
    monkeypatch.setattr(hit_rows, "QUIET_S", 0.0)
    src = tmp_path / "src"
    for p in sorted((digits_dir / "digits").rglob("*.png"))[:300]:
        dest = src / p.relative_to(digits_dir / "digits")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(p.read_bytes())
    paths = sorted(str(p.relative_to(src)) for p in src.rglob("*.png"))
    n = len(paths)
    pd.DataFrame({"path": paths, "label": [p.split("/")[0] for p in paths],
                  "note": [("東京; 'quoted' \"x\"" if i % 3 else None) for i in range(n)],
                  "taken": [datetime.date(2020, 1, 1) + datetime.timedelta(days=i) for i in range(n)],
                  "flagged": [i % 2 == 0 for i in range(n)],
                  "count": list(range(n))}).to_csv(src / "labels.csv", index=False)
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(src, "a", model="pixels", size=8, labels=src / "labels.csv", **kw)
    with imgsearch.open_collection("a", **kw) as col:
        col.src = src
        yield col


def from_duckdb(store, ids):
    """records() with the rows read from DuckDB, as they are while the memory is stale."""
    names, rows = CatalogReads._hit_rows_of(store, [int(i) for i in ids])
    by_id = {r[0]: dict(zip(names, r)) for r in rows}
    return [by_id[int(i)] for i in ids if int(i) in by_id]


def from_memory(store, ids):
    """records() once the rows in memory are fresh (and only from memory)."""
    store.records(ids[:1])
    store.records(ids[:1])                      # a second search starts the read
    assert store._hit_rows.wait(10)
    got = store._hit_rows.lookup(store, [int(i) for i in ids])
    assert got is not None
    names, rows = got
    return [dict(zip(names, r)) for r in rows]


def test_rows_from_memory_are_the_catalogs(collection, monkeypatch):
    store = collection.store
    ids = [int(i) for i in collection.ids()]
    collection.tag(ids[:7], "keep")
    collection.tag(ids[3:5], "blurry")
    asked = ids[::-1] + [ids[0], 10 ** 12]         # reversed, a repeat, an unknown id
    memory = from_memory(store, asked)
    assert memory == from_duckdb(store, asked)
    assert [r["image_id"] for r in memory] == asked[:-1]
    assert memory[:10] == from_duckdb(store, asked[:10])       # a few ids: the other query
    first = {r["image_id"]: r for r in memory}[ids[3]]
    assert first["tags"] == ["blurry", "keep"] and first["taken"] == "2020-01-04"
    assert (first["count"], first["flagged"]) == (3, False)
    assert isinstance(first["added_at"], datetime.datetime)
    assert {r["note"] for r in memory} == {None, "東京; 'quoted' \"x\""}
    # the search path takes them from memory, not from DuckDB
    monkeypatch.setattr(CatalogReads, "_hit_rows_of", lambda *a: pytest.fail("read DuckDB"))
    hits = collection.search(collection.raw_vectors(ids[:1])[1][0], k=5).hits
    assert hits[0].image_id == ids[0] and hits[0].tags == ["keep"]
    assert store.records(asked)[0]["image_id"] == asked[0]


def rows_after(collection, ids):
    """What a search's rows say right after a write, checked against DuckDB's."""
    got = collection.store.records(ids)
    assert got == [{**r, **{k: v for k, v in g.items() if k not in r}}
                   for r, g in zip(from_duckdb(collection.store, ids), got)]
    return {r["image_id"]: r for r in got}


def test_every_write_shows_in_the_next_search(collection):
    col, store = collection, collection.store
    ids = [int(i) for i in col.ids()]
    assert from_memory(store, ids)                        # fresh before each write below
    col.tag(ids[:2], "new")
    assert rows_after(col, ids[:2])[ids[0]]["tags"] == ["new"]

    from_memory(store, ids)
    col.untag(ids[:1], "new")
    assert rows_after(col, ids[:2])[ids[0]]["tags"] == []

    from_memory(store, ids)
    rel = [str(p.relative_to(col.src)) for p in sorted(col.src.rglob("*.png"))]
    pd.DataFrame({"path": rel, "prediction": "3", "confidence": 0.5}).to_csv(
        col.src / "preds.csv", index=False)
    col.import_predictions(col.src / "preds.csv")
    assert {r["prediction"] for r in rows_after(col, ids).values()} == {"3"}

    from_memory(store, ids)
    col.remove(ids[:3])
    assert set(rows_after(col, ids[:5])) == set(ids[3:5])

    from_memory(store, ids)
    changed = col.src / rel[10]             # a file edited in place: indexed again
    Image.new("L", (8, 8), 255).save(changed)
    before = rows_after(col, ids)
    col.index(col.src)
    after = rows_after(col, col.ids())
    moved = [i for i in after if i in before and after[i]["sha256"] != before[i]["sha256"]]
    assert len(moved) == 1 or len(set(after) - set(before)) == 1

    from_memory(store, ids)
    pd.DataFrame({"path": rel, "label": "relabelled"}).to_csv(col.src / "labels2.csv", index=False)
    col.index(col.src, labels=col.src / "labels2.csv")
    assert {r["label"] for r in rows_after(col, col.ids()).values()} == {"relabelled"}


def test_a_failed_write_leaves_the_memory_stale(collection):
    store = collection.store
    ids = [int(i) for i in collection.ids()[:5]]
    from_memory(store, ids)
    with pytest.raises(RuntimeError):
        with store.transaction() as cur:
            cur.execute("UPDATE images SET label = 'x' WHERE image_id = ?", [ids[0]])
            raise RuntimeError("interrupted")
    assert store._hit_rows.lookup(store, ids) is None     # counted: read again, not trusted
    assert store.records(ids)[0]["label"] != "x"


def test_searches_during_writes_never_see_an_older_write(collection):
    """A writer tags image 0 with k = 1, 2, ... while searches read its row: once a write has
    ended, no later read shows an earlier one."""
    col, store = collection, collection.store
    first = int(col.ids()[0])
    ended, wrong, done = [0], [], threading.Event()

    def write():
        for k in range(1, 31):
            col.tag([first], f"v{k:02d}")
            col.untag([first], f"v{k - 1:02d}")
            ended[0] = k
            time.sleep(0.005)
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    while not done.is_set():
        least = ended[0]
        tags = store.records([first])[0]["tags"]
        seen = max((int(t[1:]) for t in tags), default=0)
        if seen < least:
            wrong.append((least, tags))
    writer.join()
    assert not wrong
    assert store.records([first])[0]["tags"] == ["v30"]


def test_close_stops_a_read_in_progress(collection, monkeypatch):
    store = collection.store
    monkeypatch.setattr(hit_rows, "BATCH_ROWS", 1)       # a read of 300 batches
    real = hit_rows.HitRows._read_table
    started = threading.Event()

    def slow(self, cur, st):
        started.set()
        time.sleep(0.2)
        return real(self, cur, st)

    monkeypatch.setattr(hit_rows.HitRows, "_read_table", slow)
    store.records([int(collection.ids()[0])])
    assert not started.wait(0.3)                         # not read for one search
    store.records([int(collection.ids()[0])])
    assert started.wait(5)
    t = time.monotonic()
    collection.close()
    assert time.monotonic() - t < 5
    assert not store._hit_rows._reader.is_alive()


def test_too_many_images_stay_in_duckdb(collection, monkeypatch):
    monkeypatch.setattr(hit_rows, "MAX_ROWS", 100)
    store = collection.store
    ids = [int(i) for i in collection.ids()[:5]]
    store.records(ids)
    store.records(ids)
    assert not store._hit_rows.wait(10)
    assert store._hit_rows.lookup(store, ids) is None
    assert [r["image_id"] for r in store.records(ids)] == ids
    assert np.all(np.diff([r["image_id"] for r in store.records(sorted(ids))]) > 0)
