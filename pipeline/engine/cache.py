"""A small on-disk cache for what is slow to build and keyed by what it is built from.

Values are pickled to `<cache dir>/<name>-<key>.pickle` (the cache dir is `$VNIE_CACHE_DIR`,
else `$XDG_CACHE_HOME/vnie`, else `~/.cache/vnie`), written atomically so that workers
starting together never read half a file. A cache that cannot be read or written is only
slower: the value is built again.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
logger = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where vnie keeps its cache."""
    explicit = os.environ.get("VNIE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vnie"


def _path(name: str, key: str) -> Path:
    return cache_dir() / f"{name}-{key}.pickle"


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """`build()`, or the value it gave before for the same `name` and `key`."""
    path = _path(name, key)
    try:
        with path.open("rb") as file:
            value: T = pickle.load(file)
        return value
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign file: build again
        logger.debug("cache %s unreadable (%s): building again", path, exc)
    value = build()
    store(name, key, value)
    return value


def store(name: str, key: str, value: object) -> None:
    """Keep `value` under `name` and `key` (atomically; silently skipped where not writable)."""
    path = _path(name, key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, path)
    except OSError as exc:
        logger.debug("cache %s not written: %s", path, exc)


def has(name: str, key: str) -> bool:
    """Whether a value is kept under `name` and `key`."""
    return _path(name, key).exists()
