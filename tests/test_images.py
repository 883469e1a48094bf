import io
import os

import numpy as np
import pytest
import skimage.data
from PIL import Image

from imgsearch import images
from imgsearch.errors import BadImage

from .conftest import write_bad_files


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
    found, skipped = images.scan(tmp_path)
    assert sorted(p.name for p in found) == ["a.jpg", "b.JPEG", "c.png", "d.BMP", "e.gif",
                                              "f.tif", "g.TIFF", "h.webp", "i.Jpg"]
    assert skipped == []


def test_bad_files_give_reasons(tmp_path):
    root = tmp_path / "mixed"
    expected = write_bad_files(root)
    found, refused = images.scan(root)
    reasons = {os.path.basename(s.path): s.reason for s in refused}
    for path in found:
        try:
            images.load(path, max_pixels=4_000_000)
        except BadImage as e:
            reasons[path.name] = str(e)
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment in reasons[name], (name, reasons[name])


def test_cmyk_16bit_palette_rgba_become_rgb():
    cmyk = images.decode(_bytes(Image.fromarray(skimage.data.chelsea()).convert("CMYK"), "JPEG"), 10**8)
    assert cmyk.image.mode == "RGB"
    camera = skimage.data.camera().astype(np.uint16) * 257   # full 16-bit range
    gray16 = images.decode(_bytes(Image.fromarray(camera), "PNG"), 10**8).image
    arr = np.asarray(gray16)
    assert gray16.mode == "RGB" and arr.max() > 200 and arr.min() < 30  # scaled, not clipped to 255
    assert np.abs(arr[..., 0].astype(int) - skimage.data.camera()).max() <= 1
    rgba = images.decode(_bytes(Image.fromarray(skimage.data.logo()), "PNG"), 10**8).image
    assert rgba.mode == "RGB"
    assert np.asarray(rgba)[0, 0].tolist() == [255, 255, 255]  # transparent corner on white
    pal = images.decode(_bytes(Image.fromarray(skimage.data.chelsea()).convert("P"), "GIF"), 10**8)
    assert pal.image.mode == "RGB"


def test_exif_orientation_is_applied():
    img = Image.fromarray(skimage.data.chelsea())          # 451 wide, 300 high
    exif = Image.Exif()
    exif[0x0112] = 6                                        # rotate 90 CW on display
    dec = images.decode(_bytes(img, "JPEG", exif=exif.tobytes()), 10**8)
    assert dec.image.size == (300, 451)


def test_pixel_limit_guards_decompression_bombs():
    data = _bytes(Image.new("L", (2000, 2000)), "PNG")
    with pytest.raises(BadImage, match="too many pixels"):
        images.decode(data, max_pixels=1_000_000)
    assert images.decode(data, max_pixels=5_000_000).width == 2000


def test_truncated_zero_and_text():
    good = _bytes(Image.fromarray(skimage.data.astronaut()), "JPEG")
    with pytest.raises(BadImage, match="truncated"):
        images.decode(good[: len(good) // 2], 10**8)
    with pytest.raises(BadImage, match="empty"):
        images.decode(b"", 10**8)
    with pytest.raises(BadImage, match="not an image"):
        images.decode(b"hello, I am text", 10**8)
