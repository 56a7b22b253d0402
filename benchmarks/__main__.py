"""Run every benchmark module of this package that exposes ``main()``.

``python -m benchmarks`` runs them all in name order; ``python -m benchmarks lint_throughput``
runs the named ones. Options after ``--`` go to modules whose ``main`` takes ``argv``
(``python -m benchmarks lint_throughput -- --records 1000000``). Exit status 1 when a module
reports a missed target (``main`` returning ``False`` or a non-zero int), 2 for an unknown
benchmark name.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path


def _modules() -> list[str]:
    here = Path(__file__).parent
    return sorted(
        info.name for info in pkgutil.iter_modules([str(here)]) if not info.name.startswith("_")
    )


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    forwarded: list[str] = []
    if "--" in args:
        cut = args.index("--")
        args, forwarded = args[:cut], args[cut + 1 :]
    available = _modules()
    names = args or available
    unknown = [name for name in names if name not in available]
    if unknown:
        hint = " (options go after --)" if any(n.startswith("-") for n in unknown) else ""
        print(
            f"unknown benchmark {unknown[0]!r}{hint}; available: {', '.join(available)}",
            file=sys.stderr,
        )
        return 2
    failed = False
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        entry = getattr(module, "main", None)
        if entry is None:
            continue
        print(f"== benchmarks.{name}", flush=True)
        takes_argv = "argv" in inspect.signature(entry).parameters
        outcome = entry(argv=forwarded) if takes_argv else entry()
        if outcome is False or (
            isinstance(outcome, int) and not isinstance(outcome, bool) and outcome != 0
        ):
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
