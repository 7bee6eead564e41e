"""The underthesea NER baseline: ORG entities as organizations, PER entities as officials.

It runs `underthesea.ner` (the CRF model bundled with the package, no download) over each
sentence of title, lead, text and captions, and returns rows in the shape of
`pipeline.evaluation.score.load_predictions`, so the same scorer reads both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pipeline.records import CAPTION_JOINER
from pipeline.text.nlp import split_sentences

_ENTITY_TABLES = {"ORG": ("organizations", "name"), "PER": ("officials", "person")}
_FIELDS = ("title", "lead", "text", "caption")


def _field_text(article: Mapping[str, Any] | Any, field: str) -> str:
    get = article.get if isinstance(article, Mapping) else lambda key: getattr(article, key, None)
    if field == "caption":
        return CAPTION_JOINER.join(caption for caption in (get("captions") or []) if caption)
    return get(field) or ""


def _article_id(article: Mapping[str, Any] | Any) -> str:
    return str(article["id"] if isinstance(article, Mapping) else article.id)


def _ner() -> Callable[..., Any]:
    """underthesea's `ner`, or a RuntimeError that says why it cannot run here."""
    try:
        from underthesea import ner
    except ImportError as exc:
        raise RuntimeError(f"the underthesea baseline needs underthesea installed: {exc}") from exc
    try:
        ner("Ủy ban nhân dân tỉnh Long An")
    except (OSError, ValueError) as exc:
        raise RuntimeError(
            "underthesea's NER model is not available offline here (it would need a download): "
            f"{exc}"
        ) from exc
    ner_function: Callable[..., Any] = ner
    return ner_function


def entities(
    ner: Callable[..., Any], sentence: str
) -> list[tuple[str, int | None, int | None, str]]:
    """(label, start, end, text) of each BIO entity of one sentence; offsets into `sentence`.

    Offsets are None where underthesea's tokens cannot be found in the sentence as written.
    """
    found: list[tuple[str, int | None, int | None, str]] = []
    current: list[tuple[str, int | None, int | None]] = []
    label = ""
    cursor = 0

    def close() -> None:
        if current:
            start, end = current[0][1], current[-1][2]
            if start is not None and end is not None:
                text = sentence[start:end]
            else:
                text = " ".join(token for token, _, _ in current)
            found.append((label, start, end, text))
            current.clear()

    for token, *_, tag in ner(sentence):
        position = sentence.find(token, cursor)
        span = (position, position + len(token)) if position >= 0 else (None, None)
        if position >= 0:
            cursor = position + len(token)
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and kind == label and current:
            current.append((token, *span))
            continue
        close()
        if prefix in ("B", "I"):
            label = kind
            current.append((token, *span))
    close()
    return found


def underthesea_baseline(
    articles: Iterable[Mapping[str, Any] | Any],
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """underthesea NER over every sentence: {table: {article id: [row]}} like load_predictions."""
    ner = _ner()
    predictions: dict[str, dict[str, list[dict[str, Any]]]] = {
        table: defaultdict(list) for table, _ in _ENTITY_TABLES.values()
    }
    for article in articles:
        article_id = _article_id(article)
        sentence_id = 0
        for field in _FIELDS:
            sentences = split_sentences(field, _field_text(article, field), sentence_id)
            sentence_id += len(sentences)
            for sentence in sentences:
                for label, start, end, text in entities(ner, sentence.text):
                    if label not in _ENTITY_TABLES:
                        continue
                    table, column = _ENTITY_TABLES[label]
                    row = {
                        "article_id": article_id,
                        column: text,
                        "rule_id": f"underthesea.ner.{label}",
                        "text": text,
                        "field": field,
                        "start": None if start is None else sentence.start + start,
                        "end": None if end is None else sentence.start + end,
                        "sentence_id": sentence.index,
                    }
                    if table == "officials":
                        row["title"] = ""
                    predictions[table][article_id].append(row)
    return {table: dict(rows) for table, rows in predictions.items()}
