"""Demo data: a realistic property for `make run`, the screenshots and the benchmarks."""
