"""Article extraction: structured data first, site selectors, captions and bylines kept apart."""

from __future__ import annotations

import difflib
import json
import unicodedata
from pathlib import Path

import pytest
from scrape_site import encode_1258

from pipeline.sources.article_html import article_from_html, read_page
from pipeline.sources.charset import decode_html
from pipeline.sources.html_text import unescape_fully
from pipeline.text.dates import printed_moments

SHARED_HTML = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "html"
LONG_AN_SELECTORS = {
    "body": "div.detail-content, div.content-fck",
    "captions": "div.detail-content em, div.content-fck em",
}


def shared_page(name: str) -> Path:
    path = SHARED_HTML / name
    if not path.exists():
        pytest.skip(f"shared corpus not found at {SHARED_HTML} (needed for {name})")
    return path


def test_vnexpress_page_matches_the_expected_extraction():
    page = shared_page("vnexpress-article-2025-10-22.html")
    expected = json.loads(page.with_name("vnexpress-article-2025-10-22.expected.json").read_text())[
        "V1"
    ]
    record = article_from_html(
        page.read_bytes(), url="https://vnexpress.net/x-4954454.html", content_type="text/html"
    )
    assert record["title"] == expected["title"]
    assert record["lead"] == expected["body"]["summary"][0]
    assert record["published_at"] == "2025-10-22T19:25:52+07:00"
    assert record["author"] == expected["authors"][0]
    # Our contract keeps captions out of the body; the expected paragraphs hold the caption inline.
    paragraphs = expected["body"]["sections"][0]["paragraphs"]
    caption = expected["images"][0]["caption"]
    assert any(c.startswith(caption) for c in record["captions"])
    body = "\n\n".join(p for p in paragraphs if not p.startswith(caption))
    assert difflib.SequenceMatcher(None, record["text"], body).ratio() >= 0.98
    assert record["text"].split("\n\n") == [p for p in paragraphs if not p.startswith(caption)]


def test_vnexpress_with_site_selectors_is_the_same():
    page = shared_page("vnexpress-article-2025-10-22.html")
    generic = article_from_html(page.read_bytes())
    selected = article_from_html(
        page.read_bytes(), selectors={"body": "article.fck_detail", "lead": "p.description"}
    )
    assert selected["text"] == generic["text"]
    assert selected["lead"] == generic["lead"]


def test_baolongan_fragment_captions_and_author_line_are_kept_apart():
    fragment = shared_page("baolongan-body-fragment-2.html")
    record = article_from_html(fragment.read_bytes(), selectors=LONG_AN_SELECTORS)
    assert record["author"] == "Mộc Châu"
    assert len(record["captions"]) == 2
    assert record["captions"][0].startswith('"Nhốt người thả thú" là điểm nhấn')
    assert "Mộc Châu" not in record["text"].split("\n\n")[-1]
    assert not any(caption in record["text"] for caption in record["captions"])
    assert record["text"].startswith("Đón 65.000 lượt khách trong Tết Nguyên đán\n\nNăm 2024,")


def test_baolongan_interview_questions_in_bold_italics_stay_in_the_body():
    fragment = shared_page("baolongan-body-fragment-1.html")
    record = article_from_html(fragment.read_bytes(), selectors=LONG_AN_SELECTORS)
    assert record["captions"] == [
        "Chương trình nghệ thuật đặc sắc, được đầu tư kỹ lưỡng tại lễ khai mạc"
    ]
    assert record["text"].startswith("- PV: Ông có nhận xét gì")
    assert record["author"] is None  # the last line is a question, not a byline


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Tỉnh ủy họp phiên thường kỳ - Báo Thử</title>
<meta property="og:title" content="Tỉnh ủy họp phiên thường kỳ - Báo Thử">
<meta property="og:site_name" content="Báo Thử">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "NewsArticle", "headline": "Tỉnh ủy họp phiên thường kỳ",
  "datePublished": "2024-03-01T02:30:00Z", "author": {"@type": "Person", "name": "Thanh Hà"},
  "publisher": {"@type": "Organization", "name": "Báo Thử"}}]}</script>
