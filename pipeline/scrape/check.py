"""`vnie scrape --check KEY`: fetch one listing and one article live, say which selectors hit.

For a user with internet access to verify a source's entry in minutes: it obeys robots.txt
and the source's hosts like the crawl does, and writes nothing. Each problem says what
happened: a DNS failure, a refused connection, a timeout, an HTTP status, a robots.txt that
disallows the page, or a robots.txt that could not be fetched at all (then nothing else is
fetched from that host, as in a crawl).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table
from selectolax.lexbor import LexborHTMLParser

from pipeline.scrape.discovery import parse_feed, parse_listing, parse_sitemap
from pipeline.scrape.fetch import Fetched, Fetcher, FetchError
from pipeline.sources.article_html import article_from_html
from pipeline.sources.catalog import CrawlSettings, Source
from pipeline.sources.charset import decode_html
from pipeline.sources.urls import canonical_url


@dataclass(frozen=True)
class SelectorHit:
    """How often one selector matched the article page, and the text of its first match."""

    name: str
    css: str
    count: int
    sample: str


@dataclass(frozen=True)
class CheckReport:
    """What `--check` found for one source."""

    source: str
    listing_url: str | None
    article_links: int
    article_url: str | None
    hits: tuple[SelectorHit, ...] = ()
    record: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when an article was fetched and extracted and no selector missed."""
        return self.article_url is not None and not self.problems


def _article_links(source: Source, kind: str, fetched: Fetched) -> tuple[list[str], list[str]]:
    """(article URLs, child sitemaps) found on a discovery page."""
    children: list[str] = []
    if kind == "feed":
        links = [link.url for link in parse_feed(fetched.body, fetched.url)]
    elif kind == "sitemap":
        child_links, page_links = parse_sitemap(fetched.body, fetched.url)
        links, children = [p.url for p in page_links], [c.url for c in child_links]
    else:
        page_links, _ = parse_listing(fetched.body, fetched.url, fetched.content_type)
        links = [link.url for link in page_links] if source.article_pattern else []
    urls = [canonical_url(link, prefer=source.base_url) for link in links]
    articles = [u for u in dict.fromkeys(urls) if u and source.owns(u) and source.is_article(u)]
    return articles, children


async def _check(source: Source, settings: CrawlSettings) -> CheckReport:
    problems: list[str] = []
    seeds = [("listing", p) for p in source.listings] + [("feed", p) for p in source.feeds]
    seeds += [("sitemap", p) for p in source.sitemaps]
    async with Fetcher(settings) as fetcher:
        for kind, path in seeds:
            url = canonical_url(path, base=source.base_url, prefer=source.base_url)
            try:
                if not url or not await fetcher.allowed(url, source):
                    problems.append(_robots_problem(fetcher, url or path))
                    continue
                fetched = await fetcher.fetch(url, source)
                if fetched.status != 200:
                    problems.append(f"{url}: HTTP status {fetched.status} {fetched.reason}".strip())
                    continue
                articles, children = _article_links(source, kind, fetched)
                if not articles and children:  # a sitemap index: look into its first sitemap
                    fetched = await fetcher.fetch(children[0], source)
                    articles, _ = _article_links(source, "sitemap", fetched)
            except FetchError as exc:
                problems.append(f"{exc.url}: {exc.reason}")
                continue
            if articles:
                return await _check_article(source, fetcher, url, articles, problems)
            problems.append(f"{url}: no article links (article_pattern {source.article_pattern!r})")
    return CheckReport(source.key, None, 0, None, problems=tuple(problems) or ("no seeds",))


def _robots_problem(fetcher: Fetcher, url: str) -> str:
    """Disallowed by the rules, or no rules to read: two different problems."""
    unreadable = fetcher.robots_problem(url)
    if unreadable:
        return f"{url}: robots.txt could not be fetched ({unreadable}), so nothing was fetched"
    return f"{url}: disallowed by robots.txt"


async def _check_article(
    source: Source, fetcher: Fetcher, listing_url: str, articles: list[str], problems: list[str]
) -> CheckReport:
    article_url = articles[0]
    try:
        if not await fetcher.allowed(article_url, source):
            problems.append(_robots_problem(fetcher, article_url))
            return CheckReport(
                source.key, listing_url, len(articles), None, problems=tuple(problems)
            )
        fetched = await fetcher.fetch(article_url, source)
    except FetchError as exc:
        problems.append(f"{article_url}: {exc.reason}")
        return CheckReport(source.key, listing_url, len(articles), None, problems=tuple(problems))
    if fetched.status != 200:
        problems.append(f"{article_url}: HTTP status {fetched.status} {fetched.reason}".strip())
        return CheckReport(source.key, listing_url, len(articles), None, problems=tuple(problems))
    tree = LexborHTMLParser(decode_html(fetched.body, fetched.content_type))
    hits = []
    for name, css in source.selectors.items():
        nodes = tree.css(css)
        sample = nodes[0].text(separator=" ", strip=True)[:80] if nodes else ""
        hits.append(SelectorHit(name, css, len(nodes), sample))
        if not nodes:
            problems.append(f"selector {name!r} ({css}) matched nothing on {article_url}")
    try:
        record = article_from_html(
            fetched.body, article_url, fetched.content_type, source.selectors
        )
    except ValueError as exc:
        problems.append(str(exc))
        record = {}
    for key in ("title", "published_at", "text"):
        if record and not record.get(key):
            problems.append(f"no {key} extracted from {article_url}")
    return CheckReport(
        source.key, listing_url, len(articles), article_url, tuple(hits), record, tuple(problems)
    )


def check_source(source: Source, settings: CrawlSettings) -> CheckReport:
    """Fetch one discovery page and one article of the source live; report selector hits."""
    return asyncio.run(_check(source, settings))


def print_report(report: CheckReport, console: Console | None = None) -> None:
    """Show a check report: selectors with their hit counts, the extracted fields, problems."""
    console = console or Console()
    console.print(f"[bold]{report.source}[/]: listing {report.listing_url}")
    console.print(f"  {report.article_links} article links; checked {report.article_url}")
    table = Table("selector", "css", "hits", "first match")
    for hit in report.hits:
        style = "green" if hit.count else "red"
        table.add_row(hit.name, hit.css, f"[{style}]{hit.count}[/]", hit.sample)
    if report.hits:
        console.print(table)
    for key in ("title", "published_at", "author", "section", "lead"):
        console.print(f"  {key}: {report.record.get(key)!r}")
    if report.record:
        text = report.record.get("text") or ""
        console.print(f"  text: {len(text)} chars, {text.count(chr(10) * 2) + 1} paragraphs")
        console.print(f"  captions: {len(report.record.get('captions') or [])}")
    for problem in report.problems:
        console.print(f"  [red]problem:[/] {problem}", markup=True, highlight=False)
    console.print("[green]OK[/]" if report.ok else "[red]needs attention[/]")
