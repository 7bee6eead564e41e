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
    FACT_TABLES,
    TABLE_COLUMNS,
    write_json_atomic,
)

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
}


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


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
    connection = duckdb.connect(str(tmp))
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
            for name, (_, meaning) in columns.items():
                connection.execute(f'COMMENT ON COLUMN {table}."{name}" IS {_sql_string(meaning)}')
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
        for view, query in VIEWS.items():
            connection.execute(f"CREATE VIEW {view} AS {query}")
            connection.execute(f"COMMENT ON VIEW {view} IS {_sql_string(VIEW_MEANINGS[view])}")
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
    return "string"


def _encoding(path: Path) -> str:
    with path.open("rb") as stream:
        return "utf-8-sig" if stream.read(3) == b"\xef\xbb\xbf" else "utf-8"


def _resource(out_dir: Path, table: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    path = out_dir / f"{table}.csv"
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table == "articles":
        schema["primaryKey"] = ["article_id"]
    elif table in FACT_TABLES or table == "errors":
        schema["foreignKeys"] = [
            {
                "fields": ["article_id"],
                "reference": {"resource": "articles", "fields": ["article_id"]},
            }
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
            "article_id. Text cells starting with =, +, -, @, tab or CR (also after spaces, and "
            "in fullwidth form) carry a leading apostrophe in the CSV (formula-injection "
            "guard) unless the run wrote raw CSV; NUL is written as U+FFFD in the CSV; "
            "the Parquet files and vnie.duckdb hold the values as found."
        ),
        "version": str(manifest.get("vnie", "")),
        "created": manifest.get("started_at"),
        "sources": [{"title": str(path)} for path in manifest.get("inputs", [])],
        "resources": resources,
    }
    write_json_atomic(out_dir / "datapackage.json", package)
    publish_file(published, "datapackage.json")
    return published / "datapackage.json"
