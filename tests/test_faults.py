"""Fault injection: each case of issue 10 ("Hardening") on a tiny generated input.

One test per numbered item (1–9; item 10, the two super-linear rules, belongs to the rewrite
of the rules and is tested there) and one per case of item 11. Every input is built here from
the seed article's real sentences; the web servers are real ones on loopback. Names introduced
by the hardening are imported inside the tests, so that this module also runs, and fails case
by case, against the code as it was before.
"""

from __future__ import annotations

import asyncio
import codecs
import csv
import itertools
import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import psutil
import pytest
from bad_inputs import OVERFLOW_SENTENCE, gzip_lines, gzip_member
from batch_archives import (
    REPO,
    cached_results,
    extract_process,
    manifest,
    seed_articles,
    seed_paragraphs,
    write_jsonl,
)
from loopback import Loopback, answer
from scrape_site import encode_1258

from pipeline.batch.runner import estimate_total, run_extract
from pipeline.ingest.archives import read_archives
from pipeline.outputs.tables import neutralize_formula, restore_formula
from pipeline.records import Article
from pipeline.scrape.fetch import Fetcher, FetchError
from pipeline.sources.catalog import CrawlSettings, Source

#: A 20-digit figure in dollars: beyond int64 as an integer, a float as an amount.
USD_SENTENCE = "Kim ngạch xuất khẩu đạt 12345678901234567890 USD trong năm qua."


