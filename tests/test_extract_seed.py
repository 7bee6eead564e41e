"""The seed article against its gold: the spine's acceptance test."""

import json
from pathlib import Path

from pipeline.engine.article import extract
from pipeline.evaluation.score import load_gold, name_similarity, normalize_name
from pipeline.records import Article

SEED_GOLD = Path(__file__).resolve().parent.parent / "corpus/gold/seed-article-baolongan.gold.jsonl"


def _result(seed_record, ruleset):
    return extract(Article.from_record(seed_record), ruleset)


def test_documents_and_money_are_exactly_right(seed_record, ruleset):
    gold = next(iter(load_gold([SEED_GOLD]).values()))
    mentions = _result(seed_record, ruleset).mentions
    assert {m.values["doc_id"] for m in mentions["documents"] if m.values["doc_id"]} == {
        d["doc_id"] for d in gold["documents"]
    }
    found = {(m.values["amount_vnd"], m.values["qualifier"]) for m in mentions["money"]}
    assert found == {(m["amount_vnd"], m["qualifier"]) for m in gold["money"]}


def test_every_official_and_every_model_is_found(seed_record, ruleset):
    gold = next(iter(load_gold([SEED_GOLD]).values()))
    mentions = _result(seed_record, ruleset).mentions
    people = {m.values["person"] for m in mentions["officials"]}
    assert {o["person"] for o in gold["officials"]} <= people
    models = {normalize_name(m.values["name"]) for m in mentions["models"]}
    for model in gold["models"]:
        assert any(
            name_similarity(normalize_name(model["name"]), found) >= 0.85 for found in models
        ), model["name"]


def test_organization_recall_is_at_least_0_8(seed_record, ruleset):
    gold = next(iter(load_gold([SEED_GOLD]).values()))
    names = [m.values["name"] for m in _result(seed_record, ruleset).mentions["organizations"]]
    hits = [
        o["name"]
        for o in gold["organizations"]
        if any(name_similarity(o["name"], n) >= 0.85 for n in names)
    ]
    assert len(hits) / len(gold["organizations"]) >= 0.8, set(
        o["name"] for o in gold["organizations"]
    ) - set(hits)


def test_every_row_points_at_its_text(seed_record, ruleset):
    article = Article.from_record(seed_record)
    result = _result(seed_record, ruleset)
    assert result.article_row["n_sentences"] > 20
    for mentions in result.mentions.values():
        for m in mentions:
            assert article.field_text(m.field)[m.start : m.end] == m.text, json.dumps(m.row())
