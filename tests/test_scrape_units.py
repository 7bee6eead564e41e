"""The scraper's parts one by one: sources file, URLs, discovery, retry rules, --check, bench."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest
import typer
from rich.console import Console
from scrape_site import FakePaper, sources_yaml
from typer.testing import CliRunner

from pipeline.scrape.check import check_source, print_report
from pipeline.scrape.discovery import parse_feed, parse_listing, parse_sitemap
from pipeline.scrape.fetch import is_private_address, retry_after_seconds
from pipeline.sources.catalog import SourcesError, load_sources
from pipeline.sources.examples import file_problems
from pipeline.sources.urls import canonical_url

REPO = Path(__file__).resolve().parents[1]


NATIONAL = {"vnexpress", "dantri", "tuoitre", "nld", "vietnamnet", "cafef", "baochinhphu"}
NATIONAL |= {"baodautu"}


def test_the_project_sources_file_configures_the_provincial_press_by_family():
    config = load_sources(REPO / "rules" / "sources.yml")
    provincial = [source for source in config.sources if source.key not in NATIONAL]
    assert len(provincial) >= 35
    assert {source.verified for source in config.sources} <= {"catalog", "fixture", "live"}
    # a family's selectors reach its papers; a paper's own selectors add to them
    can_tho, tay_ninh = config.select(["baocantho", "baotayninh"])
    assert can_tho.selectors["body"] == "div.detail-content, div.content-fck"
    assert tay_ninh.selectors == {**can_tho.selectors, "lead": "h4.sapo"}
    long_an = config.select(["baolongan"])[0]
    assert long_an.is_article(
        "https://baolongan.vn/du-lich-long-an-them-nhieu-hua-hen-a189859.html"
    )
    assert not long_an.is_article("https://baolongan.vn/thoi-su-chinh-tri/long-an/")
    nghe_an = config.select(["baonghean"])[0]
    assert nghe_an.is_article("https://baonghean.vn/nghe-an-don-bang-di-tich-quoc-gia-301234.html")
    assert not nghe_an.is_article("https://baonghean.vn/dai-hoi-dang-bo-tinh-event4512.html")


def test_every_article_pattern_takes_its_examples_and_refuses_its_non_examples():
    config = load_sources(REPO / "rules" / "sources.yml")
    assert file_problems(config) == []
    for source in config.sources:
        if source.article_pattern:
            assert source.article_examples, source.key
            assert source.not_articles, source.key


def test_offline_check_of_the_sources_file(tmp_path):
    from pipeline.scrape.command import scrape

    app = typer.Typer()
    app.command("scrape")(scrape)
    app.command("noop")(lambda: None)
    check = ["scrape", "--check", "--sources"]
    result = CliRunner().invoke(app, [*check, str(REPO / "rules" / "sources.yml")])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output and "families" in result.output
    missed = tmp_path / "missed.yml"
    missed.write_text(
        "families:\n  a-id:\n    article_pattern: '-a\\d+\\.html$'\nsources:\n"
        "  - key: x\n    base_url: https://x.vn/\n    family: a-id\n    listings: [/]\n"
        "    article_examples: [/bai-viet-post123.html]\n    not_articles: [/muc/]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, [*check, str(missed)])
    assert result.exit_code == 1
    assert "missed.yml:5 (source 'x'): article_pattern" in result.output
    assert "misses the example /bai-viet-post123.html" in result.output
    unknown = tmp_path / "unknown.yml"
    unknown.write_text(
        "sources:\n  - key: x\n    base_url: https://x.vn/\n    family: nope\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, [*check, str(unknown)])
    assert (
        result.exit_code == 2
        and "unknown.yml:2 (source 'x'): unknown family 'nope'" in result.output
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sources:\n  - key: a\n    base_url: ftp://x/\n", r"s\.yml:2 .*base_url"),
        ("sources:\n  - key: a\n    base_url: http://x/\n    colour: red\n", r"s\.yml:2: .*colour"),
        (
            "sources:\n  - key: a\n    base_url: http://x/\n  - key: b\n    base_url: http://y/\n"
            "    article_pattern: '('\n",
            r"s\.yml:4 \(source 'b'\): 'article_pattern'",
        ),
        (
            "sources:\n  - key: a\n    base_url: http://x/\n    selectors: {body: 'div[['}\n",
            r"s\.yml:2 .*not valid CSS",
        ),
        ("settings:\n  timeout: soon\nsources: []\n", r"s\.yml:2: setting 'timeout'"),
        ("sources:\n  - key: a\n   base_url: x\n", r"s\.yml:3: not valid YAML"),
    ],
)
def test_sources_errors_name_the_file_and_line(tmp_path, text, message):
    path = tmp_path / "s.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourcesError, match=message):
        load_sources(path)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTP://WWW.BaoLongAn.vn:80/a-a1.html?utm_source=fb&id=2#top",
            "https://baolongan.vn/a-a1.html?id=2",
        ),
        ("https://baolongan.vn/a-a1.html?fbclid=x&utm_medium=y", "https://baolongan.vn/a-a1.html"),
        ("https://other.vn/b.html?utm_source=z", "https://other.vn/b.html"),
        ("mailto:toasoan@baolongan.vn", None),
        ("javascript:void(0)", None),
    ],
)
def test_canonical_urls(url, canonical):
    assert canonical_url(url, prefer="https://baolongan.vn/") == canonical


def test_relative_links_resolve_against_the_page():
    assert canonical_url("../b-a2.html", base="https://x.vn/muc/a.html") == "https://x.vn/b-a2.html"


def test_feeds_sitemaps_and_listings_are_parsed():
    rss = b"""<?xml version="1.0"?><rss><channel><item><link>/a-a1.html</link>
    <pubDate>Mon, 02 Dec 2024 02:30:00 GMT</pubDate></item></channel></rss>"""
    assert [(x.url, x.lastmod) for x in parse_feed(rss, "https://x.vn/rss")] == [
        ("https://x.vn/a-a1.html", "2024-12-02T09:30:00+07:00")
    ]
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://x.vn/b-a2.html"/>
    <updated>2024-12-02T09:30:00+07:00</updated></entry></feed>"""
    assert [x.url for x in parse_feed(atom, "https://x.vn/")] == ["https://x.vn/b-a2.html"]
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://x.vn/s1.xml</loc></sitemap></sitemapindex>"""
    children, pages = parse_sitemap(index, "https://x.vn/sitemap.xml")
    assert [c.url for c in children] == ["https://x.vn/s1.xml"] and pages == []
    listing = """<html><body><a href="/a-a1.html">A</a><div class="pagination">
    <a href="/muc/trang-2/">2</a><a href="/lien-he/">Liên hệ</a></div></body></html>""".encode()
    links, next_pages = parse_listing(listing, "https://x.vn/muc/")
    assert "https://x.vn/a-a1.html" in [link.url for link in links]
    assert [link.url for link in next_pages] == ["https://x.vn/muc/trang-2/"]


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert retry_after_seconds("soon") is None


