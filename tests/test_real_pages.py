"""Real saved pages of ten papers (../shared/corpus/html) against their expected extraction.

Like fundus's publisher fixtures: one saved page and its expected output per paper, read here
with no per-site selector. Body similarity is `page_scores.body_similarity` (difflib's ratio
over word tokens, a paragraph break counting as one token). Listing pages: the paper's
`article_pattern` from rules/sources.yml must find its articles among the links and refuse the
menus.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, SHARED_CORPUS
from selectolax.lexbor import LexborHTMLParser

from pipeline.scrape.discovery import parse_listing
from pipeline.sources.article_html import article_from_html
from pipeline.sources.catalog import load_sources
from pipeline.sources.page_scores import body_similarity, expected_pages, same_minute
from pipeline.sources.urls import canonical_url

HTML = SHARED_CORPUS / "html"
ABSENT = f"the shared corpus is not at {HTML} (it sits beside the repository)"
PAGES = expected_pages(HTML) if HTML.is_dir() else []
LISTINGS = sorted(HTML.glob("*-listing-*.html")) if HTML.is_dir() else []
#: The paper key of each saved page is its file name's first part.
SOURCES = {source.key: source for source in load_sources(ROOT / "rules" / "sources.yml").sources}


def _ids(items: list) -> list[str]:
    return [Path(item[0] if isinstance(item, tuple) else item).stem for item in items]


def _params(items: list) -> list:
    return items or [pytest.param(None, marks=pytest.mark.skip(reason=ABSENT))]


def test_the_shared_pages_are_there_to_test():
    if not HTML.is_dir():
        pytest.skip(ABSENT)
    assert len(PAGES) >= 10 and len(LISTINGS) >= 8


@pytest.fixture(scope="module", params=_params(PAGES), ids=_ids(PAGES) or None)
def page(request) -> tuple[dict, dict]:
    """(record, expected) of one saved article page, read with no site selector."""
    path, expected = request.param
    return article_from_html(path.read_bytes(), url=expected["url"]), expected


def test_title_is_the_visible_headline(page):
    record, expected = page
    assert record["title"] == expected["title"]


def test_published_time_is_right_to_the_minute_in_vietnam_time(page):
    record, expected = page
    assert same_minute(expected["published_at"], record["published_at"]), record["published_at"]
    assert record["published_at"].endswith("+07:00")


def test_author_is_the_byline_as_printed(page):
    record, expected = page
    assert record["author"] == expected["author"]


def test_lead_is_the_sapo(page):
    record, expected = page
    assert record["lead"] == expected["lead"]


def test_body_is_the_article_and_nothing_else(page):
    record, expected = page
    assert body_similarity(expected["body"], record["text"]) >= 0.98
    paragraphs = record["text"].split("\n\n")
    assert paragraphs[0] != record["lead"] and paragraphs[0] != record["title"]
    for caption in record["captions"]:
        assert caption not in paragraphs  # captions are kept apart


def test_the_older_vnexpress_fixture_does_not_regress():
    """The fundus fixture of 2025-10-22, in its own format (see test_article_html too)."""
    path = HTML / "vnexpress-article-2025-10-22.html"
    if not path.exists():
        pytest.skip(ABSENT)
    expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())["V1"]
    record = article_from_html(path.read_bytes())
    caption = expected["images"][0]["caption"]
    body = [p for p in expected["body"]["sections"][0]["paragraphs"] if not p.startswith(caption)]
    assert record["title"] == expected["title"]
    assert record["author"] == expected["authors"][0]
    assert record["text"].split("\n\n") == body


# --- listing pages ----------------------------------------------------------------------------


def _listing_url(path: Path) -> str:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8", errors="replace"))
    return tree.css_first("link[rel=canonical]").attributes["href"]


@pytest.fixture(scope="module", params=_params(LISTINGS), ids=_ids(LISTINGS) or None)
def listing(request) -> tuple[str, list[str], list[str]]:
    """(paper key, article URLs the paper's pattern keeps, other on-site URLs) of a listing."""
    path: Path = request.param
    key = path.name.split("-listing-")[0]
    source = SOURCES[key]
    url = _listing_url(path)
    links, _ = parse_listing(path.read_bytes(), url)
    on_site = {u for link in links if (u := canonical_url(link.url, prefer=source.base_url))}
    on_site = {u for u in on_site if source.owns(u)}
    articles = sorted(u for u in on_site if source.is_article(u))
    return key, articles, sorted(on_site - set(articles))


def test_each_listing_yields_its_articles_by_the_papers_pattern(listing):
    key, articles, _ = listing
    assert len(articles) >= 10, key
    # an article URL carries a long number or id; a menu link does not
    assert all(re.search(r"\d{5,}", urlsplit(url).path) for url in articles)


def test_menus_and_sections_of_a_listing_are_not_taken_for_articles(listing):
    key, _, others = listing
    sections = [url for url in others if not re.search(r"\d{4,}", urlsplit(url).path)]
    assert len(sections) >= 5, key  # the menus are there, and were refused


@pytest.mark.parametrize(
    ("name", "page_two"),
    [
        ("dantri", "https://dantri.com.vn/kinh-doanh/trang-2.htm"),  # /trang-N
        ("vnexpress", "https://vnexpress.net/kinh-doanh-p2"),  # -pN
        ("vietnamnet", "https://vietnamnet.vn/kinh-doanh-page1"),  # -pageN, page0 is the first
        ("baodautu", "https://baodautu.vn/tai-chinh-chung-khoan-d6/p2"),  # relative "p2"
    ],
)
def test_real_listings_are_paged_by_their_own_page_numbers(name, page_two):
    path = HTML / f"{name}-listing-2026-03.html"
    if not path.exists():
        pytest.skip(ABSENT)
    url = _listing_url(path).replace("http://", "https://")
    _, next_pages = parse_listing(path.read_bytes(), url)
    assert next_pages[0].url == page_two
    assert all(url.rstrip("/") != p.url.rstrip("/") for p in next_pages)  # not itself
    assert not any(p.url.startswith("javascript:") for p in next_pages)


@pytest.mark.parametrize(("path", "expected"), PAGES or [(None, None)], ids=_ids(PAGES) or None)
def test_without_structured_data_the_printed_page_gives_the_same_article(path, expected):
    """JSON-LD, meta tags and `<time datetime>` taken away: what a reader sees must suffice."""
    if path is None:
        pytest.skip(ABSENT)
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<script[^>]*ld\+json[^>]*>.*?</script>", "", html, flags=re.S)
    html = re.sub(r"<meta[^>]*>", "", html)
    html = re.sub(r"<time[^>]*datetime=\"[^\"]*\"", "<time", html)
    record = article_from_html(html)
    assert record["title"] == expected["title"]
    assert same_minute(expected["published_at"], record["published_at"])
    assert record["author"] == expected["author"]
    assert body_similarity(expected["body"], record["text"]) >= 0.98


@pytest.mark.parametrize(("path", "expected"), PAGES or [(None, None)], ids=_ids(PAGES) or None)
def test_with_no_metadata_and_no_known_class_name_title_time_and_body_still_hold(path, expected):
    """A CMS never seen: structured data gone and every class, id and role renamed, so that
    no known container or hint applies; headline, date line and text density must do."""
    if path is None:
        pytest.skip(ABSENT)
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<script[^>]*ld\+json[^>]*>.*?</script>", "", html, flags=re.S)
    html = re.sub(r"<meta[^>]*>", "", html)
    html = re.sub(r"<time[^>]*datetime=\"[^\"]*\"", "<time", html)
    names = iter(range(1_000_000))
    html = re.sub(
        r"\b(class|id|itemprop|data-role|data-slot)=\"[^\"]*\"",
        lambda m: f'{m.group(1)}="k{next(names)}"',
        html,
    )
    record = article_from_html(html)
    assert record["title"] == expected["title"]
    assert same_minute(expected["published_at"], record["published_at"])
    assert body_similarity(expected["body"], record["text"]) >= 0.98
