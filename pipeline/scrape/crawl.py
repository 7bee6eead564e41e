"""The crawl loop: seeds → discovery → articles, every step recorded so a killed run resumes.

Order of writes for one article page: WARC records, then the line in articles.jsonl, then the
state row. A kill between the last two is mended at start-up (an id already in articles.jsonl
is never written again and its URL is marked done), so no article is recorded twice or lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipeline.records import article_id_for_url
from pipeline.scrape.archive import Archive
from pipeline.scrape.discovery import Link, parse_feed, parse_listing, parse_sitemap
from pipeline.scrape.fetch import Fetched, Fetcher, FetchError
from pipeline.scrape.pagination import NextPage
from pipeline.scrape.progress import CrawlProgress
from pipeline.scrape.state import CrawlState, Page, now_vn
from pipeline.sources.article_html import article_from_html
from pipeline.sources.catalog import CrawlSettings, Source
from pipeline.sources.urls import canonical_url
from pipeline.text.dates import iso_vn

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class CrawlSummary:
    """What one invocation did."""

    pages: int
    articles: int
    unchanged: int
    errors: int
    pending: int
    resumed: bool
    seconds: float


def _is_html(fetched: Fetched) -> bool:
    content_type = fetched.content_type.lower()
    if content_type:
        return any(kind in content_type for kind in HTML_TYPES)
    return fetched.body.lstrip()[:1] == b"<"  # no header: sniff


def _older(published_at: str | None, since: str | None) -> bool:
    if not published_at or not since:
        return False
    return datetime.fromisoformat(published_at) < datetime.fromisoformat(since)


class Crawler:
    """One crawl of some sources into one archive folder."""

    def __init__(
        self,
        sources: tuple[Source, ...],
        settings: CrawlSettings,
        archive_dir: Path,
        max_pages: int | None = None,
        since: str | None = None,
        progress: CrawlProgress | None = None,
    ):
        self.sources = {source.key: source for source in sources}
        self.settings = settings
        self.archive_dir = Path(archive_dir)
        self.max_pages = max_pages
        self.since = iso_vn(since) if since else None
        if since and self.since is None:
            raise ValueError(f"--since {since!r} is not a date (try 2025-01-31)")
        self.progress = progress or CrawlProgress(interval=5.0, live=False)
        self.pages = self.articles = self.unchanged = self.errors = 0

    # --- setup --------------------------------------------------------------------------------

    def _seed(self, state: CrawlState) -> None:
        with state.transaction():
            for source in self.sources.values():
                for kind, paths in (
                    ("feed", source.feeds),
                    ("sitemap", source.sitemaps),
                    ("listing", source.listings),
                ):
                    for path in paths:
                        url = canonical_url(path, base=source.base_url, prefer=source.base_url)
                        if url:
                            state.add(url, source.key, kind)
            state.db.commit()

    async def run(self) -> CrawlSummary:
        """Crawl until the frontier is empty or `max_pages` pages were fetched."""
        started = asyncio.get_running_loop().time()
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        state = CrawlState(self.archive_dir / "crawl.sqlite")
        archive = Archive(self.archive_dir, self.settings.max_warc_bytes)
        try:
            resumed = state.begin_run(self.sources)
            self._seed(state)
            pending = state.pending_articles(self.sources)
            state.mark_recorded(archive.recorded, {url: article_id_for_url(url) for url in pending})
            if resumed:
                self.progress.message(f"resuming the crawl in {self.archive_dir}")
            async with Fetcher(self.settings) as fetcher:
                exhausted = await self._loop(state, archive, fetcher)
            if exhausted:
                state.finish_run()
            left = sum(state.counts().get(status, 0) for status in ("pending",))
        finally:
            archive.close()
            state.close()
            self.progress.close()
        return CrawlSummary(
            pages=self.pages,
            articles=self.articles,
            unchanged=self.unchanged,
            errors=self.errors,
            pending=left,
            resumed=resumed,
            seconds=asyncio.get_running_loop().time() - started,
        )

    async def _loop(self, state: CrawlState, archive: Archive, fetcher: Fetcher) -> bool:
        """Run visits until nothing is pending (True) or the page budget is spent (False)."""
        in_flight: dict[str, asyncio.Task[None]] = {}
        concurrency = max(1, self.settings.concurrency)
        budget_left = True
        while True:
            budget_left = self.max_pages is None or self.pages < self.max_pages
            room = concurrency - len(in_flight) if budget_left else 0
            if self.max_pages is not None:
                room = min(room, self.max_pages - self.pages - len(in_flight))
            if room > 0:
                for page in state.claim(self.sources, room, in_flight):
                    task = asyncio.create_task(self._visit(page, state, archive, fetcher))
                    in_flight[page.url] = task
            if not in_flight:
                return budget_left
            done, _ = await asyncio.wait(in_flight.values(), return_when=asyncio.FIRST_COMPLETED)
            for url in [url for url, task in in_flight.items() if task in done]:
                task = in_flight.pop(url)
                if task.exception() is not None:
                    self._fail(state, archive, url, "crawl", repr(task.exception()), False)
            self.progress.update(queue=state.counts().get("pending", 0))

    # --- one page -----------------------------------------------------------------------------

    def _fail(
        self,
        state: CrawlState,
        archive: Archive,
        url: str,
        stage: str,
        reason: str,
        transient: bool,
        attempts: int = 1,
        source: str = "",
    ) -> None:
        self.errors += 1
        state.failed(url, reason, transient, attempts)
        archive.record_error(url, stage, reason, source)
        self.progress.update(errors=1)
        self.progress.message(f"error: {url}: {stage}: {reason}")

    async def _visit(
        self, page: Page, state: CrawlState, archive: Archive, fetcher: Fetcher
    ) -> None:
        source = self.sources[page.source]
        try:
            if not await fetcher.allowed(page.url, source):
                state.skipped(page.url, "disallowed by robots.txt")
                archive.record_error(page.url, "robots", "disallowed by robots.txt", source.key)
                return
            headers = {}
            if page.etag:
                headers["If-None-Match"] = page.etag
            if page.last_modified:
                headers["If-Modified-Since"] = page.last_modified
            self.pages += 1
            fetched = await fetcher.fetch(page.url, source, headers)
        except FetchError as exc:
            self.progress.update(pages=1)
            self._fail(
                state, archive, page.url, exc.stage, exc.reason, exc.transient, exc.attempts,
                source.key,
            )  # fmt: skip
            return
        self.progress.update(pages=1)
        if fetched.status == 304:
            self.unchanged += 1
            self.progress.update(unchanged=1)
            state.done(page.url, 304, attempts=fetched.attempts)
            return
        archive.write_exchange(fetched)
        if fetched.status != 200:
            reason = f"HTTP {fetched.status} {fetched.reason}".strip()
            self._fail(
                state, archive, page.url, "fetch", reason, False, fetched.attempts, source.key
            )
        elif page.kind == "article":
            self._article(page, source, fetched, state, archive)
        else:
            self._discover(page, source, fetched, state, archive)

    def _article(
        self, page: Page, source: Source, fetched: Fetched, state: CrawlState, archive: Archive
    ) -> None:
        fail_args = (fetched.attempts, source.key)
        if not _is_html(fetched):
            reason = f"not HTML ({fetched.content_type or 'no Content-Type'})"
            self._fail(state, archive, page.url, "fetch", reason, False, *fail_args)
            return
        try:
            extracted = article_from_html(
                fetched.body, page.url, fetched.content_type, dict(source.selectors)
            )
        except ValueError as exc:
            self._fail(state, archive, page.url, "parse", str(exc), False, *fail_args)
            return
        article_id = article_id_for_url(page.url)
        validators = (fetched.header("etag"), fetched.header("last-modified"))
        if _older(extracted.get("published_at"), self.since):
            state.done(page.url, 200, *validators, article_id, fetched.attempts)
            return
        record = {"id": article_id, **extracted, "url": page.url, "source": source.key}
        record["fetched_at"] = now_vn()
        if archive.record_article(record):
            self.articles += 1
            self.progress.update(articles=1)
        state.done(page.url, 200, *validators, article_id, fetched.attempts)

    def _discover(
        self, page: Page, source: Source, fetched: Fetched, state: CrawlState, archive: Archive
    ) -> None:
        children: list[Link] = []
        next_pages: list[NextPage] = []
        if page.kind == "feed":
            articles = parse_feed(fetched.body, fetched.url)
        elif page.kind == "sitemap":
            children, articles = parse_sitemap(fetched.body, fetched.url)
        else:
            if not _is_html(fetched):
                reason = f"listing is not HTML ({fetched.content_type})"
                self._fail(state, archive, page.url, "fetch", reason, False, 1, source.key)
                return
            links, next_pages = parse_listing(
                fetched.body, fetched.url, fetched.content_type, source.selectors.get("next")
            )
            # on a listing, only links that look like articles are articles (menus are not)
            articles = [link for link in links if source.article_pattern]
        with state.transaction():
            for link in articles:
                url = canonical_url(link.url, prefer=source.base_url)
                if not url or not source.owns(url) or not source.is_article(url):
                    continue
                if link.lastmod and _older(link.lastmod, self.since):
                    continue
                state.add(url, source.key, "article", lastmod=link.lastmod)
            for link in children:
                url = canonical_url(link.url, prefer=source.base_url)
                if url and source.owns(url):
                    state.add(url, source.key, "sitemap")
            bound = self.settings.max_listing_pages
            if page.depth + 1 < bound:
                for next_page in next_pages:
                    if next_page.page is not None and next_page.page > bound:
                        continue  # a numbered page past the bound, however it was reached
                    url = canonical_url(next_page.url, prefer=source.base_url)
                    if url and source.owns(url) and not source.is_article(url):
                        state.add(url, source.key, "listing", depth=page.depth + 1)
            state.done(
                page.url,
                200,
                fetched.header("etag"),
                fetched.header("last-modified"),
                attempts=fetched.attempts,
            )
            state.db.commit()


def _keep_sources_beside(sources: tuple[Source, ...], archive_dir: Path) -> None:
    """Copy the sources file into the archive, so that `vnie extract ARCHIVE/*.warc.gz` reads
    each page with the selectors it was crawled with, without the original file."""
    origins = {source.origin.rsplit(":", 1)[0] for source in sources if source.origin}
    if len(origins) != 1:
        return
    source_file = Path(origins.pop())
    target = archive_dir / "sources.yml"
    archive_dir.mkdir(parents=True, exist_ok=True)
    if source_file.exists() and source_file.resolve() != target.resolve():
        shutil.copyfile(source_file, target)


def run_crawl(
    sources: tuple[Source, ...],
    settings: CrawlSettings,
    archive_dir: Path,
    max_pages: int | None = None,
    since: str | None = None,
    progress: CrawlProgress | None = None,
) -> CrawlSummary:
    """Run a crawl to completion (or to `max_pages`) and return what it did."""
    _keep_sources_beside(sources, Path(archive_dir))
    crawler = Crawler(sources, settings, archive_dir, max_pages, since, progress)
    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(crawler.run())
    raise SystemExit(130)
