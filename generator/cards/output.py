"""Atomic writing of binary files (PDFs): readers see the old file or the new, never half.

:func:`validate.reporting.output.write_atomic` writes text only; this is its byte twin, with
the same guarantees: a temporary file in the target's directory (a rename is atomic only
within one file system), flushed and fsynced, then ``os.replace``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; the parent directory must exist."""
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    # 0o666 lets the umask decide, as for any file the user creates (mkstemp would give 0600).
    fd = os.open(temp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
