"""The output tables: columns, types, and streaming CSV + Parquet writers that finish atomically."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.outputs.arrow import skip_pandas_probe
from pipeline.records import FACT_TABLES

skip_pandas_probe()  # before any table is written: the driver has no use for pandas

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
        "published_at": (
            pa.string(),
            "publication time, ISO 8601 at +07:00 (a date alone is midnight); null when the "
            "source gives none or none that reads as a date",
        ),
        "published_raw": (pa.string(), "the publication time exactly as the source gave it"),
        "author": (pa.string(), "byline"),
        "province": (
            pa.string(),
            "the province the article is about, as the rules read it: its paper's, else the "
            "one it names most (bare `Tỉnh ủy`, `UBND tỉnh` take it)",
        ),
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
            " Báo …, attached place included; one body written short and in full, or with and"
            " without its place word, in one article is named the same in each of its rows",
        ),
        "abbreviation": (pa.string(), "the abbreviation written, e.g. UBND"),
        "org_type": (pa.string(), "party, state, front, mass, armed, enterprise or other"),
        "level": (pa.string(), "central, province, district, commune or unit"),
        "location": (
            pa.string(),
            "the place attached to the name (a province, a city, a country, a region such as"
            " Tây Nam Bộ)",
        ),
        "body_id": (pa.string(), "the body across articles (joins to bodies.body_id)"),
    },
    "officials": {
        **MENTION_COLUMNS,
        "person": (pa.string(), "full name (capitals in title case), no honorific, rank or title"),
        "title": (
            pa.string(),
            "position(s), '; '-joined; cựu/nguyên and a foreign post's country kept",
        ),
        "organization": (pa.string(), "the body of the main post, expanded"),
        "honorific": (pa.string(), "ông, bà, anh, chị, đồng chí"),
        "person_id": (pa.string(), "the person (joins to people.person_id)"),
        "body_id": (pa.string(), "the body of `organization` (joins to bodies.body_id)"),
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
        "issued_on": (
            pa.string(),
            "the date the document was issued (YYYY-MM-DD), when the text gives it beside the "
            "number (`05-CT/TW ngày 15/5/2016`, `… ban hành ngày …`)",
        ),
        "issued_on_start": (pa.int64(), "start offset of that date in the field"),
        "issued_on_end": (pa.int64(), "end offset of that date in the field"),
        "issuer_body_id": (pa.string(), "the issuing body, when named (joins to bodies.body_id)"),
    },
    "models": {
        **MENTION_COLUMNS,
        "name": (pa.string(), "the mô hình's name, without quotes"),
        "owner": (pa.string(), "the body or person running it, when the sentence says"),
        "owner_body_id": (pa.string(), "the owner, when it is a body (joins to bodies.body_id)"),
    },
    "money": {
        **MENTION_COLUMNS,
        "amount_vnd": (
            pa.int64(),
            "exact amount in đồng; null for other currencies (an article with an amount past "
            "the int64 range, 9.2 × 10^18, is in errors.csv instead)",
        ),
        "amount": (pa.float64(), "full value in its own currency"),
        "currency": (pa.string(), "ISO 4217 code"),
        "qualifier": (pa.string(), "exact, about, over, under, nearly or range"),
        "amount_max_vnd": (pa.int64(), "high end of a range, in đồng"),
        "purpose": (pa.string(), "what it pays for, when the sentence says"),
    },
    # ---- across articles: written by the linking stage (pipeline/link) from all fact rows ----
    "bodies": {
        "body_id": (pa.string(), "stable id: a hash of the body's canonical key"),
        "name": (pa.string(), "the name most often written, abbreviations expanded"),
        "org_type": (pa.string(), "party, state, front, mass, armed, enterprise or other"),
        "level": (pa.string(), "central, province, district, commune or unit"),
        "province": (
            pa.string(),
            "the province as it was then (63 provinces before July 2025); null when the "
            "articles do not say (a bare `Sở Tài chính`) or the body is national",
        ),
        "province_2025": (pa.string(), "the province after the 2025 mergers (Long An → Tây Ninh)"),
        "commune_2025": (pa.string(), "for a commune's body, the commune after the 2025 mergers"),
        "parent_body_id": (
            pa.string(),
            "the body named inside this one's name (Ban Thường vụ Tỉnh ủy X → Tỉnh ủy X)",
        ),
        "n_articles": (pa.int64(), "articles that name the body"),
        "first_seen": (pa.date32(), "earliest publication date among them"),
        "last_seen": (pa.date32(), "latest publication date among them"),
    },
    "people": {
        "person_id": (pa.string(), "stable id: a hash of the name and of the person's first body"),
        "name": (pa.string(), "full name as most often written"),
        "n_articles": (pa.int64(), "articles that name the person with a post"),
        "first_seen": (pa.date32(), "earliest publication date among them"),
        "last_seen": (pa.date32(), "latest publication date among them"),
        "provinces": (pa.string(), "provinces of the person's bodies, '; '-joined"),
    },
    "positions": {
        "person_id": (pa.string(), "the person (joins to people.person_id)"),
        "title": (pa.string(), "the post's title; nguyên, cựu, quyền kept"),
        "body_id": (pa.string(), "the post's body, when named (joins to bodies.body_id)"),
        "organization": (pa.string(), "the body as most often written"),
        "first_seen": (pa.date32(), "earliest publication date of an article naming the post"),
        "last_seen": (pa.date32(), "latest publication date of an article naming the post"),
        "n_articles": (pa.int64(), "articles naming the person in this post"),
        "article_id": (pa.string(), "one such article, the earliest (joins to articles)"),
    },
}
ERROR_MEANINGS = {
    "article_id": "the article's id, empty when no id could be read",
    "origin": "file:line, file@offset URL, or path",
    "stage": "read, parse, key, extract, write, worker or timeout",
    "message": "what went wrong, naming the place",
}
ERROR_COLUMNS = list(ERROR_MEANINGS)
#: written by the linking stage, after extraction, from all fact rows
LINK_TABLES = ("bodies", "people", "positions")
#: the fact tables' columns the linking stage fills (ids across articles, not facts of a mention)
LINK_COLUMNS = {
    "organizations": ("body_id",),
    "officials": ("person_id", "body_id"),
    "documents": ("issuer_body_id",),
    "models": ("owner_body_id",),
}
PRIMARY_KEYS = {"articles": "article_id", "bodies": "body_id", "people": "person_id"}
#: (table, column) → the table whose primary key it references
FOREIGN_KEYS = {
    **{(table, "article_id"): "articles" for table in (*FACT_TABLES, "positions")},
    ("organizations", "body_id"): "bodies",
    ("officials", "person_id"): "people",
    ("officials", "body_id"): "bodies",
    ("documents", "issuer_body_id"): "bodies",
    ("models", "owner_body_id"): "bodies",
    ("bodies", "parent_body_id"): "bodies",
    ("positions", "person_id"): "people",
    ("positions", "body_id"): "bodies",
}


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")  # CSV readers refuse a NUL; Parquet keeps it
    return value


#: A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection),
#: also after spaces, and in their fullwidth forms (＝, ＋, －, ＠).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: What a spreadsheet may skip before a formula: spaces of any kind (NBSP included), zero-width.
_LEADING_BLANKS = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]*")


def _runs_as_formula(text: str) -> bool:
    return text[:1] in FORMULA_TRIGGERS or (
        text[_LEADING_BLANKS.match(text).end() :][:1] in FORMULA_TRIGGERS  # type: ignore[union-attr]
    )


def neutralize_formula(value: str) -> str:
    """A CSV cell a spreadsheet will not run: a leading apostrophe before a formula trigger
    (=, +, -, @, tab, CR, their fullwidth forms, and any of them after leading spaces).

    Reversible by `restore_formula`: a cell that already starts with apostrophes before a
    trigger gets one more, so no two values map to the same cell.
    """
    return "'" + value if _runs_as_formula(value.lstrip("'")) else value


def restore_formula(cell: str) -> str:
    """The value `neutralize_formula` was given, from the cell it wrote."""
    if cell[:1] == "'" and _runs_as_formula(cell.lstrip("'")):
        return cell[1:]
    return cell


def guarded_cell(value: Any) -> Any:
    """A CSV cell as written when formulas are guarded against (see the data dictionary)."""
    if value is None:
        return ""
    if type(value) is str and value[:1].isalnum() and "\x00" not in value:
        return value  # most cells: a letter or digit first is never a formula, nor a blank
    cell = _csv_cell(value)
    return neutralize_formula(cell) if isinstance(cell, str) else cell


def csv_cell(value: Any, guard: bool = True) -> Any:
    """A value as a CSV cell: '' for null, no NUL, formula-guarded unless `guard` is False."""
    return guarded_cell(value) if guard else _csv_cell(value)


class RowError(ValueError):
    """A row that its table cannot hold (a wrong type, an integer beyond the column's range)."""


def _checked_value(where: str, kind: pa.DataType, value: Any) -> Any:
    """`value` as the column can store it; RowError naming the column and value otherwise."""
    if value is None:
        return None
    if pa.types.is_string(kind):
        if not isinstance(value, str):
            raise RowError(f"{where} is {type(value).__name__}, not text")
        value.encode("utf-8")  # a lone surrogate raises here, not in the middle of a file
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RowError(f"{where} is {type(value).__name__}, not a number")
    if pa.types.is_integer(kind):
        if isinstance(value, float):
            if not value.is_integer():
                raise RowError(f"{where} = {value} is not a whole number")
            value = int(value)
        bound = 1 << (kind.bit_width - 1)
        if not -bound <= value < bound:
            raise RowError(
                f"{where} = {value} is beyond the range of the column ({kind}, up to about "
                f"{float(bound):.2g})"
            )
        return value
    if isinstance(value, int):  # a float column: Arrow refuses ints it cannot hold exactly
        try:
            return float(value)
        except OverflowError:
            raise RowError(f"{where} = {value} is beyond the range of a float") from None
    return value


class TableWriter:
    """Rows in, `NAME.csv` and `NAME.parquet` out; files appear only when `close()` succeeds.

    `checked(row)` first: `add` trusts its rows, which are written in chunks, so that a bad
    value found by `checked` costs its article, not a chunk of the table.
    """

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
        #: (column, its name for errors, its type, whether it holds text), built once: the
        #: driver checks every cell of a run
        self._checks = [
            (col, f"{name}.{col}", typ, pa.types.is_string(typ))
            for col, (typ, _) in self.columns.items()
        ]

    def checked(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row as its table stores it; RowError names the column and value that cannot be."""
        out: dict[str, Any] = {}
        for col, where, typ, text in self._checks:
            value = row.get(col)
            if value is None:
                out[col] = None
            elif text and type(value) is str:  # most cells: what `_checked_value` does to text
                value.encode("utf-8")  # a lone surrogate raises here
                out[col] = value
            else:
                out[col] = _checked_value(where, typ, value)
        return out

    def add(self, row: dict[str, Any]) -> None:
        """Queue a row that `checked` returned."""
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

    def discard(self) -> None:
        """Close the files of a run that did not complete (they are never published)."""
        self._csv_file.close()
        self._parquet.close()

    def close(self) -> None:
        """Write what is left and give the files their names."""
        self._flush()
        self._csv_file.close()
        self._parquet.close()
        os.replace(self._csv_tmp, self.out_dir / f"{self.name}.csv")
        os.replace(self._pq_tmp, self.out_dir / f"{self.name}.parquet")


_REPLACE_BATCH = 10_000


def read_parquet(path: Path) -> pq.ParquetFile:
    """A Parquet file to read a batch at a time, in the calling thread: without Arrow's
    read-ahead (`pre_buffer`), whose I/O threads keep memory of their own once done (20 MB of
    the driver's, reading a table of 60,000 articles)."""
    return pq.ParquetFile(path, pre_buffer=False)


def replace_columns(out_dir: Path, name: str, links: Path, *, excel: bool = False) -> None:
    """Fill columns of a written table (CSV + Parquet, atomically), the other cells untouched,
    from `links`: a Parquet file of those columns, one row per row of the table, in order.

    For the linking stage's id columns: hex ids and nulls, which no formula guard touches."""
    columns = list(TABLE_COLUMNS[name])
    replaced = pq.ParquetFile(links).schema_arrow.names
    pq_tmp, csv_tmp = out_dir / f".{name}.parquet.tmp", out_dir / f".{name}.csv.tmp"
    # batch by batch: neither the table nor its new columns are ever whole in memory (a run
    # over an archive is millions of rows); the new columns go from Arrow to Arrow
    values = _LinkSlices(links)
    with (
        read_parquet(out_dir / f"{name}.parquet") as source,
        pq.ParquetWriter(pq_tmp, source.schema_arrow) as parquet,
    ):
        for batch in source.iter_batches(batch_size=_REPLACE_BATCH, use_threads=False):
            table = pa.Table.from_batches([batch])
            cells = values.take(batch.num_rows)
            for column in replaced:
                typ = TABLE_COLUMNS[name][column][0]
                filled = cells.column(column).combine_chunks().cast(typ)
                table = table.set_column(columns.index(column), column, filled)
            parquet.write_table(table)
    encoding = "utf-8-sig" if excel else "utf-8"
    positions = [columns.index(column) for column in replaced]
    with (
        open(out_dir / f"{name}.csv", encoding=encoding, newline="") as source,
        open(csv_tmp, "w", encoding=encoding, newline="") as target,
    ):
        reader, writer = csv.reader(source), csv.writer(target)
        writer.writerow(next(reader))
        writer.writerows(_filled(reader, _link_rows(links), positions))
    os.replace(csv_tmp, out_dir / f"{name}.csv")
    os.replace(pq_tmp, out_dir / f"{name}.parquet")


def _filled(
    rows: Iterator[list[str]], values: Iterator[tuple[Any, ...]], positions: list[int]
) -> Iterator[list[str]]:
    """CSV rows with the cells at `positions` replaced by `values` (cells already), row by
    row."""
    if len(positions) == 1:  # most tables: one link column
        [index] = positions
        for cells, (value,) in zip(rows, values, strict=True):
            cells[index] = value
            yield cells
        return
    for cells, row in zip(rows, values, strict=True):
        for index, value in zip(positions, row, strict=True):
            cells[index] = value
        yield cells


class _LinkSlices:
    """The rows of a Parquet file handed out as Arrow tables of as many rows as asked for."""

    def __init__(self, path: Path):
        self._batches = read_parquet(path).iter_batches(
            batch_size=_REPLACE_BATCH, use_threads=False
        )
        self._schema = pq.ParquetFile(path).schema_arrow
        self._left = self._schema.empty_table()

    def take(self, count: int) -> pa.Table:
        """The next `count` rows (fewer only when the file has no more)."""
        parts = [self._left]
        held = self._left.num_rows
        while held < count and (batch := next(self._batches, None)) is not None:
            parts.append(pa.Table.from_batches([batch]))
            held += batch.num_rows
        table = pa.concat_tables(parts)
        self._left = table.slice(count)
        return table.slice(0, count)


def _link_rows(path: Path) -> Iterator[tuple[Any, ...]]:
    """The rows of a Parquet file as tuples of CSV cells, read a batch at a time. Text
    columns are made cells in Arrow (null → "", NUL → U+FFFD, as `_csv_cell` does): 20% of
    the linking stage's rewrite of the fact tables went to calling it on every id."""
    for batch in read_parquet(path).iter_batches(batch_size=_REPLACE_BATCH, use_threads=False):
        yield from zip(*(_cells(column) for column in batch.columns), strict=True)


def _cells(column: pa.Array) -> list[Any]:
    if pa.types.is_string(column.type):
        text = pc.replace_substring(column, "\x00", "\ufffd")
        return pc.fill_null(text, "").to_pylist()
    return [_csv_cell(value) for value in column.to_pylist()]


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
        "UTF-8 CSV with a header, and Parquet beside each. In the five fact tables, one row "
        "per mention: `article[field][start:end] == text` always holds (for `caption`, offsets "
        "index the captions joined by a blank line).",
        "",
        "`bodies`, `people` and `positions` are written after extraction, from all fact rows "
        "of the run (`pipeline/link`). Their ids are hashes of a canonical key: the same input "
        "gives the same ids whatever the workers or engine; the fact tables link to them "
        "(`person_id`, `body_id`, `issuer_body_id`, `owner_body_id`). Dates (`first_seen`, "
        "`last_seen`) are publication dates in Vietnam time; null when no article naming it "
        "is dated. `vnie.duckdb` adds the views `positions_timeline`, `body_activity` and "
        "`documents_cited`.",
        "",
    ]
    for table, columns in TABLE_COLUMNS.items():
        lines += [f"## {table}", "", "| column | type | meaning |", "|---|---|---|"]
        lines += [f"| `{col}` | {typ} | {meaning} |" for col, (typ, meaning) in columns.items()]
        lines.append("")
    lines += ["## errors", "", "| column | meaning |", "|---|---|"]
    lines += [f"| `{col}` | {meaning} |" for col, meaning in ERROR_MEANINGS.items()]
    lines += [
        "",
        "Every article read is either in the tables or one row of `errors.csv`, never both and "
        "never twice (an id read again is an error row).",
        "",
        "`manifest.json` records the run: versions, the rules used (`rules_dir`, the folder, "
        "and `rules_hash`, their content), inputs, counts, seconds.",
        "",
        "The files of this folder are links into `.vnie/current/`, the folder of the last "
        "complete run: a new run replaces them all at once when it completes.",
        "",
        "In the CSV files a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage "
        "return (also after spaces, and their fullwidth forms `＝`, `＋`, `－`, `＠`) gets a "
        "leading `'`, so that a spreadsheet shows it instead of running it (`vnie extract "
        "--raw` writes cells as found). A NUL character, which CSV readers refuse, is written "
        "as U+FFFD in the CSV files. Parquet and DuckDB always hold the values as found.",
        "",
    ]
    return "\n".join(lines)
