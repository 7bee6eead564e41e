"""Running extraction over many articles: the driver, its workers (process pool or Dask), the
result cache that makes runs resumable, progress and benchmarks."""
