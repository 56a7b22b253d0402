"""Pause Python's cyclic garbage collector around bulk work on acyclic data.

Reading labels builds millions of small containers (dicts, tuples, Counters) that live until
the run ends. Each is freed by reference counting alone, but the cyclic collector, triggered
by allocation counts, rescans them all again and again: a third of ``rubricate aggregate``'s
time on 160k records, and most of the cost of holding records in the measurements of
``perf-baselines.md``. Nothing in these passes makes reference cycles, so nothing waits for
the collector while it is paused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic GC for the ``with`` block; restore its state afterwards, whatever
    happens (a caller that had it off keeps it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
