"""The batch driver: archives in, tables out, over any `concurrent.futures.Executor`.

Articles go to workers in batches; results come back in input order, so the tables are the
same byte for byte whatever the worker count or engine. Each article's result is kept in a
SQLite cache keyed by its content hash and the rules hash: a killed run resumes where it
stopped, a re-run over a grown archive processes only the new articles, and a change to
`rules/` reprocesses everything.
"""

from __future__ import annotations

import csv
import hashlib
import json
import multiprocessing
import os
import platform
import signal
import sqlite3
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.ingest import read_archives
from pipeline.records import Article, ArticleError
from pipeline.ruleset import DEFAULT_RULES_DIR, load_ruleset
from pipeline.tables import (
    ERROR_COLUMNS,
    FACT_TABLES,
    TableWriter,
    data_dictionary,
    write_json_atomic,
)

ARTICLE_TIMEOUT_S = 60
BATCH_SIZE = 8
_WORKER_RULES: Path | None = None


# ---- worker side ---------------------------------------------------------------------------

def init_worker(rules_dir: str | Path = DEFAULT_RULES_DIR) -> None:
    """Load the models and compile the rules once per worker process."""
    global _WORKER_RULES
    _WORKER_RULES = Path(rules_dir)
    ruleset = load_ruleset(_WORKER_RULES)
    from pipeline.engine import compiled
    from pipeline.nlp import split_sentences

    compiled(ruleset)
    split_sentences("text", "Khởi động. Xong.")  # loads underthesea's sentence model


class _Timeout(Exception):
    pass


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise _Timeout


def process_article(record: dict[str, Any]) -> dict[str, Any]:
    """One article record → its rows, or an error (never raises)."""
    from pipeline.engine import extract

    article = Article.from_record(record["article"], origin=record["origin"])
    use_alarm = hasattr(signal, "SIGALRM") and _in_main_thread()
    try:
        if use_alarm:
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.alarm(ARTICLE_TIMEOUT_S)
        result = extract(article, load_ruleset(_WORKER_RULES or DEFAULT_RULES_DIR))
        return {"article": result.article_row,
                "mentions": {t: [m.row() for m in ms] for t, ms in result.mentions.items()}}
    except _Timeout:
        return {"error": ["timeout", f"{article.origin}: no result after {ARTICLE_TIMEOUT_S} s"]}
    except Exception as exc:  # an article must never stop the batch
        return {"error": ["extract", f"{article.origin}: {type(exc).__name__}: {exc}"]}
    finally:
        if use_alarm:
            signal.alarm(0)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def process_batch(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The unit of work sent to a worker: a list of records in, their results out, in order."""
    return [process_article(record) for record in records]


# ---- executors -----------------------------------------------------------------------------

class InlineExecutor(Executor):
    """Runs each task at once in this process: the engine for one worker."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future


def local_executor(workers: int, rules_dir: Path) -> Executor:
    """A process pool whose workers start clean (spawn) and load everything once."""
    if workers <= 1:
        init_worker(rules_dir)
        return InlineExecutor()
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init_worker, initargs=(str(rules_dir),))


# ---- the result cache ----------------------------------------------------------------------

