"""What a run keeps: per-article results in SQLite, its inputs, the article ids it has read.

Results are keyed by the article's content hash and the rules hash; the inputs are written at
the start of a run so that `vnie extract --resume --out DIR` can finish it after a kill.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.ingest.archives import JSONL_SUFFIXES
from pipeline.ingest.lines import open_lines_file

Result = dict[str, Any]


class ResultCache:
    """Results per article key (content hash + rules hash) in SQLite, written by the driver."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        # no disk sync at each batch's commit (a third of a second per hundred batches): in WAL
        # mode a commit stays atomic; a power cut may lose the last batches, computed again
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result TEXT)")

    def get(self, key: str) -> Result | None:
        """The cached result of one key, or None (also for a row that is not a result)."""
        row = self.db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        try:
            result = json.loads(row[0]) if row else None
        except (TypeError, ValueError):
            return None
        return result if isinstance(result, dict) else None

    def put_many(self, items: Iterable[tuple[str, Result]]) -> None:
        """Store results in one transaction (a kill leaves all of them or none); a result that
        cannot be stored is left out, to be computed again next time."""
        rows = []
        for key, result in items:
            try:
                text = json.dumps(result, ensure_ascii=False)
                text.encode("utf-8")  # SQLite stores UTF-8: a lone surrogate fails here
            except (TypeError, ValueError):  # UnicodeEncodeError included
                continue
            rows.append((key, text))
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def article_key(record: dict[str, Any], rules_hash: str) -> str:
    """What decides whether an article must be processed again."""
    content = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(content).hexdigest()[:32] + ":" + rules_hash


def run_state_path(out_dir: Path) -> Path:
    """Where a run records its inputs, for `--resume`."""
    return out_dir / ".vnie" / "run.json"


def read_run_state(out_dir: Path) -> dict[str, Any]:
    """The inputs and rules folder of the last run started in `out_dir`; ValueError if none."""
    path = run_state_path(out_dir)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no run to resume (start one with inputs first)") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: unreadable run state: {exc}") from None
    if not isinstance(state, dict) or not isinstance(state.get("inputs"), list):
        raise ValueError(f"{path}: run state has no list of inputs")
    return state


class SeenIds:
    """The article ids a run has read, with where each was first read.

    Kept in a private temporary SQLite database on disk, so that memory stays flat over an
    archive of millions of articles.
    """

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a temporary database, deleted when closed
        self.db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, origin TEXT) WITHOUT ROWID")

    def first_origin(self, article_id: str, origin: str) -> str | None:
        """None the first time `article_id` is seen (it is recorded), else where it was."""
        inserted = self.db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (article_id, origin))
        if inserted.rowcount:
            return None
        row = self.db.execute("SELECT origin FROM seen WHERE id = ?", (article_id,)).fetchone()
        return row[0]

    def close(self) -> None:
        """Drop the ids."""
        self.db.close()


def estimate_total(inputs: list[str], max_bytes: int = 2 << 30) -> int | None:
    """Articles to expect when every input is JSONL, else None: its lines, counted after
    decompression for .jsonl.gz; None too past `max_bytes` of (decompressed) text."""
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    if not files or not all(f.name.endswith(JSONL_SUFFIXES) and f.is_file() for f in files):
        return None
    if sum(f.stat().st_size for f in files) > max_bytes:
        return None
    total, budget = 0, max_bytes
    for file in files:
        last = b"\n"
        with open_lines_file(file) as stream:
            try:
                while chunk := stream.read(1 << 20):
                    budget -= len(chunk)
                    if budget < 0:
                        return None
                    total += chunk.count(b"\n")
                    last = chunk[-1:]
            except (EOFError, zlib.error, OSError):
                pass  # the reader reports the damage; the lines before it count
        total += last != b"\n"
    return total
