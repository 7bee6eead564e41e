"""What a rule change did: facts that appeared, disappeared or changed between two out dirs.

A fact is one row of a fact table, named by its table, article, field and character span.
The same span with other normalized values or another rule id is a change, not a new fact.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from pipeline.outputs.tables import LINK_COLUMNS, MENTION_COLUMNS
from pipeline.records import FACT_TABLES, Article

KINDS = ("appeared", "disappeared", "changed")
SIGNS = {"appeared": "+", "disappeared": "-", "changed": "~"}
Row = dict[str, Any]
FactKey = tuple[str, str, str, int, int]  # table, article_id, field, start, end

# A sentence ends at . ! ? … (and closing quotes) followed by a space and a capital or digit.
_SENTENCE_END = regex.compile(r"[.!?…][\"”’)]*\s+(?=[\p{Lu}\p{N}\"“(])")


@dataclass(frozen=True)
class FactChange:
    """One fact that appeared, disappeared or changed, with the sentence it stands in."""

    kind: str  # appeared, disappeared or changed
    table: str
    article_id: str
    field: str
    start: int
    end: int
    text: str
    old_rule: str | None
    new_rule: str | None
    old_values: dict[str, Any] | None
    new_values: dict[str, Any] | None
    sentence: str = ""

    @property
    def rule_id(self) -> str:
        """The rule to file this change under: the new one, or the old one for a loss."""
        return self.new_rule or self.old_rule or ""

    def changed_values(self) -> dict[str, tuple[Any, Any]]:
        """For a change: {column: (old, new)} of the columns that differ, rule_id included."""
        old = {"rule_id": self.old_rule, **(self.old_values or {})}
        new = {"rule_id": self.new_rule, **(self.new_values or {})}
        return {k: (old.get(k), new.get(k)) for k in {**old, **new} if old.get(k) != new.get(k)}


@dataclass
class DiffResult:
    """Every change between two out dirs, plus row counts per table on each side."""

    old_dir: Path
    new_dir: Path
    changes: list[FactChange] = field(default_factory=list)
    old_rows: dict[str, int] = field(default_factory=dict)
    new_rows: dict[str, int] = field(default_factory=dict)
    articles_added: list[str] = field(default_factory=list)
    articles_removed: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Counter[str]]:
        """{table: Counter(kind → n)} over the changes."""
        result: dict[str, Counter[str]] = {table: Counter() for table in FACT_TABLES}
        for change in self.changes:
            result.setdefault(change.table, Counter())[change.kind] += 1
        return result

    def by_table_and_rule(self) -> dict[str, dict[str, list[FactChange]]]:
        """{table: {rule id: [changes]}}, tables in their usual order, rules sorted."""
        grouped: dict[str, dict[str, list[FactChange]]] = defaultdict(lambda: defaultdict(list))
        for change in self.changes:
            grouped[change.table][change.rule_id].append(change)
        return {t: dict(sorted(grouped[t].items())) for t in FACT_TABLES if t in grouped}

    def is_empty(self) -> bool:
        """True when no fact changed and no article came or went."""
        return not (self.changes or self.articles_added or self.articles_removed)


def _plain(value: Any) -> Any:
    """One spelling per value on both sides: None for empty, ints for whole numbers."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_table(out_dir: Path, table: str, prefer_parquet: bool = True) -> list[Row]:
    """The rows of one table (Parquet when there, else CSV with offsets as ints); [] if absent."""
    parquet, csv_path = out_dir / f"{table}.parquet", out_dir / f"{table}.csv"
    if prefer_parquet and parquet.exists():
        import pyarrow.parquet as pq

        return pq.read_table(parquet).to_pylist()
    if not csv_path.exists():
        return []
    import csv

    from pipeline.outputs.tables import restore_formula

    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        rows: list[Row] = [
            {k: restore_formula(v) for k, v in row.items()} for row in csv.DictReader(stream)
        ]
    for row in rows:
        for column in ("start", "end", "sentence_id"):
            if row.get(column, "") != "":
                row[column] = int(row[column])
    return rows


