"""Small article archives for the batch tests, built from the real sentences of the seed article."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.outputs.tables import FACT_TABLES, LINK_TABLES

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "articles" / "seed-baolongan.jsonl"
SHARED_ARTICLES = REPO.parent / "shared" / "corpus" / "articles"
TABLES = ("articles", *FACT_TABLES, *LINK_TABLES)


def seed_record() -> dict:
    """The seed article from Báo Long An."""
    return json.loads(SEED.read_text(encoding="utf-8").splitlines()[0])


def seed_paragraphs() -> list[str]:
    """The seed article's body paragraphs (real sentences, several facts each)."""
    return [p for p in seed_record()["text"].split("\n") if len(p.strip()) > 60]


def seed_articles(count: int, first: int = 0) -> list[dict]:
    """`count` distinct article records, each three paragraphs of the seed article."""
    seed, paragraphs = seed_record(), seed_paragraphs()
    records = []
    for i in range(first, first + count):
        picked = [paragraphs[(i * 3 + k * 7) % len(paragraphs)] for k in range(3)]
        records.append(
            {
                "id": f"seed-{i:04d}",
                "url": None,
                "source": "baolongan",
                "title": seed["title"],
                "published_at": seed["published_at"],
                "lead": seed["lead"] if i % 4 == 0 else None,
                "text": "\n\n".join(picked),
            }
        )
    return records


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Write records one a line, UTF-8."""
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def write_warc(path: Path, pages: list[tuple[str, str]], gzip: bool = True) -> Path:
    """A real WARC file of HTTP 200 HTML responses: (url, html) pairs."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", http_headers=headers, payload=io.BytesIO(html.encode("utf-8"))
            )
            writer.write_record(record)
    return path


def article_page(title: str, paragraphs: list[str]) -> str:
    """A minimal article page, the way a provincial paper marks one up."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><article>'
        f"<h1>{title}</h1>\n{body}</article></body></html>"
    )


def table_bytes(out_dir: Path) -> dict[str, bytes]:
    """Every table's CSV bytes and Parquet content (as canonical CSV-ish text) of a run."""
    found = {}
    for name in TABLES:
        found[f"{name}.csv"] = (out_dir / f"{name}.csv").read_bytes()
        table = pq.read_table(out_dir / f"{name}.parquet")
        found[f"{name}.parquet"] = json.dumps(
            {"schema": str(table.schema), "rows": table.to_pylist()},
            ensure_ascii=False,
            default=str,
        ).encode("utf-8")
    found["errors.csv"] = (out_dir / "errors.csv").read_bytes()
    return found


def manifest(out_dir: Path) -> dict:
    """The run's manifest.json."""
    return json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))


def cached_results(out_dir: Path) -> int:
    """Results a run (perhaps still going) has kept in its cache so far."""
    try:
        with sqlite3.connect(out_dir / ".vnie" / "results.sqlite", timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


def extract_process(*args: str) -> subprocess.Popen:
    """`vnie extract ARGS` started as a process of its own (to be killed, or run beside
    another), its output captured as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
