"""Write a file so that a crash leaves the old file or the new one, never half of either.

The content goes to a temporary file beside the target, created anew with
O_CREAT | O_EXCL | O_NOFOLLOW under a random name (so nothing planted there, a symlink or a
hard link, is ever written through), is flushed and fsynced, renamed over the target, and
then the folder is fsynced so that the rename itself survives a power loss. A failure on
the way (a full disk, an exception in the writer) removes the temporary file and leaves the
target as it was. Temporary names end in `.tmp`, so a process killed mid-write leaves only
a `*.tmp` file that a later sweep may remove.

    atomic_write(path, b"bytes")
    atomic_write(path, "text", mode=0o600)
    atomic_write(path, lambda f: faiss.write_index(index, faiss.PyCallbackIOWriter(f.write)))
    atomic_write(path, lambda f: df.to_parquet(f))

Where the target's name is known only once the content is written (a name made from its
hash), `AtomicFile` gives the open temporary file and takes the name at `commit()`.

This module imports nothing of imgsearch: every layer may use it.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path
from typing import BinaryIO, Callable, Union

Content = Union[bytes, bytearray, memoryview, str, Callable[[BinaryIO], object]]

_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def fsync_folder(folder: str | os.PathLike) -> None:
    """Make a rename or a new name in `folder` durable (where the file system supports it)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    except OSError as e:            # some file systems cannot fsync a folder
        if e.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


class AtomicFile:
    """An open, new temporary file beside `path` (`.file`, binary, readable and writable).
    `commit()` fsyncs it and puts it in place; leaving a `with` block without committing
    (or by an exception) removes it. Created with `mode` (less the umask)."""

    def __init__(self, path: str | os.PathLike, mode: int = 0o666):
        self.path = Path(path)
        self.tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
        self.file = os.fdopen(os.open(self.tmp, _FLAGS, mode), "w+b")
        self.done = False

    def commit(self, path: str | os.PathLike | None = None, *, overwrite: bool = True) -> Path:
        """Put the written file at `path` (default: the path given when it was created, which
        must be in the same folder). overwrite=False: FileExistsError if a file is there
        already, which is then left untouched (the first writer wins)."""
        target = Path(path) if path is not None else self.path
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            if overwrite:
                os.replace(self.tmp, target)
            else:
                os.link(self.tmp, target)       # fails when the name exists; never replaces
                self.tmp.unlink()
            self.done = True
            fsync_folder(target.parent)
        finally:
            if not self.done:
                self.discard()
        return target

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        self.tmp.unlink(missing_ok=True)
        self.done = True

    def __enter__(self) -> "AtomicFile":
        return self

    def __exit__(self, kind, value, tb) -> None:
        if not self.done:
            self.discard()


def atomic_write(path: str | os.PathLike, content: Content, *, mode: int = 0o666,
                 overwrite: bool = True) -> Path:
    """Write `content` (bytes, text as UTF-8, or a function given the open binary file) to
    `path` atomically and durably. `mode` is the new file's permission (less the umask), set
    from its creation, so a 0600 file is never readable by others, even for an instant.
    overwrite=False refuses (FileExistsError) to replace a file already there."""
    with AtomicFile(path, mode) as part:
        if callable(content):
            content(part.file)
        else:
            part.file.write(content.encode() if isinstance(content, str) else content)
        return part.commit(overwrite=overwrite)
