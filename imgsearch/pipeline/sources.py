"""What a source holds: the image files of a folder (recursively) or the paths listed in a
CSV, each checked before it is opened.

Only regular files are ever opened (a FIFO named pipe.jpg would block a reader forever), with
O_NONBLOCK and a size cap, and hashed in chunks. Symlinks are followed only when their target
stays inside the root, CSV paths only when they lie under the CSV's folder or a root the
user allows. A name that is not valid UTF-8, an unreadable folder, a file that is too big:
each becomes a `skipped` row with its reason, and the rest of the run goes on.
"""
from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.store import KNOWN_COLUMNS, PATH_COLUMN_NAMES
from ..errors import InvalidArgument
# the capped regular-file readers live with the other safe file helpers; these names stay
from ..beneath import (_kind, open_input, open_regular, printable, read_file,  # noqa: F401
                       read_input, sha256_file)
from .decode import IMAGE_EXTENSIONS


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class FileEntry:
    path: str      # absolute, as reached (a symlink keeps its own path)
    size: int
    mtime: float


@dataclass
class Source:
    files: list[FileEntry]
    skipped: list[Skipped]
    root: Path
    metadata: pd.DataFrame | None = None
    is_folder: bool = True
    notes: list[str] = field(default_factory=list)


def check_file(path: str, roots: list[Path], confine: bool = False) -> FileEntry | Skipped:
    """A regular file reachable inside one of roots, or the reason it is refused. Symlinks
    must point inside the roots; with confine, every path must lie inside them."""
    shown = printable(path)
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return Skipped(shown, "the file name is not valid UTF-8 (rename the file to index it)")
    try:
        link = os.lstat(path)
        real = os.path.realpath(path)
        if stat.S_ISLNK(link.st_mode) or confine:
            if not any(Path(real).is_relative_to(r) for r in roots):
                what = "symlink leaves the root" if stat.S_ISLNK(link.st_mode) else "outside the allowed folders"
                return Skipped(shown, f"{what} (-> {printable(real)})")
        st = os.stat(path)
    except FileNotFoundError:
        return Skipped(shown, "broken symlink" if os.path.islink(path) else "missing file")
    except OSError as e:
        return Skipped(shown, f"unreadable: {e.strerror}")
    except ValueError:                 # a NUL byte in a CSV path
        return Skipped(shown.replace("\0", "\\0"), "invalid file name (a NUL byte)")
    if not stat.S_ISREG(st.st_mode):
        return Skipped(shown, f"{_kind(st.st_mode)}, not a regular file")
    return FileEntry(path, st.st_size, st.st_mtime)


def scan_folder(root: Path) -> tuple[list[FileEntry], list[Skipped]]:
    """Image files under root (recursive, sorted), and the ones refused with a reason."""
    root = Path(os.path.realpath(root))
    if not root.is_dir():
        raise InvalidArgument(f"not a folder: {root}", param="source")
    found, skipped = [], []

    def unreadable(err: OSError):
        skipped.append(Skipped(printable(err.filename or "?"), f"unreadable folder: {err.strerror}"))
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames.sort()
        for name in sorted(filenames):
            if os.path.splitext(name)[1].lower() not in IMAGE_EXTENSIONS:
                continue
            entry = check_file(os.path.join(dirpath, name), [root])
            (found if isinstance(entry, FileEntry) else skipped).append(entry)
    return found, skipped


SOURCE_FILES = (".csv", ".parquet")     # a list of paths (with labels and metadata)


def check_source(source: str | Path) -> Path:
    """A source is a folder, or a .csv or .parquet file listing paths; anything else, one line."""
    source = Path(source)
    if source.is_dir() or (source.suffix.lower() in SOURCE_FILES and source.is_file()):
        return source
    raise InvalidArgument(f"not a folder, a .csv or a .parquet file: {str(source)[:300]}",
                          param="source")


def read_source(source: str | Path, allow_roots=(), max_csv_bytes: int = 512 << 20) -> Source:
    source = check_source(source)
    if source.is_dir():
        files, skipped = scan_folder(source)
        return Source(files, skipped, Path(os.path.realpath(source)))
    root = Path(os.path.realpath(source.parent))     # a file of paths, check_source said
    meta, notes = read_metadata_csv(source, root, max_csv_bytes, param="source")
    roots = [root, *(Path(os.path.realpath(r)) for r in allow_roots)]
    files, skipped = [], []
    for p in meta["path"]:
        entry = check_file(p, roots, confine=True)
        (files if isinstance(entry, FileEntry) else skipped).append(entry)
    return Source(files, skipped, root, meta, is_folder=False, notes=notes)


