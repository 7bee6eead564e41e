"""The crawl state in SQLite: every URL seen, its kind, status, attempts, error and validators.

A run is open from `begin_run` to `finish_run`. A process killed mid-run leaves it open, and
the next `begin_run` resumes it: pending URLs stay pending, done ones are not fetched again.
Once a run has finished, the next one re-checks the discovery pages (feeds, sitemaps,
listings) with conditional requests and retries URLs whose failure was transient.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipeline.text.dates import VN_TZ

KINDS = ("feed", "sitemap", "listing", "article")
SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',  -- pending | done | failed | skipped
    depth INTEGER NOT NULL DEFAULT 0,        -- listing pages followed from the first one
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    transient INTEGER NOT NULL DEFAULT 0,    -- 1: worth retrying on the next run
    http_status INTEGER,
    etag TEXT,
    last_modified TEXT,
    lastmod TEXT,                            -- as announced by a sitemap or feed
    article_id TEXT,
    discovered_at TEXT NOT NULL,
    fetched_at TEXT
);
CREATE INDEX IF NOT EXISTS urls_by_status ON urls (status, source);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    sources TEXT NOT NULL
);
"""


def now_vn() -> str:
    """The current time, ISO 8601 at +07:00, to the second."""
    return datetime.now(VN_TZ).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Page:
    """A URL to visit, with what the state knows of it."""

    url: str
    source: str
    kind: str
    depth: int
    attempts: int
    etag: str | None
    last_modified: str | None


class CrawlState:
    """The SQLite crawl state of one archive folder (`crawl.sqlite`)."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process
        self.db.executescript(SCHEMA)
        self.run_id: int | None = None
        self.resumed = False

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def begin_run(self, source_keys: Iterable[str]) -> bool:
        """Resume the open run or start a new one; True when resuming a killed run."""
        keys = sorted(source_keys)
        row = self.db.execute(
            "SELECT id FROM runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is not None:
            self.run_id, self.resumed = row[0], True
            return True
        marks = ",".join("?" * len(keys))
        with self.db:
            self.db.execute("BEGIN")
            cursor = self.db.execute(
                "INSERT INTO runs (started_at, sources) VALUES (?, ?)", (now_vn(), ",".join(keys))
            )
            self.run_id = cursor.lastrowid
            # discovery pages are re-checked (conditionally); transient failures retried
            self.db.execute(
                f"UPDATE urls SET status = 'pending' WHERE source IN ({marks}) AND "
                f"kind != 'article' AND status IN ('done', 'failed')",
                keys,
            )
            self.db.execute(
                f"UPDATE urls SET status = 'pending', attempts = 0 WHERE source IN ({marks}) "
                f"AND status = 'failed' AND transient = 1",
                keys,
            )
        self.resumed = False
        return False

    def finish_run(self) -> None:
        """Mark the run finished: the next one starts afresh instead of resuming."""
        self.db.execute("UPDATE runs SET finished_at = ? WHERE id = ?", (now_vn(), self.run_id))

    def add(
        self,
        url: str,
        source: str,
        kind: str,
        depth: int = 0,
        lastmod: str | None = None,
    ) -> bool:
        """Add a discovered URL (pending) unless known; a changed article is queued again."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO urls (url, source, kind, depth, lastmod, discovered_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (url, source, kind, depth, lastmod, now_vn()),
        )
        if cursor.rowcount:
            return True
        if kind == "article" and lastmod:
            # announced as changed since we fetched it: revisit with a conditional request
            self.db.execute(
                "UPDATE urls SET status = 'pending', lastmod = ? WHERE url = ? "
                "AND status = 'done' AND (lastmod IS NULL OR lastmod < ?)",
                (lastmod, url, lastmod),
            )
            # not fetched yet (found first in a feed or a listing, which give no date): keep the
            # sitemap's date, or the next run takes the same date for a change and fetches again
            self.db.execute(
                "UPDATE urls SET lastmod = ? WHERE url = ? AND status != 'done' "
                "AND (lastmod IS NULL OR lastmod < ?)",
                (lastmod, url, lastmod),
            )
        return False

    def transaction(self) -> sqlite3.Connection:
        """`with state.transaction():` groups writes into one commit."""
        self.db.execute("BEGIN")
        return self.db

    def claim(self, sources: Iterable[str], limit: int, exclude: Iterable[str]) -> list[Page]:
        """Up to `limit` pending pages, discovery pages before articles, oldest first."""
        keys = list(sources)
        busy = set(exclude)
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            "SELECT url, source, kind, depth, attempts, etag, last_modified FROM urls "
            f"WHERE status = 'pending' AND source IN ({marks}) "
            "ORDER BY kind = 'article', rowid LIMIT ?",
            [*keys, limit + len(busy)],
        ).fetchall()
        return [Page(*row) for row in rows if row[0] not in busy][:limit]

    def done(
        self,
        url: str,
        http_status: int,
        etag: str | None = None,
        last_modified: str | None = None,
        article_id: str | None = None,
        attempts: int = 1,
    ) -> None:
        """The page was fetched (or was unchanged, 304) and handled."""
        self.db.execute(
            "UPDATE urls SET status = 'done', http_status = ?, etag = COALESCE(?, etag), "
            "last_modified = COALESCE(?, last_modified), article_id = COALESCE(?, article_id), "
            "attempts = attempts + ?, last_error = NULL, transient = 0, fetched_at = ? "
            "WHERE url = ?",
            (http_status, etag, last_modified, article_id, attempts, now_vn(), url),
        )

    def failed(self, url: str, reason: str, transient: bool, attempts: int = 1) -> None:
        """The page failed; transient failures are retried on the next run."""
        self.db.execute(
            "UPDATE urls SET status = 'failed', last_error = ?, transient = ?, "
            "attempts = attempts + ?, fetched_at = ? WHERE url = ?",
            (reason, int(transient), attempts, now_vn(), url),
        )

    def skipped(self, url: str, reason: str) -> None:
        """The page is not to be fetched (robots.txt, --since)."""
        self.db.execute(
            "UPDATE urls SET status = 'skipped', last_error = ? WHERE url = ?", (reason, url)
        )

    def mark_recorded(self, article_ids: set[str], id_of: dict[str, str]) -> int:
        """Pending articles already in articles.jsonl (killed before the state knew) → done."""
        fixed = 0
        for url, article_id in id_of.items():
            if article_id in article_ids:
                fixed += self.db.execute(
                    "UPDATE urls SET status = 'done', article_id = ? "
                    "WHERE url = ? AND status = 'pending' AND etag IS NULL",
                    (article_id, url),
                ).rowcount
        return fixed

    def pending_articles(self, sources: Iterable[str]) -> list[str]:
        """URLs of pending article pages of these sources."""
        keys = list(sources)
        marks = ",".join("?" * len(keys))
        return [
            row[0]
            for row in self.db.execute(
                f"SELECT url FROM urls WHERE status = 'pending' AND kind = 'article' "
                f"AND source IN ({marks})",
                keys,
            )
        ]

    def counts(self) -> dict[str, int]:
        """How many URLs are in each status."""
        return dict(self.db.execute("SELECT status, COUNT(*) FROM urls GROUP BY status").fetchall())
