"""Filters are parsed and re-emitted, never pasted: no statement but the filter ever runs, no
file is ever touched, and every bad filter fails with one clean line."""
import os
import string

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import imgsearch
from imgsearch import InvalidArgument
from imgsearch.core.filters import compile_filter

COLUMNS = ["image_id", "path", "label", "prediction", "confidence", "correct", "split", "tags",
           "select", "from", "read_text", "content", 'we"ird']
_ALLOWED_KEYWORDS = {"AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE", "ILIKE", "CAST",
                     "AS", "VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP",
                     "TRUE", "FALSE", "DISTINCT", "FROM"}
_ALLOWED_FUNCTIONS = {"lower", "upper", "length", "abs", "floor", "ceil", "trim", "list_contains",
                      "list_has_any", "len", "contains", "starts_with", "ends_with",
                      "regexp_matches", "coalesce", "round"}


@pytest.fixture(scope="module")
def col(digits_dir, tmp_path_factory):
    """A collection whose labels CSV has hostile column names (they are data, not SQL)."""
    import pandas as pd
    home = tmp_path_factory.mktemp("filters_home")
    labels = pd.read_csv(digits_dir / "labels.csv")
    for name in ("select", "from", "read_text", "content", 'we"ird', "image_id", "Label"):
        labels[name] = 1
    csv = tmp_path_factory.mktemp("csv") / "labels.csv"
    labels.assign(path=[str(digits_dir / p) for p in labels["path"]]).to_csv(csv, index=False)
    c = imgsearch.open_collection("f", home=home, create=True, progress=False, workers=0)
    report = c.index(digits_dir, model="pixels", size=4, labels=csv)
    assert any("csv_image_id" in n for n in report.notes)
    yield c
    c.close()


def _emitted_tokens_are_safe(sql: str, columns) -> None:
    """The emitted SQL holds only allowed keywords, allowed functions, quoted known columns,
    operators, placeholders and numbers: nothing the user typed is pasted in."""
    quoted = {'"' + c.replace('"', '""') + '"' for c in columns}
    tokens = duckdb.tokenize(sql)
    raw = sql.encode()
    ends = [pos for pos, _ in tokens[1:]] + [len(raw)]
    for (pos, kind), end in zip(tokens, ends):
        text = raw[pos:end].decode().strip()
        if kind == duckdb.token_type.identifier:
            assert text in quoted or text in _ALLOWED_FUNCTIONS, text
        elif kind == duckdb.token_type.keyword:
            assert text.upper() in _ALLOWED_KEYWORDS, text
        elif kind == duckdb.token_type.string_const:
            raise AssertionError(f"a string literal was pasted into the SQL: {text}")
        elif kind == duckdb.token_type.comment:
            raise AssertionError("a comment was emitted")
        elif kind == duckdb.token_type.operator:
            assert ";" not in text, text


@pytest.mark.parametrize("attack", [
    # injections aimed at a token-level check: multibyte characters shifting the tokens
    "label = 'é' OR 1=1; DROP TABLE images",
    "é é é é label = '1') UNION SELECT * FROM read_text('/etc/passwd') --",
    "label = 'x' OR length((SELECT content FROM read_text('/etc/hostname'))) > 0",
    "CAST((select content from read_text('/etc/hostname')) AS INTEGER)=1",
    "\"select\" = 1 AND \"from\" = 1 AND read_text = 1 AND content = (SELECT 1)",
    "label IN (SELECT path FROM images)",
    "read_csv_auto('/etc/passwd') IS NOT NULL",
    "label = 'a' -- trailing comment",
    "label = 'a' /* block */",
    "getenv('HOME') = 'x'",
    "label = $1",
    "label = ?",
    "COPY (SELECT 42) TO '/tmp/pwned.csv'",
    "label LIKE 'a%' ESCAPE '!'",
    "label COLLATE NOCASE = 'a'",
    "CASE WHEN correct THEN 1 END = 1",
    "images.label = 'x'",
    "*",
    "(" * 5000 + "1" + ")" * 5000,
    "label = '" + "x" * 200_000 + "'",
])
def test_hostile_filters_fail_with_one_clean_line(col, attack, tmp_path):
    before = col.info().indexed
    with pytest.raises(InvalidArgument) as e:
        col.search(1, k=3, where=attack)
    message = str(e.value)
    assert e.value.param == "where" and "\n" not in message and len(message) < 600
    assert "Traceback" not in message and "root:" not in message
    assert col.info().indexed == before
    assert not os.path.exists("/tmp/pwned.csv")


def test_hostile_column_names_are_plain_columns(col):
    """CSV headers like select/from/read_text and a quote are columns to filter on, nothing more;
    a header named like a built-in (image_id) is renamed, never ambiguous."""
    columns = col.columns()
    assert {"select", "from", "read_text", "content", 'we"ird', "csv_image_id"} <= set(columns)
    assert len(col.ids('"select" = 1 AND "from" = 1 AND "we""ird" = 1')) == 1797
    assert len(col.ids("read_text = 1 AND content = 1")) == 1797
    assert col.fsck().ok


def test_good_filters_still_work(col):
    assert len(col.ids("label = '3' AND split IN ('train', 'test')")) > 100
    assert len(col.ids("confidence BETWEEN 0.5 AND 1 AND NOT correct")) > 0
    assert len(col.ids("lower(path) LIKE '%/digits/7/%' AND label IS NOT NULL")) > 100
    assert len(col.ids("len(tags) = 0 AND image_id % 2 = 0")) > 800
    assert len(col.ids("label = 'é'")) == 0      # multibyte text is just a value


_PIECES = ["label", "path", "confidence", "tags", "select", "from", "read_text", "content",
           "'", '"', ";", "--", "/*", "*/", "(", ")", ",", "=", "<>", " ", "é", "😀", "\u202e",
           "\0", "SELECT", "FROM", "UNION", "DROP TABLE images", "COPY", "TO", "ATTACH",
           "read_text('/tmp/canary_in')", "'/tmp/canary_out'", "read_csv", "getenv", "1", "0.5",
           "AND", "OR", "NOT", "IN", "IS NULL", "LIKE", "'%x%'", "list_contains(tags, 'a')",
           "CAST(", "AS INTEGER", "$1", "?", "\\", "\n", "PRAGMA", "SET", "INSTALL", "LOAD"]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(string.printable + "éß中", max_size=6)),
                min_size=1, max_size=12))
def test_fuzzed_filters_run_nothing_but_a_filter(col, pieces):
    text = " ".join(pieces)
    before = col.info().indexed
    try:
        sql, params = compile_filter(text, col.columns())
    except InvalidArgument as e:
        assert "\n" not in str(e) and len(str(e)) < 600
        return
    _emitted_tokens_are_safe(sql, col.columns())
    try:
        col.ids(text)
    except InvalidArgument as e:     # e.g. a type mismatch: still one clean line
        assert "\n" not in str(e)
    assert col.info().indexed == before
    assert not os.path.exists("/tmp/canary_out")
