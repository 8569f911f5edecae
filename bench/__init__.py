"""Benchmarks behind ``make bench``: each writes JSON figures to ``bench/results/``."""
