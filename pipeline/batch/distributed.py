"""The Dask engine: the same per-article function and driver, on a Dask cluster.

A `LocalCluster` (one process per worker, one thread each) by default, or an existing
scheduler (`tcp://HOST:8786`) whose workers run on other machines. Every worker loads the
models and rules once, through a `WorkerPlugin` that calls `workers.init_worker`. The workers
must have this package installed and read the rules folder at the same path.

Dask runs tasks on worker threads, where SIGALRM cannot be used: the per-article deadline
is then raised into the thread (see `pipeline.batch.runner`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin

logger = logging.getLogger(__name__)


class InitWorker(WorkerPlugin):
    """Runs `workers.init_worker(rules_dir)` on every worker, present and future."""

    name = "vnie-init-worker"

    def __init__(self, rules_dir: str):
        self.rules_dir = rules_dir

    def setup(self, worker: object) -> None:
        """Load the models and compile the rules in this worker process."""
        from pipeline.batch.workers import init_worker

        init_worker(self.rules_dir)


def dask_executor(
    scheduler: str | None, workers: int, rules_dir: str | Path
) -> tuple[Executor, Callable[[], None]]:
    """An executor over a Dask cluster (local unless `scheduler` is given), and its closer."""
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    logger.info("Dask dashboard: %s", client.dashboard_link)
    client.register_plugin(InitWorker(str(Path(rules_dir).resolve())))
    executor = client.get_executor(pure=False)

    def close() -> None:
        executor.shutdown(wait=False)
        client.close()
        if cluster is not None:
            cluster.close()

    return executor, close
