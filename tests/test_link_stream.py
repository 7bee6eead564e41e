"""The linking stage's reading and writing of the run's tables: article by article, a batch at
a time, on real Parquet and CSV files written by the run's own table writer."""

from __future__ import annotations

import csv

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.link.stream import ColumnsWriter, by_article
from pipeline.outputs.tables import TableWriter, replace_columns

ORGANIZATION = {"field": "body", "sentence_id": 0, "start": 0, "end": 10, "rule_id": "r"}


def _write(folder, table, rows):
    writer = TableWriter(folder, table)
    for row in rows:
        writer.add(writer.checked(row))
    writer.close()


def test_each_article_comes_with_its_rows_of_every_table(tmp_path):
    _write(
        tmp_path,
        "articles",
        [{"article_id": "baolongan-1", "title": "Long An"}, {"article_id": "baolongan-2"}],
    )
    names = [
        ("baolongan-1", "Ủy ban nhân dân tỉnh Long An"),
        ("baolongan-1", "Sở Tài chính"),
        ("mất-bài", "Tỉnh ủy Long An"),  # its article has no row: linked alone, where it is
        ("baolongan-2", "Hội đồng nhân dân huyện Đức Huệ"),
    ]
    _write(
        tmp_path,
        "organizations",
        [{**ORGANIZATION, "article_id": a, "name": n, "text": n} for a, n in names],
    )
    _write(tmp_path, "officials", [{"article_id": "baolongan-2", "person": "Nguyễn Văn Út"}])
    columns = {"articles": ["article_id"], "organizations": ["article_id", "name"]}
    columns["officials"] = ["article_id", "person"]
    groups = [
        (
            group.article_id,
            group.order,
            group.row is not None,
            [(n, row["name"]) for n, row in group.facts["organizations"]],
            [row["person"] for _, row in group.facts["officials"]],
        )
        for group in by_article(tmp_path, columns)
    ]
    assert groups == [
        (
            "baolongan-1",
            0,
            True,
            [(0, "Ủy ban nhân dân tỉnh Long An"), (1, "Sở Tài chính")],
            [],
        ),
        ("mất-bài", None, False, [(2, "Tỉnh ủy Long An")], []),
        ("baolongan-2", 1, True, [(3, "Hội đồng nhân dân huyện Đức Huệ")], ["Nguyễn Văn Út"]),
    ]


def test_link_columns_are_filled_from_a_file_across_batches(tmp_path):
    """25,001 rows (three batches of the rewrite): each id lands on its row in the CSV and
    the Parquet file, every other cell as it was."""
    n = 25_001
    rows = [
        {**ORGANIZATION, "article_id": f"baolongan-{i}", "name": f"Sở Tài chính {i}"}
        for i in range(n)
    ]
    _write(tmp_path, "organizations", rows)
    links = ColumnsWriter(tmp_path / "links.parquet", pa.schema([("body_id", pa.string())]))
    for i in range(n):
        links.add({"body_id": f"{i:016x}" if i % 7 else None})
    links.close()
    replace_columns(tmp_path, "organizations", links.path)
    table = pq.read_table(tmp_path / "organizations.parquet")
    assert table.column("body_id").to_pylist()[:8] == [
        None,
        *(f"{i:016x}" for i in range(1, 7)),
        None,
    ]
    assert table.column("body_id").to_pylist()[-1] == f"{n - 1:016x}"
    assert table.column("name").to_pylist() == [row["name"] for row in rows]
    with open(tmp_path / "organizations.csv", encoding="utf-8", newline="") as source:
        cells = list(csv.DictReader(source))
    assert [c["body_id"] for c in cells[7:9]] == ["", f"{8:016x}"]
    assert [c["name"] for c in cells] == [row["name"] for row in rows]
