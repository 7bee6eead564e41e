"""The output tables: columns, types, and streaming CSV + Parquet writers that finish atomically."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MENTION_COLUMNS = {
    "article_id": (pa.string(), "the article's id (joins to articles.article_id)"),
    "field": (pa.string(), "where the mention stands: title, lead, text or caption"),
    "sentence_id": (pa.int32(), "the sentence's running number in the article (title first)"),
    "start": (pa.int64(), "start offset into the field as read (captions: joined by a blank line)"),
    "end": (pa.int64(), "end offset: article[field][start:end] == text"),
    "text": (pa.string(), "the mention exactly as written"),
    "rule_id": (pa.string(), "the rule that found it (rules/*.yml)"),
}

TABLE_COLUMNS: dict[str, dict[str, tuple[pa.DataType, str]]] = {
    "articles": {
        "article_id": (pa.string(), "stable id: given, or a hash of the canonical URL"),
        "source": (pa.string(), "site key, e.g. baolongan"),
        "url": (pa.string(), "the article's URL"),
        "title": (pa.string(), "headline"),
        "published_at": (pa.string(), "publication time as given (ISO 8601 when scraped)"),
        "author": (pa.string(), "byline"),
        "n_chars": (pa.int64(), "characters in title, lead, text and captions"),
        "n_sentences": (pa.int32(), "sentences found"),
        "n_words": (pa.int64(), "syllable-words (letters or digits) in the sentences"),
    },
    "organizations": {
        **MENTION_COLUMNS,
        "name": (
            pa.string(),
            "full name: abbreviations of ordinary words expanded, an acronym the article spells"
            " out replaced by its full name, a paper credited by short name or site listed as"
            " Báo …, attached place included",
        ),
        "abbreviation": (pa.string(), "the abbreviation written, e.g. UBND"),
        "org_type": (pa.string(), "party, state, front, mass, armed, enterprise or other"),
        "level": (pa.string(), "central, province, district, commune or unit"),
        "location": (pa.string(), "the place attached to the name (a province, a city, a country)"),
    },
    "officials": {
        **MENTION_COLUMNS,
        "person": (pa.string(), "full name, without honorific or title"),
        "title": (pa.string(), "position(s), '; '-joined; cựu/nguyên kept"),
        "organization": (pa.string(), "the body of the main post, expanded"),
        "honorific": (pa.string(), "ông, bà, anh, chị, đồng chí"),
    },
    "documents": {
        **MENTION_COLUMNS,
        "doc_id": (pa.string(), "canonical number: 05-CT/TW, 1234/QĐ-UBND, 15/2023/TT-BTC"),
        "doc_type": (pa.string(), "Chỉ thị, Nghị quyết, Kết luận, Quyết định…"),
        "number": (pa.string(), "the number, leading zeros kept"),
        "year": (pa.int32(), "the year in the number, when written"),
        "issuer_code": (pa.string(), "TW, TU, UBND, BTC…"),
        "issuer": (pa.string(), "the issuer named in the sentence, else from the code"),
        "as_written": (pa.string(), "the reference as written"),
    },
    "models": {
        **MENTION_COLUMNS,
        "name": (pa.string(), "the mô hình's name, without quotes"),
        "owner": (pa.string(), "the body or person running it, when the sentence says"),
    },
    "money": {
        **MENTION_COLUMNS,
        "amount_vnd": (pa.int64(), "exact amount in đồng; null for other currencies"),
        "amount": (pa.float64(), "full value in its own currency"),
        "currency": (pa.string(), "ISO 4217 code"),
        "qualifier": (pa.string(), "exact, about, over, under, nearly or range"),
        "amount_max_vnd": (pa.int64(), "high end of a range, in đồng"),
        "purpose": (pa.string(), "what it pays for, when the sentence says"),
    },
}
ERROR_COLUMNS = ["article_id", "origin", "stage", "message"]
FACT_TABLES = ("organizations", "officials", "documents", "models", "money")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading apostrophe before =, +, -, @, tab, CR.

    Reversible by `restore_formula`: a cell that already starts with apostrophes before a
    trigger gets one more, so no two values map to the same cell.
    """
    if value[:1] in FORMULA_TRIGGERS or (
        value[:1] == "'" and value.lstrip("'")[:1] in FORMULA_TRIGGERS
    ):
        return "'" + value
    return value


