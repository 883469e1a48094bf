"""Sources and decoding: every bad file becomes a reason, never a crash, a hang or a blow-up."""
import io
import os

import numpy as np
import pytest
import skimage.data
from PIL import Image

from imgsearch.errors import BadImage, TooLarge
from imgsearch.pipeline.decode import Limits, decode
from imgsearch.pipeline.sources import FileEntry, read_file, scan_folder

from .conftest import write_bad_files

BIG = Limits(max_pixels=10**8, max_decode_bytes=4 << 30)


def _bytes(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def test_scan_finds_all_extensions_case_insensitively(tmp_path):
    img = Image.fromarray(skimage.data.chelsea())
    for name in ["a.jpg", "b.JPEG", "c.png", "d.BMP", "e.gif", "f.tif", "g.TIFF", "h.webp",
                 "sub/deeper/i.Jpg"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        img.save(tmp_path / name)
    (tmp_path / "notes.txt").write_text("not an image")
    found, skipped = scan_folder(tmp_path)
    assert all(isinstance(f, FileEntry) for f in found)
    assert sorted(os.path.basename(f.path) for f in found) == [
        "a.jpg", "b.JPEG", "c.png", "d.BMP", "e.gif", "f.tif", "g.TIFF", "h.webp", "i.Jpg"]
    assert skipped == []


def test_bad_files_give_reasons(tmp_path):
    root = tmp_path / "mixed"
    expected = write_bad_files(root)
    found, refused = scan_folder(root)
    reasons = {os.path.basename(s.path): s.reason for s in refused}
    for f in found:
        try:
            decode(read_file(f.path, 1 << 30), Limits(max_pixels=4_000_000))
        except BadImage as e:
            reasons[os.path.basename(f.path)] = str(e)
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment in reasons[name], (name, reasons[name])


def test_cmyk_16bit_palette_rgba_become_rgb():
    cmyk = decode(_bytes(Image.fromarray(skimage.data.chelsea()).convert("CMYK"), "JPEG"), BIG)
    assert cmyk.image.mode == "RGB"
    camera = skimage.data.camera().astype(np.uint16) * 257   # full 16-bit range
    gray16 = decode(_bytes(Image.fromarray(camera), "PNG"), BIG).image
    arr = np.asarray(gray16)
    assert gray16.mode == "RGB" and arr.max() > 200 and arr.min() < 30  # scaled, not clipped to 255
    assert np.abs(arr[..., 0].astype(int) - skimage.data.camera()).max() <= 1
    rgba = decode(_bytes(Image.fromarray(skimage.data.logo()), "PNG"), BIG).image
    assert rgba.mode == "RGB"
    assert np.asarray(rgba)[0, 0].tolist() == [255, 255, 255]  # transparent corner on white
    pal = decode(_bytes(Image.fromarray(skimage.data.chelsea()).convert("P"), "GIF"), BIG)
    assert pal.image.mode == "RGB"


def test_exif_orientation_is_applied():
    img = Image.fromarray(skimage.data.chelsea())          # 451 wide, 300 high
    exif = Image.Exif()
    exif[0x0112] = 6                                        # rotate 90 CW on display
    dec = decode(_bytes(img, "JPEG", exif=exif.tobytes()), BIG)
    assert dec.image.size == (300, 451)


def test_pixel_limit_guards_decompression_bombs():
    data = _bytes(Image.new("L", (2000, 2000)), "PNG")
    with pytest.raises(TooLarge, match="too many pixels"):
        decode(data, Limits(max_pixels=1_000_000))
    assert decode(data, Limits(max_pixels=5_000_000)).width == 2000


def test_decoded_memory_is_bounded_by_mode_not_only_pixels():
    """A small float TIFF decodes to 4 bytes a pixel plus conversion work: refused by the
    memory bound while an 8-bit image of the same size passes."""
    size = (3000, 3000)
    tiff = _bytes(Image.new("F", size), "TIFF", compression="tiff_deflate")
    assert len(tiff) < 1_000_000
    limits = Limits(max_pixels=10**8, max_decode_bytes=64 << 20)
    with pytest.raises(TooLarge, match="too large to decode"):
        decode(tiff, limits)
    assert decode(_bytes(Image.new("RGB", size), "PNG"), limits).width == 3000


def test_truncated_zero_and_text():
    good = _bytes(Image.fromarray(skimage.data.astronaut()), "JPEG")
    with pytest.raises(BadImage, match="truncated"):
        decode(good[: len(good) // 2], BIG)
    with pytest.raises(BadImage, match="empty"):
        decode(b"", BIG)
    with pytest.raises(BadImage, match="not an image"):
        decode(b"hello, I am text", BIG)
