"""The whole shared corpus: no crash, and the offset invariant on every row of every table."""

import json

import pandas as pd
import pytest

from pipeline.outputs.tables import FACT_TABLES
from pipeline.records import Article


@pytest.mark.slow
def test_every_row_of_every_table_points_at_its_text(shared_articles, whole_corpus_run):
    out = whole_corpus_run
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    articles: dict[str, Article] = {}
    for path in sorted(shared_articles.glob("*.jsonl")):
        with path.open(encoding="utf-8", newline="\n") as lines:  # not splitlines(): U+2028
            for line in lines:
                article = Article.from_record(json.loads(line))
                articles[article.id] = article
    errors = pd.read_csv(out / "errors.csv", keep_default_na=False)
    assert manifest["articles"] == len(articles)
    # everything that failed says where and why; nothing is dropped silently
    assert (errors["origin"] != "").all() and (errors["message"] != "").all()
    assert len(pd.read_csv(out / "articles.csv")) + len(errors) == len(articles)
    assert len(errors) == 0, errors.head().to_string()
    for table in FACT_TABLES:
        rows = pd.read_parquet(out / f"{table}.parquet")
        assert len(rows) > 0
        for row in rows.itertuples():
            source = articles[row.article_id].field_text(row.field)
            assert source[row.start : row.end] == row.text, (table, row)
