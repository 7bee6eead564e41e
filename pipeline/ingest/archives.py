"""Archive readers: JSONL records, WARC files, folders of .html and .txt, one streaming interface.

Every reader is a generator of `Article` or `ArticleError`: a bad line, file or record is
reported with its path (and line or offset) and reading goes on with the next one.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.locations import DEFAULT_SOURCES_FILE
from pipeline.records import Article, ArticleError, article_id_for_url

Item = Article | ArticleError

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (
        ("jsonl", JSONL_SUFFIXES),
        ("warc", WARC_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("txt", TEXT_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def _error(origin: str, stage: str, message: str) -> ArticleError:
    return ArticleError(article_id="", origin=origin, stage=stage, message=f"{origin}: {message}")


def read_archives(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Stream articles from every input path, in the order given (folders: sorted by name)."""
    for raw_path in paths:
        path = Path(raw_path)
        if not path.exists():
            yield _error(str(path), "read", "no such file or folder")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p))
            if not files:
                yield _error(str(path), "read", "folder holds no .jsonl, .warc, .html or .txt")
            for file in files:
                yield from read_file(file)
        else:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[Item]:
    """Stream the articles of one file, chosen by its suffix."""
    kind = _kind(path)
    readers = {"jsonl": read_jsonl, "warc": read_warc, "html": read_html_file, "txt": read_txt}
    if kind is None:
        yield _error(
            str(path), "read", "unknown file type (expected .jsonl, .warc.gz, .html, .txt)"
        )
        return
    try:
        yield from readers[kind](path)
    except OSError as exc:
        yield _error(str(path), "read", f"cannot read: {exc}")


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article record a line; blank lines are skipped, bad lines reported with their number."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as stream:
        for line_no, raw_line in enumerate(stream, start=1):
            origin = f"{path}:{line_no}"
            if not raw_line.strip():
                continue
            if b"\x00" in raw_line:  # JSON text never holds a NUL: one error, not one a line
                yield _error(
                    origin, "read", "binary data, not JSON lines: the rest of the file is skipped"
                )
                return
            try:
                line = raw_line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield _error(origin, "read", f"not UTF-8 (byte {exc.start} of the line)")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _error(origin, "read", f"not JSON: {exc.msg} at column {exc.colno}")
                continue
            try:
                yield Article.from_record(record, origin=origin)
            except ValueError as exc:
                yield _error(origin, "read", str(exc))


def _decode_utf8(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte {exc.start})") from None


def read_txt(path: Path) -> Iterator[Item]:
    """A plain-text article: the whole file is the body, its name the id."""
    try:
        text = _decode_utf8(path)
    except ValueError as exc:
        yield _error(str(path), "read", str(exc))
        return
    yield Article(id=path.stem, text=text, origin=str(path))


def read_html_file(path: Path) -> Iterator[Item]:
    """A saved article page, extracted like a crawled one (charset from the page itself)."""
    from pipeline.sources.article_html import article_from_html

    try:
        record = article_from_html(path.read_bytes(), url=None)
    except ValueError as exc:
        yield _error(str(path), "parse", str(exc))
        return
    record.setdefault("id", None)
    record["id"] = record["id"] or path.stem
    yield Article.from_record(record, origin=str(path))


@functools.cache
def _sources(path: Path) -> tuple:
    """The papers of a sources file, to read their pages as the crawler did."""
    from pipeline.sources.catalog import load_sources

    return load_sources(path).sources if path.exists() else ()


def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC file become articles; a truncated file ends with an error.

    A page of a configured paper is read with that paper's selectors, and only when its URL
    is an article's (listing pages are skipped); pages of other sites are read generically.
    The papers are those of the `sources.yml` the crawler left beside the WARC file, else of
    the default sources file (rules/sources.yml, shipped with the package).
    """
    beside = path.parent / "sources.yml"
    sources = _sources(beside if beside.exists() else DEFAULT_SOURCES_FILE)
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from pipeline.sources.article_html import article_from_html

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                http = record.http_headers
                content_type = (http.get_header("Content-Type") if http else "") or ""
                status = http.get_statuscode() if http else "200"
                if status != "200" or "html" not in content_type.lower():
                    continue
                body = record.content_stream().read()  # before the offset, which reads to the end
                missing = getattr(record.raw_stream, "limit", 0)
                origin = f"{path}@{records.get_record_offset()} {url}"
                if missing:
                    yield _error(
                        origin, "read", f"WARC record is truncated ({missing} bytes missing)"
                    )
                    continue
                source = next((s for s in sources if s.owns(url)), None)
                if source is not None and not source.is_article(url):
                    continue  # a listing page or a feed, crawled to find articles
                selectors = dict(source.selectors) if source is not None else None
                try:
                    article = article_from_html(body, url, content_type, selectors)
                except ValueError as exc:
                    yield _error(origin, "parse", str(exc))
                    continue
                article = {
                    "id": article_id_for_url(url),
                    **article,
                    "url": url,
                    "source": source.key if source is not None else None,
                    "fetched_at": record.rec_headers.get_header("WARC-Date"),
                }
                yield Article.from_record(article, origin=origin)
            # A gzip member cut short ends the iteration quietly: what was not read is lost.
            size = path.stat().st_size
            if records.offset < size:
                yield _error(
                    f"{path}@{records.offset}",
                    "read",
                    f"WARC file is truncated: the record at byte {records.offset} is incomplete "
                    f"({size - records.offset} bytes could not be read)",
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield _error(str(path), "read", f"WARC file is damaged or truncated: {exc}")
