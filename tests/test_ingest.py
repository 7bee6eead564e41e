"""Archive readers: every kind of input, and bad input reported with its place."""

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
