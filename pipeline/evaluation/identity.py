"""Scoring the linking stage against the identity gold (corpus/gold/identity/).

Each gold pair is two mentions from two articles, labelled `same` or `different` (pairs marked
`not_person` / `not_body` are left out). A pair is predicted `same` when both mentions got the
same `person_id` (officials) or `body_id` (organizations). A mention is found by its article
and offsets, else by a row over most of the same words, else by its article and name (the
extractor may have moved a span since the gold was drawn); a pair whose mention is not found at
all is reported, not scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

#: gold file → (table, the column naming the mention, the id column compared)
KINDS = {
    "officials": ("officials", "person", "person_id"),
    "bodies": ("organizations", "name", "body_id"),
}
SCORED = ("same", "different")


@dataclass
class IdentityScore:
    """Pairwise precision and recall of "same" for one kind of identity."""

    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    unmatched: list[int] = field(default_factory=list)  # pair numbers not found in the run
    errors: list[dict[str, Any]] = field(default_factory=list)  # false merges and splits

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "pairs": self.tp + self.fp + self.fn + self.tn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "unmatched": self.unmatched,
            "errors": self.errors,
        }


def load_pairs(gold_dir: Path, kind: str) -> list[dict[str, Any]]:
    """The labelled pairs of one kind (`officials` or `bodies`); ValueError naming a bad line."""
    path = Path(gold_dir) / f"{kind}.jsonl"
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            pair = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc})") from None
        if pair.get("label") is None:
            raise ValueError(f"{path}:{number}: pair {pair.get('pair')} has no label")
        pairs.append(pair)
    return pairs


class _Lookup:
    """Mention → id in one run's table: by its offsets; else by a row over the same words, as
    a rule change may have moved the mention's edges (`Thanh tra Chính phủ thông tin` read
    since as `Thanh tra Chính phủ`); else by article and name."""

    def __init__(self, out_dir: Path, table: str, name_column: str, id_column: str):
        columns = ["article_id", "field", "start", "end", name_column, id_column]
        rows = pq.read_table(Path(out_dir) / f"{table}.parquet", columns=columns).to_pylist()
        self.by_span = {(r["article_id"], r["field"], r["start"], r["end"]): r for r in rows}
        self.by_field: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.by_name: dict[tuple[str, str], str] = {}
        for row in rows:
            if row[id_column]:
                self.by_field.setdefault((row["article_id"], row["field"]), []).append(row)
            if row[name_column] and row[id_column]:
                key = (row["article_id"], row[name_column].casefold())
                self.by_name.setdefault(key, row[id_column])
        self.name_column, self.id_column = name_column, id_column

    def id_of(self, mention: dict[str, Any]) -> str | None:
        span = (mention["article_id"], mention["field"], mention["start"], mention["end"])
        row = self.by_span.get(span)
        if row is not None and row[self.id_column]:
            return row[self.id_column]
        overlapping = self._most_overlapping(mention)
        if overlapping is not None:
            return overlapping
        name = (mention.get(self.name_column) or "").casefold()
        return self.by_name.get((mention["article_id"], name))

    def _most_overlapping(self, mention: dict[str, Any]) -> str | None:
        """The id of the row sharing most characters with the mention, when they share at
        least half of the shorter of the two."""
        best, best_shared = None, 0
        for row in self.by_field.get((mention["article_id"], mention["field"]), ()):
            shared = min(row["end"], mention["end"]) - max(row["start"], mention["start"])
            shorter = min(row["end"] - row["start"], mention["end"] - mention["start"])
            if shared > best_shared and 2 * shared >= shorter:
                best, best_shared = row[self.id_column], shared
        return best


def score_identity(gold_dir: Path, out_dir: Path, kind: str) -> IdentityScore:
    """Score one kind of identity (`officials` or `bodies`) of a run against the gold."""
    table, name_column, id_column = KINDS[kind]
    lookup = _Lookup(out_dir, table, name_column, id_column)
    result = IdentityScore(kind)
    for pair in load_pairs(gold_dir, kind):
        if pair["label"] not in SCORED:
            continue
        first, second = lookup.id_of(pair["a"]), lookup.id_of(pair["b"])
        if first is None or second is None:
            result.unmatched.append(pair["pair"])
            continue
        predicted, gold = first == second, pair["label"] == "same"
        if predicted and gold:
            result.tp += 1
        elif predicted:
            result.fp += 1
        elif gold:
            result.fn += 1
        else:
            result.tn += 1
        if predicted != gold:
            result.errors.append(
                {
                    "pair": pair["pair"],
                    "label": pair["label"],
                    "a": pair["a"].get(name_column),
                    "b": pair["b"].get(name_column),
                    "reason": pair["reason"],
                }
            )
    return result


def format_identity(scores: list[IdentityScore], show_errors: bool = False) -> str:
    """A plain-text table of the scores (and, on request, every wrong decision)."""
    lines = [f"{'kind':<10} {'pairs':>5} {'P':>7} {'R':>7}  tp fp fn tn  unmatched"]
    for s in scores:
        pairs = s.tp + s.fp + s.fn + s.tn
        lines.append(
            f"{s.kind:<10} {pairs:>5} {s.precision:>7.3f} {s.recall:>7.3f}  "
            f"{s.tp} {s.fp} {s.fn} {s.tn}  {len(s.unmatched)}"
        )
    if show_errors:
        for s in scores:
            for error in s.errors:
                verdict = "split" if error["label"] == "same" else "merged"
                lines.append(
                    f"  {s.kind} pair {error['pair']} wrongly {verdict}: {error['a']} / "
                    f"{error['b']} — {error['reason']}"
                )
    return "\n".join(lines)
