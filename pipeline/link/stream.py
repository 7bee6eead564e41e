"""The run's tables read back article by article, and the linking stage's own files.

A run writes its tables in input order, the rows of one article together, so the linking stage
can read every table at once, a batch at a time, and hand on one article's rows from all of
them: its memory then follows the number of distinct bodies and people, not of rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.outputs.tables import read_parquet

#: rows per batch read from a table, or written to a link file
BATCH_ROWS = 1_000


@dataclass
class ArticleRows:
    """One article's rows: its `articles` row (None when a fact row's article has none) and
    its place in the run's order, then each fact table's rows with their row numbers."""

    article_id: str
    row: dict[str, Any] | None
    order: int | None
    facts: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)


class _Cursor:
    """A table's rows in order, with the number of the next one."""

    def __init__(self, path: Path, columns: Sequence[str]):
        self._batches = read_batches(path, columns)
        self._rows: list[dict[str, Any]] = []
        self._ids: list[str] = []  # the rows' article ids
        self._at = 0
        self.number = 0

    def head_id(self) -> str | None:
        """The article id of the next row (None when there is none)."""
        while self._at == len(self._rows):
            batch = next(self._batches, None)
            if batch is None:
                return None
            self._rows, self._at = batch.to_pylist(), 0
            self._ids = batch.column("article_id").to_pylist()
        return self._ids[self._at]

    def take(self, article_id: str) -> list[tuple[int, dict[str, Any]]]:
        """The rows of this article that come next (none when the next row is another's)."""
        taken: list[tuple[int, dict[str, Any]]] = []
        while self.head_id() == article_id:
            ids, start = self._ids, self._at
            end = start + 1
            while end < len(ids) and ids[end] == article_id:
                end += 1
            taken += enumerate(self._rows[start:end], self.number)
            self._at, self.number = end, self.number + end - start
        return taken


def article_ids(out_dir: Path) -> set[str]:
    """The ids of the run's articles."""
    ids: set[str] = set()
    for batch in read_batches(out_dir / "articles.parquet", ["article_id"]):
        ids.update(batch.column(0).to_pylist())
    return ids


def read_batches(path: Path, columns: Sequence[str] | None = None) -> Iterator[pa.RecordBatch]:
    """A Parquet file's batches, read in this thread (see `outputs.tables.read_parquet`)."""
    return read_parquet(path).iter_batches(
        batch_size=BATCH_ROWS, columns=None if columns is None else list(columns), use_threads=False
    )


def by_article(out_dir: Path, columns: Mapping[str, Sequence[str]]) -> Iterator[ArticleRows]:
    """Each article's rows of the tables named in `columns` (those columns read), in the order
    of `articles`. Fact rows whose article has no `articles` row come as an article of their
    own, without a row or an order, where they stand."""
    known = article_ids(out_dir)
    articles = _Cursor(out_dir / "articles.parquet", columns["articles"])
    facts = {
        name: _Cursor(out_dir / f"{name}.parquet", names)
        for name, names in columns.items()
        if name != "articles"
    }
    order = 0
    while True:
        for cursor in facts.values():  # rows of an article the run did not write
            while (orphan := cursor.head_id()) is not None and orphan not in known:
                yield ArticleRows(orphan, None, None, _take(facts, orphan))
        article_id = articles.head_id()
        if article_id is None:
            return
        row = articles.take(article_id)[0][1]  # the first, should an id come twice
        yield ArticleRows(article_id, row, order, _take(facts, article_id))
        order += 1


def _take(facts: dict[str, _Cursor], article_id: str) -> dict[str, list[tuple[int, Any]]]:
    return {name: cursor.take(article_id) for name, cursor in facts.items()}


class ColumnsWriter:
    """String columns written to a Parquet file a batch at a time (the link columns of a
    table, one row per row of it, for `outputs.tables.replace_columns`)."""

    def __init__(self, path: Path, schema: pa.Schema):
        self.path, self.schema = path, schema
        self._writer = pq.ParquetWriter(path, schema)
        self._rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        self.extend([row])

    def extend(self, rows: list[dict[str, Any]]) -> None:
        self._rows += rows
        if len(self._rows) >= BATCH_ROWS:
            self._flush()

    def write(self, table: pa.Table) -> None:
        """Rows already in Arrow, after those added."""
        self._flush()
        self._writer.write_table(table)

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def read_tuples(path: Path, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """The rows of a Parquet file as tuples of those columns' values, a batch at a time (a
    column at a time out of Arrow: a fraction of the cost of a dict per row)."""
    for batch in read_batches(path, columns):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)
