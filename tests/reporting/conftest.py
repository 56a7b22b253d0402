"""Fixtures for the reporter tests (the fixed data lives in :mod:`.samples`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from validate.reporting.model import Report

from .samples import GOLDEN, build_report


@pytest.fixture
def report() -> Report:
    """The fixed sample report."""
    return build_report()


@pytest.fixture
def make_report() -> Callable[..., Report]:
    """Factory for variations of the sample report."""
    return build_report


@pytest.fixture
def golden() -> Callable[[str], str]:
    """Read a golden file (exact bytes, UTF-8)."""

    def read(name: str) -> str:
        return (GOLDEN / name).read_bytes().decode("utf-8")

    return read
