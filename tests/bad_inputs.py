"""Bad inputs for a batch: every kind the issue of hardening names, one bad record per file.

Each file must cost exactly one row of errors.csv and add nothing to the tables, whatever
surrounds it. The texts are the seed article's real sentences.
"""

from __future__ import annotations

import gzip
import itertools
import json
import zlib
from collections.abc import Iterable
from pathlib import Path

from batch_archives import article_page, seed_articles, seed_paragraphs, write_jsonl, write_warc
from scrape_site import encode_1258

#: A money figure of 9.3 × 10^18 đồng, past the int64 range (9.22 × 10^18), in a real sentence.
OVERFLOW_SENTENCE = "Dự án có tổng vốn đầu tư 9.300.000.000 tỷ đồng từ ngân sách tỉnh."


def gzip_lines(records: list[dict]) -> bytes:
    """Records as one gzip member of JSON lines."""
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    return gzip.compress(lines.encode("utf-8"))


def gzip_member(parts: Iterable[bytes]) -> bytes:
    """One gzip member of `parts`, compressed as they come (no big buffer here)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(compressor.compress(part) for part in parts) + compressor.flush()


def overflow_article(article_id: str) -> dict:
    """An article whose money figure no int64 column holds."""
    record = seed_articles(1, first=900)[0]
    return {**record, "id": article_id, "text": record["text"] + "\n\n" + OVERFLOW_SENTENCE}


def _one_line(folder: Path, name: str, line: str) -> Path:
    path = folder / name
    path.write_text(line + "\n", encoding="utf-8")
    return path


def write_bad_inputs(folder: Path, known_id: str) -> dict[str, Path]:
    """Every kind of bad input as a file of `folder`; `known_id` is the id of an article the
    batch reads before them (the duplicate reuses it)."""
    folder.mkdir(parents=True, exist_ok=True)
    record = seed_articles(1, first=901)[0]
    files: dict[str, Path] = {}
    files["money beyond int64"] = write_jsonl(
        folder / "ty-ty-dong.jsonl", [overflow_article("ty-ty-dong")]
    )
    member = gzip_lines([{**record, "id": "cut"}])
    files["truncated .jsonl.gz"] = folder / "cut.jsonl.gz"
    files["truncated .jsonl.gz"].write_bytes(member[: len(member) // 2])
    broken = bytearray(gzip_lines([{**record, "id": "corrupt"}]))
    broken[10] |= 0b110  # the first deflate block's type becomes 11, which does not exist
    files["corrupt .jsonl.gz"] = folder / "corrupt.jsonl.gz"
    files["corrupt .jsonl.gz"].write_bytes(bytes(broken))
    line = itertools.chain(
        [b'{"id": "bomb", "text": "'], itertools.repeat(b"a" * (1 << 20), 32), [b'"}\n']
    )
    files["gzip bomb line"] = folder / "bomb.jsonl.gz"
    files["gzip bomb line"].write_bytes(gzip_member(line))
    files["duplicate id"] = write_jsonl(folder / "again.jsonl", [{**record, "id": known_id}])
    files["list id"] = write_jsonl(folder / "list-id.jsonl", [{**record, "id": ["a", 1]}])
    files["dict id"] = write_jsonl(folder / "dict-id.jsonl", [{**record, "id": {"so": 1}}])
    files["no text"] = write_jsonl(
        folder / "no-text.jsonl", [{"id": "khong-co-bai", "title": record["title"]}]
    )
    files["empty text"] = write_jsonl(folder / "empty.jsonl", [{"id": "rong", "text": " \n"}])
    files["not JSON"] = _one_line(folder, "cut-line.jsonl", '{"id": "dut", "text": "Ủy ban')
    files["binary junk"] = folder / "junk.jsonl"
    files["binary junk"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["text not UTF-8"] = folder / "cp1258.txt"
    files["text not UTF-8"].write_bytes(encode_1258(seed_paragraphs()[0]))
    page = article_page("Long An: bài cắt", seed_paragraphs()[:3])
    files["truncated WARC"] = write_warc(
        folder / "cut.warc.gz", [("https://baolongan.vn/bai-cat-a1001.html", page)]
    )
    data = files["truncated WARC"].read_bytes()
    files["truncated WARC"].write_bytes(data[: len(data) * 3 // 5])
    return files
