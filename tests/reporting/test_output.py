"""``write_atomic``: whole file or nothing, no temp files left behind."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from validate.reporting.output import write_atomic


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def test_writes_new_file_without_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    write_atomic(target, "héllo\nwörld\n")
    assert target.read_bytes() == "héllo\nwörld\n".encode()
    assert _leftovers(tmp_path, {"report.sarif"}) == []


def test_lone_surrogate_does_not_fail(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomic(target, "a\ud800b")
    assert target.read_bytes() == b"a\\ud800b"


def test_replaces_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert _leftovers(tmp_path, {"out.json"}) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_preserves_mode_of_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX umask")
def test_new_file_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_failed_replace_keeps_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("original", encoding="utf-8")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new content")
    assert target.read_text(encoding="utf-8") == "original"
    assert _leftovers(tmp_path, {"out.json"}) == []


def test_failed_write_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        write_atomic(tmp_path / "out.json", "x")
    assert list(tmp_path.iterdir()) == []


def test_missing_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "nope" / "out.json", "x")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_special_files_are_written_into_not_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` or a named pipe must never be replaced by a regular file.

    Tested with a FIFO (the same non-regular-file path) so that a regression cannot destroy
    the machine's /dev/null.
    """
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(timeout=5)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_bytes_are_written_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "card.pdf"
    write_atomic(target, b"%PDF-1.7\x00\xff")
    assert target.read_bytes() == b"%PDF-1.7\x00\xff"


def test_pieces_are_written_in_order(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_atomic(target, iter(["{", "\n  ", b'"a": 1', "\n}\n"]))
    assert target.read_bytes() == b'{\n  "a": 1\n}\n'


def test_a_failing_stream_of_pieces_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("original", encoding="utf-8")

    def pieces() -> object:
        yield "half of a new"
        raise RuntimeError("reporter failed")

    with pytest.raises(RuntimeError, match="reporter failed"):
        write_atomic(target, pieces())  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "original"
    assert _leftovers(tmp_path, {"report.json"}) == []
