"""Precision, recall and F1 of the output tables against the gold annotations.

Scoring is over the set of DISTINCT normalized facts per article (annotation guide), summed
over the articles present in gold (micro average). Predictions for articles not in gold are
ignored. A table absent from the predictions (no CSV) is not scored.

How a fact is keyed and matched, per table:

- documents: `doc_id` exactly (NFC, surrounding spaces stripped), a Party regulation's `QĐi`
  read as `QĐ` (08-QĐI/TW is 08-QĐ/TW); rows with an empty `doc_id` are ignored on both sides.
- money: `("VND", amount_vnd)` when the currency is VND (or missing), else
  `(currency, amount)`; numbers compared exactly (1200000000 == 1200000000.0).
- officials: the person's name, normalized (`pipeline.evaluation.matching.normalize_name`).
- officials_title: an official counts once the person matches AND the titles share a post
  (`matching.title_matches`; lenient by design: the order of posts and whether the
  organization is written into the title vary between writers).
- organizations and models: names normalized as for persons, then split into word tokens;
  spellings that differ only in case, tone-mark style or punctuation are one fact. Two names
  match by `matching.name_similarity` (token Dice ≥ 0.85, or equal once an attached
  place is removed), one-to-one, greedy by best score.

When a table has no gold fact and no predicted fact, P = R = F1 = 1; otherwise a zero
denominator gives 0. Per rule id, every predicted row (not every distinct fact) counts as a
true hit when its fact matched gold, else as a false hit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.evaluation.gold import (
    TABLES,
    Predictions,
    Row,
    as_number,
    gold_files,
    load_gold,
    load_predictions,
)
from pipeline.evaluation.matching import (
    FUZZY_THRESHOLD,
    TITLE_OVERLAP,
    match_exact,
    match_fuzzy,
    name_similarity,
    name_tokens,
    normalize_name,
    title_matches,
)

__all__ = [
    "FUZZY_THRESHOLD",
    "OFFICIALS_TITLE",
    "REPORT_TABLES",
    "TABLES",
    "TITLE_OVERLAP",
    "Example",
    "Predictions",
    "Report",
    "RuleScore",
    "TableScore",
    "format_comparison",
    "format_report",
    "gold_files",
    "load_gold",
    "load_predictions",
    "name_similarity",
    "normalize_name",
    "report_to_json",
    "score",
    "title_matches",
]

#: The derived score: officials whose title is also right.
OFFICIALS_TITLE = "officials_title"
REPORT_TABLES = ("documents", "money", "officials", OFFICIALS_TITLE, "organizations", "models")


@dataclass(frozen=True)
class TableScore:
    """Counts over distinct facts for one table, summed over articles."""

    table: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return _ratio(self.tp, self.tp + self.fp, self.fn)

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return _ratio(self.tp, self.tp + self.fn, self.fp)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        if self.tp + self.fp + self.fn == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass(frozen=True)
class RuleScore:
    """Predicted rows of one rule: how many carried a fact that matched gold."""

    table: str
    rule_id: str
    true_hits: int
    false_hits: int


@dataclass(frozen=True)
class Example:
    """One missed or falsely predicted fact: `value` is the fact, `text` as written."""

    table: str
    article_id: str
    value: str
    text: str


@dataclass(frozen=True)
class Report:
    """The result of `score`: per table, per rule, and the facts to read."""

    n_articles: int
    tables: tuple[TableScore, ...]
    rules: tuple[RuleScore, ...]
    misses: tuple[Example, ...]
    false_hits: tuple[Example, ...]


def _ratio(numerator: int, denominator: int, other: int) -> float:
    if denominator == 0:
        return 1.0 if other == 0 else 0.0
    return numerator / denominator


# ---------------------------------------------------------------------------------- loading


#: a Party Quy định is `QĐ`, since 2018 `QĐi`: both name one document (annotation guide)
_PARTY_REGULATION = re.compile(r"^(\d+[a-zA-Z]?-)QĐ[Ii](?=/)")


def _document_key(row: Mapping[str, Any]) -> str | None:
    doc_id = row.get("doc_id")
    if not isinstance(doc_id, str):
        return None
    doc_id = unicodedata.normalize("NFC", doc_id).strip()
    return _PARTY_REGULATION.sub(r"\1QĐ", doc_id) or None


def _money_key(row: Mapping[str, Any]) -> tuple[str, int | float] | None:
    currency = row.get("currency")
    currency = normalize_name(currency).upper() if isinstance(currency, str) else ""
    currency = currency or "VND"
    amount = as_number(row.get("amount_vnd")) if currency == "VND" else None
    if amount is None:
        amount = as_number(row.get("amount"))
    return None if amount is None else (currency, amount)


def _person_key(row: Mapping[str, Any]) -> str | None:
    return normalize_name(row.get("person")) or None


def _name_key(row: Mapping[str, Any]) -> str | None:
    # Spellings that differ only in case, tone-mark style or punctuation are one fact.
    name = row.get("name")
    if not isinstance(name, str):
        return None
    return " ".join(name_tokens(name)) or None


_KEYS: dict[str, Callable[[Mapping[str, Any]], Hashable | None]] = {
    "documents": _document_key,
    "money": _money_key,
    "officials": _person_key,
    "organizations": _name_key,
    "models": _name_key,
}


_NAME_COLUMNS = {"officials": "person", "organizations": "name", "models": "name"}


def _display(key: Hashable, row: Mapping[str, Any] | None = None, table: str = "") -> str:
    """A fact as a reader wants to see it: the name as written in the row, or the key."""
    if row is not None and table in _NAME_COLUMNS:
        return str(row.get(_NAME_COLUMNS[table]) or key)
    if isinstance(key, tuple):
        currency, amount = key
        return f"{amount} {currency}"
    return str(key)


# --------------------------------------------------------------------------------- scoring


def _distinct(
    rows: Iterable[Mapping[str, Any]], key_of: Callable[[Mapping[str, Any]], Hashable | None]
) -> dict[Hashable, list[Mapping[str, Any]]]:
    """Rows grouped by their fact key, in first-seen order; rows with no key dropped."""
    facts: dict[Hashable, list[Mapping[str, Any]]] = {}
    for row in rows:
        key = key_of(row)
        if key is not None:
            facts.setdefault(key, []).append(row)
    return facts


def _gold_text(row: Mapping[str, Any], key: Hashable, table: str) -> str:
    return str(row.get("as_written") or _display(key, row, table))


def score(
    gold: Mapping[str, Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, list[Row]]],
    article_ids: Iterable[str] | None = None,
) -> Report:
    """Score predictions against gold over the gold articles (optionally only `article_ids`)."""
    ids = sorted(gold if article_ids is None else set(article_ids) & set(gold))
    counts: dict[str, list[int]] = {}
    rules: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: list[Example] = []
    false_hits: list[Example] = []

    for table in TABLES:
        if table not in predictions:
            continue
        key_of = _KEYS[table]
        tally = counts.setdefault(table, [0, 0, 0])
        title_tally = (
            counts.setdefault(OFFICIALS_TITLE, [0, 0, 0]) if table == "officials" else None
        )
        for article_id in ids:
            gold_facts = _distinct(gold[article_id].get(table) or [], key_of)
            predicted_facts = _distinct(predictions[table].get(article_id, []), key_of)
            matched: Mapping[Any, Any]
            if table in ("organizations", "models"):
                matched = match_fuzzy(
                    {str(key): rows[0]["name"] for key, rows in gold_facts.items()},
                    {str(key): rows[0]["name"] for key, rows in predicted_facts.items()},
                )
            else:
                matched = match_exact(gold_facts, predicted_facts)
            tally[0] += len(matched)
            tally[1] += len(predicted_facts) - len(matched)
            tally[2] += len(gold_facts) - len(matched)
            for key, rows in predicted_facts.items():
                for row in rows:
                    rule_id = str(row.get("rule_id") or "(none)")
                    rules[(table, rule_id)][0 if key in matched else 1] += 1
                if key not in matched:
                    false_hits.append(
                        Example(
                            table,
                            article_id,
                            _display(key, rows[0], table),
                            str(rows[0].get("text") or ""),
                        )
                    )
            found = set(matched.values())
            for key, rows in gold_facts.items():
                if key not in found:
                    misses.append(
                        Example(
                            table,
                            article_id,
                            _display(key, rows[0], table),
                            _gold_text(rows[0], key, table),
                        )
                    )
            if title_tally is not None:
                _score_titles(
                    article_id, gold_facts, predicted_facts, title_tally, misses, false_hits
                )

    tables = tuple(TableScore(t, *counts[t]) for t in REPORT_TABLES if t in counts)
    rule_scores = tuple(
        RuleScore(table, rule_id, hits[0], hits[1])
        for (table, rule_id), hits in sorted(
            rules.items(), key=lambda item: (TABLES.index(item[0][0]), item[0][1])
        )
    )
    return Report(len(ids), tables, rule_scores, tuple(misses), tuple(false_hits))


def _score_titles(
    article_id: str,
    gold_facts: Mapping[Hashable, list[Mapping[str, Any]]],
    predicted_facts: Mapping[Hashable, list[Mapping[str, Any]]],
    tally: list[int],
    misses: list[Example],
    false_hits: list[Example],
) -> None:
    """Officials whose person matched and whose title shares a post with a gold title."""
    correct: set[Hashable] = set()
    for person, predicted_rows in predicted_facts.items():
        gold_rows = gold_facts.get(person, [])
        if any(
            title_matches(g.get("title"), p.get("title")) for g in gold_rows for p in predicted_rows
        ):
            correct.add(person)
    tally[0] += len(correct)
    tally[1] += len(predicted_facts) - len(correct)
    tally[2] += len(gold_facts) - len(correct)
    for person, rows in predicted_facts.items():
        if person not in correct:
            titles = " / ".join(dict.fromkeys(str(r.get("title") or "") for r in rows))
            name = _display(person, rows[0], "officials")
            false_hits.append(
                Example(
                    OFFICIALS_TITLE,
                    article_id,
                    f"{name} — {titles}",
                    str(rows[0].get("text") or ""),
                )
            )
    for person, rows in gold_facts.items():
        if person not in correct:
            name = _display(person, rows[0], "officials")
            misses.append(
                Example(
                    OFFICIALS_TITLE,
                    article_id,
                    f"{name} — {rows[0].get('title') or ''}",
                    _gold_text(rows[0], person, "officials"),
                )
            )


# -------------------------------------------------------------------------------- printing


def format_report(report: Report, show: str | None = None) -> str:
    """Plain-text report: per table P/R/F1 and counts, per rule hits, and `show`'s examples.

    `show` is a table name (officials_title included) or "all".
    """
    if show is not None and show != "all" and show not in REPORT_TABLES:
        raise ValueError(f"unknown table {show!r}: use one of {', '.join(REPORT_TABLES)} or all")
    lines = [f"{report.n_articles} gold articles", ""]
    lines.append(f"{'table':<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for t in report.tables:
        lines.append(
            f"{t.table:<16} {t.precision:>6.3f} {t.recall:>6.3f} {t.f1:>6.3f}"
            f" {t.tp:>6} {t.fp:>6} {t.fn:>6}"
        )
    if report.rules:
        width = max(len("rule id"), *(len(r.rule_id) for r in report.rules))
        lines += ["", f"{'rule id':<{width}}  {'table':<14} {'true':>6} {'false':>6}"]
        for r in report.rules:
            lines.append(f"{r.rule_id:<{width}}  {r.table:<14} {r.true_hits:>6} {r.false_hits:>6}")
    if show is not None:
        for label, examples in (("misses", report.misses), ("false hits", report.false_hits)):
            chosen = [e for e in examples if show in ("all", e.table)]
            lines += ["", f"{label} ({show}): {len(chosen)}"]
            for e in chosen:
                lines.append(f"  {e.table:<14} {e.article_id}  {e.value}  «{e.text}»")
    return "\n".join(lines)


def format_comparison(reports: Mapping[str, Report]) -> str:
    """F1 per table side by side, one column per system (e.g. vnie and the baseline)."""
    names = list(reports)
    width = max(10, *(len(name) for name in names))
    lines = [f"{'F1':<16}" + "".join(f" {name:>{width}}" for name in names)]
    for table in REPORT_TABLES:
        cells = []
        for name in names:
            found = [t for t in reports[name].tables if t.table == table]
            cells.append(f"{found[0].f1:>{width}.3f}" if found else f"{'—':>{width}}")
        lines.append(f"{table:<16}" + "".join(f" {cell}" for cell in cells))
    return "\n".join(lines)


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""

    def example(e: Example) -> dict[str, str]:
        return {"article_id": e.article_id, "value": e.value, "text": e.text}

    return {
        "n_articles": report.n_articles,
        "tables": {
            t.table: {
                "precision": t.precision,
                "recall": t.recall,
                "f1": t.f1,
                "tp": t.tp,
                "fp": t.fp,
                "fn": t.fn,
            }
            for t in report.tables
        },
        "rules": [
            {
                "table": r.table,
                "rule_id": r.rule_id,
                "true_hits": r.true_hits,
                "false_hits": r.false_hits,
            }
            for r in report.rules
        ],
        "misses": {
            t.table: [example(e) for e in report.misses if e.table == t.table]
            for t in report.tables
        },
        "false_hits": {
            t.table: [example(e) for e in report.false_hits if e.table == t.table]
            for t in report.tables
        },
    }
