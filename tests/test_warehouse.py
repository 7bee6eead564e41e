"""Analyst-ready outputs: the DuckDB file and its views, datapackage.json, formula-safe cells."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch.runner import run_extract
from pipeline.outputs.tables import (
    FACT_TABLES,
    TABLE_COLUMNS,
    TableWriter,
    data_dictionary,
    neutralize_formula,
    restore_formula,
)
from pipeline.outputs.warehouse import write_datapackage, write_duckdb

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "articles" / "seed-baolongan.jsonl"
duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("warehouse")
    run_extract([str(SEED)], out, ROOT / "rules", workers=1)
    return out


def _csv(out: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)


def test_duckdb_has_the_tables_and_views_with_their_rows(out_dir: Path) -> None:
    path = write_duckdb(out_dir)
    assert path == out_dir / "vnie.duckdb"
    with duckdb.connect(str(path), read_only=True) as db:
        for table in TABLE_COLUMNS:
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == len(
                _csv(out_dir, table)
            ), table
            columns = [row[0] for row in db.execute(f"DESCRIBE {table}").fetchall()]
            assert columns == list(TABLE_COLUMNS[table])
        officials, money, documents = (
            _csv(out_dir, t) for t in ("officials", "money", "documents")
        )
        count = {
            view: db.execute(f"SELECT count(*) FROM {view}").fetchone()[0]
            for view in (
                "officials_with_organizations",
                "documents_by_issuer_year",
                "money_by_article",
                "mentions",
            )
        }
        assert count["officials_with_organizations"] == len(officials)
        assert count["documents_by_issuer_year"] == len(
            documents.groupby(["issuer", "issuer_code", "year"])
        )
        assert count["money_by_article"] == money["article_id"].nunique()
        assert count["mentions"] == sum(len(_csv(out_dir, t)) for t in FACT_TABLES)
        # the seed article's officials over time: one row per position, with its dates
        timeline = db.execute(
            "SELECT person, post, body, from_date, to_date FROM positions_timeline "
            "WHERE person = 'Nguyễn Thanh Hải'"
        ).fetchall()
        assert ("Nguyễn Thanh Hải", "Phó Bí thư Thường trực", "Tỉnh ủy Long An") in {
            row[:3] for row in timeline
        }
        assert {str(row[3]) for row in timeline} == {"2022-05-20"}
        cited = dict(db.execute("SELECT doc_id, issuer_body FROM documents_cited").fetchall())
        assert cited["05-CT/TW"] == "Bộ Chính trị"
        activity = db.execute(
            "SELECT month, mentions FROM body_activity WHERE body = 'Tỉnh ủy Long An'"
        ).fetchall()
        assert activity and all(month == "2022-05" and n > 0 for month, n in activity)
        total = db.execute("SELECT total_vnd FROM money_by_article").fetchone()[0]
        assert total == money["amount_vnd"].astype(int).sum() == 5_200_000_000
        joined = dict(
            db.execute(
                "SELECT person, org_type FROM officials_with_organizations "
                "WHERE org_type IS NOT NULL"
            ).fetchall()
        )
        organizations = _csv(out_dir, "organizations")
        for person, organization in zip(
            officials["person"], officials["organization"], strict=True
        ):
            known = organizations.loc[organizations["name"] == organization, "org_type"]
            assert (person in joined) == (not known.empty)
            if person in joined:
                assert joined[person] in set(known)


def test_duckdb_without_a_table_keeps_its_shape(out_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(out_dir, copy)
    (copy / "models.parquet").unlink()
    with duckdb.connect(str(write_duckdb(copy)), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM models").fetchone()[0] == 0
        assert [r[0] for r in db.execute("DESCRIBE models").fetchall()] == list(
            TABLE_COLUMNS["models"]
        )


def test_committed_data_dictionary_is_the_one_runs_write() -> None:
    """`make run` rewrites outputs/README.md from the column descriptions: the committed file
    must be that text, or a run leaves the working tree changed and the two drift apart."""
    committed = Path(__file__).resolve().parents[1] / "outputs" / "README.md"
    assert committed.read_text(encoding="utf-8") == data_dictionary()


def test_datapackage_lists_every_column(out_dir: Path) -> None:
    package = json.loads(write_datapackage(out_dir).read_text("utf-8"))
    assert package["profile"] == "tabular-data-package"
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {*TABLE_COLUMNS, "errors"}
    for table, columns in TABLE_COLUMNS.items():
        resource = resources[table]
        assert (out_dir / resource["path"]).exists() and resource["encoding"] == "utf-8"
        fields = resource["schema"]["fields"]
        with (out_dir / resource["path"]).open(encoding="utf-8", newline="") as stream:
            assert next(csv.reader(stream)) == [f["name"] for f in fields]
        assert [f["name"] for f in fields] == list(columns)
        assert all(
            f["description"] and f["type"] in ("string", "integer", "number", "date")
            for f in fields
        )
    types = {f["name"]: f["type"] for f in resources["money"]["schema"]["fields"]}
    assert (types["amount_vnd"], types["amount"], types["currency"]) == (
        "integer",
        "number",
        "string",
    )
    assert resources["articles"]["schema"]["primaryKey"] == ["article_id"]
    assert resources["bodies"]["schema"]["primaryKey"] == ["body_id"]
    assert resources["people"]["schema"]["primaryKey"] == ["person_id"]
    references = {
        (table, fk["fields"][0]): fk["reference"]
        for table, resource in resources.items()
        for fk in resource["schema"].get("foreignKeys", [])
    }
    assert references[("officials", "person_id")] == {"resource": "people", "fields": ["person_id"]}
    assert references[("positions", "body_id")] == {"resource": "bodies", "fields": ["body_id"]}
    assert references[("documents", "issuer_body_id")]["resource"] == "bodies"
    # a table referring to itself names no resource (Frictionless Table Schema)
    assert references[("bodies", "parent_body_id")] == {"resource": "", "fields": ["body_id"]}
    assert {"date"} == {
        f["type"] for f in resources["positions"]["schema"]["fields"] if f["name"].endswith("_seen")
    }


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+84 272 3826 345", "'+84 272 3826 345"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),
        ("Ủy ban nhân dân tỉnh Long An", "Ủy ban nhân dân tỉnh Long An"),
        ("'trích dẫn'", "'trích dẫn'"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralized_reversibly(value: str, cell: str) -> None:
    assert neutralize_formula(value) == cell
    assert restore_formula(cell) == value


def test_table_writer_neutralizes_unless_raw(tmp_path: Path) -> None:
    title = '=HYPERLINK("http://example.com", "Long An: Học tập và làm theo gương Bác")'
    for raw, expected in ((False, "'" + title), (True, title)):
        out = tmp_path / f"raw-{raw}"
        out.mkdir()
        writer = TableWriter(out, "articles", raw=raw)
        writer.add(
            {
                "article_id": "seed-baolongan-2022-05-20",
                "source": "baolongan",
                "title": title,
                "n_chars": 9928,
            }
        )
        writer.close()
        with (out / "articles.csv").open(encoding="utf-8", newline="") as stream:
            assert next(csv.DictReader(stream))["title"] == expected
        assert pd.read_parquet(out / "articles.parquet")["title"][0] == title
