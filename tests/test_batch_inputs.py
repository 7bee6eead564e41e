"""Bad input in the batch path: each is reported with its place, and the rest of the batch runs."""

from __future__ import annotations

import csv
import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_archives import (
    article_page,
    manifest,
    seed_articles,
    seed_paragraphs,
    write_jsonl,
    write_warc,
)
from scrape_site import encode_1258

from pipeline.batch.runner import run_extract

GOOD_IDS = {"seed-0000", "seed-0001"}


def _errors(out: Path) -> list[dict[str, str]]:
    with open(out / "errors.csv", encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _article_ids(out: Path) -> set[str]:
    with open(out / "articles.csv", encoding="utf-8", newline="") as stream:
        return {row["article_id"] for row in csv.DictReader(stream)}


def _truncated_warc(folder: Path, gzip: bool) -> tuple[Path, str]:
    paragraphs = seed_paragraphs()
    pages = [
        (
            f"https://baolongan.vn/bai-{i}-a{1000 + i}.html",  # the paper's article URLs
            article_page(f"Long An: bài {i}", paragraphs[i : i + 3]),
        )
        for i in range(4)
    ]
    path = write_warc(folder / ("cut.warc.gz" if gzip else "cut.warc"), pages, gzip=gzip)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 3 // 5])
    return path, "truncated"


def _truncated_warc_gz(folder: Path) -> tuple[Path, str]:
    return _truncated_warc(folder, gzip=True)


def _truncated_warc_plain(folder: Path) -> tuple[Path, str]:
    return _truncated_warc(folder, gzip=False)


def _line_not_json(folder: Path) -> tuple[Path, str]:
    path = write_jsonl(folder / "bad.jsonl", seed_articles(1, first=50))
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"id": "cut", "text": "Ủy ban nhân dân tỉnh\n')
    return path, "bad.jsonl:2: not JSON"


def _line_without_text(folder: Path) -> tuple[Path, str]:
    record = {"id": "no-text", "title": "Long An: Học tập và làm theo gương Bác"}
    return write_jsonl(folder / "bad.jsonl", [record]), "bad.jsonl:1: missing 'text'"


def _file_not_utf8(folder: Path) -> tuple[Path, str]:
    path = folder / "cp1258.txt"
    path.write_bytes(encode_1258("Tỉnh ủy Long An"))
    return path, "cp1258.txt: not UTF-8"


def _jsonl_line_not_utf8(folder: Path) -> tuple[Path, str]:
    path = folder / "latin.jsonl"
    path.write_bytes('{"id": "x", "text": "Tỉnh ủy Long An"}\n'.encode("utf-16-le") + b"\n")
    return path, "latin.jsonl:1: "


def _empty_article(folder: Path) -> tuple[Path, str]:
    return write_jsonl(folder / "empty.jsonl", [{"id": "empty", "text": "  \n"}]), (
        "empty.jsonl:1: the article's text is empty"
    )


def _huge_article(folder: Path) -> tuple[Path, str]:
    text = "\n\n".join(seed_paragraphs())
    huge = (text + "\n\n") * (5_000_000 // len(text) + 1)
    return write_jsonl(folder / "huge.jsonl", [{"id": "huge", "text": huge}]), (
        "huge.jsonl:1: article too long"
    )


def _binary_junk_jsonl(folder: Path) -> tuple[Path, str]:
    path = folder / "junk.jsonl"
    path.write_bytes(os.urandom(20_000) + b"\x00" + os.urandom(20_000))
    return path, "junk.jsonl:"


def _binary_junk_warc(folder: Path) -> tuple[Path, str]:
    path = folder / "junk.warc.gz"
    path.write_bytes(b"\x1f\x8b" + os.urandom(20_000))
    return path, "junk.warc.gz: WARC file is damaged or truncated"


def _missing_path(folder: Path) -> tuple[Path, str]:
    return folder / "nowhere.jsonl", "nowhere.jsonl: no such file or folder"


CASES: dict[str, Callable[[Path], tuple[Path, str]]] = {
    "truncated WARC (gzip)": _truncated_warc_gz,
    "truncated WARC": _truncated_warc_plain,
    "JSONL line not JSON": _line_not_json,
    "JSONL line without text": _line_without_text,
    "file not UTF-8": _file_not_utf8,
    "JSONL line not UTF-8": _jsonl_line_not_utf8,
    "empty article": _empty_article,
    "5 MB article": _huge_article,
    "binary junk (JSONL)": _binary_junk_jsonl,
    "binary junk (WARC)": _binary_junk_warc,
    "missing input path": _missing_path,
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_reported_and_the_batch_completes(case: str, tmp_path: Path) -> None:
    bad, expected = CASES[case](tmp_path)
    before = write_jsonl(tmp_path / "before.jsonl", seed_articles(1))
    after = write_jsonl(tmp_path / "after.jsonl", seed_articles(1, first=1))
    out = tmp_path / "out"
    summary = run_extract([str(before), str(bad), str(after)], out, workers=1)
    errors = _errors(out)
    assert errors, "nothing reported"
    assert all(str(bad) in e["origin"] and str(bad) in e["message"] for e in errors)
    assert any(expected in e["message"] for e in errors), errors
    assert _article_ids(out) >= GOOD_IDS
    assert summary.errors == len(errors) == manifest(out)["errors"]


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    for gzip in (True, False):
        bad, _ = _truncated_warc(tmp_path, gzip)
        out = tmp_path / f"out-{gzip}"
        run_extract([str(bad)], out, workers=1)
        assert manifest(out)["rows"]["articles"] == 2
        assert len(_errors(out)) == 1


def test_nfd_text_is_extracted_with_offsets_into_the_nfd_field(tmp_path: Path) -> None:
    nfc = seed_articles(1)[0]
    nfd = {
        **nfc,
        "id": "nfd",
        "title": unicodedata.normalize("NFD", nfc["title"]),
        "text": unicodedata.normalize("NFD", nfc["text"]),
    }
    assert nfd["text"] != nfc["text"]
    archive = write_jsonl(tmp_path / "a.jsonl", [nfc, nfd])
    out = tmp_path / "out"
    run_extract([str(archive)], out, workers=1)
    assert not _errors(out)
    found = 0
    for table in ("organizations", "officials", "documents", "models", "money"):
        with open(out / f"{table}.csv", encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        by_id = {"nfd": [], nfc["id"]: []}
        for row in rows:
            source = {"nfd": nfd, nfc["id"]: nfc}[row["article_id"]][row["field"]]
            assert source[int(row["start"]) : int(row["end"])] == row["text"]
            by_id[row["article_id"]].append(
                (row["rule_id"], unicodedata.normalize("NFC", row["text"]))
            )
        assert by_id["nfd"] == by_id[nfc["id"]], table
        found += len(by_id["nfd"])
    assert found >= 5


def test_errors_name_the_line(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", seed_articles(2))
    with archive.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "x", "text": 5}) + "\n")
    out = tmp_path / "out"
    run_extract([str(archive)], out, workers=1)
    [error] = _errors(out)
    assert error["origin"] == f"{archive}:3" and error["stage"] == "read"
