"""Benchmarks: ``python -m benchmarks`` runs every module here that exposes ``main()``."""
