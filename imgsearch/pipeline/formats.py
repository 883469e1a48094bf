"""Which image formats are opened, and a cheap look at a JPEG's structure before it is decoded.

Only the formats a source folder is scanned for are accepted (JPEG, PNG, GIF, BMP, TIFF,
WebP: the extensions in decode.IMAGE_EXTENSIONS), whatever a file's name says: PIL is never
asked to try its other plugins, so an EPS file is never handed to Ghostscript and a JPEG 2000
codestream (seconds of CPU for a few hundred bytes) is never decoded. A refused file gets a
one-line reason that names its format when it is recognisable.

A progressive JPEG's decoding time grows with its number of scans: each scan walks every
block of the image again, so a scan of a few bytes (an end-of-band run) repeated 1,000 times
makes a 364 KB, 49-megapixel file cost 29 s of CPU (100 times: 296 KB, 3 s), even decoded at
a reduced scale. libjpeg's own progressive scripts write 10 scans for colour, 6 for grey and
18 for CMYK, and mozjpeg's optimised ones about as many; MAX_JPEG_SCANS (32) leaves room for
hand-written scripts and caps the worst case at about 0.9 s of CPU for the largest upload
(49 MP; a normal 10-scan one takes 0.2 s). The scans are counted by walking the marker
segments up to the first scan and counting SOS markers after it, before any pixel is decoded;
the JPEG streams in a JPEG-compressed TIFF's strips are counted the same way. A PNG's chunks,
which PIL reads one by one in Python, are counted too (MAX_PNG_CHUNKS).
"""
from __future__ import annotations

import io
import struct
import warnings

from PIL import Image

from ..errors import BadImage

# PIL's plugin names, in the order PIL tries them (most common first)
ACCEPTED_FORMATS = ("JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP")
ACCEPTED_TEXT = "JPEG, PNG, GIF, BMP, TIFF, WebP"
MAX_JPEG_SCANS = 32
# Segments before the first scan: real files have a few dozen (APPn, DQT, SOF, DHT; an ICC
# profile or extended XMP split over APP chunks adds some). PIL parses each one in Python, so
# a file of millions of tiny segments is refused before PIL sees it.
MAX_JPEG_HEADER_SEGMENTS = 1000
# Chunks of a PNG: a 20 MB file written in 8 KB IDAT chunks has about 2,500.
MAX_PNG_CHUNKS = 100_000
# formats named in a refusal are looked for in this order (the ones worth naming first)
_NAMED_FIRST = ("EPS", "JPEG2000", "PSD", "PDF", "AVIF", "ICO", "DDS", "QOI", "PPM", "TGA")


def open_image(data: bytes, max_jpeg_scans: int = MAX_JPEG_SCANS) -> Image.Image:
    """PIL's lazy image for bytes of an accepted format (nothing decoded yet), or BadImage."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        png_chunks(data)
    if data[:2] == b"\xff\xd8":
        scans = jpeg_scans(data)
        if scans > max_jpeg_scans:
            raise BadImage(f"a JPEG with {scans} scans (the limit is {max_jpeg_scans}; real "
                           "progressive JPEGs have about 10)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.UnidentifiedImageError:
        other = sniff(data)
        if other:
            raise BadImage(f"unsupported image format {other} (accepted: {ACCEPTED_TEXT})") from None
        raise BadImage("not an image (unrecognised format)") from None
    if img.format == "TIFF" and img.tag_v2.get(259) in (6, 7):   # JPEG-compressed strips
        scans = tiff_jpeg_scans(img, data)
        if scans > max_jpeg_scans:
            raise BadImage(f"a TIFF whose JPEG strips have up to {scans} scans (the limit is "
                           f"{max_jpeg_scans})")
    return img


def png_chunks(data: bytes) -> int:
    """The chunks of a PNG, counted by their lengths; BadImage past MAX_PNG_CHUNKS. PIL reads
    each chunk in Python: a 12 MB PNG of a million empty chunks took 2.6 s of CPU."""
    pos, n, count = 8, len(data), 0
    while pos + 8 <= n:
        count += 1
        if count > MAX_PNG_CHUNKS:
            raise BadImage(f"a PNG with over {MAX_PNG_CHUNKS:,} chunks")
        if data[pos + 4:pos + 8] == b"IEND":
            break
        pos += 12 + struct.unpack_from(">I", data, pos)[0]
    return count


def tiff_jpeg_scans(img, data: bytes) -> int:
    """The most SOS markers in one strip (or tile) of a JPEG-compressed TIFF's first image:
    each strip is a JPEG stream of its own, decoded as one (libtiff stops at 100 scans a strip,
    still 3 s of CPU for 49 megapixels)."""
    tags = img.tag_v2
    offsets = tags.get(273) or tags.get(324) or ()
    counts = tags.get(279) or tags.get(325) or ()
    most = 0
    for offset, count in zip(offsets, counts):
        most = max(most, data.count(b"\xff\xda", int(offset), int(offset) + int(count)))
    return most


def sniff(data: bytes) -> str | None:
    """The name of the PIL format whose signature these bytes carry, without opening them
    (only the plugins' prefix checks run: no decoder, no Ghostscript)."""
    Image.init()
    prefix = data[:16]
    names = [n for n in _NAMED_FIRST if n in Image.OPEN] + \
            [n for n in Image.ID if n not in _NAMED_FIRST]
    for name in names:
        accept = Image.OPEN[name][1]
        try:
            if name not in ACCEPTED_FORMATS and accept is not None and accept(prefix):
                return name
        except Exception:   # noqa: BLE001 - a plugin's check on odd bytes: not this format
            continue
    return None


def jpeg_scans(data: bytes) -> int:
    """An upper bound on the scans of a JPEG (SOI already checked): the marker segments are
    walked up to the first SOS, then every SOS marker after it is counted. Entropy-coded data
    never holds the bytes FF DA (a data FF is followed by 00 or a restart marker), so the count
    can only be too high (an FF DA inside a segment between scans), never too low. 0 when the
    structure is unreadable (PIL then gives the reason)."""
    pos, n = 2, len(data)
    for _ in range(MAX_JPEG_HEADER_SEGMENTS):
        while pos < n and data[pos] == 0xFF and pos + 1 < n and data[pos + 1] == 0xFF:
            pos += 1                                  # fill bytes before a marker
        if pos + 4 > n or data[pos] != 0xFF:
            return 0
        marker = data[pos + 1]
        if marker == 0xDA:
            return 1 + data.count(b"\xff\xda", pos + 2)
        if marker == 0xD9:
            return 0
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            pos += 2
            continue
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    raise BadImage(f"a JPEG with over {MAX_JPEG_HEADER_SEGMENTS} segments before its image data")
