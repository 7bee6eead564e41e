"""What a batch run is doing: a progress bar on a terminal (rich), plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from pipeline.batch.runner import RunSummary


class ExtractProgress:
    """Called with the run's summary after each batch: articles, articles/s, errors, ETA."""

    def __init__(
        self, stream: TextIO | None = None, interval: float = 10.0, live: bool | None = None
    ):
        self.stream = stream or sys.stderr
        self.interval = interval
        self.started = self.last_line = time.monotonic()
        self.bar: Progress | None = None
        self.task = None
        if self.stream.isatty() if live is None else live:
            self.bar = Progress(
                TextColumn("extract"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(
                    "{task.fields[rate]:.1f} articles/s, {task.fields[errors]} errors, "
                    "{task.fields[cached]} from cache"
                ),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self.task = self.bar.add_task("extract", total=None, rate=0.0, errors=0, cached=0)
            self.bar.start()

    def line(self, summary: RunSummary) -> str:
        """One line: articles (of the total), articles/s, errors, from cache, ETA."""
        seconds = max(time.monotonic() - self.started, 1e-9)
        rate = summary.articles / seconds
        of_total = f"/{summary.total}" if summary.total else ""
        text = (
            f"{summary.articles}{of_total} articles ({rate:.1f}/s), {summary.errors} errors, "
            f"{summary.cached} from cache"
        )
        if summary.total and rate > 0 and summary.articles < summary.total:
            text += f", ETA {(summary.total - summary.articles) / rate:.0f} s"
        return text

    def __call__(self, summary: RunSummary) -> None:
        """Show the counts so far (a bar refresh, or a log line every `interval` seconds)."""
        if self.bar is not None and self.task is not None:
            seconds = max(time.monotonic() - self.started, 1e-9)
            self.bar.update(
                self.task,
                completed=summary.articles,
                total=summary.total,
                rate=summary.articles / seconds,
                errors=summary.errors,
                cached=summary.cached,
            )
        elif time.monotonic() - self.last_line >= self.interval:
            self.last_line = time.monotonic()
            print(f"extract: {self.line(summary)}", file=self.stream, flush=True)

    def close(self) -> None:
        """Stop the bar."""
        if self.bar is not None:
            self.bar.stop()


def summary_text(summary: RunSummary, out_dir: object) -> str:
    """The end-of-run summary: articles, rows per table, errors, seconds."""
    rows = ", ".join(f"{count} {table}" for table, count in summary.counts.items())
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    return (
        f"{summary.articles} articles ({summary.cached} from cache) in {summary.seconds:.1f} s "
        f"({rate:.1f}/s), {summary.errors} errors → {out_dir}/\n  rows: {rows}"
        + (f"\n  see {out_dir}/errors.csv" if summary.errors else "")
    )
