"""Damaged collections: every command answers with one line naming the damaged file and the
repair, never a traceback, and `fsck --repair` really repairs."""
import json
import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

import imgsearch
from imgsearch.frontends.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory, digits_dir):
    """A small labelled collection, built once and copied for each damage."""
    src = tmp_path_factory.mktemp("dmg_src")
    for f in sorted(digits_dir.glob("digits/*/*.png"))[::30]:
        (src / f.parent.name).mkdir(exist_ok=True)
        shutil.copy(f, src / f.parent.name / f.name)
    labels = src / "labels.csv"
    rows = ["path,label"] + [f"{p.relative_to(src)},{p.parent.name}" for p in sorted(src.rglob("*.png"))]
    labels.write_text("\n".join(rows) + "\n")
    home = tmp_path_factory.mktemp("dmg_home")
    r = imgsearch.index_images(src, "c", model="pixels", size=8, labels=labels, home=home,
                               workers=0, progress=False)
    with imgsearch.open_collection("c", home=home) as col:
        col.build_map("pca")
    return home, r.indexed


@pytest.fixture
def run(tmp_path, built, monkeypatch):
    home = tmp_path / "home"
    shutil.copytree(built[0], home)
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    runner = CliRunner()

    def _run(*args):
        return runner.invoke(main, [str(a) for a in args])
    _run.home, _run.col, _run.n = home, home / "c", built[1]
    return _run


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


DAMAGES = {
    "vectors deleted": lambda d: (d / "vectors.faiss").unlink(),
    "vectors garbage": lambda d: (d / "vectors.faiss").write_bytes(b"\x00garbage" * 100),
    "manifest emptied": lambda d: (d / "manifest.json").write_text("{}"),
    "manifest garbage": lambda d: (d / "manifest.json").write_bytes(b"\x8d\xff\x00not json"),
    "manifest deleted": lambda d: (d / "manifest.json").unlink(),
    "catalog truncated": lambda d: _truncate(d / "catalog.duckdb"),
}
NAMES = {"vectors deleted": "vectors.faiss", "vectors garbage": "vectors.faiss",
         "manifest emptied": "manifest.json", "manifest garbage": "manifest.json",
         "manifest deleted": "manifest.json", "catalog truncated": "catalog.duckdb"}


def _every_command(tmp_path):
    return [["info", "-c", "c"], ["search", "--id", "1", "-c", "c"], ["remove", "-c", "c", "--id", "1"],
            ["map", "-c", "c", "--method", "pca"], ["confusion", "-c", "c"], ["explain", "-c", "c", "--id", "1"],
            ["label-issues", "-c", "c"], ["duplicates", "-c", "c"], ["outliers", "-c", "c"],
            ["clusters", "-c", "c", "--k", "2"], ["tag", "-c", "c", "--id", "1", "--tag", "x"],
            ["export", "metascatter", tmp_path / "m.csv", "-c", "c", "--method", "pca"],
            ["export", "parquet", tmp_path / "p.parquet", "-c", "c"],
            ["export", "subset", tmp_path / "s.csv", "-c", "c"], ["compare", "-c", "c", "-c", "c"],
            ["fsck", "-c", "c"]]


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_every_command_on_a_damaged_collection_is_one_clean_line(run, damage, tmp_path):
    DAMAGES[damage](run.col)
    for args in _every_command(tmp_path):
        r = run(*args)
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.output)
        assert "Traceback" not in r.output, (args, r.output)
        diagnostic = args[0] in ("fsck", "info")     # they report the damage, as their job
        assert r.exit_code in ((0, 1) if diagnostic else (2,)), (args, r.exit_code, r.output)
        if not diagnostic:
            assert len(r.output.strip().splitlines()) == 1, (args, r.output)
        assert NAMES[damage] in r.output, (args, r.output)
        assert "fsck" in r.output and "--repair" in r.output, (args, r.output)


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_fsck_repair_really_repairs(run, damage):
    DAMAGES[damage](run.col)
    r = run("fsck", "-c", "c", "--repair")
    assert r.exit_code == 0, r.output
    assert json.loads(run("fsck", "-c", "c", "--json").output)["ok"] is True
    info = json.loads(run("info", "-c", "c", "--json").output)
    assert info["indexed"] == info["vectors"] == run.n and info["model"] == "pixels"
    hits = json.loads(run("search", "--id", "1", "-c", "c", "--json", "-k", "3").output)
    assert len(hits) == 3 and hits[0]["score"] >= 0.999
    if damage != "catalog truncated":   # the catalog kept the labels, the rebuild re-read them
        assert hits[0]["image_id"] == 1
    assert json.loads(run("search", "--id", str(hits[0]["image_id"]), "-c", "c", "--json",
                          "--where", "label IS NOT NULL").output)[0]["label"] is not None