LABELS_FROM_FOLDERS = "folder"
SPLIT_FOLDERS = {"train": "train", "val": "val", "valid": "val", "validation": "val", "test": "test"}


def folder_labels(files: list[FileEntry], root: Path) -> tuple[pd.DataFrame, list[str]]:
    """Labels and splits from a class-per-folder layout (torchvision's ImageFolder, Keras'
    image_dataset_from_directory), as a labels table keyed by absolute path.

    The rule, on the path relative to the indexed folder:
    - the split is the first folder named train, val, valid, validation or test (any case);
      valid and validation are stored as `val`;
    - the label is the first folder below the split folder, or, without a split folder, the
      first folder below the indexed one; deeper folders group images inside their class.
    So train/dog/puppies/x.jpg is label `dog`, split `train`; dog/x.jpg is `dog` with no
    split; train/x.jpg has split `train` and no label; x.jpg has neither. Index the folder
    whose subfolders are the classes (or the splits).
    """
    rows = []
    for f in files:
        parts = Path(f.path).relative_to(root).parts[:-1]
        split_at = next((i for i, p in enumerate(parts) if p.lower() in SPLIT_FOLDERS), None)
        split = SPLIT_FOLDERS[parts[split_at].lower()] if split_at is not None else None
        below = parts[split_at + 1:] if split_at is not None else parts
        rows.append((f.path, below[0] if below else None, split))
    df = pd.DataFrame(rows, columns=["path", "label", "split"]).astype("string")
    df = df.dropna(how="all", subset=["label", "split"]).reset_index(drop=True)
    notes = []
    if not len(df):
        notes.append(f"no class folders under {root}: nothing labelled (labels come from the "
                     "first folder below the indexed one, or below train/, val/, test/)")
    elif df["split"].isna().all():
        df = df.drop(columns="split")
    return df, notes


def read_metadata_csv(csv: Path, root: Path, max_bytes: int = 512 << 20,
                      param: str = "labels") -> tuple[pd.DataFrame, list[str]]:
    """A labels file (CSV, or Parquet by its .parquet suffix) with its paths made absolute
    (relative ones are under root). Returns the table (column `path` first) and notes. Read
    through read_input: a regular file, capped."""
    parquet = Path(csv).suffix.lower() in (".parquet", ".pq")
    data = read_input(csv, max_bytes, param, "Parquet" if parquet else "CSV")
    if parquet:
        try:
            df = pd.read_parquet(io.BytesIO(data), dtype_backend="numpy_nullable")
        except Exception as e:   # pyarrow raises many kinds for a damaged file
            raise InvalidArgument(f"cannot read Parquet {csv}: {str(e)[:160]}", param=param) from None
    else:
        try:
            df = pd.read_csv(io.BytesIO(data), dtype_backend="numpy_nullable",
                             encoding_errors="replace")
        except (OSError, ValueError, pd.errors.ParserError, UnicodeDecodeError) as e:
            raise InvalidArgument(f"cannot read CSV {csv}: {str(e)[:160]}", param=param) from None
    df.columns = [str(c).strip() for c in df.columns]
    by_lower = {c.lower(): c for c in df.columns}
    path_col = next((by_lower[n] for n in PATH_COLUMN_NAMES if n in by_lower), None)
    if path_col is None:
        raise InvalidArgument(f"{csv} needs a path column (one of: {', '.join(PATH_COLUMN_NAMES)})",
                              param=param)
    renames, taken = {path_col: "path"}, {"path"} | {c for c in df.columns if c in KNOWN_COLUMNS}
    for c in df.columns:     # "label" itself wins; else the first spelling ("Label"); any other
        if c != path_col and c.lower() in KNOWN_COLUMNS and c.lower() not in taken:
            renames[c] = c.lower()      # spelling stays a metadata column (renamed later)
            taken.add(c.lower())
    df = df.rename(columns=renames)
    df = df[df["path"].notna()]
    df["path"] = [os.path.normpath(os.path.join(root, str(p))) for p in df["path"]]
    notes = []
    if df["path"].duplicated().any():
        notes.append(f"{int(df['path'].duplicated().sum())} repeated paths in {csv.name}: the last row wins")
    return df.drop_duplicates("path", keep="last").reset_index(drop=True), notes