def _errors(out: Path) -> list[dict[str, str]]:
    with open(out / "errors.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _rows(out: Path, table: str) -> list[dict[str, str]]:
    with open(out / f"{table}.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _ids(out: Path) -> list[str]:
    return [row["article_id"] for row in _rows(out, "articles")]


def _with_sentence(record: dict, sentence: str, article_id: str) -> dict:
    return {**record, "id": article_id, "text": record["text"] + "\n\n" + sentence}


# ---- 1. an amount beyond int64 --------------------------------------------------------------


def test_1_an_amount_beyond_int64_costs_its_article_and_the_run_and_resume_complete(tmp_path):
    good = seed_articles(2)
    overflow = _with_sentence(seed_articles(1, first=2)[0], OVERFLOW_SENTENCE, "ty-ty-dong")
    dollars = _with_sentence(seed_articles(1, first=3)[0], USD_SENTENCE, "usd-20-chu-so")
    first = write_jsonl(tmp_path / "first.jsonl", good)
    second = write_jsonl(tmp_path / "second.jsonl", [good[0], overflow, dollars, good[1]])
    out = tmp_path / "out"
    run_extract([str(first)], out, workers=1)

    run_extract([str(second)], out, workers=1)
    assert manifest(out)["inputs"] == [str(second)]
    assert _ids(out) == ["seed-0000", "usd-20-chu-so", "seed-0001"]
    [error] = _errors(out)
    assert error["article_id"] == "ty-ty-dong" and error["stage"] == "write"
    assert f"{second}:2" in error["message"] and "9300000000000000000" in error["message"]
    assert "money.amount_vnd" in error["message"]
    [usd] = [row for row in _rows(out, "money") if row["text"].endswith(" USD")]
    assert usd["currency"] == "USD" and float(usd["amount"]) == pytest.approx(1.2345678901e19)

    tables = {name: (out / name).read_bytes() for name in ("articles.csv", "money.csv")}
    run_extract([str(second)], out, workers=1)  # what --resume does: the same inputs again
    assert manifest(out)["articles_from_cache"] == 3
    assert {name: (out / name).read_bytes() for name in tables} == tables
    assert len(_errors(out)) == 1


# ---- 2. a truncated or corrupt .jsonl.gz -----------------------------------------------------


def test_2_a_damaged_jsonl_gz_is_an_error_row_after_the_records_before_it(tmp_path):
    records = seed_articles(6)
    whole = gzip_lines(records[2:3])
    truncated = tmp_path / "cut.jsonl.gz"  # two good records, then a member cut short
    truncated.write_bytes(gzip_lines(records[:2]) + whole[: len(whole) // 2])
    broken = bytearray(gzip_lines(records[5:6]))
    broken[10] |= 0b110  # the first deflate block's type becomes 11, which does not exist
    corrupt = tmp_path / "corrupt.jsonl.gz"
    corrupt.write_bytes(gzip_lines(records[3:5]) + bytes(broken))
    after = write_jsonl(tmp_path / "after.jsonl", seed_articles(1, first=10))
    out = tmp_path / "out"

    run_extract([str(truncated), str(corrupt), str(after)], out, workers=1)
    assert _ids(out) == ["seed-0000", "seed-0001", "seed-0003", "seed-0004", "seed-0010"]
    cut, bad = _errors(out)
    assert cut["origin"] == f"{truncated}:3" and "EOFError" in cut["message"]
    assert bad["origin"] == f"{corrupt}:3" and "error" in bad["message"].lower()
    assert all(e["stage"] == "read" for e in (cut, bad))


# ---- 3. a lone surrogate escape --------------------------------------------------------------


def test_3_a_lone_surrogate_escape_becomes_a_replacement_character(tmp_path):
    record = seed_articles(1)[0]
    line = json.dumps(
        {**record, "id": "emoji-cut", "title": record["title"] + " \ud83d", "note": "\udc00"}
    )
    assert "\\ud83d" in line  # what JavaScript writes for half an emoji
    archive = tmp_path / "a.jsonl"
    archive.write_text(line + "\n", encoding="ascii")
    out = tmp_path / "out"
    run_extract([str(archive)], out, workers=1)
    assert not _errors(out)
    [row] = _rows(out, "articles")
    assert row["title"] == record["title"] + " \ufffd"  # same length: offsets hold
    assert _rows(out, "documents")


# ---- 4. byte-order marks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_4_a_byte_order_mark_is_read(tmp_path, bom, encoding):
    records = seed_articles(2)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    path = tmp_path / "bom.jsonl"
    path.write_bytes(bom + text.encode(encoding))
    items = list(read_archives([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert [i.text for i in items] == [r["text"] for r in records]
    assert items[0].origin == f"{path}:1"


# ---- 5. two runs into one folder -------------------------------------------------------------


def test_5_a_second_run_into_a_busy_folder_is_refused(tmp_path):
    busy = write_jsonl(tmp_path / "busy.jsonl", seed_articles(400))
    small = write_jsonl(tmp_path / "small.jsonl", seed_articles(2, first=500))
    out = tmp_path / "out"
    first = extract_process(str(busy), "--out", str(out), "--workers", "1")
    try:
        deadline = time.monotonic() + 60
        while cached_results(out) < 8 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None, "the first run ended before the second one started"
        second = extract_process(str(small), "--out", str(out), "--workers", "1")
        _, stderr = second.communicate(timeout=120)
        assert first.poll() is None, "the first run ended before the second one was refused"
        assert second.returncode == 3
        assert "another vnie run is writing" in stderr and "Traceback" not in stderr
    finally:
        first.kill()
        first.wait()
    # the lock died with its holder; nothing of either run was published
    assert not (out / "articles.csv").exists()
    run_extract([str(small)], out, workers=1)
    assert _ids(out) == ["seed-0500", "seed-0501"]


# ---- 6. a gzip bomb and a billion blank lines ------------------------------------------------


def test_6a_a_gzip_bomb_line_is_reported_with_bounded_memory(tmp_path):
    before, after = seed_articles(2)
    line = itertools.chain(
        [b'{"id": "bomb", "text": "'], itertools.repeat(b"a" * (1 << 20), 256), [b'"}\n']
    )
    bomb = tmp_path / "bomb.jsonl.gz"  # a 256 MB line between two good ones
    bomb.write_bytes(gzip_lines([before]) + gzip_member(line) + gzip_lines([after]))
    assert bomb.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        items = list(read_archives([bomb]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article"]
    assert items[1].origin == f"{bomb}:2" and "longer than" in items[1].message
    assert [items[0].id, items[2].id] == [before["id"], after["id"]]
    assert peak < 64 << 20, f"{peak >> 20} MB to read a 256 MB line"


def test_6b_a_billion_blank_lines_are_skipped_in_bounded_time(tmp_path):
    blank = tmp_path / "blank.jsonl.gz"
    member = gzip_member(itertools.repeat(b"\n" * (1 << 20), 64))  # 64 Mi blank lines
    record = seed_articles(1)[0]
    blank.write_bytes(member * 16 + gzip_lines([record]))  # 2^30 blank lines, then one record
    started = time.process_time()
    items = list(read_archives([blank]))
    seconds = time.process_time() - started
    assert [i.origin for i in items] == [f"{blank}:{(1 << 30) + 1}"]
    assert isinstance(items[0], Article) and items[0].id == record["id"]
    assert seconds < 60, f"{seconds:.0f} s for 2^30 blank lines"


# ---- 7 and 8. the crawler against a hostile server on loopback -------------------------------


def _page(handler: BaseHTTPRequestHandler) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in seed_paragraphs()[:2])
    html = f'<html><head><meta charset="utf-8"></head><body><article>{paragraphs}</article>'
    answer(handler, 200, (html + "</body></html>").encode(), Content_Type="text/html")


def _fetch(settings: CrawlSettings, call: Callable) -> object:
    """`call(fetcher)` in a fresh event loop, with a Fetcher of `settings`."""

    async def main() -> object:
        async with Fetcher(settings) as fetcher:
            return await call(fetcher)

    return asyncio.run(main())


def _source(base_url: str) -> Source:
    return Source(key="baothu", name="Báo Thử", base_url=base_url, max_rps=0, concurrency=4)


def test_7_a_robots_txt_over_the_fetch_cap_is_parsed_to_500_kib():
    rules = b"User-agent: *\nDisallow: /private/\n"
    robots = rules + (b"# " + b"x" * 77 + b"\n") * 40_000  # 3.2 MB of comments after the rule
    with Loopback({"/robots.txt": lambda h: answer(h, 200, robots)}) as site:
        settings = CrawlSettings(max_decoded_bytes=2_000_000, max_retries=0, timeout=2.0)
        source = _source(site.base_url)
        private, public = site.base_url + "private/bai-a1.html", site.base_url + "bai-a2.html"
        allowed = _fetch(
            settings,
            lambda f: asyncio.gather(f.allowed(private, source), f.allowed(public, source)),
        )
    assert allowed == [False, True]


def test_7b_a_robots_txt_that_cannot_be_read_disallows_everything():
    corrupt = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 64  # a gzip header, junk

    def robots(handler: BaseHTTPRequestHandler) -> None:
        answer(handler, 200, corrupt, Content_Encoding="gzip")

    with Loopback({"/robots.txt": robots}) as site:
        source = _source(site.base_url)
        settings = CrawlSettings(max_retries=0, timeout=2.0)
        allowed = _fetch(settings, lambda f: f.allowed(site.base_url + "bai-a1.html", source))
    assert allowed is False


def _drip(handler: BaseHTTPRequestHandler) -> None:
    body = b"<html><body>" + b"." * 28 + b"</body></html>"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    for byte in body:  # one byte every 0.1 s: each read is on time, the whole is not
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.1)


def test_8a_a_server_dripping_bytes_is_cut_off_at_the_request_deadline():
    with Loopback({"/nho-giot-a1.html": _drip}) as site:
        settings = CrawlSettings(timeout=0.5, request_deadline=1.0, max_retries=0)
        source, url = _source(site.base_url), site.base_url + "nho-giot-a1.html"
        started = time.monotonic()
        with pytest.raises(FetchError, match="deadline"):
            _fetch(settings, lambda f: f.fetch(url, source))
        assert time.monotonic() - started < 3.0


def test_8b_a_redirect_to_another_port_of_the_same_host_is_refused():
    with Loopback({"/bai-a1.html": _page}) as other, Loopback({}) as site:
        target = other.base_url + "bai-a1.html"
        site.routes["/bai-a1.html"] = lambda h: answer(h, 302, b"", Location=target)
        source, url = _source(site.base_url), site.base_url + "bai-a1.html"
        assert source.owns(site.base_url + "x.html") and not source.owns(target)
        settings = CrawlSettings(max_retries=0, timeout=2.0)
        with pytest.raises(FetchError, match="redirected off"):
            _fetch(settings, lambda f: f.fetch(url, source))


# ---- 9. workers die with their driver --------------------------------------------------------

DRIVER = """
import json, os, sys, time
import psutil
from pathlib import Path
from pipeline.batch.workers import local_executor

executor = local_executor(2, Path(sys.argv[1]))
list(executor.map(time.sleep, [0.5, 0.5, 0.5, 0.5]))  # both workers started and loaded
me = psutil.Process()  # workers are forked from it (spawned where fork is not available)
workers = [
    p.pid for p in me.children() if p.cmdline() == me.cmdline() or "spawn_main" in str(p.cmdline())
]
print(json.dumps(workers), flush=True)
time.sleep(600)
"""


def test_9_pool_workers_die_with_a_killed_driver():
    from pipeline.locations import DEFAULT_RULES_DIR

    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(DEFAULT_RULES_DIR)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    workers: list[psutil.Process] = []
    try:
        assert driver.stdout is not None
        pids = json.loads(driver.stdout.readline())
        workers = [psutil.Process(pid) for pid in pids]
        assert len(workers) == 2
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait()
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert not alive, f"workers {[p.pid for p in alive]} outlived their driver"
    finally:
        driver.kill()
        for worker in workers:
            if worker.is_running():
                worker.kill()


WATCHED = """
import sys, time
from pipeline.batch.workers import watch_parent

watch_parent(int(sys.argv[1]), interval=0.05)  # what a worker does where there is no prctl
print("armed", flush=True)
time.sleep(60)
"""
MIDDLE = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(__import__("os").getpid())])
print(child.pid, flush=True)
time.sleep(60)
"""


def test_9b_where_there_is_no_prctl_a_watchdog_ends_the_orphan():
    middle = subprocess.Popen(
        [sys.executable, "-c", MIDDLE, WATCHED], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    child = None
    try:
        assert middle.stdout is not None
        child = psutil.Process(int(middle.stdout.readline()))
        assert middle.stdout.readline().strip() == "armed"  # the child shares the pipe
        os.kill(middle.pid, signal.SIGKILL)
        middle.wait()
        _, alive = psutil.wait_procs([child], timeout=10)
        assert not alive, "the orphan outlived its parent"
    finally:
        middle.kill()
        if child is not None and child.is_running():
            child.kill()


# ---- 11. the smaller cases, one batch over all of them ---------------------------------------


@pytest.fixture(scope="module")
def small_cases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One archive holding every small case of item 11, and the folder of its run."""
    folder = tmp_path_factory.mktemp("small")
    records = seed_articles(6)
    lines = [
        json.dumps(records[0], ensure_ascii=False),  # 1
        json.dumps({**records[1], "id": records[0]["id"]}, ensure_ascii=False),  # 2: same id
        json.dumps({**records[2], "id": 0}),  # 3: id 0
        json.dumps({**records[3], "id": ["a", "b"]}),  # 4: a list id
        json.dumps({**records[3], "id": {"so": 7}}),  # 5: a dict id
        json.dumps({**records[4], "title": "Tin\u0000 tỉnh", "id": "nul"}),  # 6: NUL escapes
        json.dumps({"id": "khong-co-bai", "title": records[5]["title"]}),  # 7: no text
        '{"id": "dut", "text": "Ủy ban nhân dân tỉnh',  # 8: an unterminated string
    ]
    archive = folder / "small.jsonl"
    archive.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = folder / "out"
    run_extract([str(archive)], out, workers=1)
    return archive, out


def _error_at(out: Path, origin: str) -> dict[str, str]:
    found = [e for e in _errors(out) if e["origin"] == origin]
    assert len(found) == 1, _errors(out)
    return found[0]


def test_11a_a_duplicate_id_is_an_error_row_and_written_once(small_cases):
    archive, out = small_cases
    assert _ids(out).count("seed-0000") == 1
    error = _error_at(out, f"{archive}:2")
    assert error["article_id"] == "seed-0000" and f"{archive}:1" in error["message"]


def test_11b_id_0_is_an_id(small_cases):
    archive, out = small_cases
    assert "0" in _ids(out)
    assert not [e for e in _errors(out) if e["origin"] == f"{archive}:3"]


def test_11c_a_list_or_dict_id_is_refused_clearly(small_cases):
    archive, out = small_cases
    for line in (4, 5):
        error = _error_at(out, f"{archive}:{line}")
        assert "'id' must be a string or an integer" in error["message"]
    assert not [i for i in _ids(out) if i.startswith(("[", "{"))]


def test_11d_no_nul_reaches_the_csv(small_cases):
    _, out = small_cases
    assert "nul" in _ids(out)
    for path in out.glob("*.csv"):
        assert b"\x00" not in path.read_bytes(), path.name


def test_11e_errors_carry_the_article_id_when_it_was_readable(small_cases):
    archive, out = small_cases
    assert _error_at(out, f"{archive}:7")["article_id"] == "khong-co-bai"


def test_11f_json_messages_do_not_say_at_at(small_cases):
    archive, out = small_cases
    message = _error_at(out, f"{archive}:8")["message"]
    assert "not JSON" in message and " at at " not in message


def _out_error(out: Path) -> subprocess.CompletedProcess:
    small = REPO / "corpus" / "articles"
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(small), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_11g_an_out_that_is_a_file_or_read_only_is_a_clear_message(tmp_path):
    a_file = tmp_path / "outputs.csv"
    a_file.write_text("article_id\n", encoding="utf-8")
    if os.geteuid() != 0:
        read_only = tmp_path / "read-only"
        read_only.mkdir(mode=0o555)
    elif Path("/sys").is_dir():
        read_only = Path("/sys") / "vnie-out"  # root may write anywhere but where the kernel is
    else:
        pytest.skip("no read-only folder for root here")
    for out, reason in ((a_file, "not a folder"), (read_only, "")):
        done = _out_error(out)
        assert done.returncode == 2, done.stderr
        assert f"--out {out}" in done.stderr and reason in done.stderr
        assert "Traceback" not in done.stderr


def test_11h_the_progress_total_of_a_jsonl_gz_counts_its_records(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip_lines(seed_articles(5)))
    assert estimate_total([str(path)]) == 5


@pytest.mark.parametrize(
    "value", ["＝1+1", " =1+1", '\u00a0=HYPERLINK("http://x")', "\u3000@SUM(A1)", "  -2+3"]
)
def test_11i_the_csv_guard_covers_fullwidth_and_leading_spaces(value):
    cell = neutralize_formula(value)
    assert cell == "'" + value
    assert restore_formula(cell) == value


def test_11j_a_gazetteer_that_is_not_utf8_names_its_file(tmp_path):
    import shutil

    from pipeline.extract.registry import load_rules
    from pipeline.locations import DEFAULT_RULES_DIR

    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    bad = rules / "gazetteers" / "honorifics.txt"
    bad.write_bytes(encode_1258("ông\nbà\nđồng chí\n"))
    with pytest.raises(ValueError, match=r"honorifics\.txt") as raised:
        load_rules(rules)
    assert "UTF-8" in str(raised.value)
