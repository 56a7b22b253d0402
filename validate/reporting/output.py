"""Writing report files: every file the linter writes goes through :func:`write_atomic`."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

_TEMP_ATTEMPTS = 16


def _open_temp(directory: Path, name: str) -> tuple[Path, int]:
    """Create a fresh temporary file next to the target; return its path and descriptor.

    ``os.open`` with mode ``0o666`` lets the kernel apply the umask, so a new report gets the
    same permissions as any other file the user creates (``mkstemp`` would make it 0600), and
    without touching the process-wide umask, which other threads may be using. ``O_EXCL``
    makes a name clash an error instead of writing into someone else's file.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TEMP_ATTEMPTS):
        temp = directory / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file next to {directory / name}")


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _encoded(piece: str | bytes) -> bytes:
    # A lone surrogate (Python's json accepts "\ud800" in a label file) cannot be UTF-8; it is
    # written as its escape rather than failing the whole report.
    return piece if isinstance(piece, bytes) else piece.encode("utf-8", "backslashreplace")


def write_atomic(path: Path | str, content: str | bytes | Iterable[str | bytes]) -> None:
    """Write ``content`` (text as UTF-8, or bytes, or an iterable of such pieces, written as
    they come) to ``path`` so readers see the old file or the new, never half.

    The content goes to a temporary file in the same directory (a rename is only atomic within
    one file system), is flushed and fsynced, takes the existing file's permission bits, and
    replaces the target with ``os.replace``. If anything fails, the temporary file is removed
    and the original file is left untouched. A symlink is followed, so the file it points to
    is replaced and the link survives. The parent directory must exist.

    A target that exists but is not a regular file (``/dev/null``, ``/dev/stdout``, a named
    pipe) is written into directly: replacing it would destroy the device or the pipe.
    """
    pieces = [content] if isinstance(content, str | bytes) else content
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    directory = target.parent
    try:
        info = os.stat(target)
    except FileNotFoundError:
        mode: int | None = None
    else:
        if not stat.S_ISREG(info.st_mode):
            with open(target, "wb") as special:
                for piece in pieces:
                    special.write(_encoded(piece))
            return
        mode = stat.S_IMODE(info.st_mode)

    temp, fd = _open_temp(directory, target.name)
    try:
        # Bytes, not text mode: the output is exactly the content on every platform (no CRLF).
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(_encoded(piece))
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)
