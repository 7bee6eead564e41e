"""Archive readers: JSONL records, WARC files, folders of .html and .txt, one streaming interface.

Every reader is a generator of `Article` or `ArticleError`: a bad line, file or record is
reported with its path (and line or offset) and reading goes on with the next one.
"""

from __future__ import annotations

import functools
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.ingest.lines import (
    MAX_LINE_BYTES,
    Line,
    LineStream,
    StreamDamaged,
    detect_bom,
    open_lines_file,
)
from pipeline.locations import DEFAULT_SOURCES_FILE
from pipeline.records import Article, ArticleError, article_id_for_url

if TYPE_CHECKING:  # read only when a WARC file is (see _sources)
    from pipeline.sources.catalog import Source

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


#: A page or text file larger than this is reported, not read (a crawl caps pages at 20 MB
#: decompressed too; an article is at most a million characters).
MAX_PAGE_BYTES = 20_000_000
#: A NUL in the first bytes of a JSONL file (after any byte-order mark) makes it binary data.
_BINARY_PROBE_BYTES = 8192
#: A JSON escape of a UTF-16 surrogate (`\\ud83d`): the only way JSON text holds a lone one.
_LONE_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _error(origin: str, stage: str, message: str, article_id: str = "") -> ArticleError:
    return ArticleError(
        article_id=article_id, origin=origin, stage=stage, message=f"{origin}: {message}"
    )


