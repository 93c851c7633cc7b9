"""`make bench`: benchmarks with side-by-side baselines."""
