"""The records that flow between stages: articles in, mentions out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

#: The fact tables, in the order the outputs list them (and the rule files are read).
FACT_TABLES = ("organizations", "officials", "documents", "models", "money")

#: The fields of an article record that mentions can point into, in reading order.
TEXT_FIELDS = ("title", "lead", "text", "caption")

#: Captions are a list in the record; mentions point into them joined by this separator,
#: the same blank line that separates paragraphs of `text`.
CAPTION_JOINER = "\n\n"

KNOWN_KEYS = (
    "id",
    "url",
    "source",
    "title",
    "published_at",
    "author",
    "section",
    "lead",
    "text",
    "captions",
    "fetched_at",
)


def article_id_for_url(canonical_url: str) -> str:
    """Stable article id: a short hash of the canonical URL."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One article record (the design's JSONL contract); unknown keys are kept in `extra`."""

    id: str
    text: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published_at: str | None = None
    author: str | None = None
    section: str | None = None
    lead: str | None = None
    captions: tuple[str, ...] = ()
    fetched_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    #: where the record was read from, e.g. "corpus/a.jsonl:12" (for error messages)
    origin: str = field(default="", compare=False)

    def field_text(self, name: str) -> str:
        """The text of a mention field (`title`, `lead`, `text`, `caption`), '' when absent."""
        if name == "caption":
            return CAPTION_JOINER.join(self.captions)
        return getattr(self, name) or ""

    def to_record(self) -> dict[str, Any]:
        """The JSONL form: known keys first, then the unknown ones as they came."""
        record = {key: getattr(self, key) for key in KNOWN_KEYS}
        record["captions"] = list(self.captions)
        record.update(self.extra)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any], origin: str = "") -> Article:
        """Build from a JSONL object; raises ValueError naming what is wrong."""
        if not isinstance(record, dict):
            raise ValueError(f"expected a JSON object, got {type(record).__name__}")
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError("missing 'text' (the article body) or it is not a string")
        article_id = _record_id(record)
        captions = record.get("captions") or ()
        if isinstance(captions, str):
            captions = (captions,)
        values: dict[str, Any] = {
            key: record.get(key) for key in KNOWN_KEYS if key not in ("id", "text")
        }
        for key, value in values.items():
            if value is not None and key != "captions" and not isinstance(value, str):
                values[key] = str(value)
        values["captions"] = tuple(str(c) for c in captions)
        extra = {key: value for key, value in record.items() if key not in KNOWN_KEYS}
        return cls(id=article_id, text=text, extra=extra, origin=origin, **values)


_JSON_KINDS = {
    bool: "true or false",
    float: "a number with a fraction",
    list: "a list",
    dict: "an object",
}


def _record_id(record: dict[str, Any]) -> str:
    """The given id (a string, or an integer such as 0), else a hash of the URL."""
    given = record.get("id")
    if given is not None:
        if isinstance(given, bool) or not isinstance(given, str | int):
            kind = _JSON_KINDS.get(type(given), type(given).__name__)
            raise ValueError(f"'id' must be a string or an integer, not {kind}")
        if str(given).strip():
            return str(given)
    url = record.get("url")
    if isinstance(url, str) and url.strip():
        return article_id_for_url(url)
    raise ValueError("missing both 'id' and 'url': an article needs one to be named")


@dataclass(frozen=True)
class Mention:
    """One fact found in one article: where it stands and what it means.

    `start`/`end` are character offsets into `article.field_text(field)` as it was read,
    so that `article.field_text(field)[start:end] == text` always holds.
    """

    table: str
    article_id: str
    field: str
    sentence_id: int
    start: int
    end: int
    text: str
    rule_id: str
    values: dict[str, Any]

    def row(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "field": self.field,
            "sentence_id": self.sentence_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rule_id": self.rule_id,
            **self.values,
        }


@dataclass(frozen=True)
class ArticleError:
    """An article (or input) that failed, with the stage and a message naming the place."""

    article_id: str
    origin: str
    stage: str
    message: str