def replace_lone_surrogates(value: Any) -> Any:
    """`value` with every unpaired surrogate in its strings (keys too) replaced by U+FFFD.

    JSON can escape half of a surrogate pair (`"\\ud83d"`, what JavaScript writes for an emoji
    cut in two); such a string cannot be written as UTF-8. One character for one keeps every
    offset into the field as it was read.
    """
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [replace_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {replace_lone_surrogates(k): replace_lone_surrogates(v) for k, v in value.items()}
    return value


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
    except Exception as exc:  # a reader's own bug must not end the batch either
        yield _error(str(path), "read", f"cannot read on: {type(exc).__name__}: {exc}")


def _json_error(exc: json.JSONDecodeError) -> str:
    # "Unterminated string starting at" already ends with "at"
    joiner = " column" if exc.msg.endswith(" at") else " at column"
    return f"not JSON: {exc.msg}{joiner} {exc.colno}"


def _readable_id(record: object) -> str:
    """The record's id for an error row, when it has a usable one."""
    if isinstance(record, dict):
        value = record.get("id")
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return str(value)
        if isinstance(record.get("url"), str) and record["url"]:
            return article_id_for_url(record["url"])
    return ""


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article record a line; blank lines are skipped, bad lines reported with their number.

    Lines are streamed with bounded memory (`pipeline.ingest.lines`); a compressed file that is
    cut short or corrupt ends with an error at the line it was in, after every record before it.
    """
    with open_lines_file(path) as stream:
        lines = LineStream(stream.read1)
        try:
            if b"\x00" in lines.head()[:_BINARY_PROBE_BYTES]:
                yield _error(f"{path}:1", "read", "binary data, not JSON lines: file skipped")
                return
            for line in lines:
                if line.data is not None and b"\x00" in line.data:
                    # JSON text never holds a NUL: one error, not one a line
                    yield _error(
                        f"{path}:{line.number}",
                        "read",
                        "binary data, not JSON lines: the rest of the file is skipped",
                    )
                    return
                yield _jsonl_item(path, line)
        except StreamDamaged as exc:
            yield _error(
                f"{path}:{exc.line}",
                "read",
                f"the file cannot be read on from line {exc.line} ({exc}); "
                "the records before it are kept",
            )


def _jsonl_item(path: Path, line: Line) -> Item:
    """The article of one line, or the error that says why there is none."""
    origin = f"{path}:{line.number}"
    if line.data is None:
        return _error(
            origin, "read", f"line longer than {MAX_LINE_BYTES >> 20} MiB: skipped, not read"
        )
    try:
        text = line.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _error(origin, "read", f"not UTF-8 (byte {exc.start} of the line)")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return _error(origin, "read", _json_error(exc))
    except RecursionError:
        return _error(origin, "read", "not JSON: nested too deeply")
    if _LONE_SURROGATE_ESCAPE.search(line.data):
        record = replace_lone_surrogates(record)
    try:
        return Article.from_record(record, origin=origin)
    except Exception as exc:  # ValueError names the problem; anything else is still this line's
        message = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
        return _error(origin, "read", message, _readable_id(record))


def _read_page(path: Path) -> bytes:
    """The bytes of a .txt or .html file; ValueError past `MAX_PAGE_BYTES`."""
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise ValueError(f"file of {size:,} bytes, over the limit of {MAX_PAGE_BYTES:,}")
    return path.read_bytes()


def _decode_text(path: Path) -> str:
    """UTF-8, or the UTF-16 / UTF-32 its byte-order mark names."""
    data = _read_page(path)
    encoding, skip = detect_bom(data[:4])
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding == "utf-8" else encoding.upper()
        raise ValueError(f"not {name} (byte {exc.start + skip})") from None


def read_txt(path: Path) -> Iterator[Item]:
    """A plain-text article: the whole file is the body, its name the id."""
    try:
        text = _decode_text(path)
    except ValueError as exc:
        yield _error(str(path), "read", str(exc), path.stem)
        return
    yield Article(id=path.stem, text=text, origin=str(path))


def read_html_file(path: Path) -> Iterator[Item]:
    """A saved article page, extracted like a crawled one (charset from the page itself)."""
    from pipeline.sources.article_html import article_from_html

    try:
        page = _read_page(path)
    except ValueError as exc:
        yield _error(str(path), "read", str(exc), path.stem)
        return
    try:
        record = article_from_html(page, url=None)
    except ValueError as exc:
        yield _error(str(path), "parse", str(exc), path.stem)
        return
    record.setdefault("id", None)
    record["id"] = record["id"] or path.stem
    yield Article.from_record(record, origin=str(path))


@functools.cache
def _sources(path: Path) -> tuple[Source, ...]:
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

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                http = record.http_headers
                content_type = (http.get_header("Content-Type") if http else "") or ""
                status = http.get_statuscode() if http else "200"
                if status != "200" or "html" not in content_type.lower():
                    continue
                # the body before the offset, which reads to the end; at most one byte over the cap
                body = record.content_stream().read(MAX_PAGE_BYTES + 1)
                missing = getattr(record.raw_stream, "limit", 0)
                origin = f"{path}@{records.get_record_offset()} {url}"
                article_id = article_id_for_url(url) if url else ""
                if len(body) > MAX_PAGE_BYTES:
                    message = f"page over {MAX_PAGE_BYTES:,} bytes once decoded: not read"
                    yield _error(origin, "read", message, article_id)
                    continue
                if missing:
                    yield _error(
                        origin,
                        "read",
                        f"WARC record is truncated ({missing} bytes missing)",
                        article_id,
                    )
                    continue
                source = next((s for s in sources if s.owns(url)), None)
                if source is not None and not source.is_article(url):
                    continue  # a listing page or a feed, crawled to find articles
                try:
                    yield _warc_article(record, body, url, content_type, source, origin)
                except Exception as exc:  # one page's trouble is that page's error
                    message = str(exc) if isinstance(exc, ValueError) else repr(exc)
                    yield _error(origin, "parse", message, article_id)
            # A gzip member cut short ends the iteration quietly: what was not read is lost.
            size = path.stat().st_size
            if records.offset < size:
                yield _error(
                    f"{path}@{records.offset}",
                    "read",
                    f"WARC file is truncated: the record at byte {records.offset} is incomplete "
                    f"({size - records.offset} bytes could not be read)",
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as exc:
            yield _error(
                str(path),
                "read",
                f"WARC file is damaged or truncated (at byte {records.offset}): {exc}",
            )


def _warc_article(
    record: Any, body: bytes, url: str, content_type: str, source: Any, origin: str
) -> Article:
    """The article of one WARC response, read with its paper's selectors when it has one."""
    from pipeline.sources.article_html import article_from_html

    if not url:
        raise ValueError("WARC response without a WARC-Target-URI")
    selectors = dict(source.selectors) if source is not None else None
    article = {
        "id": article_id_for_url(url),
        **article_from_html(body, url, content_type, selectors),
        "url": url,
        "source": source.key if source is not None else None,
        "fetched_at": record.rec_headers.get_header("WARC-Date"),
    }
    return Article.from_record(article, origin=origin)
