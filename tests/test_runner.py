"""The batch driver: same tables for any worker count and engine, resumable, incremental."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from batch_archives import (
    REPO,
    SHARED_ARTICLES,
    cached_results,
    extract_process,
    manifest,
    seed_articles,
    table_bytes,
    write_jsonl,
)

from pipeline.batch import workers
from pipeline.batch.progress import ExtractProgress, summary_text
from pipeline.batch.runner import RunSummary, estimate_total, run_extract
from pipeline.batch.workers import process_article
from pipeline.locations import DEFAULT_RULES_DIR


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 articles made of the seed article's paragraphs, plus one bad line."""
    folder = tmp_path_factory.mktemp("archive")
    path = write_jsonl(folder / "seed.jsonl", seed_articles(24))
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"id": "broken", "text": \n')
    return path


@pytest.fixture(scope="module")
def one_worker(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference run: one worker, inline."""
    out = tmp_path_factory.mktemp("one")
    run_extract([str(archive)], out, workers=1)
    return out


def test_one_worker_run_writes_every_table(one_worker: Path) -> None:
    run = manifest(one_worker)
    assert run["articles"] == 25 and run["errors"] == 1 and run["engine"] == "inline"
    assert run["rows"]["articles"] == 24 and run["rows"]["documents"] > 0
    assert "seed.jsonl:25" in (one_worker / "errors.csv").read_text(encoding="utf-8")


def test_two_workers_give_identical_tables(archive: Path, one_worker: Path, tmp_path: Path) -> None:
    run_extract([str(archive)], tmp_path, workers=2, batch_size=3)
    assert manifest(tmp_path)["engine"] == "ProcessPoolExecutor"
    assert table_bytes(tmp_path) == table_bytes(one_worker)


def test_dask_engine_gives_identical_tables(
    archive: Path, one_worker: Path, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    from pipeline.batch.distributed import dask_executor

    executor, close = dask_executor(None, 2, DEFAULT_RULES_DIR)
    try:
        run_extract(
            [str(archive)], tmp_path, workers=2, executor=executor, engine="dask", batch_size=3
        )
    finally:
        close()
    assert manifest(tmp_path)["engine"] == "dask"
    assert table_bytes(tmp_path) == table_bytes(one_worker)


def test_incremental_run_processes_only_new_articles(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", seed_articles(6))
    out = tmp_path / "out"
    run_extract([str(first)], out, workers=1)
    grown = write_jsonl(tmp_path / "b.jsonl", seed_articles(6) + seed_articles(3, first=100))
    run_extract([str(grown)], out, workers=1)
    assert manifest(out)["articles"] == 9
    assert manifest(out)["articles_from_cache"] == 6
    reference = tmp_path / "reference"
    run_extract([str(grown)], reference, workers=1)
    assert table_bytes(out) == table_bytes(reference)


def test_a_damaged_cache_row_is_computed_again(tmp_path: Path) -> None:
    import sqlite3

    archive = write_jsonl(tmp_path / "a.jsonl", seed_articles(3))
    out = tmp_path / "out"
    run_extract([str(archive)], out, workers=1)
    before = table_bytes(out)
    with sqlite3.connect(out / ".vnie" / "results.sqlite") as db:
        db.execute("UPDATE results SET result = '{\"article\": ' WHERE rowid = 1")
    run_extract([str(archive)], out, workers=1)
    assert manifest(out)["articles_from_cache"] == 2
    assert table_bytes(out) == before


def test_a_change_to_the_rules_reprocesses_everything(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    archive = write_jsonl(tmp_path / "a.jsonl", seed_articles(4))
    out = tmp_path / "out"
    run_extract([str(archive)], out, rules_dir=rules, workers=1)
    run_extract([str(archive)], out, rules_dir=rules, workers=1)
    assert manifest(out)["articles_from_cache"] == 4
    hash_before = manifest(out)["rules_hash"]
    with (rules / "money.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n# một dòng chú thích mới\n")
    run_extract([str(archive)], out, rules_dir=rules, workers=1)
    assert manifest(out)["articles_from_cache"] == 0
    assert manifest(out)["rules_hash"] != hash_before


def test_sigkill_then_resume_gives_identical_tables(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "seed.jsonl", seed_articles(160))
    out = tmp_path / "out"
    process = extract_process(str(archive), "--out", str(out), "--workers", "1")
    deadline = time.monotonic() + 120
    while cached_results(out) < 24 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "manifest.json").exists()
    killed_at = cached_results(out)
    assert 24 <= killed_at < 160

    resumed = extract_process("--resume", "--out", str(out), "--workers", "1")
    stdout, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, stderr
    assert "160 articles" in stdout
    assert manifest(out)["articles_from_cache"] >= killed_at

    reference = tmp_path / "reference"
    run_extract([str(archive)], reference, workers=1)
    assert table_bytes(out) == table_bytes(reference)
    assert not list(out.glob(".*.tmp"))


class _Stop(Exception):
    """Raised by a progress display to end a run midway."""


def _stop_after_first_batch(_summary: RunSummary) -> None:
    raise _Stop


def test_a_run_that_dies_midway_leaves_the_previous_run_whole(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", seed_articles(4))
    second = write_jsonl(tmp_path / "second.jsonl", seed_articles(12, first=4))
    out = tmp_path / "out"
    run_extract([str(first)], out, workers=1)
    before = table_bytes(out) | {"manifest": (out / "manifest.json").read_bytes()}
    with pytest.raises(_Stop):
        run_extract([str(second)], out, workers=1, batch_size=2, progress=_stop_after_first_batch)
    assert table_bytes(out) | {"manifest": (out / "manifest.json").read_bytes()} == before
    assert len(list((out / ".vnie" / "generations").iterdir())) == 2  # the dead run's, unseen
    run_extract([str(second)], out, workers=1)
    assert manifest(out)["inputs"] == [str(second)]
    assert len(list((out / ".vnie" / "generations").iterdir())) == 1


def test_an_output_folder_of_plain_files_is_switched_to_one_generation(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", seed_articles(2))
    out = tmp_path / "out"
    out.mkdir()
    for name in ("articles.csv", "money.parquet", "manifest.json"):  # an earlier layout
        (out / name).write_text("old", encoding="utf-8")
    run_extract([str(archive)], out, workers=1)
    for name in ("articles.csv", "money.parquet", "manifest.json", "errors.csv"):
        assert (out / name).is_symlink(), name
        assert (out / name).resolve().parent == (out / ".vnie" / "current").resolve()
    assert manifest(out)["articles"] == 2
    assert not (out / "README.md").is_symlink()


def test_resume_without_a_previous_run_says_so(tmp_path: Path) -> None:
    process = extract_process("--resume", "--out", str(tmp_path / "nothing"))
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "no run to resume" in stderr


def _hang(*_args: object, **_kwargs: object) -> None:
    while True:
        pass


def _seed_record(timeout: float) -> dict:
    return {"article": seed_articles(1)[0], "origin": "a.jsonl:1", "timeout": timeout}


def test_timeout_on_the_main_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.engine.article.extract", _hang)
    result = process_article(_seed_record(0.5))
    assert result == {"error": ["timeout", "a.jsonl:1: no result after 0.5 s"]}


def test_timeout_on_a_worker_thread_as_under_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.engine.article.extract", _hang)
    results: list[dict] = []
    thread = threading.Thread(target=lambda: results.append(process_article(_seed_record(0.5))))
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert results == [{"error": ["timeout", "a.jsonl:1: no result after 0.5 s"]}]


def test_a_finished_article_is_not_hit_by_its_deadline_later() -> None:
    results: list[dict] = []

    def work() -> None:
        results.append(process_article(_seed_record(0.3)))
        time.sleep(0.6)  # past the deadline: nothing must be raised here
        results.append({"after": True})

    workers.init_worker()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    assert "article" in results[0] and results[1] == {"after": True}


def test_total_is_counted_for_jsonl_only(archive: Path, tmp_path: Path) -> None:
    assert estimate_total([str(archive)]) == 25
    (tmp_path / "a.txt").write_text("Long An", encoding="utf-8")
    assert estimate_total([str(archive), str(tmp_path)]) is None


def test_plain_progress_lines_and_summary() -> None:
    stream = io.StringIO()
    progress = ExtractProgress(stream=stream, interval=0, live=False)
    progress(RunSummary(articles=8, errors=1, cached=2, total=16))
    progress.close()
    assert stream.getvalue().startswith("extract: 8/16 articles (")
    assert "1 errors, 2 from cache, ETA" in stream.getvalue()
    summary = RunSummary(articles=16, errors=1, counts={"articles": 15, "money": 3}, seconds=2.0)
    text = summary_text(summary, "out")
    assert "16 articles (0 from cache) in 2.0 s (8.0/s), 1 errors" in text
    assert "15 articles, 3 money" in text


CRASHING_WORKER = """
import os
import pipeline.engine.article as engine

_extract = engine.extract


def extract(article, ruleset, *args, **kwargs):
    if article.id == "crash":
        os._exit(9)  # a worker dies the way a segfault or the OOM killer ends it
    return _extract(article, ruleset, *args, **kwargs)


engine.extract = extract
"""


def test_a_dying_worker_costs_one_article_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(CRASHING_WORKER, encoding="utf-8")
    records = seed_articles(12)
    records[5] = {**records[5], "id": "crash"}
    archive = write_jsonl(tmp_path / "a.jsonl", records)
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "extract",
        str(archive),
        "--out",
        str(out),
        "--workers",
        "2",
    ]
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    errors = (out / "errors.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(errors) == 1
    assert f"{archive}:6" in errors[0] and ",worker," in errors[0]
    assert manifest(out)["rows"]["articles"] == 11


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_ARTICLES.exists(), reason="../shared/corpus is absent")
def test_shared_corpus_slice_same_tables_for_1_and_2_workers(tmp_path: Path) -> None:
    archive = tmp_path / "slice.jsonl"
    with (SHARED_ARTICLES / "vietnews-political.jsonl").open(encoding="utf-8") as lines:
        archive.write_text("".join(next(lines) for _ in range(300)), encoding="utf-8")
    run_extract([str(archive)], tmp_path / "one", workers=1)
    run_extract([str(archive)], tmp_path / "two", workers=2)
    assert table_bytes(tmp_path / "one") == table_bytes(tmp_path / "two")
    assert manifest(tmp_path / "two")["rows"]["articles"] > 250


_PROBE: list[object] = []  # a pattern made before the pool starts, read in its workers


def _probe_in_worker() -> bool:
    """In a pool worker: was the probe pattern compiled before the fork?"""
    return "_compiled" in vars(_PROBE[0])


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_forked_workers_start_with_the_drivers_compiled_patterns() -> None:
    from pipeline.engine.ruleset import lazy_compile

    _PROBE[:] = [lazy_compile(r"(?<![\p{L}])Long\s+An(?![\p{L}])")]
    assert "_compiled" not in vars(_PROBE[0])
    pool = workers.local_executor(2, DEFAULT_RULES_DIR)
    try:
        assert pool.submit(_probe_in_worker).result(timeout=120)
    finally:
        pool.shutdown(wait=True)
