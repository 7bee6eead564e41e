"""The worker side of a run: what each worker loads once, the per-article function with its
deadline, and the executors a run can use (one inline worker, a local process pool).

A deadline is SIGALRM where the article runs on a process's main thread (the process pool, one
inline worker), and an exception raised into the thread otherwise (Dask runs tasks on threads,
where signals cannot go); both fire at the next Python bytecode, so an article stuck inside one
C call is only stopped when the call returns (the driver's batch deadline covers that).

Pool workers die with their driver, however it dies (SIGKILL and the OOM killer included): on
Linux the kernel sends them SIGKILL when it goes (`prctl(PR_SET_PDEATHSIG)`); elsewhere a
watchdog thread in each worker ends it once its parent process is gone.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from pipeline.engine.ruleset import LazyRegex, RuleSet
from pipeline.extract.registry import load_rules
from pipeline.locations import DEFAULT_RULES_DIR
from pipeline.records import Article

if TYPE_CHECKING:  # not at run time: a worker process need not import the readers
    from pipeline.batch.inputs import WorkRecord

ARTICLE_TIMEOUT_S = 60
#: the rules this process's articles are read with (`init_worker`)
_WORKER_RULESET: RuleSet | None = None
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

Result = dict[str, Any]
P = ParamSpec("P")
T = TypeVar("T")


def init_worker(rules_dir: str | Path = DEFAULT_RULES_DIR) -> None:
    """Load the models and compile the rules once per worker process."""
    from pipeline.text.nlp import make_doc, split_sentences

    compile_rules(rules_dir)
    split_sentences("text", "Khởi động. Xong.")  # loads underthesea's sentence model
    make_doc("Khởi động")  # and its word model


def compile_rules(rules_dir: str | Path) -> None:
    """This process's rule set and its matching structures."""
    global _WORKER_RULESET
    ruleset = _WORKER_RULESET = load_rules(rules_dir, fresh=True)
    from pipeline.engine.article import compiled

    compiled(ruleset)


def die_with_parent(parent_pid: int) -> None:
    """End this process when `parent_pid`, its parent, ends (the kernel's signal on Linux, a
    watchdog thread elsewhere); at once if it has already ended."""
    if sys.platform.startswith("linux") and _set_parent_death_signal(signal.SIGKILL):
        if os.getppid() != parent_pid:  # the parent died before the signal was armed
            os._exit(1)
        return
    watch_parent(parent_pid)


def watch_parent(parent_pid: int, interval: float = 1.0) -> None:
    """Start a daemon thread that ends this process once `parent_pid` is not its parent."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="vnie-parent-watchdog", daemon=True).start()


def _set_parent_death_signal(signum: int) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def init_pool_worker(rules_dir: str, driver_pid: int) -> None:
    """A pool worker's start: die with the driver, then load the models and rules."""
    die_with_parent(driver_pid)
    init_worker(rules_dir)


class ArticleTimeout(Exception):
    """An article ran past its deadline."""


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise ArticleTimeout


class _Deadline:
    """Raise `ArticleTimeout` in this thread after `seconds` (SIGALRM on the main thread)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.on_main = hasattr(signal, "SIGALRM") and (
            threading.current_thread() is threading.main_thread()
        )
        self.lock = threading.Lock()
        self.done = self.fired = False
        self.timer: threading.Timer | None = None

    def __enter__(self) -> _Deadline:
        if self.on_main:
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self.thread_id = threading.get_ident()
            self.timer = threading.Timer(self.seconds, self._fire)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _fire(self) -> None:
        with self.lock:
            if not self.done:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self.thread_id), ctypes.py_object(ArticleTimeout)
                )

    def __exit__(self, *_exc: object) -> None:
        if self.on_main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            return
        with self.lock:
            self.done = True
        assert self.timer is not None
        self.timer.cancel()
        if self.fired:  # fired but not yet delivered: take it back
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_id), None)


def process_article(record: WorkRecord) -> Result:
    """One article record → its rows, or an error (never raises)."""
    from pipeline.engine.article import extract

    origin = record["origin"]
    timeout = record.get("timeout", ARTICLE_TIMEOUT_S)
    try:
        with _Deadline(timeout):
            article = Article.from_record(record["article"], origin=origin)
            result = extract(article, _WORKER_RULESET or load_rules(DEFAULT_RULES_DIR))
            return {
                "article": result.article_row,
                "mentions": {t: [m.row() for m in ms] for t, ms in result.mentions.items()},
            }
    except ArticleTimeout:
        return {"error": ["timeout", f"{origin}: no result after {timeout} s"]}
    except Exception as exc:  # an article must never stop the batch
        return {"error": ["extract", f"{origin}: {type(exc).__name__}: {exc}"]}


def process_batch(records: list[WorkRecord]) -> list[Result]:
    """The unit of work sent to a worker: a list of records in, their results out, in order."""
    return [process_article(record) for record in records]


class InlineExecutor(Executor):
    """Runs each task at once in this process: the engine for one worker."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed to the caller through the future
            future.set_exception(exc)
        return future


def local_executor(workers: int, rules_dir: Path) -> Executor:
    """A process pool whose workers load the models once each.

    Where the platform can fork, the workers are forked from the driver once it has imported
    the code, loaded the rules and compiled the patterns: each starts without a new
    interpreter, its imports and the patterns' compiling (~1 s of CPU per worker), and loads
    the segmentation models itself. Elsewhere they start clean (spawn)."""
    if workers <= 1:
        init_worker(rules_dir)
        return InlineExecutor()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        # the rules' part of the workers' start, done once here for all of them: the matching
        # structures and every pattern (each worker compiled them again: ~1 s of CPU apiece).
        # Not the segmentation models: each worker loads those (~0.8 s), which would add ~90 MB
        # to the driver for the whole run (over 400 MB at 60,000 articles)
        compile_rules(rules_dir)
        LazyRegex.compile_all()
        # what the driver holds now (code, rules) lives as long as it: out of the collector's
        # reach, so that a worker's collections do not write to, and copy, the pages it shares
        gc.freeze()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=init_pool_worker,
        initargs=(str(rules_dir), os.getpid()),
    )


def kill_pool(executor: Executor) -> None:
    """Stop a process pool now, hung workers included."""
    if isinstance(executor, ProcessPoolExecutor):
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
