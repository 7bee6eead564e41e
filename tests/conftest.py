"""Shared fixtures: the rule set, the seed article, and the shared corpus when it is there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SEED_ARTICLES = ROOT / "corpus" / "articles" / "seed-baolongan.jsonl"
SEED_GOLD = ROOT / "corpus" / "gold" / "seed-article-baolongan.gold.jsonl"


@pytest.fixture(scope="session")
def ruleset():
    from pipeline.extract.registry import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def seed_record() -> dict:
    return json.loads(SEED_ARTICLES.read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="session")
def shared_articles() -> Path:
    articles = SHARED_CORPUS / "articles"
    if not articles.is_dir():
        pytest.skip(f"the shared corpus is not at {articles} (it sits beside the repository)")
    return articles


@pytest.fixture(scope="session")
def whole_corpus_run(shared_articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One run over the whole shared corpus on two workers, shared by the slow tests."""
    from pipeline.batch.runner import run_extract

    out = tmp_path_factory.mktemp("whole-corpus")
    run_extract([str(shared_articles)], out, workers=2)
    return out
