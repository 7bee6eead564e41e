"""Archive readers: every kind of input, and bad input reported with its place."""

import codecs
import gzip
import io
import json

from scrape_site import encode_1258
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.ingest.archives import read_archives
from pipeline.records import Article, ArticleError

SENTENCE = "Phó Bí thư Thường trực Tỉnh ủy - Nguyễn Thanh Hải nhận định."


def _items(*paths):
    return list(read_archives([str(p) for p in paths]))


def test_jsonl_good_and_bad_lines_are_all_accounted_for(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        b"\n".join(
            [
                json.dumps({"id": "a1", "text": SENTENCE, "extra_field": 1}).encode(),
                b"{not json",
                json.dumps({"id": "a3", "title": "no body"}).encode(),
                b"",
                "\u00ff".encode("latin-1"),
                json.dumps({"url": "https://baolongan.vn/x-a1.html", "text": SENTENCE}).encode(),
            ]
        )
    )
    items = _items(path)
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ArticleError)]
    assert articles[0].id == "a1"
    assert articles[0].extra == {"extra_field": 1}
    assert len(articles[1].id) == 16  # a hash of the URL
    assert [e.origin for e in errors] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert "not JSON" in errors[0].message and "'text'" in errors[1].message
    assert "UTF-8" in errors[2].message


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "g", "text": SENTENCE}) + "\n")
    (article,) = _items(path)
    assert article.text == SENTENCE


def test_folder_of_txt_and_html_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a.html").write_text(
        "<html><head><title>Tin</title></head><body><h1>Hội nghị</h1>"
        f"<div class='detail-content'><p>{SENTENCE}</p></div></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "c.bin").write_bytes(b"\x00\x01")
    items = _items(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert items[0].id == "a" and SENTENCE in items[0].text
    assert items[1].id == "b" and items[1].text == SENTENCE


def test_missing_path_and_non_utf8_text(tmp_path):
    bad = tmp_path / "old.txt"
    bad.write_bytes(encode_1258("Tỉnh ủy"))  # windows-1258, the old Vietnamese code page
    items = _items(tmp_path / "nowhere.jsonl", bad)
    assert all(isinstance(i, ArticleError) for i in items)
    assert (
        "no such file" in items[0].message and str(tmp_path / "nowhere.jsonl") in items[0].message
    )
    assert "not UTF-8" in items[1].message


def _warc(path, pages):
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=headers
                )
            )


def test_warc_responses_become_articles_and_a_truncated_file_ends_with_an_error(tmp_path):
    page = (
        "<html><body><h1>Tin tỉnh</h1><article><p>"
        + SENTENCE
        + " " * 3
        + "</p><p>"
        + SENTENCE
        + "</p></article></body></html>"
    )
    path = tmp_path / "crawl.warc.gz"
    _warc(
        path,
        [("https://baolongan.vn/tin-a1.html", page), ("https://baolongan.vn/tin-a2.html", page)],
    )
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert items[0].url == "https://baolongan.vn/tin-a1.html"
    assert "Nguyễn Thanh Hải" in items[0].text
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size - 40])
    items = _items(cut)
    assert isinstance(items[-1], ArticleError) and str(cut) in items[-1].message


def test_pages_over_the_size_limit_are_reported_and_reading_goes_on(tmp_path, monkeypatch):
    from pipeline.ingest import archives

    monkeypatch.setattr(archives, "MAX_PAGE_BYTES", 2_000)
    small = f"<html><body><article><p>{SENTENCE}</p></article></body></html>"
    large = small.replace("<p>", "<p>" + SENTENCE * 40, 1)
    path = tmp_path / "crawl.warc.gz"
    _warc(
        path,
        [("https://baolongan.vn/lon-a1.html", large), ("https://baolongan.vn/nho-a2.html", small)],
    )
    (tmp_path / "lon.html").write_text(large, encoding="utf-8")
    (tmp_path / "lon.txt").write_text(SENTENCE * 40, encoding="utf-8")
    items = _items(path, tmp_path / "lon.html", tmp_path / "lon.txt")
    assert [type(i).__name__ for i in items] == [
        "ArticleError",
        "Article",
        "ArticleError",
        "ArticleError",
    ]
    assert "lon-a1.html" in items[0].origin and "over 2,000 bytes" in items[0].message
    assert items[1].url == "https://baolongan.vn/nho-a2.html"
    assert all("over the limit of 2,000" in i.message for i in items[2:])
    assert [i.article_id for i in items[2:]] == ["lon", "lon"]


def test_lines_are_numbered_across_chunks_and_long_ones_skipped():
    from pipeline.ingest.lines import LineStream

    def lines(data: bytes, **limits: int) -> list[tuple[int, bytes | None]]:
        return [(line.number, line.data) for line in LineStream(io.BytesIO(data).read, **limits)]

    assert lines(b"\n\n  a\r\n\n b \n c", max_line=3, chunk_bytes=2) == [
        (3, b"a\r"),
        (5, b"b "),
        (6, b"c"),
    ]
    assert lines(b"abcdefgh\nxy\nabcdefghij", max_line=3, chunk_bytes=2) == [
        (1, None),
        (2, b"xy"),
        (3, None),
    ]
    utf16 = codecs.BOM_UTF16_BE + "Tỉnh ủy\nLong An\n".encode("utf-16-be")
    assert lines(utf16, chunk_bytes=1) == [(1, "Tỉnh ủy".encode()), (2, b"Long An")]
    assert lines(codecs.BOM_UTF8) == [] and lines(b"") == []
