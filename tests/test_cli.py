import json

import pytest
from click.testing import CliRunner

from imgsearch.frontends.cli import main

from .conftest import write_bad_files


@pytest.fixture
def run(home):
    runner = CliRunner()

    def _run(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    return _run


def test_every_command_has_help(run):
    assert run("--help").exit_code == 0
    for name in main.commands:
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.output, name


def test_index_search_info_fsck_remove(run, digits_dir):
    r = run("index", digits_dir, "-c", "d", "--model", "pixels", "--size", "8",
            "--labels", digits_dir / "labels.csv", "--workers", "0", "--no-progress")
    assert r.exit_code == 0 and "indexed 1797" in r.output
    r = run("search", "--id", 5, "-c", "d", "-k", 4, "--where", "label = '0'", "--json", "--rerank", "none")
    hits = json.loads(r.output)
    assert len(hits) == 4 and all(h["label"] == "0" for h in hits)
    assert set(hits[0]) == {"rank", "image_id", "path", "score", "label", "prediction", "confidence"}
    assert [h["rank"] for h in hits] == [1, 2, 3, 4]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    one = sorted(digits_dir.glob("digits/0/*.png"))[0]
    r = run("search", one, "-c", "d", "-k", 1, "--json")
    assert json.loads(r.output)[0]["path"] == str(one)
    info = json.loads(run("info", "-c", "d", "--json").output)
    assert info["indexed"] == 1797 and info["dim"] == 192 and info["model"] == "pixels"
    assert info["index"]["type"] == "flat"
    assert run("fsck", "-c", "d").exit_code == 0
    assert run("remove", "-c", "d", "--id", 5, "--id", 6).exit_code == 0
    assert json.loads(run("fsck", "-c", "d", "--json").output)["ok"] is True
    assert json.loads(run("info", "-c", "d", "--json").output)["vectors"] == 1795


def test_bad_files_are_skipped_and_reported(run, tmp_path, monkeypatch):
    expected = write_bad_files(tmp_path / "mixed")
    monkeypatch.setenv("IMGSEARCH_MAX_PIXELS", "4000000")
    r = run("index", tmp_path / "mixed", "-c", "mixed", "--model", "pixels", "--no-progress")
    assert r.exit_code == 0, r.output
    assert "indexed 6" in r.output and f"skipped {len(expected)}" in r.output
    listed = json.loads(run("info", "-c", "mixed", "--skipped", "--json").output)
    reasons = {row["path"].rsplit("/", 1)[1]: row["reason"] for row in listed}
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment in reasons[name]


@pytest.mark.parametrize("args,message", [
    (["info", "-c", "missing"], "no collection 'missing'"),
    (["search", "nothere.jpg", "-c", "missing"], "no collection"),
    (["search", "-c", "missing"], "exactly one of IMAGE, --id or --text"),
])
def test_clean_errors_without_a_collection(run, args, message):
    r = run(*args)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_clean_errors_with_a_collection(run, digits_dir, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    for f in sorted(digits_dir.glob("digits/1/*.png"))[:5]:
        (small / f.name).write_bytes(f.read_bytes())
    assert run("index", small, "-c", "s", "-m", "pixels", "--no-progress").exit_code == 0
    cases = [(["search", tmp_path / "none.jpg", "-c", "s"], "no such image file"),
             (["search", "--id", 1, "-c", "s", "--where", "label = 'é'; DROP TABLE images"], "';'"),
             (["search", "--id", 1, "-c", "s", "--where", "CAST((select 1) AS INTEGER)=1"], "subqueries"),
             (["search", "--id", 1, "-c", "s", "--where", "label = 'x'; DROP TABLE images"], "';'"),
             (["search", "--id", 1, "-c", "s", "--where", "bogus > 1"], "unknown column"),
             (["index", small, "-c", "t", "-m", "resnet5000"], "unknown model"),
             (["index", small, "-c", "s", "-m", "efficientnet-lite0"], "built with pixels"),
             (["search", "--id", 999999, "-c", "s"], "no indexed image with id")]
    for args, message in cases:
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert message in r.output and "Traceback" not in r.output, (args, r.output)
        assert len(r.output.strip().splitlines()) == 1, r.output


def test_explore_commands_end_to_end(run, digits_dir, tmp_path):
    assert run("index", digits_dir, "-c", "x", "-m", "pixels", "--size", "8", "--labels",
               digits_dir / "labels.csv", "--workers", "0", "--no-progress").exit_code == 0
    r = run("export", "metascatter", tmp_path / "m.csv", "-c", "x")
    assert r.exit_code == 2 and "run `imgsearch map" in r.output
    assert "fitted 1797" in run("map", "-c", "x", "--method", "pca").output
    r = run("export", "metascatter", tmp_path / "m.csv", "-c", "x", "--method", "pca",
            "--prefix", digits_dir, "--where", "label = '4'")
    assert r.exit_code == 0 and "wrote 181 rows" in r.output
    conf = json.loads(run("confusion", "-c", "x", "--json").output)
    assert conf["pairs"] and all(p["label"] != p["prediction"] for p in conf["pairs"])
    wrong = conf["pairs"][0]
    one = json.loads(run("search", "--id", 1, "-c", "x", "-k", 1, "--json", "--where",
                         f"label = '{wrong['label']}' AND prediction = '{wrong['prediction']}'").output)[0]
    ex = json.loads(run("explain", "-c", "x", "--id", one["image_id"], "--json").output)
    assert ex["label"] == wrong["label"] and ex["prediction"] == wrong["prediction"] and ex["verdict"]
    issues = json.loads(run("label-issues", "-c", "x", "--top", 5, "--json").output)
    assert len(issues) == 5 and issues[0]["label_issue_score"] >= issues[-1]["label_issue_score"]
    assert json.loads(run("outliers", "-c", "x", "--top", 3, "--json").output)[0]["outlier_score"] > 0
    assert run("clusters", "-c", "x", "--k", 5).exit_code == 0
    assert run("duplicates", "-c", "x", "--json").exit_code == 0
    assert run("tag", "-c", "x", "--id", 1, "--id", 2, "--tag", "exclude").exit_code == 0
    r = run("export", "subset", tmp_path / "s.csv", "-c", "x")
    assert "wrote 1795 rows" in r.output
    r = run("tag", "-c", "x", "--id", 1, "--tag", "bad tag!")
    assert r.exit_code == 2 and "bad tag" in r.output
    r = run("map", "-c", "x", "--pca-dims", 1)
    assert r.exit_code == 2 and "--pca-dims" in r.output


def test_demo_command_builds_and_queries(run, home):
    r = run("demo", "--digits", 40, "--no-progress", "--no-ui")
    assert r.exit_code == 0, r.output
    assert "chelsea__flip.jpg" in r.output and "chelsea.jpg" in r.output
    assert "umap: fitted 132" in r.output and "imgsearch ui --collection demo" in r.output
    info = json.loads(run("info", "-c", "demo", "--json").output)
    assert info["indexed"] == 40 + 23 * 4 and info["model"] == "efficientnet-lite0"
    assert info["maps"] == ["umap"] and info["unmapped"] == {"umap": 0}