</head><body><h1 class="title">Tỉnh ủy họp phiên thường kỳ</h1>
<div class="sapo">Sáng 1-3, Tỉnh ủy họp phiên thường kỳ tháng 3.</div>
<div class="detail-content">
<p>Hội nghị thông qua <em>chương trình</em> công tác năm.</p>
<figure><img src="a.jpg"><figcaption>Quang cảnh hội nghị</figcaption></figure>
<p>Các đại biểu thống nhất cao.</p>
<p style="text-align: right;"><strong>Thanh Hà</strong></p>
</div></body></html>"""


def test_json_ld_comes_first_and_dates_are_in_vietnam_time():
    record = article_from_html(PAGE.encode(), selectors={"lead": "div.sapo"})
    assert record["title"] == "Tỉnh ủy họp phiên thường kỳ"
    assert record["published_at"] == "2024-03-01T09:30:00+07:00"
    assert record["author"] == "Thanh Hà"
    assert record["lead"] == "Sáng 1-3, Tỉnh ủy họp phiên thường kỳ tháng 3."
    assert record["captions"] == ["Quang cảnh hội nghị"]
    assert record["text"] == (
        "Hội nghị thông qua chương trình công tác năm.\n\nCác đại biểu thống nhất cao."
    )


def test_opengraph_title_loses_the_site_name_and_hidden_dates_are_found():
    page = PAGE.replace("application/ld+json", "text/plain").replace(
        "<h1", '<time datetime="2024-03-02">2/3/2024</time><h1'
    )
    record = article_from_html(page)
    assert record["title"] == "Tỉnh ủy họp phiên thường kỳ"
    assert record["published_at"] == "2024-03-02T00:00:00+07:00"
    assert record["author"] == "Thanh Hà"  # the byline, since no structured author is left


def test_windows_1258_page_is_decoded_and_composed():
    sentence = "Ủy ban nhân dân tỉnh triển khai kế hoạch phát triển nông thôn mới đợt một."
    # windows-1258 has no precomposed "ủ", "ể": tone marks travel as combining characters
    encoded = encode_1258(sentence)
    assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == sentence
    assert encoded.decode("cp1258") != sentence
    html = b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'>"
    html += b"</head><body><div class='detail-content'><p>" + encoded + b"</p></div></body></html>"
    assert sentence in decode_html(html, None)
    assert article_from_html(html, content_type="text/html")["text"] == sentence
    assert decode_html(encoded, "text/html; charset=windows-1258") == sentence


def test_trafilatura_is_the_fallback_when_no_container_is_known():
    paragraphs = [
        f"Đoạn {n}: Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, "
        "đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội của địa phương."
        for n in range(1, 5)
    ]
    html = "<html><body><nav><a href='/'>Trang chủ</a></nav><main><section>"
    html += "".join(f"<p>{p}</p>" for p in paragraphs) + "</section></main></body></html>"
    record = article_from_html(html)
    assert record["text"] == "\n\n".join(paragraphs)


def test_a_page_without_body_is_a_value_error():
    with pytest.raises(ValueError, match="no article body"):
        article_from_html(b"<html><body><img src=a.jpg></body></html>", url="http://x/a.html")
    with pytest.raises(ValueError, match="empty"):
        article_from_html(b"")


def test_vnie_page_shows_each_field_with_what_found_it(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    page = tmp_path / "bai.html"
    related = '<div class="box-related"><a href="/bai-khac-a2.html">Bài khác cùng chủ đề</a></div>'
    page.write_text(
        PAGE.replace("application/ld+json", "text/plain").replace(
            "<p>Các đại biểu", f"{related}<p>Các đại biểu"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["page", str(page)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "visible headline <h1 class='title'>" in result.output
    assert "known container div.detail-content" in result.output
    assert "Quang cảnh hội nghị" in result.output  # the caption, kept apart
    assert "related box: Bài khác cùng chủ đề" in result.output  # what the body left out
    missing = CliRunner().invoke(app, ["page", str(tmp_path / "khong-co.html")])
    assert missing.exit_code == 2 and "khong-co.html: cannot read the page" in missing.output


def test_an_old_layout_without_h1_metadata_or_paragraphs_is_read_from_what_it_prints(seed_record):
    """A table layout: headline in <b>, the date line in <font>, paragraphs split by <br>."""
    paragraphs = seed_record["text"].split("\n\n")[:6]
    html = (
        f"<html><head><title>{seed_record['title']} - Báo Cũ</title></head><body><table>"
        "<tr><td><a href='/'>Trang chủ</a> | <a href='/thoi-su/'>Thời sự</a></td></tr>"
        f"<tr><td><b class='tieude'>{seed_record['title']}</b><br>"
        "<font class='ngay'>Thứ sáu, 20/5/2022 - 15:17</font><br>"
        f"<div>{'<br><br>'.join(paragraphs)}</div></td></tr></table></body></html>"
    )
    record = article_from_html(html)
    assert record["title"] == seed_record["title"]  # "Long An: …" keeps its colon
    assert record["published_at"] == "2022-05-20T15:17:00+07:00"
    assert record["text"].split("\n\n") == paragraphs


@pytest.mark.parametrize(
    "printed",
    [
        "07/03/2026 08:47",
        "Thứ bảy, 7/3/2026 - 08:47",
        "08:47 | 07/03/2026",
        "7-3-2026 8:47 (GMT+7)",
        "Cập nhật lúc 8h47 ngày 7.3.2026",
        "07-03-2026 - 08:47 AM",
    ],
)
def test_printed_times_in_the_forms_of_the_vietnamese_press(printed):
    assert [m.isoformat() for m in printed_moments(printed)] == ["2026-03-07T08:47:00+07:00"]


def test_a_printed_date_without_a_time_is_not_a_moment_and_pm_counts():
    assert printed_moments("Thứ bảy, 07/03/2026") == []
    assert printed_moments("07-03-2026 - 08:47 PM")[0].hour == 20


def test_photo_story_blocks_caption_tables_and_xem_them_lists_leave_the_body(seed_record):
    first, second, third = seed_record["text"].split("\n\n")[:3]
    html = (
        "<html><body><h1>Học tập và làm theo gương Bác</h1><div class='detail-content'>"
        f"<p>{first}</p>"
        "<div class='photo-item'><img src='a.jpg'><p>Lễ khai mạc hội nghị</p></div>"
        f"<p>{second}</p>"
        "<table><tr><td><img src='b.jpg'></td></tr><tr><td>Quang cảnh buổi lễ</td></tr></table>"
        "<p><strong>Xem thêm:</strong></p><ul><li><a href='/a-a1.html'>Bài một</a></li>"
        "<li><a href='/b-a2.html'>Bài hai</a></li></ul>"
        f"<p>{third}</p></div></body></html>"
    )
    record = article_from_html(html)
    assert record["text"].split("\n\n") == [first, second, third]
    assert record["captions"] == ["Lễ khai mạc hội nghị", "Quang cảnh buổi lễ"]


def test_structured_data_escaped_twice_is_undone():
    assert unescape_fully("Chi&amp;#7871;n s&amp;#7921; &amp;amp; gi&#225;") == "Chiến sự & giá"


def test_a_logo_in_h1_is_not_the_headline_and_a_label_is_not_a_byline(seed_record):
    title = seed_record["title"]
    paragraphs = seed_record["text"].split("\n\n")[:3]
    html = (
        f"<html><head><meta property='og:title' content='{title} - Báo Thử'>"
        "<meta property='og:site_name' content='Báo Thử'></head><body>"
        "<h1 class='logo'><a href='/'>Báo Thử</a></h1>"
        f"<h2 class='news-title'>{title}</h2><div class='author'>Tác giả</div>"
        "<span class='post-date'>20/05/2022 15:17</span>"
        f"<div class='noi-dung'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div>"
        "</body></html>"
    )
    reading = read_page(html)
    assert reading.record["title"] == title
    assert reading.how["title"] == "printed headline <h2 class='news-title'>"
    assert reading.record["author"] is None
    assert reading.record["published_at"] == "2022-05-20T15:17:00+07:00"
    assert reading.record["text"].split("\n\n") == paragraphs