class ResultCache:
    """Results per article key (content hash + rules hash) in SQLite, written by the driver."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result TEXT)")

    def get(self, key: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_many(self, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)",
                                ((k, json.dumps(v, ensure_ascii=False)) for k, v in items))

    def close(self) -> None:
        self.db.close()


def article_key(record: dict[str, Any], rules_hash: str) -> str:
    """What decides whether an article must be processed again."""
    content = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(content).hexdigest()[:32] + ":" + rules_hash


# ---- the driver ----------------------------------------------------------------------------

@dataclass
class RunSummary:
    articles: int = 0
    errors: int = 0
    cached: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class _Batch:
    items: list[tuple[str, dict[str, Any] | None, ArticleError | None]]  # key, record, error
    future: Future | None = None
    crashes: int = 0
    sent: list[bool] = field(default_factory=list)  # which items went to a worker


def _batches(inputs: list[str], rules_hash: str, cache: ResultCache, size: int
             ) -> Iterator[tuple[list, list[dict[str, Any]]]]:
    batch: list = []
    for item in read_archives(inputs):
        if isinstance(item, ArticleError):
            batch.append(("", None, item))
        elif not item.text.strip():
            batch.append(("", None, ArticleError(item.id, item.origin, "read",
                                                 f"{item.origin}: the article's text is empty")))
        else:
            record = {"article": item.to_record(), "origin": item.origin}
            batch.append((article_key(record["article"], rules_hash), record, None))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_extract(inputs: list[str], out_dir: Path, rules_dir: Path = DEFAULT_RULES_DIR,
                workers: int | None = None, executor: Executor | None = None,
                progress: Any = None, batch_size: int = BATCH_SIZE) -> RunSummary:
    """Extract every article of `inputs` into the tables of `out_dir`."""
    started, clock = datetime.now(UTC), time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    state_dir = out_dir / ".vnie"
    state_dir.mkdir(exist_ok=True)
    ruleset = load_ruleset(Path(rules_dir))
    workers = workers or os.cpu_count() or 1
    own_executor = executor is None
    executor = executor or local_executor(workers, Path(rules_dir))
    cache = ResultCache(state_dir / "results.sqlite")
    writers = {name: TableWriter(out_dir, name) for name in ("articles", *FACT_TABLES)}
    errors_tmp = out_dir / ".errors.csv.tmp"
    summary = RunSummary()
    window: deque[_Batch] = deque()
    depth = max(2, workers * 3)
    with open(errors_tmp, "w", encoding="utf-8", newline="") as errors_file:
        errors_csv = csv.writer(errors_file)
        errors_csv.writerow(ERROR_COLUMNS)

        def submit(batch: _Batch) -> None:
            batch.sent = [rec is not None and cache.get(key) is None for key, rec, _ in batch.items]
            todo = [rec for (_, rec, _), sent in zip(batch.items, batch.sent, strict=True) if sent]
            batch.future = executor.submit(process_batch, todo) if todo else None

        def finish(batch: _Batch) -> None:
            nonlocal executor
            fresh: list[dict[str, Any]] = []
            if batch.future is not None:
                try:
                    fresh = batch.future.result()
                except BrokenProcessPool:
                    batch.crashes += 1
                    executor = local_executor(workers, Path(rules_dir))
                    if batch.crashes < 2:
                        for pending in [batch, *window]:
                            submit(pending)
                        return finish(batch)
                    fresh = [{"error": ["worker", f"{rec['origin']}: the worker process died"]}
                             for key, rec, err in batch.items if rec is not None]
            fresh_iter = iter(fresh)
            new_results = []
            for (key, record, error), sent in zip(batch.items, batch.sent, strict=True):
                summary.articles += 1
                if error is not None:
                    _write_error(errors_csv, error.article_id, error.origin, error.stage,
                                 error.message, summary)
                    continue
                if sent:
                    result = next(fresh_iter)
                    if "error" not in result:
                        new_results.append((key, result))
                else:
                    result = cache.get(key)
                    summary.cached += 1
                if "error" in result:
                    stage, message = result["error"]
                    _write_error(errors_csv, record["article"]["id"], record["origin"], stage,
                                 message, summary)
                    continue
                writers["articles"].add(result["article"])
                for table in FACT_TABLES:
                    for row in result["mentions"].get(table, []):
                        writers[table].add(row)
            cache.put_many(new_results)
            if progress is not None:
                progress(summary)

        try:
            for items in _batches(inputs, ruleset.rules_hash, cache, batch_size):
                batch = _Batch(items)
                submit(batch)
                window.append(batch)
                while len(window) >= depth:
                    finish(window.popleft())
            while window:
                finish(window.popleft())
        finally:
            if own_executor:
                executor.shutdown(wait=True, cancel_futures=True)
            cache.close()
    for writer in writers.values():
        writer.close()
    os.replace(errors_tmp, out_dir / "errors.csv")
    summary.counts = {name: writer.count for name, writer in writers.items()}
    summary.seconds = round(time.perf_counter() - clock, 3)
    (out_dir / "README.md").write_text(data_dictionary(), encoding="utf-8")
    write_json_atomic(out_dir / "manifest.json", _manifest(inputs, ruleset, summary, started,
                                                         workers, type(executor).__name__))
    return summary


def _write_error(writer: Any, article_id: str, origin: str, stage: str, message: str,
                 summary: RunSummary) -> None:
    writer.writerow([article_id, origin, stage, message])
    summary.errors += 1


def _manifest(inputs: list[str], ruleset: Any, summary: RunSummary, started: datetime,
              workers: int, engine: str) -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "vnie": __version__,
        "python": platform.python_version(),
        "libraries": {name: version(name) for name in ("underthesea", "spacy", "pyarrow")},
        "rules_dir": str(ruleset.directory),
        "rules_hash": ruleset.rules_hash,
        "inputs": [str(p) for p in inputs],
        "engine": engine,
        "workers": workers,
        "started_at": started.isoformat(timespec="seconds"),
        "seconds": summary.seconds,
        "articles": summary.articles,
        "articles_from_cache": summary.cached,
        "errors": summary.errors,
        "rows": summary.counts,
    }
