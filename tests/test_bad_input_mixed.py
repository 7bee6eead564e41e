"""Real articles with every kind of bad input mixed in: the same tables, one error row each."""

from __future__ import annotations

import csv
import itertools
import shutil
from pathlib import Path

import pytest
from bad_inputs import write_bad_inputs
from batch_archives import TABLES, manifest, table_bytes

from pipeline.batch.runner import run_extract


def _tables(out: Path) -> dict[str, bytes]:
    return {name: data for name, data in table_bytes(out).items() if name != "errors.csv"}


def _errors(out: Path) -> list[dict[str, str]]:
    with open(out / "errors.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _first_lines(source: Path, target: Path, count: int) -> Path:
    with source.open(encoding="utf-8") as lines:
        target.write_text("".join(itertools.islice(lines, count)), encoding="utf-8")
    return target


def _first_id(path: Path) -> str:
    import json

    with path.open(encoding="utf-8") as lines:
        return json.loads(next(lines))["id"]


def _check_mixed(
    good: list[Path], clean_out: Path, tmp_path: Path, workers: int, reuse_cache: bool
) -> None:
    """`clean_out` is a run over the good files alone; with every bad input between them, a
    run gives the same tables and one error row for each.

    With `reuse_cache` the mixed run starts from the clean run's results, so that the good
    articles are not extracted twice: what is compared is then reading, order and writing.
    """
    bad = write_bad_inputs(tmp_path / "bad", known_id=_first_id(good[0]))
    bad_paths = list(bad.values())
    share = -(-len(bad_paths) // (len(good) - 1))  # bad files between each pair of good ones
    mixed: list[Path] = []
    for index, path in enumerate(good):
        mixed += [path, *bad_paths[index * share : (index + 1) * share]]
    assert set(mixed) == set(good) | set(bad_paths)

    mixed_out = tmp_path / "mixed"
    if reuse_cache:
        (mixed_out / ".vnie").mkdir(parents=True)
        shutil.copy(clean_out / ".vnie" / "results.sqlite", mixed_out / ".vnie")
    run_extract([str(p) for p in mixed], mixed_out, workers=workers)
    if reuse_cache:
        assert manifest(mixed_out)["articles_from_cache"] == manifest(clean_out)["articles"]

    assert not _errors(clean_out)
    assert _tables(mixed_out) == _tables(clean_out)
    errors = _errors(mixed_out)
    for kind, path in bad.items():
        rows = [e for e in errors if e["origin"].startswith(str(path))]
        assert len(rows) == 1, (kind, rows)
        assert str(path) in rows[0]["message"], kind
    assert len(errors) == len(bad) == manifest(mixed_out)["errors"]
    assert manifest(mixed_out)["rows"]["articles"] == manifest(clean_out)["rows"]["articles"]
    assert set(TABLES) <= {name.split(".")[0] for name in _tables(mixed_out)}


def test_a_few_real_articles_with_every_bad_input_mixed_in(shared_articles: Path, tmp_path: Path):
    good = [
        _first_lines(shared_articles / name, tmp_path / f"good-{name}", 5)
        for name in ("baobinhdinh.jsonl", "vietnews-political.jsonl", "provincial-excerpts.jsonl")
    ]
    clean_out = tmp_path / "clean"
    run_extract([str(p) for p in good], clean_out, workers=1)
    _check_mixed(good, clean_out, tmp_path, workers=1, reuse_cache=False)


@pytest.mark.slow
def test_the_whole_shared_corpus_with_every_bad_input_mixed_in(
    shared_articles: Path, whole_corpus_run: Path, tmp_path: Path
):
    good = sorted(shared_articles.glob("*.jsonl"))  # the order a run over the folder reads
    _check_mixed(good, whole_corpus_run, tmp_path, workers=2, reuse_cache=True)