def restore_formula(cell: str) -> str:
    """The value `neutralize_formula` was given, from the cell it wrote."""
    if cell[:1] == "'" and cell.lstrip("'")[:1] in FORMULA_TRIGGERS:
        return cell[1:]
    return cell


def guarded_cell(value: Any) -> Any:
    """A CSV cell as written when formulas are guarded against (see the data dictionary)."""
    cell = _csv_cell(value)
    return neutralize_formula(cell) if isinstance(cell, str) else cell


class TableWriter:
    """Rows in, `NAME.csv` and `NAME.parquet` out; files appear only when `close()` succeeds."""

    def __init__(
        self,
        out_dir: Path,
        name: str,
        chunk_rows: int = 5000,
        *,
        raw: bool = False,
        excel: bool = False,
    ):
        self.out_dir, self.name = out_dir, name
        self.columns = TABLE_COLUMNS[name]
        self.schema = pa.schema([(col, typ) for col, (typ, _) in self.columns.items()])
        self.chunk_rows = chunk_rows
        self.rows: list[dict[str, Any]] = []
        self.count = 0
        self._csv_tmp = out_dir / f".{name}.csv.tmp"
        self._pq_tmp = out_dir / f".{name}.parquet.tmp"
        # CSV cells that a spreadsheet would run as a formula get a leading apostrophe unless
        # `raw`; Parquet always holds the values as found
        self._cell = _csv_cell if raw else guarded_cell
        encoding = "utf-8-sig" if excel else "utf-8"
        self._csv_file = open(self._csv_tmp, "w", encoding=encoding, newline="")  # noqa: SIM115
        self._csv = csv.writer(self._csv_file)
        self._csv.writerow(list(self.columns))
        self._parquet = pq.ParquetWriter(self._pq_tmp, self.schema)

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= self.chunk_rows:
            self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        for row in self.rows:
            self._csv.writerow([self._cell(row.get(col)) for col in self.columns])
        arrays = [
            pa.array([row.get(col) for row in self.rows], type=typ)
            for col, (typ, _) in self.columns.items()
        ]
        self._parquet.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        self._flush()
        self._csv_file.close()
        self._parquet.close()
        os.replace(self._csv_tmp, self.out_dir / f"{self.name}.csv")
        os.replace(self._pq_tmp, self.out_dir / f"{self.name}.parquet")


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON through a temporary file and a rename, so readers never see half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def data_dictionary() -> str:
    """The outputs' README: every table and column with its type and meaning."""
    lines = [
        "# vnie output tables",
        "",
        "UTF-8 CSV with a header, and Parquet beside each. One row per mention: "
        "`article[field][start:end] == text` always holds (for `caption`, offsets index "
        "the captions joined by a blank line).",
        "",
    ]
    for table, columns in TABLE_COLUMNS.items():
        lines += [f"## {table}", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{col}` | {typ} | {meaning} |" for col, (typ, meaning) in columns.items()]
        lines.append("")
    lines += [
        "## errors",
        "",
        "| column | meaning |",
        "|---|---|",
        "| `article_id` | the article's id, empty when the record could not be read |",
        "| `origin` | file:line, file@offset URL, or path |",
        "| `stage` | read, parse, extract, worker or timeout |",
        "| `message` | what went wrong, naming the place |",
        "",
        "`manifest.json` records the run: versions, the rules used (`rules_dir`, the folder, "
        "and `rules_hash`, their content), inputs, counts, seconds.",
        "",
        "In the CSV files a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage "
        "return gets a leading `'`, so that a spreadsheet shows it instead of running it "
        "(`vnie extract --raw` writes cells as found). Parquet and DuckDB always hold the values "
        "as found.",
        "",
    ]
    return "\n".join(lines)
