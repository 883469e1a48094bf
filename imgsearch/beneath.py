"""Safe file access, below every layer: open a file beneath a folder without following any
symlink on the way, once; the other no-follow helpers (a small file of our own read, a
temporary file created); and regular files read by path with a size cap (what a user names:
labels, class names, a checkpoint; what a scan found).

Serving an indexed image by path has a race: a check of `realpath()` and a later open by the
same path see two different trees if a file (or one of its folders) is swapped for a symlink
in between. Here the file is opened exactly once, relative to the root's own descriptor, and
the bytes come from that descriptor:

- with `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)` where the kernel has it (Linux 5.6+),
  called through ctypes;
- else by a walk from the root's descriptor, one component at a time, each folder opened with
  `O_DIRECTORY | O_NOFOLLOW` and the file itself with `O_NOFOLLOW | O_NONBLOCK`.

Either way a symlink anywhere below the root, or a `..`, refuses the open. The root itself is
opened as named (it is the operator's folder, stored resolved when it was indexed). The
descriptor is then checked with `fstat` (a regular file, within the size cap), so a FIFO or a
device swapped in cannot block or flood the reader.
"""
from __future__ import annotations

import ctypes
import hashlib
import errno
import os
import platform
import stat
import sys

from .errors import BadImage, InvalidArgument, TooLarge

_RESOLVE_NO_MAGICLINKS, _RESOLVE_NO_SYMLINKS, _RESOLVE_BENEATH = 0x02, 0x04, 0x08
_SYS_OPENAT2 = 437      # one number on every Linux architecture but alpha
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class Escape(OSError):
    """The name leads through a symlink, out of the root, or to something other than a file."""


class _OpenHow(ctypes.Structure):
    _fields_ = [("flags", ctypes.c_uint64), ("mode", ctypes.c_uint64), ("resolve", ctypes.c_uint64)]


_openat2_state = {"usable": sys.platform == "linux" and platform.machine() != "alpha"}


def _syscall():
    libc = _openat2_state.get("libc")
    if libc is None:
        libc = _openat2_state["libc"] = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
    return libc.syscall


def _openat2(dirfd: int, name: bytes, flags: int) -> int | None:
    """A descriptor from openat2, or None where the kernel (or a seccomp filter) lacks it."""
    if not _openat2_state["usable"]:
        return None
    how = _OpenHow(flags, 0, _RESOLVE_BENEATH | _RESOLVE_NO_SYMLINKS | _RESOLVE_NO_MAGICLINKS)
    fd = _syscall()(ctypes.c_long(_SYS_OPENAT2), ctypes.c_int(dirfd), ctypes.c_char_p(name),
                    ctypes.byref(how), ctypes.c_size_t(ctypes.sizeof(how)))
    if fd >= 0:
        return int(fd)
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EPERM):
        _openat2_state["usable"] = False      # not here: the walk does the same job
        return None
    if err == errno.EAGAIN:                   # a rename raced the lookup: let the walk decide
        return None
    raise _error(err, name)


def _error(err: int, name) -> OSError:
    if err in (errno.ELOOP, errno.EXDEV, errno.ENOTDIR, errno.EMLINK):
        return Escape(err, "reached through a symlink or outside its folder", name)
    return OSError(err, os.strerror(err), name)


def _walk(dirfd: int, parts: list[str]) -> int:
    """The last component opened from dirfd, every folder on the way without following links."""
    fds = []
    try:
        current = dirfd
        for part in parts[:-1]:
            try:
                current = os.open(part, _DIR_FLAGS, dir_fd=current)
            except OSError as e:
                raise _error(e.errno, part) from None
            fds.append(current)
        try:
            return os.open(parts[-1], _FILE_FLAGS, dir_fd=current)
        except OSError as e:
            raise _error(e.errno, parts[-1]) from None
    finally:
        for fd in fds:
            os.close(fd)


