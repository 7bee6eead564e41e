"""What a run keeps between attempts: per-article results in SQLite, and its inputs.

Results are keyed by the article's content hash and the rules hash; the inputs are written at
the start of a run so that `vnie extract --resume --out DIR` can finish it after a kill.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.ingest.archives import JSONL_SUFFIXES

Result = dict[str, Any]


class ResultCache:
    """Results per article key (content hash + rules hash) in SQLite, written by the driver."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result TEXT)")

    def get(self, key: str) -> Result | None:
        """The cached result of one key, or None."""
        row = self.db.execute("SELECT result FROM results WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_many(self, items: Iterable[tuple[str, Result]]) -> None:
        """Store results in one transaction (a kill leaves all of them or none)."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?)",
                ((k, json.dumps(v, ensure_ascii=False)) for k, v in items),
            )

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


def estimate_total(inputs: list[str], max_bytes: int = 2 << 30) -> int | None:
    """Articles to expect when every input is plain JSONL (a line count), else None."""
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    if not files or not all(f.name.endswith(JSONL_SUFFIXES) and f.is_file() for f in files):
        return None
    if sum(f.stat().st_size for f in files) > max_bytes:
        return None
    total = 0
    for file in files:
        with open(file, "rb") as stream:
            while chunk := stream.read(1 << 20):
                total += chunk.count(b"\n")
            if stream.tell() and not _ends_with_newline(stream):
                total += 1
    return total


def _ends_with_newline(stream: Any) -> bool:
    stream.seek(-1, os.SEEK_END)
    return stream.read(1) == b"\n"
