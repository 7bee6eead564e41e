"""The two sides of an evaluation: gold files (`corpus/gold/*.jsonl`) and output tables."""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pipeline.records import FACT_TABLES

#: The tables of the output directory that have gold annotations.
TABLES = FACT_TABLES

_NUMBER_COLUMNS = frozenset(
    {"amount_vnd", "amount", "amount_max_vnd", "start", "end", "sentence_id"}
)

Row = dict[str, Any]
Predictions = dict[str, dict[str, list[Row]]]


def splits(gold_dir: str | Path) -> dict[str, list[Path]]:
    """The gold files of each split, as `splits.yml` in the gold folder names them (globs)."""
    import yaml

    folder = Path(gold_dir)
    spec = yaml.safe_load((folder / "splits.yml").read_text(encoding="utf-8"))
    return {
        name: sorted({path for pattern in patterns for path in folder.glob(pattern)})
        for name, patterns in spec.items()
    }


def gold_files(gold_dir: str | Path, split: str) -> list[Path]:
    """The gold JSONL files of a split of `splits.yml`, or `all` of them."""
    if split == "all":
        return sorted(Path(gold_dir).glob("*.jsonl"))
    known = splits(gold_dir)
    if split not in known:
        raise ValueError(f"unknown split {split!r}: use {', '.join([*known, 'all'])}")
    return known[split]


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    if isinstance(value, dict):
        return {_nfc(key): _nfc(item) for key, item in value.items()}
    return value


def load_gold(paths: Iterable[str | Path]) -> dict[str, dict[str, Any]]:
    """Read gold JSONL files into {article id: record}, every string NFC; ids must be unique."""
    gold: dict[str, dict[str, Any]] = {}
    seen_at: dict[str, str] = {}
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = _nfc(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{where}: not JSON: {exc}") from exc
                article_id = str(record.get("id") or "")
                if not article_id:
                    raise ValueError(f"{where}: gold record without an id")
                if article_id in gold:
                    raise ValueError(
                        f"{where}: article {article_id} already in {seen_at[article_id]}"
                    )
                gold[article_id] = record
                seen_at[article_id] = where
    return gold


def as_number(value: Any) -> int | float | None:
    """A number from JSON or CSV text; integral values become int, '' and None stay None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text or text.casefold() in ("nan", "none", "null", "<na>"):
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() else float(number)


def load_predictions(out_dir: str | Path, tables: Iterable[str] = TABLES) -> Predictions:
    """Read `<table>.csv` of an out dir into {table: {article id: [row]}}; absent CSVs skipped.

    Text cells stay text ('' for empty, never NaN, "NA" stays "NA"), with the CSV guard
    against spreadsheet formulas undone; offsets and amounts become int/float, or None.
    """
    import pandas as pd

    from pipeline.outputs.tables import restore_formula

    predictions: Predictions = {}
    for table in tables:
        path = Path(out_dir) / f"{table}.csv"
        if not path.exists():
            continue
        try:
            frame = pd.read_csv(
                path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig"
            )
        except pd.errors.EmptyDataError:  # a 0-byte file: a table with no rows
            frame = pd.DataFrame()
        by_article: dict[str, list[Row]] = defaultdict(list)
        for record in frame.to_dict(orient="records"):
            row: Row = {}
            for column, cell in record.items():
                if column in _NUMBER_COLUMNS:
                    row[column] = as_number(cell)
                else:
                    row[column] = unicodedata.normalize("NFC", restore_formula(cell))
            by_article[row.get("article_id", "")].append(row)
        predictions[table] = dict(by_article)
    return predictions


# --------------------------------------------------------------------------------- keying
