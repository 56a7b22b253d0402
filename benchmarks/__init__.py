"""Benchmarks: ``python -m benchmarks`` runs every module here that exposes ``main()``."""


def verdict(ok: bool) -> str:
    """How every benchmark prints a target's outcome: ``PASS`` or ``FAIL``."""
    return "PASS" if ok else "FAIL"
