"""The batch driver: archives in, tables out, over any `concurrent.futures.Executor`.

Articles go to workers in batches; results come back in input order, so the tables are the
same byte for byte whatever the worker count or engine. Each article's result is kept in a
SQLite cache keyed by its content hash and the rules hash: a killed run resumes where it
stopped, a re-run over a grown archive processes only the new articles, and a change to
`rules/` reprocesses everything.

Every article read ends either in the tables or as one row of errors.csv, never both: a
reader's error, a refusal (`pipeline.batch.inputs`), a worker's error, or a row a table cannot
hold (stage `write`: an article's rows are all checked before any is added). The tables are
written into a private generation of the output folder, published when the run completes.

Hangs are bounded twice. Inside a worker, each article has a deadline: SIGALRM where the
article runs on a process's main thread (the process pool, one inline worker), an exception
raised into the thread otherwise (Dask runs tasks on threads, where signals cannot go); both
fire at the next Python bytecode, so an article stuck inside one C call is only stopped when
the call returns. The driver therefore also waits on each batch with a deadline, and kills and
restarts a local pool that overruns it.
"""

from __future__ import annotations

import csv
import logging
import os
import platform
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.inputs import WorkItem, WorkRecord, work_items
from pipeline.batch.run_state import ResultCache, estimate_total, run_state_path
from pipeline.batch.workers import (
    ARTICLE_TIMEOUT_S,
    InlineExecutor,
    Result,
    kill_pool,
    local_executor,
    process_batch,
)
from pipeline.engine.ruleset import RuleSet
from pipeline.extract.registry import load_rules
from pipeline.link.stage import link_outputs
from pipeline.locations import DEFAULT_RULES_DIR
from pipeline.outputs.generations import new_generation, output_lock, publish
from pipeline.outputs.tables import (
    ERROR_COLUMNS,
    TableWriter,
    csv_cell,
    data_dictionary,
    write_json_atomic,
)
from pipeline.records import FACT_TABLES

logger = logging.getLogger(__name__)

#: Longer articles are reported, not processed: one would hold a worker for minutes.
MAX_ARTICLE_CHARS = 1_000_000
BATCH_SIZE = 8
#: Slack on a batch's deadline for a fresh pool to start and load its models.
_START_SLACK_S = 60
Progress = Callable[["RunSummary"], None]


# ---- the driver ----------------------------------------------------------------------------


@dataclass
class RunSummary:
    """Counts of a run, updated as it goes (progress displays read it)."""

    articles: int = 0
    errors: int = 0
    cached: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    total: int | None = None  # articles expected, when cheap to know


@dataclass
class _Batch:
    items: list[WorkItem]
    cached: dict[int, Result] = field(default_factory=dict)  # item index → cached result
    todo: list[int] = field(default_factory=list)  # item indices sent to a worker
    future: Future[list[Result]] | None = None


