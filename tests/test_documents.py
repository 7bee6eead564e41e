"""Documents beyond the rules' own examples: what a type code means when the type is not
written, which legislature a year names, and short references across a real article."""

from __future__ import annotations

import json

import pytest

from pipeline.engine.article import extract
from pipeline.records import Article


def test_a_code_shared_by_two_types_reads_by_the_issuer(ruleset):
    """`TT` is a Thông tư in a State number (15/2023/TT-BTC) and a Thông tri in a Party one
    (03-TT/TW): the gazetteer lists both, and neither may silently win."""
    documents = ruleset.lexicon.documents
    assert documents.state_type_by_code["TT"] == "Thông tư"
    assert documents.party_type_by_code["TT"] == "Thông tri"
    # a Party Quy định written the old way or the new way is a Quy định either way
    assert documents.party_type_by_code["QĐI"] == "Quy định"
    assert documents.state_type_by_code["QĐ"] == "Quyết định"
    assert documents.state_type_by_code["TB"] == "Thông báo"


@pytest.mark.parametrize(
    ("year", "term"),
    [(2013, "QH13"), (2017, "QH14"), (2022, "QH15"), (2021, "QH15"), (2026, "QH16")],
)
def test_a_year_names_the_legislature_sitting_then(ruleset, year, term):
    assert ruleset.lexicon.documents.legislature(year) == term


def test_codes_written_without_their_diacritic(ruleset):
    documents = ruleset.lexicon.documents
    assert documents.canonical_code("QD") == "QĐ"
    assert documents.canonical_code("HDND") == "HĐND"
    assert documents.canonical_code("DU") == "DU"  # a code of its own (Đảng ủy)


def _documents(shared_articles, article_id: str, ruleset) -> dict[str, str]:
    for line in (shared_articles / "vietnews-political.jsonl").open(encoding="utf-8"):
        if f'"{article_id}"' in line[:60]:
            article = Article.from_record(json.loads(line))
            mentions = extract(article, ruleset, tables=("documents",)).mentions["documents"]
            return {m.text: m.values["doc_id"] for m in mentions}
    pytest.skip(f"{article_id} is not in the shared corpus")


def test_short_references_of_one_article(shared_articles, ruleset):
    """A Party short reference takes its named issuer's code, a State one the body's code, a
    decree needs its year, and a full number stays as written."""
    found = _documents(shared_articles, "vietnews-test-018288", ruleset)
    assert found["Chỉ thị số 1792"] == "1792/CT-TTG"
    assert found["Nghị định số 85 năm 2009"] == "85/2009/NĐ-CP"
    assert found["công văn số 2652 năm 2014"] == "2652/CV-CP"  # a letter's year is its date