def test_index_again_heals_lost_vectors(run, built):
    (run.col / "vectors.faiss").unlink()
    src = json.loads((run.col / "manifest.json").read_text())["roots"][0]
    r = run("index", src, "-c", "c", "--no-progress")
    assert r.exit_code == 0 and "indexed {}".format(run.n) in r.output, r.output
    assert json.loads(run("fsck", "-c", "c", "--json").output)["ok"] is True


def _tmpfs(path, size="2m") -> bool:
    path.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_full_disk_leaves_no_temp_file_and_a_clean_error(tmp_path, digits_dir, monkeypatch):
    """On a real 2 MB tmpfs where the system allows mounting one; otherwise ENOSPC is
    simulated at the write. Either way: one line, the old file intact, no .tmp left behind."""
    disk = tmp_path / "disk"
    mounted = _tmpfs(disk)
    try:
        home = disk / "home"
        src = tmp_path / "src"
        src.mkdir()
        for f in sorted(digits_dir.glob("digits/*/*.png"))[:300]:
            shutil.copy(f, src / f"{f.parent.name}_{f.name}")
        if not mounted:
            import faiss
            real = faiss.write_index
            calls = {"n": 0}

            def full(index, path):
                calls["n"] += 1
                if calls["n"] > 2:
                    with open(path, "wb") as f:
                        f.write(b"partial")
                    raise RuntimeError("write failed: No space left on device")
                return real(index, path)
            monkeypatch.setattr(faiss, "write_index", full)
        monkeypatch.setenv("IMGSEARCH_HOME", str(home))
        monkeypatch.setenv("IMGSEARCH_CHECKPOINT_SECONDS", "0")
        r = CliRunner().invoke(main, ["index", str(src), "-c", "full", "-m", "pixels", "--size", "32",
                                      "--batch-size", "20", "--workers", "0", "--no-progress"])
        assert r.exit_code == 2, r.output
        assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
        assert "disk full" in r.output or "No space" in r.output
        assert not list((home / "full").glob("*.tmp"))
        monkeypatch.undo()
        # what was committed before the disk filled is consistent: rows are marked indexed
        # only after their vectors were saved
        with imgsearch.open_collection("full", home=home) as col:
            report = col.fsck()
            assert report.ok, report.summary()
            assert 0 < col.info().indexed < 300
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)])


def test_a_catalog_damaged_past_its_header_is_found_and_rebuilt(run):
    """It opens fine and fails later: fsck reads every block (found by the attack pass)."""
    path = run.col / "catalog.duckdb"
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)])
    r = run("fsck", "-c", "c")
    if r.exit_code == 1:          # found: repair rebuilds from the indexed folder
        assert "catalog.duckdb" in r.output
        assert run("fsck", "-c", "c", "--repair").exit_code == 0
    assert json.loads(run("fsck", "-c", "c", "--json").output)["ok"] is True
    assert json.loads(run("info", "-c", "c", "--json").output)["indexed"] == run.n


def test_a_corrupted_map_is_named_and_refitted(run):
    (run.col / "maps" / "pca.joblib").write_bytes(b"not a pickle")
    with imgsearch.open_collection("c", home=run.home) as col:   # two images wait for placing
        with col.store.cursor() as cur:
            cur.execute("DELETE FROM coords WHERE image_id IN (1, 2)")
    r = run("map", "-c", "c", "--method", "pca")
    assert r.exit_code == 2 and "pca.joblib" in r.output and "--refit" in r.output
    r = run("fsck", "-c", "c")
    assert r.exit_code == 1 and "pca.joblib" in r.output
    r = run("fsck", "-c", "c", "--repair")
    assert r.exit_code == 0 and "refitted the pca map" in r.output
    assert json.loads(run("info", "-c", "c", "--json").output)["unmapped"] == {"pca": 0}
