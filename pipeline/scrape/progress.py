"""What a crawl is doing: a live line on a terminal (rich), plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.console import Console
from rich.live import Live
from rich.text import Text


class CrawlProgress:
    """Counts pages, articles and errors; shows pages/s and the queue as the crawl goes."""

    def __init__(
        self, stream: TextIO | None = None, interval: float = 5.0, live: bool | None = None
    ):
        self.stream = stream or sys.stderr
        self.interval = interval
        self.started = time.monotonic()
        self.last_line = self.started
        self.pages = self.articles = self.errors = self.unchanged = self.queue = 0
        use_live = self.stream.isatty() if live is None else live
        self.live = (
            Live(console=Console(file=self.stream), refresh_per_second=4) if use_live else None
        )
        if self.live is not None:
            self.live.start()

    def line(self) -> str:
        """One line: pages, pages/s, articles, unchanged (304), errors, queue."""
        seconds = max(time.monotonic() - self.started, 1e-9)
        return (
            f"{self.pages} pages ({self.pages / seconds:.1f}/s), {self.articles} articles, "
            f"{self.unchanged} unchanged, {self.errors} errors, {self.queue} queued"
        )

    def update(self, **counts: int) -> None:
        """Add to the counters (`pages=1`, `errors=1`…) or set `queue=`; refresh the display."""
        for name, value in counts.items():
            if name == "queue":
                self.queue = value
            else:
                setattr(self, name, getattr(self, name) + value)
        if self.live is not None:
            self.live.update(Text(self.line()))
        elif time.monotonic() - self.last_line >= self.interval:
            self.last_line = time.monotonic()
            print(f"scrape: {self.line()}", file=self.stream, flush=True)

    def message(self, text: str) -> None:
        """A line of its own (an error, a note), above the live display on a terminal."""
        if self.live is not None:
            self.live.console.print(text, markup=False, highlight=False)
        else:
            print(f"scrape: {text}", file=self.stream, flush=True)

    def close(self) -> None:
        """Stop the live display and print the final counts."""
        if self.live is not None:
            self.live.update(Text(self.line()))
            self.live.stop()
        else:
            print(f"scrape: done: {self.line()}", file=self.stream, flush=True)