_LINKED = {column for columns in LINK_COLUMNS.values() for column in columns}


def _values(row: Row) -> dict[str, Any]:
    """A fact's own values: not where it stands, nor the ids the linking stage gave it."""
    return {k: _plain(v) for k, v in row.items() if k not in MENTION_COLUMNS and k not in _LINKED}


def _index(rows: Iterable[Row], table: str) -> dict[FactKey, list[Row]]:
    index: dict[FactKey, list[Row]] = defaultdict(list)
    for row in rows:
        index[(table, row["article_id"], row["field"], int(row["start"]), int(row["end"]))].append(
            row
        )
    return index


def _pair(key: FactKey, old: list[Row], new: list[Row]) -> Iterator[FactChange]:
    """Rows of one span on each side: equal ones cancel, the rest pair up as changes."""
    old_left = [(r["rule_id"], _values(r), r) for r in old]
    new_left = [(r["rule_id"], _values(r), r) for r in new]
    for item in list(old_left):
        twin = next((n for n in new_left if n[:2] == item[:2]), None)
        if twin is not None:
            old_left.remove(item)
            new_left.remove(twin)
    table, article_id, field_name, start, end = key
    for index in range(max(len(old_left), len(new_left))):
        before = old_left[index] if index < len(old_left) else None
        after = new_left[index] if index < len(new_left) else None
        kind = "changed" if before and after else ("appeared" if after else "disappeared")
        side = after or before
        assert side is not None  # index < the longer side's length
        row = side[2]
        yield FactChange(
            kind,
            table,
            article_id,
            field_name,
            start,
            end,
            str(row["text"]),
            before[0] if before else None,
            after[0] if after else None,
            before[1] if before else None,
            after[1] if after else None,
        )


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding text[start:end] begins and ends (paragraph, punctuation)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    for found in _SENTENCE_END.finditer(text, left, start):
        left = found.end()
    after = _SENTENCE_END.search(text, end, right)
    if after:
        right = after.start() + 1
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding the span start:end."""
    left, right = sentence_bounds(text, start, end)
    return text[left:right]


def input_paths(out_dir: Path) -> list[Path]:
    """The inputs an out dir was extracted from (run state or manifest), those that exist."""
    candidates: list[str] = []
    for name in (".vnie/run.json", "manifest.json"):
        try:
            candidates = json.loads((out_dir / name).read_text("utf-8")).get("inputs") or []
        except (OSError, ValueError, AttributeError):
            continue
        if candidates:
            break
    found = []
    for raw in candidates:
        path = Path(raw)
        for option in (path, out_dir / path, out_dir.parent / path):
            if option.exists():
                found.append(option)
                break
    return found


def read_articles(paths: Iterable[Path], wanted: set[str] | None = None) -> dict[str, Article]:
    """{article id: Article} from any archive kind; only `wanted` ids when given."""
    from pipeline.ingest.archives import read_archives

    articles: dict[str, Article] = {}
    for item in read_archives(list(paths)):
        if isinstance(item, Article) and (wanted is None or item.id in wanted):
            articles.setdefault(item.id, item)
    return articles


def _with_sentences(changes: list[FactChange], articles: dict[str, Article]) -> list[FactChange]:
    result = []
    for change in changes:
        article = articles.get(change.article_id)
        sentence = change.text
        if article is not None:
            text = article.field_text(change.field)
            if text[change.start : change.end] == change.text:
                sentence = sentence_around(text, change.start, change.end)
        result.append(FactChange(**{**change.__dict__, "sentence": sentence}))
    return result


def diff_outputs(
    old_dir: Path,
    new_dir: Path,
    articles_paths: list[Path] | None = None,
    with_sentences: bool = True,
) -> DiffResult:
    """Compare the fact tables of two out dirs; sentences come from the articles' inputs."""
    old_dir, new_dir = Path(old_dir), Path(new_dir)
    parquet = all((d / f"{t}.parquet").exists() for d in (old_dir, new_dir) for t in FACT_TABLES)
    result = DiffResult(old_dir, new_dir)
    for table in FACT_TABLES:
        old_rows = read_table(old_dir, table, parquet)
        new_rows = read_table(new_dir, table, parquet)
        result.old_rows[table], result.new_rows[table] = len(old_rows), len(new_rows)
        old_index, new_index = _index(old_rows, table), _index(new_rows, table)
        for key in sorted(old_index.keys() | new_index.keys(), key=lambda k: k[1:]):
            result.changes.extend(_pair(key, old_index.get(key, []), new_index.get(key, [])))
    old_ids = {r["article_id"] for r in read_table(old_dir, "articles", parquet)}
    new_ids = {r["article_id"] for r in read_table(new_dir, "articles", parquet)}
    result.articles_added = sorted(new_ids - old_ids)
    result.articles_removed = sorted(old_ids - new_ids)
    if with_sentences and result.changes:
        paths = articles_paths or input_paths(new_dir) or input_paths(old_dir)
        wanted = {change.article_id for change in result.changes}
        result.changes = _with_sentences(result.changes, read_articles(paths, wanted))
    return result


