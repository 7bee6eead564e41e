"""The archive folder: WARC files of raw exchanges, articles.jsonl, errors.csv.

Each write is one `write()` of a complete unit (a request + response pair, a JSON line, a CSV
row) followed by a flush, so a process killed at any moment leaves at most a torn last line,
which the next run cuts off. `articles.jsonl` is the record of what was recorded: an id in it
is never written again.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.scrape.fetch import Fetched
from pipeline.text.dates import VN_TZ

ERROR_COLUMNS = ("url", "stage", "reason", "source", "failed_at")
#: Headers that describe the bytes on the wire; the archive keeps the decoded body.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def _repair_tail(path: Path) -> None:
    """Cut a line torn by a killed process (the file then ends with a newline again)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as stream:
        data = stream.read()
        if data.endswith(b"\n"):
            return
        stream.truncate(data.rfind(b"\n") + 1)


def recorded_ids(path: Path) -> set[str]:
    """Ids of the articles already in an articles.jsonl."""
    ids: set[str] = set()
    if path.exists():
        with open(path, encoding="utf-8") as stream:
            for line in stream:
                if line.strip():
                    ids.add(json.loads(line)["id"])
    return ids


class Archive:
    """Writes one crawl's output into a folder; `with Archive(folder) as archive:`."""

    def __init__(self, folder: Path, max_warc_bytes: int = 1_000_000_000):
        self.folder = Path(folder)
        self.max_warc_bytes = max_warc_bytes
        self.folder.mkdir(parents=True, exist_ok=True)
        self.articles_path = self.folder / "articles.jsonl"
        self.errors_path = self.folder / "errors.csv"
        _repair_tail(self.articles_path)
        _repair_tail(self.errors_path)
        self.recorded = recorded_ids(self.articles_path)
        self.articles = open(self.articles_path, "a", encoding="utf-8")  # noqa: SIM115
        new_errors = not self.errors_path.exists() or self.errors_path.stat().st_size == 0
        self.errors = open(self.errors_path, "a", encoding="utf-8", newline="")  # noqa: SIM115
        if new_errors:
            self._write_error_row(ERROR_COLUMNS)
        self.warc_path: Path | None = None
        self.warc: io.BufferedWriter | None = None
        self.warc_count = 0

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and close every file."""
        for stream in (self.articles, self.errors, self.warc):
            if stream is not None and not stream.closed:
                stream.close()

    # --- WARC -------------------------------------------------------------------------------

    def _warc_stream(self) -> io.BufferedWriter:
        if self.warc is None or self.warc.tell() > self.max_warc_bytes:
            if self.warc is not None:
                self.warc.close()
            self.warc_count += 1
            stamp = datetime.now(VN_TZ).strftime("%Y%m%dT%H%M%S")
            name = f"crawl-{stamp}-{os.getpid()}-{self.warc_count:03d}.warc.gz"
            self.warc_path = self.folder / name
            self.warc = open(self.warc_path, "ab")  # noqa: SIM115
            buffer = io.BytesIO()
            writer = WARCWriter(buffer, gzip=True)
            info = {"software": "vnie scrape", "format": "WARC File Format 1.1"}
            writer.write_record(writer.create_warcinfo_record(name, info))
            self.warc.write(buffer.getvalue())
        return self.warc

    def write_exchange(self, fetched: Fetched) -> None:
        """Append the request and response records of one exchange to the current WARC file."""
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        parts = fetched.url.split("/", 3)
        path = "/" + (parts[3] if len(parts) > 3 else "")
        protocol = "HTTP/1.1" if fetched.http_version.upper() in ("", "HTTP/1.1") else "HTTP/1.0"
        request_headers = StatusAndHeaders(
            f"GET {path} {protocol}", list(fetched.request_headers), is_http_request=True
        )
        request = writer.create_warc_record(
            fetched.url, "request", payload=io.BytesIO(b""), http_headers=request_headers
        )
        headers = [(k, v) for k, v in fetched.headers if k.lower() not in _WIRE_HEADERS]
        headers.append(("Content-Length", str(len(fetched.body))))
        response_headers = StatusAndHeaders(
            f"{fetched.status} {fetched.reason}".strip(), headers, protocol=protocol
        )
        response = writer.create_warc_record(
            fetched.url,
            "response",
            payload=io.BytesIO(fetched.body),
            http_headers=response_headers,
        )
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        writer.write_record(request)
        writer.write_record(response)
        stream = self._warc_stream()
        stream.write(buffer.getvalue())
        stream.flush()

    # --- records ----------------------------------------------------------------------------

    def record_article(self, record: dict[str, Any]) -> bool:
        """Append one article record; False (and nothing written) when its id is already in."""
        if record["id"] in self.recorded:
            return False
        self.articles.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.articles.flush()
        self.recorded.add(record["id"])
        return True

    def record_error(self, url: str, stage: str, reason: str, source: str) -> None:
        """Append one row to errors.csv."""
        self._write_error_row((url, stage, reason, source, datetime.now(VN_TZ).isoformat()))

    def _write_error_row(self, row: tuple[str, ...]) -> None:
        line = io.StringIO()
        csv.writer(line).writerow(row)
        self.errors.write(line.getvalue())
        self.errors.flush()
