"""Where log records go: one line each on stderr, at the level `--verbose` / `--quiet` chose.

Modules log through `logging.getLogger(__name__)`. By default vnie's own records show from
INFO up and other libraries' from WARNING up (httpx logs every request at INFO);
`--verbose` adds vnie's DEBUG records, `--quiet` keeps errors only. Python warnings become
records too. Progress bars are not records: they draw on the terminal as before.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

PACKAGE_LOGGER = "pipeline"


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to `sys.stderr` as it is at each record: a progress bar or a test may swap it."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr  # `handle` holds the handler's lock around `emit`
        super().emit(record)


class _LevelPrefix(logging.Formatter):
    """`warning: …` as the commands wrote it before; the module too with --verbose."""

    def __init__(self, with_module: bool):
        super().__init__()
        self.with_module = with_module

    def format(self, record: logging.LogRecord) -> str:
        where = f" [{record.name}]" if self.with_module else ""
        return f"{record.levelname.lower()}{where}: {super().format(record)}"


def configure_logging(verbose: bool = False, quiet: bool = False) -> None:
    """Send records to stderr: vnie's from INFO (DEBUG if `verbose`, ERROR if `quiet`)."""
    if verbose and quiet:
        raise ValueError("--verbose and --quiet: choose one")
    handler = _StderrHandler()
    handler.setFormatter(_LevelPrefix(with_module=verbose))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.ERROR if quiet else logging.WARNING)
    logging.getLogger(PACKAGE_LOGGER).setLevel(
        logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    )
    logging.captureWarnings(True)