def test_private_addresses_are_recognised():
    assert is_private_address("127.0.0.1") and is_private_address("10.1.2.3")
    assert is_private_address("::1") and not is_private_address("8.8.8.8")


def test_check_reports_which_selectors_hit(tmp_path):
    with FakePaper() as site:
        path = tmp_path / "s.yml"
        path.write_text(sources_yaml(site.base_url), encoding="utf-8")
        config = load_sources(path)
        report = check_source(config.sources[0], config.settings)
    assert report.ok, report.problems
    assert report.listing_url == site.base_url + "chinh-tri/"
    assert {hit.name: hit.count > 0 for hit in report.hits} == {
        "published_at": True,
        "body": True,
        "captions": True,
    }
    assert report.record["title"].startswith("Tỉnh triển khai kế hoạch")
    out = io.StringIO()
    print_report(report, Console(file=out, width=120))
    assert "OK" in out.getvalue()


def test_the_command_runs_and_exits_2_on_a_bad_sources_file(tmp_path):
    from pipeline.scrape.command import scrape

    app = typer.Typer()
    app.command("scrape")(scrape)
    app.command("noop")(lambda: None)  # two commands: `scrape` stays a subcommand
    bad = tmp_path / "bad.yml"
    bad.write_text("sources:\n  - key: Bad Key\n    base_url: http://x/\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["scrape", "--sources", str(bad)])
    assert result.exit_code == 2
    assert "bad.yml:2" in result.output
    with FakePaper() as site:
        good = tmp_path / "good.yml"
        good.write_text(sources_yaml(site.base_url), encoding="utf-8")
        archive = tmp_path / "archive"
        result = CliRunner().invoke(
            app, ["scrape", "baothu", "--sources", str(good), "--archive", str(archive)]
        )
    assert result.exit_code == 0, result.output  # some URLs failed on purpose: still 0
    assert (archive / "articles.jsonl").exists() and (archive / "crawl.sqlite").exists()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_check_against_a_closed_port_reports_a_refused_connection_and_exits_1(tmp_path):
    from pipeline.scrape.command import scrape

    app = typer.Typer()
    app.command("scrape")(scrape)
    app.command("noop")(lambda: None)
    path = tmp_path / "s.yml"
    path.write_text(sources_yaml(f"http://127.0.0.1:{_closed_port()}/"), encoding="utf-8")
    result = CliRunner().invoke(app, ["scrape", "--sources", str(path), "--check", "baothu"])
    assert result.exit_code == 1, result.output
    assert "connection refused by 127.0.0.1:" in result.output
    assert "robots.txt could not be fetched" in result.output
    assert "disallowed" not in result.output
    assert "needs attention" in result.output


def test_check_says_disallowed_and_http_status_apart(tmp_path):
    with FakePaper() as site:
        path = tmp_path / "s.yml"
        path.write_text(
            sources_yaml(site.base_url, listings=["/private/muc/", "/khong-co/"]), encoding="utf-8"
        )
        config = load_sources(path)
        report = check_source(config.sources[0], config.settings)
    assert not report.ok
    assert report.problems == (
        f"{site.base_url}private/muc/: disallowed by robots.txt",
        f"{site.base_url}khong-co/: HTTP status 404 Not Found",
    )


def test_bench_runs_on_loopback():
    from pipeline.scrape.bench import run_bench

    result = run_bench(n_pages=60, concurrency=8)
    assert result["articles"] == 60 and result["errors"] == 0
    assert result["pages_per_s"] > 0


def test_an_article_found_in_a_feed_before_the_sitemap_is_not_fetched_again_next_run(tmp_path):
    """A feed gives no date; the sitemap read later in the same run gives the article's
    `lastmod`. Kept while the article waits, it is what the next run's sitemap announces again,
    so that run leaves the article alone; a later date still brings it back."""
    from pipeline.scrape.state import CrawlState

    url = "https://baolongan.vn/thoi-su/bai-so-1-a1001.html"
    state = CrawlState(tmp_path / "crawl.sqlite")
    state.begin_run(["baolongan"])
    state.add(url, "baolongan", "article")  # from the feed
    state.add(url, "baolongan", "article", lastmod="2026-11-30T08:00:00+07:00")  # the sitemap
    state.done(url, 200, article_id="a1001")
    state.finish_run()

    state.begin_run(["baolongan"])
    state.add(url, "baolongan", "article", lastmod="2026-11-30T08:00:00+07:00")
    assert state.pending_articles(["baolongan"]) == []
    state.add(url, "baolongan", "article", lastmod="2026-12-01T09:30:00+07:00")
    assert state.pending_articles(["baolongan"]) == [url]
    state.close()
