"""The label files a command was given: directories stand for the label files inside them.

``rubricate lint``, ``report`` and ``aggregate`` take FILES. A dataset delivered as a folder of
shards (``labels/part-00017.jsonl.gz``) can be named by its folder, and a shell glob over a
hundred thousand shards need not fit the command line. Each file is read once however often
it is named: read twice, every record would be its own duplicate.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence

from validate.lint.readers import format_from_name

STDIN = "-"

LABEL_FILES = ".jsonl, .ndjson, .json, .csv or .tsv, each optionally .gz"
"""What a directory contributes (by name), as messages and the documentation say it."""


class InputError(ValueError):
    """A directory holds no label file, or cannot be read (exit 2)."""


def expand_inputs(paths: Sequence[str], exclude: Sequence[str] = ()) -> list[str]:
    """``paths`` with each directory replaced by the label files under it (:data:`LABEL_FILES`,
    recursively, sorted, hidden files and folders left out, and files ``exclude`` matches:
    :func:`excluded`) and each file kept once, at its first place. A file named as such is
    always kept. Paths that do not exist are kept, for the caller to report."""
    out: list[str] = []
    seen: set[str] = set()
    for path in paths:
        if path != STDIN and os.path.isdir(path):
            every = list(_label_files(path))
            found = [name for name in every if not excluded(os.path.relpath(name, path), exclude)]
            if not every:
                raise InputError(f"{path}: a directory with no label files ({LABEL_FILES})")
            if not found:
                shown = ", ".join(exclude)
                raise InputError(f"{path}: every label file under it is excluded ({shown})")
        else:
            found = [path]
        for name in found:
            if name == STDIN:  # standard input twice is an error the engine names
                out.append(name)
                continue
            key = os.path.realpath(name)
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


def excluded(relative: str, patterns: Sequence[str]) -> bool:
    """Whether a file found under a directory (``relative`` to it) matches one of the glob
    ``patterns``: as a whole path (``drafts/*.jsonl``), or by any one folder or file name
    on the way (``meta.json``, ``drafts``)."""
    if not patterns:
        return False
    path = relative.replace(os.sep, "/")
    parts = path.split("/")
    return any(
        fnmatch.fnmatchcase(path, pattern) or any(fnmatch.fnmatchcase(p, pattern) for p in parts)
        for pattern in patterns
    )


def _label_files(folder: str, above: frozenset[tuple[int, int]] = frozenset()) -> Iterator[str]:
    """The label files under ``folder``, depth first in sorted order (the input order is the
    order findings and "first at" references follow, so it must not depend on the disk).

    Symbolic links to folders are followed (shards are often linked in from elsewhere), but
    not a link back to a folder ``above`` it: that loop would never end. A folder that cannot
    be read is an :class:`InputError`, not a silent gap in the dataset."""
    try:
        info = os.stat(folder)
        here = (info.st_dev, info.st_ino)
        if here in above:
            return  # a link back up the tree: those files are being read already
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"{folder}: cannot read this directory ({exc.strerror})") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _label_files(entry.path, above | {here})
        elif entry.is_file() and format_from_name(entry.name) is not None:
            yield entry.path
