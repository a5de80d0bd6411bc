"""Benchmarks: run as modules from the repository root (`python -m bench.run`), never as scripts,
so that `bench/http.py` does not shadow the standard library's `http` package."""
