"""What a run sends to its workers: the articles read, each checked, keyed and seen once.

Every input item becomes a `WorkItem`: a record and its cache key, or the error that says why
the article will not be processed (a reader's error, an empty or over-long text, an id read
before, a record that cannot be keyed). The order is the input order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypedDict

from pipeline.batch.run_state import SeenIds, article_key
from pipeline.ingest.archives import read_archives
from pipeline.records import TEXT_FIELDS, Article, ArticleError


class WorkRecord(TypedDict):
    """What a worker is sent for one article: plain data, so that it pickles and hashes."""

    article: dict[str, Any]  # `Article.to_record()`
    origin: str  # where it was read: file and line or offset
    timeout: float  # seconds this article may take


@dataclass(frozen=True)
class WorkItem:
    """One article to process (`record`, `key`), or why it will not be (`error`)."""

    key: str = ""
    record: WorkRecord | None = None
    error: ArticleError | None = None


def _article_chars(article: Article) -> int:
    return sum(len(article.field_text(name)) for name in TEXT_FIELDS)


def _refused(article: Article, stage: str, reason: str) -> WorkItem:
    message = f"{article.origin}: {reason}"
    return WorkItem(error=ArticleError(article.id, article.origin, stage, message))


def work_items(
    inputs: list[str], rules_hash: str, max_chars: int, timeout: float
) -> Iterator[WorkItem]:
    """The run's articles in input order, each a record to process or an error to report."""
    seen = SeenIds()
    try:
        for item in read_archives(inputs):
            if isinstance(item, ArticleError):
                yield WorkItem(error=item)
            else:
                yield _work_item(item, seen, rules_hash, max_chars, timeout)
    finally:
        seen.close()


def _work_item(
    article: Article, seen: SeenIds, rules_hash: str, max_chars: int, timeout: float
) -> WorkItem:
    first = seen.first_origin(article.id, article.origin)
    if first is not None:
        return _refused(
            article,
            "read",
            f"article id {article.id!r} was already read at {first}; this record is not written",
        )
    if not article.text.strip():
        return _refused(article, "read", "the article's text is empty")
    if (chars := _article_chars(article)) > max_chars:
        return _refused(
            article,
            "read",
            f"article too long ({chars:,} characters, the limit is {max_chars:,}); split it "
            "into several records",
        )
    record = WorkRecord(article=article.to_record(), origin=article.origin, timeout=timeout)
    try:
        return WorkItem(key=article_key(record["article"], rules_hash), record=record)
    except Exception as exc:  # a value json cannot write: this article's error, not the run's
        return _refused(article, "key", f"cannot key the record: {type(exc).__name__}: {exc}")