def select(result: DiffResult, table: str | None = None, rule: str | None = None) -> DiffResult:
    """The same diff with only one table's changes, or the rules whose id starts with `rule`."""
    changes = [
        c
        for c in result.changes
        if (table is None or c.table == table)
        and (rule is None or c.rule_id.startswith(rule) or (c.old_rule or "").startswith(rule))
    ]
    return DiffResult(
        result.old_dir,
        result.new_dir,
        changes,
        result.old_rows,
        result.new_rows,
        result.articles_added,
        result.articles_removed,
    )


def _short(values: dict[str, Any] | None) -> str:
    shown = {k: v for k, v in (values or {}).items() if v is not None}
    return json.dumps(shown, ensure_ascii=False)


def format_diff(result: DiffResult, limit: int | None = None, context: bool = True) -> str:
    """A researcher's summary: per table and rule, each fact with its sentence."""
    lines = [f"old: {result.old_dir}", f"new: {result.new_dir}"]
    if result.articles_added or result.articles_removed:
        lines.append(f"articles: +{len(result.articles_added)} -{len(result.articles_removed)}")
    if result.is_empty():
        lines.append("no facts changed")
        return "\n".join(lines)
    counts = result.counts()
    for table, rules in result.by_table_and_rule().items():
        c = counts[table]
        lines += [
            "",
            f"{table}: {result.old_rows[table]} → {result.new_rows[table]} rows "
            f"(+{c['appeared']} -{c['disappeared']} ~{c['changed']})",
        ]
        for rule_id, changes in rules.items():
            per = Counter(change.kind for change in changes)
            lines.append(f"  {rule_id}: +{per['appeared']} -{per['disappeared']} ~{per['changed']}")
            for change in changes[:limit] if limit else changes:
                lines.extend("    " + line for line in _describe(change, context))
            if limit and len(changes) > limit:
                lines.append(f"    … {len(changes) - limit} more")
    return "\n".join(lines)


def _describe(change: FactChange, context: bool) -> list[str]:
    where = f"[{change.article_id} {change.field} {change.start}:{change.end}]"
    head = f"{SIGNS[change.kind]} «{change.text}» {where}"
    if change.kind == "changed":
        details = [
            f"{column}: {old!r} → {new!r}"
            for column, (old, new) in sorted(change.changed_values().items())
        ]
        lines = [head, *("    " + d for d in details)]
    else:
        values = change.new_values if change.kind == "appeared" else change.old_values
        lines = [f"{head} {_short(values)}"]
    if context and change.sentence and change.sentence != change.text:
        lines.append(f"    │ {change.sentence}")
    return lines


def diff_to_json(result: DiffResult) -> dict[str, Any]:
    """The diff as plain JSON for scripts."""
    return {
        "old_dir": str(result.old_dir),
        "new_dir": str(result.new_dir),
        "rows": {"old": result.old_rows, "new": result.new_rows},
        "articles_added": result.articles_added,
        "articles_removed": result.articles_removed,
        "counts": {t: dict(c) for t, c in result.counts().items()},
        "changes": [{**change.__dict__} for change in result.changes],
    }
