"""The linking stage over the whole shared corpus: the identity gold's scores, the timeline the
issue asks for, the 2025 provinces, and the same ids whatever the engine (slow)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from batch_archives import SHARED_ARTICLES, table_bytes

from pipeline.batch.runner import run_extract
from pipeline.evaluation.identity import load_pairs, score_identity
from pipeline.locations import DEFAULT_RULES_DIR
from pipeline.outputs.warehouse import write_duckdb

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "identity"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SHARED_ARTICLES.exists(), reason="../shared/corpus is absent"),
]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    run_extract([str(SHARED_ARTICLES)], out, workers=2)
    write_duckdb(out)
    return out


def _labelled(kind: str) -> int:
    return sum(p["label"] in ("same", "different") for p in load_pairs(GOLD, kind))


def test_people_are_merged_with_the_precision_and_recall_asked_for(corpus_run):
    score = score_identity(GOLD, corpus_run, "officials")
    # a mention a later rule no longer reads as a row (`UBND huyện` meaning any district's) is
    # reported as unmatched; nearly all must still be scored
    assert score.tp + score.fp + score.fn + score.tn >= 0.9 * _labelled("officials")
    assert score.precision >= 0.97 and score.recall >= 0.85, score.errors


def test_bodies_are_merged_with_the_precision_and_recall_asked_for(corpus_run):
    score = score_identity(GOLD, corpus_run, "bodies")
    assert score.tp + score.fp + score.fn + score.tn >= 0.9 * _labelled("bodies")
    assert score.precision >= 0.97 and score.recall >= 0.85, score.errors


def test_the_timeline_shows_an_official_in_two_posts_at_two_dates(corpus_run):
    with duckdb.connect(str(corpus_run / "vnie.duckdb"), read_only=True) as db:
        moved = db.execute(
            "SELECT person_id FROM positions_timeline WHERE from_date IS NOT NULL "
            "GROUP BY person_id HAVING count(DISTINCT post) >= 2 "
            "AND count(DISTINCT from_date) >= 2"
        ).fetchall()
        assert moved
        unconverted = db.execute(
            "SELECT count(*) FROM bodies WHERE province IS NOT NULL AND province_2025 IS NULL"
        ).fetchone()[0]
        assert unconverted == 0
        merged = dict(
            db.execute(
                "SELECT DISTINCT province, province_2025 FROM bodies "
                "WHERE province IN ('Long An', 'Bình Định')"
            ).fetchall()
        )
        assert merged == {"Long An": "Tây Ninh", "Bình Định": "Gia Lai"}


def test_dask_gives_the_same_ids_as_one_worker(tmp_path):
    pytest.importorskip("distributed")
    from pipeline.batch.distributed import dask_executor

    inputs = [
        str(SHARED_ARTICLES / "baobinhdinh.jsonl"),
        str(SHARED_ARTICLES / "provincial-excerpts.jsonl"),
    ]
    run_extract(inputs, tmp_path / "one", workers=1)
    executor, close = dask_executor(None, 2, DEFAULT_RULES_DIR)
    try:
        run_extract(inputs, tmp_path / "dask", workers=2, executor=executor, engine="dask")
    finally:
        close()
    assert table_bytes(tmp_path / "one") == table_bytes(tmp_path / "dask")
