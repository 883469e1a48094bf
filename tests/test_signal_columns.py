"""The saved analyses' columns a search's hits carry come from memory (core/signal_columns.py),
read again only after a write of them: the same values the catalog holds, never stale after a
write through any connection, never a mix of two writes within one search's rows; and no
other process can write the catalog while a store has it open (what that rests on)."""
import subprocess
import sys
import threading

import numpy as np
import pandas as pd
import pytest

import imgsearch
from imgsearch.core.signal_columns import SignalColumns
from imgsearch.core.store import Store


@pytest.fixture
def collection(digits_dir, tmp_path):
    kw = dict(home=tmp_path / "h", workers=0, progress=False)
    imgsearch.index_images(digits_dir, "a", model="pixels", size=8, **kw)
    with imgsearch.open_collection("a", **kw) as col:
        yield col


def view_values(store, ids, columns):
    rows = store.rows(ids)
    return [[None if pd.isna(v) else v for v in rows[c]] for c in columns]


def test_hit_rows_carry_what_the_catalog_holds_and_read_the_tables_once(collection, monkeypatch):
    col, store = collection, collection.store
    ids = [int(i) for i in col.ids()[:40]]
    col.outliers(k=5, save=True)
    col.clusters(save=True)
    store.write_signal("sig_label_issue", pd.DataFrame(      # some images with no value
        {"image_id": ids[::2], "label_issue_score": np.linspace(0, 1, len(ids[::2]))}))
    reads = []
    real = SignalColumns._read
    monkeypatch.setattr(SignalColumns, "_read", staticmethod(lambda s: reads.append(1) or real(s)))
    columns = ["outlier_score", "cluster", "label_issue_score", "duplicate_group"]
    for _ in range(3):
        got = store.records(ids[::-1])
        assert [r["image_id"] for r in got] == ids[::-1]
        assert [[r[c] for r in got] for c in columns] == view_values(store, ids[::-1], columns)
    assert len(reads) == 1                                # one read while nothing was written
    assert all(isinstance(r["cluster"], str) for r in got)
    assert sum(r["label_issue_score"] is None for r in got) == len(ids) // 2


def test_a_write_through_another_connection_shows_in_the_next_search(collection):
    col, store = collection, collection.store
    ids = [int(i) for i in col.ids()[:10]]
    store.write_signal("sig_outlier", pd.DataFrame({"image_id": ids, "outlier_score": 1.0}))
    assert {r["outlier_score"] for r in store.records(ids)} == {1.0}
    other = Store(store.path)             # a second connection to the same catalog
    try:
        other.write_signal("sig_outlier", pd.DataFrame({"image_id": ids, "outlier_score": 2.0}))
        assert {r["outlier_score"] for r in store.records(ids)} == {2.0}
        other.write_signal("sig_duplicate", pd.DataFrame({"image_id": ids[:2], "duplicate_group": 7}))
        assert [r["duplicate_group"] for r in store.records(ids[:3])] == [7, 7, None]
        other.delete(ids[:1])
        assert [r["image_id"] for r in store.records(ids[:3])] == ids[1:3]
        with other.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM sig_outlier WHERE image_id = ?", [ids[0]]).fetchone() == (0,)
    finally:
        other.close()


def test_a_search_never_mixes_two_writes_nor_goes_back(collection):
    """Writes replace a table while searches read it: each search's hits carry the values of
    one write, and a reader never sees an older write after a newer one."""
    store = collection.store
    ids = [int(i) for i in collection.ids()]
    hits, seen, wrong = ids[:10], {}, []
    done = threading.Event()

    def write():
        for k in range(1, 16):
            store.write_signal("sig_outlier", pd.DataFrame({"image_id": ids, "outlier_score": float(k)}))
        done.set()

    def read(n):
        last, mine = 0.0, seen.setdefault(n, set())
        while not done.is_set():
            values = {r["outlier_score"] for r in store.records(hits)}
            if len(values) != 1:
                wrong.append(values)
                continue
            value = values.pop() or 0.0
            if value < last:
                wrong.append((last, value))
            last = value
            mine.add(value)
    readers = [threading.Thread(target=read, args=(n,)) for n in range(3)]
    writer = threading.Thread(target=write)
    for t in [*readers, writer]:
        t.start()
    for t in [*readers, writer]:
        t.join()
    assert not wrong
    assert {r["outlier_score"] for r in store.records(hits)} == {15.0}
    assert all(len(s) >= 2 for s in seen.values()), seen     # they did read while it wrote


def test_no_other_process_can_write_the_catalog_while_a_store_has_it_open(collection):
    """The columns are read again after this process's own writes only: that holds because
    DuckDB lets one process at a time open the file for writing."""
    path = str(collection.store.path)
    other = subprocess.run([sys.executable, "-c", "import sys, duckdb; duckdb.connect(sys.argv[1]).execute("
                            "\"INSERT OR REPLACE INTO meta VALUES ('x', 'y')\")", path],
                           capture_output=True, text=True, timeout=120)
    assert other.returncode != 0 and "lock" in other.stderr.lower(), other.stderr[-500:]
