"""The output folder as a transaction: one writer at a time, and a new run appears all at once.

A run writes every file of its result into a private generation folder,
`OUT/.vnie/generations/<run>/`. When the run is complete, one atomic rename points
`OUT/.vnie/current` at it; the files in `OUT` (`articles.csv`, `manifest.json`, …) are symbolic
links through `.vnie/current`, so they all switch from one run to the next together and a
reader never sees the tables of two runs side by side. A run that is killed leaves its
generation unpublished (the next run removes it) and the previous tables untouched.

A lock (`OUT/.vnie/lock`, `fcntl.flock`) refuses a second run on the same folder while one is
writing; the kernel releases it when its holder dies, however it dies.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: runs are not locked against each other
    fcntl = None  # type: ignore[assignment]

STATE_DIR = ".vnie"
GENERATIONS = "generations"
CURRENT = "current"


class OutputError(Exception):
    """An output folder that cannot be written; the message says why and what to do."""


class OutputBusy(OutputError):
    """Another run holds the output folder's lock."""


def prepare_output(out_dir: Path) -> Path:
    """Create `out_dir` and its state folder; OutputError when it cannot be a writable folder."""
    state = out_dir / STATE_DIR
    try:
        state.mkdir(parents=True, exist_ok=True)
        probe = state / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"--out {out_dir}: not a folder (a file is in the way)") from None
    except PermissionError:
        raise OutputError(f"--out {out_dir}: not writable (permission denied)") from None
    except OSError as exc:
        raise OutputError(f"--out {out_dir}: cannot write there: {exc.strerror or exc}") from None
    return state


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold `out_dir`'s lock for the block; OutputBusy at once when another run holds it."""
    state = prepare_output(out_dir)
    if fcntl is None:
        yield
        return
    path = state / "lock"
    with open(path, "a+", encoding="utf-8") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.seek(0)
            holder = lock_file.read().strip() or "another process"
            raise OutputBusy(
                f"--out {out_dir}: another vnie run is writing there ({holder}); wait for it "
                "to finish, or write to another folder"
            ) from None
        lock_file.seek(0)
        lock_file.truncate()
        started = datetime.now(UTC).isoformat(timespec="seconds")
        lock_file.write(f"pid {os.getpid()}, started {started}\n")
        lock_file.flush()
        try:
            yield
        finally:
            lock_file.seek(0)
            lock_file.truncate()
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def new_generation(out_dir: Path) -> Path:
    """A fresh private folder for this run's files; unpublished ones of killed runs are removed.

    Call it holding the lock.
    """
    root = out_dir / STATE_DIR / GENERATIONS
    root.mkdir(parents=True, exist_ok=True)
    current = current_generation(out_dir)
    for old in root.iterdir():
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    generation = root / f"{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    generation.mkdir()
    return generation


def current_generation(out_dir: Path) -> Path | None:
    """The folder of the published run, or None when the folder holds none (or an old layout)."""
    link = out_dir / STATE_DIR / CURRENT
    if not link.is_symlink():
        return None
    target = (link.parent / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def files_dir(out_dir: Path) -> Path:
    """Where the published files of `out_dir` really are (`out_dir` itself in an old layout)."""
    return current_generation(out_dir) or out_dir


def publish(out_dir: Path, generation: Path) -> None:
    """Make `generation` the published run of `out_dir`: one rename switches every file."""
    state = out_dir / STATE_DIR
    names = sorted(p.name for p in generation.iterdir())
    for name in names:  # links through `current`: they show the old run until the switch
        _replace_with_link(out_dir / name, Path(STATE_DIR) / CURRENT / name)
    _replace_with_link(state / CURRENT, Path(GENERATIONS) / generation.name)
    for entry in out_dir.iterdir():  # links to what the new run does not have
        if entry.is_symlink() and entry.name not in names and _is_ours(entry):
            entry.unlink()
    for old in (state / GENERATIONS).iterdir():
        if old.resolve() != generation.resolve():
            shutil.rmtree(old, ignore_errors=True)


def publish_file(out_dir: Path, name: str) -> None:
    """Link `out_dir/name` to the published run's file of that name (written after the run)."""
    if current_generation(out_dir) is not None:
        _replace_with_link(out_dir / name, Path(STATE_DIR) / CURRENT / name)


def _is_ours(link: Path) -> bool:
    return Path(os.readlink(link)).parts[:2] == (STATE_DIR, CURRENT)


def _replace_with_link(path: Path, target: Path) -> None:
    """`path` becomes a symbolic link to `target`, atomically (a file there is replaced)."""
    if path.is_symlink() and Path(os.readlink(path)) == target:
        return
    tmp = path.with_name(f".{path.name}.link-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)
