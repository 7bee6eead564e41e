"""Analyst-ready outputs: a DuckDB file, a Frictionless data package, spreadsheet-safe cells.

Everything here reads an out dir that `vnie extract` finished; nothing changes the tables.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.outputs.generations import files_dir, publish_file
from pipeline.outputs.tables import (
    ERROR_COLUMNS,
    ERROR_MEANINGS,
    FOREIGN_KEYS,
    PRIMARY_KEYS,
    TABLE_COLUMNS,
    write_json_atomic,
)
from pipeline.records import FACT_TABLES

MENTION_KEY = ["article_id", "field", "start", "end"]

VIEWS = {
    "officials_with_organizations": """
        SELECT o.*, g.org_type, g.level, g.location, g.abbreviation AS org_abbreviation,
               g.mentions AS org_mentions
        FROM officials AS o
        LEFT JOIN (
            SELECT article_id, name, any_value(org_type) AS org_type, any_value(level) AS level,
                   any_value(location) AS location, any_value(abbreviation) AS abbreviation,
                   count(*) AS mentions
            FROM organizations GROUP BY article_id, name
        ) AS g ON g.article_id = o.article_id AND g.name = o.organization""",
    "documents_by_issuer_year": """
        SELECT issuer, issuer_code, year, count(*) AS mentions,
               count(DISTINCT doc_id) AS documents, count(DISTINCT article_id) AS articles
        FROM documents GROUP BY issuer, issuer_code, year
        ORDER BY mentions DESC, issuer, year""",
    "money_by_article": """
        SELECT a.article_id, a.source, a.title, a.published_at, m.mentions, m.total_vnd,
               m.largest_vnd, m.other_currency_mentions
        FROM articles AS a
        JOIN (
            SELECT article_id, count(*) AS mentions, sum(amount_vnd) AS total_vnd,
                   max(amount_vnd) AS largest_vnd,
                   count(*) FILTER (WHERE amount_vnd IS NULL) AS other_currency_mentions
            FROM money GROUP BY article_id
        ) AS m USING (article_id)
        ORDER BY m.total_vnd DESC NULLS LAST""",
    "positions_timeline": """
        SELECT p.person_id, pe.name AS person, p.title AS post, p.body_id,
               coalesce(b.name, p.organization) AS body, b.province, b.province_2025,
               p.first_seen AS from_date, p.last_seen AS to_date, p.n_articles,
               p.article_id AS example_article_id
        FROM positions AS p
        JOIN people AS pe USING (person_id)
        LEFT JOIN bodies AS b USING (body_id)
        ORDER BY pe.name, p.person_id, from_date NULLS LAST, post""",
    "body_activity": """
        WITH article_month AS (
            SELECT article_id, substr(published_at, 1, 7) AS month FROM articles
        ), mentioned AS (
            SELECT o.body_id, a.month, count(*) AS mentions,
                   count(DISTINCT o.article_id) AS articles
            FROM organizations AS o JOIN article_month AS a USING (article_id)
            WHERE o.body_id IS NOT NULL GROUP BY ALL
        ), issued AS (
            SELECT issuer_body_id AS body_id, substr(issued_on, 1, 7) AS month,
                   count(DISTINCT doc_id) AS documents_issued
            FROM documents WHERE issuer_body_id IS NOT NULL AND doc_id <> '' GROUP BY ALL
        ), paid AS (
            SELECT o.body_id, a.month, count(*) AS money_mentions,
                   sum(m.amount_vnd) AS money_vnd
            FROM money AS m
            JOIN (SELECT DISTINCT article_id, sentence_id, body_id FROM organizations
                  WHERE body_id IS NOT NULL) AS o USING (article_id, sentence_id)
            JOIN article_month AS a USING (article_id)
            GROUP BY ALL
        ), keys AS (
            SELECT body_id, month FROM mentioned UNION SELECT body_id, month FROM issued
            UNION SELECT body_id, month FROM paid
        )
        SELECT k.body_id, b.name AS body, b.province, k.month,
               coalesce(mentioned.mentions, 0) AS mentions,
               coalesce(mentioned.articles, 0) AS articles,
               coalesce(issued.documents_issued, 0) AS documents_issued,
               coalesce(paid.money_mentions, 0) AS money_mentions, paid.money_vnd
        FROM keys AS k
        JOIN bodies AS b USING (body_id)
        LEFT JOIN mentioned ON mentioned.body_id = k.body_id
             AND mentioned.month IS NOT DISTINCT FROM k.month
        LEFT JOIN issued ON issued.body_id = k.body_id
             AND issued.month IS NOT DISTINCT FROM k.month
        LEFT JOIN paid ON paid.body_id = k.body_id AND paid.month IS NOT DISTINCT FROM k.month
        ORDER BY body, k.body_id, k.month NULLS LAST""",
    "documents_cited": """
        SELECT d.doc_id, mode(d.doc_type) AS doc_type, mode(d.issuer) AS issuer,
               mode(d.issuer_body_id) AS issuer_body_id, any_value(b.name) AS issuer_body,
               mode(d.issued_on) AS issued_on, count(*) AS mentions,
               count(DISTINCT d.article_id) AS articles,
               min(substr(a.published_at, 1, 10)) AS first_cited,
               max(substr(a.published_at, 1, 10)) AS last_cited,
               string_agg(DISTINCT d.article_id, ', ' ORDER BY d.article_id) AS article_ids
        FROM documents AS d
        JOIN articles AS a USING (article_id)
        LEFT JOIN bodies AS b ON b.body_id = d.issuer_body_id
        WHERE d.doc_id <> ''
        GROUP BY d.doc_id
        ORDER BY mentions DESC, d.doc_id""",
    "mentions": " UNION ALL ".join(
        f"SELECT '{table}' AS kind, article_id, field, sentence_id, start, \"end\", text, "
        f"rule_id FROM {table}"
        for table in FACT_TABLES
    ),
}

VIEW_MEANINGS = {
    "officials_with_organizations": "each official, with the type, level and place of the "
    "organization of the same name in the same article",
    "documents_by_issuer_year": "document mentions counted by issuer and year",
    "money_by_article": "money figures per article: count, total and largest amount in đồng "
    "(range rows count their low end)",
    "mentions": "every fact of the five fact tables, with its kind",
    "positions_timeline": "who held which post at which body, from the first to the last "
    "publication date that names it (dates are null for undated articles)",
    "body_activity": "per body and month of publication: mentions, money figures named in the "
    "same sentence as the body; documents the body issued, by month of issue",
    "documents_cited": "each document: its issuer (and issuing body), the date it was issued "
    "when an article gives it, how often and in which articles it is cited",
}


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


#: DuckDB's settings while it copies the tables in: left to itself it takes a share of the
#: machine's memory per thread (230 MB of the driver's at 60,000 articles); one thread and a
#: small budget (it streams from Parquet to the file) keep the copy under 80 MB, in 4 s
_LOADING: dict[str, str | bool | int | float | list[str]] = {"threads": 1, "memory_limit": "32MB"}


def write_duckdb(out_dir: Path, db_name: str = "vnie.duckdb") -> Path:
    """out_dir/vnie.duckdb: the six tables (from Parquet), `errors`, and the analysts' views.

    Written beside the tables of the published run (see `pipeline.outputs.generations`).
    """
    import duckdb

    published = Path(out_dir)
    out_dir = files_dir(published)
    target = out_dir / db_name
    tmp = out_dir / f".{db_name}.tmp"
    tmp.unlink(missing_ok=True)
    connection = duckdb.connect(str(tmp), config=_LOADING)
    try:
        for table, columns in TABLE_COLUMNS.items():
            parquet = out_dir / f"{table}.parquet"
            if parquet.exists():
                connection.execute(
                    f"CREATE TABLE {table} AS SELECT * FROM "
                    f"read_parquet({_sql_string(str(parquet))})"
                )
            else:  # an empty table of the right shape, so the views still work
                schema = pa.schema([(name, typ) for name, (typ, _) in columns.items()])
                connection.register("empty_table", schema.empty_table())
                connection.execute(f"CREATE TABLE {table} AS SELECT * FROM empty_table")
                connection.unregister("empty_table")
        errors_csv = out_dir / "errors.csv"
        column_types = ", ".join(f"'{c}': 'VARCHAR'" for c in ERROR_COLUMNS)
        source = (
            f"read_csv({_sql_string(str(errors_csv))}, header = true, columns = {{{column_types}}})"
            if errors_csv.exists()
            else None
        )
        if source:
            connection.execute(f"CREATE TABLE errors AS SELECT * FROM {source}")
        else:
            connection.execute(
                "CREATE TABLE errors (" + ", ".join(f"{c} VARCHAR" for c in ERROR_COLUMNS) + ")"
            )
        # the comments and views in one transaction: a commit each was 0.3 s of a run's
        # fixed cost (the tables are loaded a commit each, which keeps the load's memory low)
        connection.execute("BEGIN TRANSACTION")
        for table, columns in TABLE_COLUMNS.items():
            for name, (_, meaning) in columns.items():
                connection.execute(f'COMMENT ON COLUMN {table}."{name}" IS {_sql_string(meaning)}')
        for view, query in VIEWS.items():
            connection.execute(f"CREATE VIEW {view} AS {query}")
            connection.execute(f"COMMENT ON VIEW {view} IS {_sql_string(VIEW_MEANINGS[view])}")
        connection.execute("COMMIT")
    finally:
        connection.close()
    os.replace(tmp, target)
    publish_file(published, db_name)
    return published / db_name


def _frictionless_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_integer(arrow_type):
        return "integer"
    if pa.types.is_floating(arrow_type):
        return "number"
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_date(arrow_type):
        return "date"
    return "string"


def _encoding(path: Path) -> str:
    with path.open("rb") as stream:
        return "utf-8-sig" if stream.read(3) == b"\xef\xbb\xbf" else "utf-8"


def _resource(out_dir: Path, table: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    path = out_dir / f"{table}.csv"
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = [PRIMARY_KEYS[table]]
    references = [
        (column, target) for (source, column), target in FOREIGN_KEYS.items() if source == table
    ]
    if table == "errors":
        references.append(("article_id", "articles"))
    if references:
        schema["foreignKeys"] = [
            {
                "fields": [column],
                # a table referring to itself names no resource (Table Schema)
                "reference": {
                    "resource": "" if target == table else target,
                    "fields": [PRIMARY_KEYS[target]],
                },
            }
            for column, target in references
        ]
    return {
        "name": table,
        "path": path.name,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": _encoding(path),
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": schema,
    }


def write_datapackage(out_dir: Path) -> Path:
    """out_dir/datapackage.json: each CSV with every column's type and meaning (Table Schema)."""
    published = Path(out_dir)
    out_dir = files_dir(published)
    resources = []
    for table, columns in TABLE_COLUMNS.items():
        if (out_dir / f"{table}.csv").exists():
            fields = [
                {"name": name, "type": _frictionless_type(typ), "description": meaning}
                for name, (typ, meaning) in columns.items()
            ]
            resources.append(_resource(out_dir, table, fields))
    if (out_dir / "errors.csv").exists():
        fields = [
            {"name": name, "type": "string", "description": ERROR_MEANINGS[name]}
            for name in ERROR_COLUMNS
        ]
        resources.append(_resource(out_dir, "errors", fields))
    manifest_path = out_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    package = {
        "profile": "tabular-data-package",
        "name": "vnie-outputs",
        "title": "Facts from Vietnamese provincial press",
        "description": (
            "One row per mention: article[field][start:end] == text (offsets index the field "
            "as read; captions joined by a blank line). Join every fact table to articles on "
            "article_id; bodies, people and positions link mentions across articles (body_id, "
            "person_id: stable hashes of a canonical key). Text cells starting with =, +, -, @, "
            "tab or CR (also after spaces, and in fullwidth form) carry a leading apostrophe in "
            "the CSV (formula-injection guard) unless the run wrote raw CSV; NUL is written as "
            "U+FFFD in the CSV; the Parquet files and vnie.duckdb hold the values as found."
        ),
        "version": str(manifest.get("vnie", "")),
        "created": manifest.get("started_at"),
        "sources": [{"title": str(path)} for path in manifest.get("inputs", [])],
        "resources": resources,
    }
    write_json_atomic(out_dir / "datapackage.json", package)
    publish_file(published, "datapackage.json")
    return published / "datapackage.json"