def parts_of(relative: str) -> list[str]:
    """The components of a relative path, refusing anything that could climb (`..`, `/x`)."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise Escape(errno.EXDEV, "not a plain path beneath its folder", relative)
    return parts


def open_beneath(root: str, relative: str, max_bytes: int, use_openat2: bool = True) -> int:
    """A descriptor of the regular file root/relative, reached without any symlink below root.
    Raises Escape (a symlink, `..` or not a regular file), FileNotFoundError, TooLarge, or
    another OSError (permissions)."""
    parts = parts_of(relative)
    rootfd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        fd = _openat2(rootfd, os.fsencode(relative), _FILE_FLAGS) if use_openat2 else None
        if fd is None:
            fd = _walk(rootfd, parts)
    finally:
        os.close(rootfd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Escape(errno.EINVAL, "not a regular file", relative)
        if st.st_size > max_bytes:
            raise TooLarge(f"file too large ({st.st_size >> 20} MB > limit {max_bytes >> 20} MB)")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_fd(fd: int, max_bytes: int) -> bytes:
    """All the bytes of an open regular file, at most max_bytes (it may grow while read).
    Closes the descriptor."""
    with os.fdopen(fd, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"file too large (> limit {max_bytes >> 20} MB)")
    return data


def read_no_follow(path: str, max_bytes: int) -> bytes:
    """A small file of the service's own (a lock, a card, a key) read without following a
    symlink at its last component, regular files only."""
    try:
        fd = os.open(path, _FILE_FLAGS)
    except OSError as e:
        raise _error(e.errno, path) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise Escape(errno.EINVAL, "not a regular file", path)
    return read_fd(fd, max_bytes)


def locate(path: str, roots) -> tuple[str, str] | None:
    """(root, path relative to it) for a stored image path whose resolved form lies under one
    of the roots, or None (also when the path cannot be resolved: realpath itself fails with
    EINVAL when a symlink becomes a folder under it). Only a name: the open that follows
    refuses any symlink below the root, so a link swapped in after this is caught there."""
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return None
    for r in roots:
        root = os.path.realpath(r)
        if real.startswith(root.rstrip("/") + "/"):
            return root, real[len(root.rstrip("/")) + 1:]
    return None


def open_indexed(path: str, roots, max_bytes: int, what: str) -> tuple[int, os.stat_result]:
    """An indexed image's file opened once beneath its root: (descriptor, fstat). The caller
    closes the descriptor. Anything but a regular file reached without symlinks below the
    root (gone, swapped for a link, a FIFO) is NotFound; over the cap, TooLarge."""
    from .errors import NotFound
    found = locate(path, roots)
    if found is None:
        raise NotFound(f"{what}'s file is outside the indexed folders (or was being moved)",
                       param="image_id")
    try:
        fd = open_beneath(*found, max_bytes)
    except FileNotFoundError:
        raise NotFound(f"{what}'s file {path} is gone", param="image_id") from None
    except Escape:
        raise NotFound(f"{what}'s file {path} is no longer a plain file inside the indexed "
                       "folders (a symlink or a special file took its place)",
                       param="image_id") from None
    except OSError as e:
        raise NotFound(f"{what}'s file {path} cannot be read ({e.strerror})",
                       param="image_id") from None
    return fd, os.fstat(fd)


def create_fresh(path, mode: int = 0o666) -> int:
    """A descriptor of a new, empty file at path: the temporary name a file is written under
    before it is renamed into place. Whatever is at that name (a symlink or a hard link someone
    planted to have its target truncated and overwritten) is removed first, and the file is
    made with O_CREAT | O_EXCL | O_NOFOLLOW, so a link planted in between fails the write
    instead of redirecting it."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, mode)


# -- regular files read by path (what a user names, what was scanned) -----------------------
def printable(path: str) -> str:
    """A path that can be stored and shown: undecodable bytes written as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: str, max_bytes: int) -> int:
    """A file descriptor of a regular file no bigger than max_bytes, or BadImage. Opened
    non-blocking, so a FIFO swapped in after the scan cannot hang the reader."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as e:
        raise BadImage(f"unreadable: {e.strerror or e}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise BadImage(f"{_kind(st.st_mode)}, not a regular file")
    if st.st_size > max_bytes:
        os.close(fd)
        raise TooLarge(f"file too large ({st.st_size >> 20} MB > limit {max_bytes >> 20} MB)")
    return fd


def read_file(path: str, max_bytes: int) -> bytes:
    fd = open_regular(path, max_bytes)
    with os.fdopen(fd, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"file too large (> limit {max_bytes >> 20} MB)")
    return data


def open_input(path, max_bytes: int, param: str, what: str) -> int:
    """open_regular for a file the user names (labels, class names, a checkpoint): every
    refusal is one InvalidArgument naming the parameter. A FIFO or a device (/dev/zero) is
    refused at once, before a byte is read."""
    try:
        return open_regular(os.fspath(path), max_bytes)
    except TooLarge as e:
        raise TooLarge(f"the {what} file {printable(os.fspath(path))} is too large: {e.message}",
                       param=param, fix=f"raise IMGSEARCH_MAX_{_CAPS.get(param, 'LABELS')}_BYTES") from None
    except BadImage as e:
        raise InvalidArgument(f"cannot read the {what} file {printable(os.fspath(path))}: "
                              f"{e.message}", param=param) from None
    except ValueError:                 # a NUL byte in the path
        raise InvalidArgument(f"invalid {what} file name (a NUL byte)", param=param) from None


def read_input(path, max_bytes: int, param: str, what: str) -> bytes:
    """The bytes of a file the user names, through open_input."""
    with os.fdopen(open_input(path, max_bytes, param, what), "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:           # it grew after the check
        raise TooLarge(f"the {what} file {printable(os.fspath(path))} is over "
                       f"{max_bytes >> 20} MB", param=param)
    return data


_CAPS = {"labels": "LABELS", "classes": "LABELS", "source": "LABELS", "weights": "WEIGHTS"}


def sha256_file(path: str, max_bytes: int) -> str:
    """Hashed 1 MB at a time: a 3 GB file never sits in memory."""
    fd = open_regular(path, max_bytes)
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