def _batches(items: Iterator[WorkItem], size: int) -> Iterator[list[WorkItem]]:
    batch: list[WorkItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Run:
    """One extraction run: feeds batches to the executor and writes results in input order."""

    def __init__(
        self,
        out_dir: Path,
        generation: Path,
        rules_dir: Path,
        workers: int,
        executor: Executor | None,
        progress: Progress | None,
        timeout: float,
        csv_options: dict[str, bool],
    ):
        self.rules_dir, self.workers, self.timeout = rules_dir, workers, timeout
        self.own_executor = executor is None
        self.executor = executor or local_executor(workers, rules_dir)
        self.progress = progress
        self.cache = ResultCache(out_dir / ".vnie" / "results.sqlite")
        self.writers = {
            name: TableWriter(generation, name, **csv_options)
            for name in ("articles", *FACT_TABLES)
        }
        self.guard = not csv_options.get("raw", False)
        self.summary = RunSummary()
        self.window: deque[_Batch] = deque()
        self.errors_csv: Any = None

    def submit(self, batch: _Batch) -> None:
        batch.todo, batch.future = [], None
        records: list[WorkRecord] = []  # those of batch.todo
        for index, item in enumerate(batch.items):
            if item.record is None or index in batch.cached:
                continue
            cached = self.cache.get(item.key)
            if cached is not None:
                batch.cached[index] = cached
            else:
                batch.todo.append(index)
                records.append(item.record)
        if records:
            batch.future = self.executor.submit(process_batch, records)

    def _deadline(self, n_articles: int) -> float:
        return self.timeout * n_articles + _START_SLACK_S

    def _restart(self) -> None:
        """After a crash or a hang: a fresh local pool, and the lost batches sent again."""
        if not self.own_executor:
            return  # a Dask cluster reschedules on its own; its futures stay valid
        kill_pool(self.executor)
        self.executor = local_executor(self.workers, self.rules_dir)
        for pending in self.window:
            future = pending.future
            if future is None or not future.done() or future.exception() is not None:
                self.submit(pending)

    def results(self, batch: _Batch) -> list[Result]:
        """The batch's fresh results; one article at a time when its worker died or hung."""
        if batch.future is None:
            return []
        try:
            return batch.future.result(timeout=self._deadline(len(batch.todo)))
        except Exception as exc:  # a dead pool, a hang, a lost Dask worker: find the culprit
            logger.warning(
                "a batch of %d articles failed (%s): retrying its articles one by one",
                len(batch.todo),
                type(exc).__name__,
            )
            self._restart()
        fresh = []
        for index in batch.todo:
            record = batch.items[index].record
            assert record is not None
            try:
                future = self.executor.submit(process_batch, [record])
                fresh += future.result(timeout=self._deadline(1))
            except Exception as exc:
                self._restart()
                fresh.append(
                    {
                        "error": [
                            "worker",
                            f"{record['origin']}: the worker died or "
                            f"hung on this article ({type(exc).__name__})",
                        ]
                    }
                )
        return fresh

    def finish(self, batch: _Batch) -> None:
        fresh = dict(zip(batch.todo, self.results(batch), strict=True))
        to_cache = []
        for index, item in enumerate(batch.items):
            self.summary.articles += 1
            if item.error is not None:
                error = item.error
                self.error(error.article_id, error.origin, error.stage, error.message)
                continue
            assert item.record is not None
            if index in fresh:
                result = fresh[index]
            else:
                result = batch.cached[index]
                self.summary.cached += 1
            article_id, origin = item.record["article"]["id"], item.record["origin"]
            if "error" in result:
                stage, message = result["error"]
                self.error(article_id, origin, stage, message)
            elif self.write(article_id, origin, result) and index in fresh:
                to_cache.append((item.key, result))
        self.cache.put_many(to_cache)
        if self.progress is not None:
            self.progress(self.summary)

    def write(self, article_id: str, origin: str, result: Result) -> bool:
        """Add an article's rows to the tables, all of them or (with an error row) none."""
        try:
            rows = [("articles", self.writers["articles"].checked(result["article"]))]
            for table in FACT_TABLES:
                writer = self.writers[table]
                rows += [(table, writer.checked(row)) for row in result["mentions"].get(table, [])]
        except Exception as exc:  # a value a table cannot hold costs its article, not the run
            reason = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
            self.error(article_id, origin, "write", f"{origin}: not written: {reason}")
            return False
        for table, row in rows:
            self.writers[table].add(row)
        return True

    def error(self, article_id: str, origin: str, stage: str, message: str) -> None:
        self.errors_csv.writerow(
            [csv_cell(v, self.guard) for v in (article_id, origin, stage, message)]
        )
        self.summary.errors += 1

    def run_all(
        self, items: Iterator[WorkItem], batch_size: int, errors_path: Path, excel: bool
    ) -> str:
        """Process every item in batches, writing the tables and `errors_path`; the engine's
        name."""
        depth = max(2, self.workers * 3)
        encoding = "utf-8-sig" if excel else "utf-8"
        with open(errors_path, "w", encoding=encoding, newline="") as errors_file:
            self.errors_csv = csv.writer(errors_file)
            self.errors_csv.writerow(ERROR_COLUMNS)
            try:
                for chunk in _batches(items, batch_size):
                    batch = _Batch(chunk)
                    self.submit(batch)
                    self.window.append(batch)
                    while len(self.window) >= depth:
                        self.finish(self.window.popleft())
                while self.window:
                    self.finish(self.window.popleft())
            except BaseException:
                for writer in self.writers.values():
                    writer.discard()
                raise
            finally:
                engine = (
                    "inline"
                    if isinstance(self.executor, InlineExecutor)
                    else type(self.executor).__name__
                )
                self.cache.close()
        for writer in self.writers.values():
            writer.close()
        self.summary.counts = {name: writer.count for name, writer in self.writers.items()}
        return engine

    def link_pool(self) -> Executor | None:
        """The run's own process pool, for the linking stage to fill tables on (None: none)."""
        local = self.own_executor and isinstance(self.executor, ProcessPoolExecutor)
        return self.executor if local else None

    def shutdown(self) -> None:
        """Stop the run's own executor (once the linking stage is done with it)."""
        if self.own_executor:
            self.executor.shutdown(wait=True, cancel_futures=True)


def run_extract(
    inputs: list[str],
    out_dir: Path,
    rules_dir: Path = DEFAULT_RULES_DIR,
    workers: int | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    engine: str | None = None,
    timeout: float = ARTICLE_TIMEOUT_S,
    max_chars: int = MAX_ARTICLE_CHARS,
    raw: bool = False,
    excel: bool = False,
    warehouse: bool = False,
) -> RunSummary:
    """Extract every article of `inputs` into the tables of `out_dir`; OutputBusy at once when
    another run holds `out_dir`.

    `executor` (e.g. Dask's) replaces the local pool of `workers` processes; its workers
    must have run `init_worker(rules_dir)`. `raw` writes CSV cells as found (no guard against
    spreadsheet formulas); `excel` writes CSV with a byte-order mark; `warehouse` adds
    vnie.duckdb and datapackage.json to the run's files.

    The run writes its files into a private generation and publishes them all at once when it
    completes (see `pipeline.outputs.generations`); until then the previous run's stay.
    """
    out_dir, rules_dir = Path(out_dir), Path(rules_dir).resolve()
    inputs, workers = [str(p) for p in inputs], workers or os.cpu_count() or 1
    csv_options = {"raw": raw, "excel": excel}
    with output_lock(out_dir):
        started, clock = datetime.now(UTC), time.perf_counter()
        ruleset = load_rules(rules_dir, fresh=True)
        logger.debug(
            "%d input(s) → %s; rules %s (hash %s); %s",
            len(inputs),
            out_dir,
            rules_dir,
            ruleset.rules_hash,
            type(executor).__name__ if executor else f"{workers} local worker(s)",
        )
        write_json_atomic(
            run_state_path(out_dir),
            {
                "inputs": [str(Path(p).absolute()) for p in inputs],
                "rules_dir": str(rules_dir),
                "started_at": started.isoformat(timespec="seconds"),
            },
        )
        generation = new_generation(out_dir)
        run = _Run(
            out_dir, generation, rules_dir, workers, executor, progress, timeout, csv_options
        )
        run.summary.total = estimate_total(inputs)
        items = work_items(inputs, ruleset.rules_hash, max_chars, timeout)
        try:  # the pool outlives the extraction: the linking stage uses it
            used = run.run_all(items, batch_size, generation / "errors.csv", excel)
            linked = link_outputs(generation, ruleset.gazetteers, csv_options, run.link_pool())
        finally:
            run.shutdown()
        engine = engine or used
        summary = run.summary
        summary.counts.update(linked["rows"])
        summary.seconds = round(time.perf_counter() - clock, 3)
        write_json_atomic(
            generation / "manifest.json",
            {
                **_manifest(inputs, ruleset, summary, started, workers, engine),
                "link_seconds": linked["seconds"],
                "csv": {"formula_guard": not raw, "byte_order_mark": excel},
            },
        )
        _publish(out_dir, generation, warehouse)
    return summary


def _publish(out_dir: Path, generation: Path, warehouse: bool) -> None:
    """Complete the run's files (the warehouse when asked) and switch `out_dir` to them."""
    if warehouse:
        from pipeline.outputs.warehouse import write_datapackage, write_duckdb

        write_datapackage(generation)
        write_duckdb(generation)
    readme = out_dir / "README.md"  # the same for every run: a plain file, kept in git
    if not readme.exists() or readme.read_text(encoding="utf-8") != data_dictionary():
        readme_tmp = out_dir / f".README.md.{os.getpid()}.tmp"
        readme_tmp.write_text(data_dictionary(), encoding="utf-8")
        os.replace(readme_tmp, readme)
    publish(out_dir, generation)


def _manifest(
    inputs: list[str],
    ruleset: RuleSet,
    summary: RunSummary,
    started: datetime,
    workers: int,
    engine: str,
) -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "vnie": __version__,
        "python": platform.python_version(),
        "libraries": {name: version(name) for name in ("underthesea", "spacy", "pyarrow")},
        "rules_dir": str(ruleset.directory),
        "rules_hash": ruleset.rules_hash,
        "inputs": inputs,
        "engine": engine,
        "workers": workers,
        "started_at": started.isoformat(timespec="seconds"),
        "seconds": summary.seconds,
        "articles": summary.articles,
        "articles_from_cache": summary.cached,
        "errors": summary.errors,
        "rows": summary.counts,
    }
