"""Kill the crawl process with SIGKILL mid-way, run it again: same articles, nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from scrape_site import FakePaper, sources_yaml

from pipeline.scrape.crawl import run_crawl
from pipeline.sources.catalog import load_sources

REPO = Path(__file__).resolve().parents[1]
VOLATILE = ("fetched_at",)


def scrape_process(sources_file: Path, archive: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "pipeline.scrape.command"]
    command += ["--sources", str(sources_file), "--archive", str(archive)]
    return subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def records(archive: Path) -> list[dict]:
    lines = (archive / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def comparable(archive: Path) -> list[dict]:
    rows = [{k: v for k, v in r.items() if k not in VOLATILE} for r in records(archive)]
    return sorted(rows, key=lambda row: row["id"])


def test_sigkill_then_resume_gives_the_same_articles_and_a_third_run_refetches_nothing(tmp_path):
    with FakePaper(crawl_delay=0.08) as site:  # slow enough to be killed mid-way
        sources_file = tmp_path / "sources.yml"
        sources_file.write_text(sources_yaml(site.base_url), encoding="utf-8")
        killed = tmp_path / "killed"
        process = scrape_process(sources_file, killed)
        deadline = time.monotonic() + 20
        articles = killed / "articles.jsonl"
        while time.monotonic() < deadline:
            if articles.exists() and len(articles.read_bytes().splitlines()) >= 3:
                break
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        done_before = len(records(killed))
        assert 3 <= done_before < len(site.good()), "the kill came too late to test resuming"

        process = scrape_process(sources_file, killed)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr
        assert "resuming" in stderr

        # the same site crawled without interruption, into another folder
        config = load_sources(sources_file)
        run_crawl(config.sources, config.settings, tmp_path / "whole")

        ids = [record["id"] for record in records(killed)]
        assert len(ids) == len(set(ids)) == len(site.good())
        assert comparable(killed) == comparable(tmp_path / "whole")

        before = len(site.hits)
        process = scrape_process(sources_file, killed)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr
        third = site.hits[before:]
    full_article_fetches = [h for h in third if h.path in site.good() and h.status == 200]
    assert full_article_fetches == []
    assert all(hit.status == 304 for hit in third if hit.path.endswith((".xml", ".rss", "/")))
    assert comparable(killed) == comparable(tmp_path / "whole")
