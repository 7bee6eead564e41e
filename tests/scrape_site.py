"""A fake provincial paper on loopback for the scraper tests: a real HTTP server, real failures.

`FakePaper` serves robots.txt (disallowing /private/), a sitemap index with two sitemaps, an
RSS feed whose links carry utm_ parameters, a listing paginated over three pages, good
article pages modelled on Báo Long An's markup, and pages that fail on purpose. Every page
has an ETag and answers 304 to a matching If-None-Match. Every request is logged.
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 1.0


@dataclass(frozen=True)
class GoodArticle:
    """An article the crawl must archive exactly once, with what it must extract."""

    path: str
    title: str
    published_at: str  # ISO, +07:00
    paragraphs: tuple[str, ...]
    caption: str
    author: str
    charset: str = "utf-8"


def _article(number: int, day: int, charset: str = "utf-8") -> GoodArticle:
    return GoodArticle(
        path=f"/thoi-su/bai-so-{number}-a{1000 + number}.html",
        title=f"Tỉnh triển khai kế hoạch phát triển nông thôn mới, đợt {number}",
        published_at=f"2024-12-{day:02d}T09:30:00+07:00",
        paragraphs=(
            f"Sáng {day}-12, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai đợt {number}.",
            "Hội nghị thống nhất giao các huyện rà soát tiêu chí, báo cáo trước ngày 30-12.",
            f"Kinh phí thực hiện đợt {number} khoảng {number * 10} tỉ đồng từ ngân sách tỉnh.",
        ),
        caption=f"Quang cảnh hội nghị đợt {number}",
        author="Minh Thư",
        charset=charset,
    )


GOOD = {a.path: a for a in [_article(n, n + 1) for n in range(1, 12)]}
GOOD["/thoi-su/bai-so-9-a1009.html"] = _article(9, 10, charset="windows-1258")

LISTING_PAGES = {
    "/chinh-tri/": ([1, 2, 3], "/chinh-tri/trang-2/"),
    "/chinh-tri/trang-2/": ([4, 5], "/chinh-tri/trang-3/"),
    "/chinh-tri/trang-3/": ([6], None),
}
#: Listings paged only by `<a class="next">` (an icon, no text, no pager wrapper) …
NEXT_CLASS_PAGES = {
    "/kinh-te/": ([1], "/kinh-te/cu-hon-b/"),
    "/kinh-te/cu-hon-b/": ([2], "/kinh-te/cu-hon-c/"),
    "/kinh-te/cu-hon-c/": ([3], "/kinh-te/cu-hon-d/"),
    "/kinh-te/cu-hon-d/": ([4], None),
}
#: … and only by plain numbered `?page=N` links.
PAGE_PARAM_PAGES = {"/xa-hoi/": [5, 6], "/xa-hoi/?page=2": [7], "/xa-hoi/?page=3": [8]}
FEED_ITEMS = [
    "/thoi-su/bai-so-1-a1001.html?utm_source=rss&utm_medium=feed",
    "/thoi-su/bai-so-7-a1007.html?utm_campaign=tet#binh-luan",
    "/thoi-su/bai-so-9-a1009.html?utm_source=rss",
]
SITEMAP_1 = [
    "/thoi-su/bai-so-2-a1002.html",
    "/thoi-su/bai-so-8-a1008.html",
    "/private/bai-noi-bo-a2001.html",
    "/loi/cham-a3001.html",
    "/loi/dut-ket-noi-a3002.html",
    "/loi/vong-lap-a3003.html",
    "/loi/bom-a3004.html",
    "/loi/tai-lieu-a3005.html",
]
SITEMAP_2 = ["/thoi-su/bai-so-10-a1010.html", "/thoi-su/bai-so-11-a1011.html"]
FAILING = {
    "/loi/cham-a3001.html": "timeout",
    "/loi/dut-ket-noi-a3002.html": "connection",
    "/loi/vong-lap-a3003.html": "redirect loop",
    "/loi/bom-a3004.html": "decompressed",
    "/loi/tai-lieu-a3005.html": "not HTML",
}
FLAKY_503 = "/thoi-su/bai-so-10-a1010.html"
FLAKY_429 = "/thoi-su/bai-so-11-a1011.html"
DISALLOWED = "/private/bai-noi-bo-a2001.html"


#: The only combining marks windows-1258 has: the five tones. Other marks are precomposed.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def encode_1258(text: str) -> bytes:
    """Encode as windows-1258 does: letters precomposed where the code page has them, tones
    as combining marks (so "ệ" is "ê" + combining dot below)."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize(
            "NFC", base + "".join(m for m in marks if m not in TONE_MARKS)
        )
        out += (letter + "".join(m for m in marks if m in TONE_MARKS)).encode("cp1258")
    return bytes(out)


def article_html(article: GoodArticle, json_ld: bool) -> str:
    """An article page in the markup of Báo Long An (body in div.detail-content)."""
    day, month, year = (
        article.published_at[8:10],
        article.published_at[5:7],
        article.published_at[:4],
    )
    head = f'<meta charset="{article.charset}"><title>{article.title} - Báo Thử</title>'
    if json_ld:
        head += (
            '<script type="application/ld+json">{"@context":"https://schema.org",'
            f'"@type":"NewsArticle","headline":"{article.title}",'
            f'"datePublished":"{article.published_at}"}}</script>'
        )
    body = "".join(f"<p>{p}</p>" for p in article.paragraphs[1:])
    return (
        f"<!doctype html><html><head>{head}</head><body>"
        '<nav><a href="/">Trang chủ</a> <a href="/chinh-tri/">Chính trị</a></nav>'
        f'<h1 class="title">{article.title}</h1>'
        f'<div class="time">{day}/{month}/{year} 09:30</div>'
        '<div class="detail-content">'
        '<div class="b-img"><img class="zoomimg" src="/anh.jpg"></div>'
        f'<p><em style="color:#808080;text-align:center;width:100%;">{article.caption}</em></p>'
        f"<p>{article.paragraphs[0]}</p>{body}"
        f'<p style="text-align: right;"><strong>{article.author}</strong></p>'
        '</div><div class="related"><a href="/thoi-su/bai-khac-a9999.html">Tin khác</a></div>'
        "</body></html>"
    )


@dataclass
class Hit:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    status: int = 0
    at: float = field(default_factory=time.monotonic)


class FakePaper:
    """The fake paper's server; `with FakePaper() as site:` then `site.base_url`."""

    def __init__(self, crawl_delay: float | None = None):
        self.crawl_delay = crawl_delay
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.counts: dict[str, int] = {}
        self.extra_articles: dict[str, GoodArticle] = {}
        self.bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT/"""
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> FakePaper:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def settle(self, quiet: float = 1.0, limit: float = 10.0) -> None:
        """Wait until no request has come for `quiet` seconds (at most `limit`). A request the
        crawler gave up on (a timeout on a loaded machine) can reach the handler after the crawl
        has returned; a test that tells one run's requests from the next waits for it first."""
        deadline = time.monotonic() + limit
        seen = -1
        while time.monotonic() < deadline:
            with self.lock:
                count = len(self.hits)
            if count == seen:
                return
            seen = count
            time.sleep(quiet)

    def paths(self) -> list[str]:
        """Paths requested so far (query included), in order."""
        with self.lock:
            return [hit.path for hit in self.hits]

    def good(self) -> dict[str, GoodArticle]:
        """Every article that must be archived."""
        return {**GOOD, **self.extra_articles}

    # --- pages --------------------------------------------------------------------------------

    def robots(self) -> str:
        delay = f"Crawl-delay: {self.crawl_delay}\n" if self.crawl_delay else ""
        return f"User-agent: *\nDisallow: /private/\n{delay}\nSitemap: {self.base_url}sitemap.xml\n"

    def feed(self) -> str:
        items = FEED_ITEMS + [p + "?utm_source=rss" for p in self.extra_articles]
        entries = []
        for item in items:
            article = self.good()[item.split("?")[0]]
            when = datetime.fromisoformat(article.published_at)
            entries.append(
                f"<item><title>{article.title}</title>"
                f"<link>{self.base_url.rstrip('/')}{item.replace('&', '&amp;')}</link>"
                f"<pubDate>{format_datetime(when)}</pubDate></item>"
            )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Báo Thử</title>'
            f"{''.join(entries)}</channel></rss>"
        )

    def sitemap(self, paths: list[str]) -> str:
        urls = "".join(f"<url><loc>{self.base_url.rstrip('/')}{p}</loc></url>" for p in paths)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )

    def sitemap_index(self) -> str:
        maps = "".join(
            f"<sitemap><loc>{self.base_url}{name}</loc></sitemap>"
            for name in ("sitemap-1.xml", "sitemap-2.xml")
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>'
        )

    def listing(self, path: str) -> str:
        numbers, next_page = LISTING_PAGES[path]
        links = "".join(
            f'<li><a href="/thoi-su/bai-so-{n}-a{1000 + n}.html?utm_source=listing">'
            f"Bài {n}</a></li>"
            for n in numbers
        )
        pager = (
            f'<div class="pagination"><a href="{next_page}">Trang sau</a></div>'
            if next_page
            else ""
        )
        return (
            '<html><head><meta charset="utf-8"></head><body>'
            '<nav><a href="/">Trang chủ</a><a href="/lien-he/">Liên hệ</a>'
            '<a href="https://example.com/quang-cao-a1.html">Quảng cáo</a></nav>'
            f'<ul class="list">{links}<li><a href="{DISALLOWED}">Nội bộ</a></li></ul>{pager}'
            "</body></html>"
        )

    def paged_listing(self, path: str) -> str:
        """A listing paged by `<a class="next">` or by `?page=N` links only."""
        if path in NEXT_CLASS_PAGES:
            numbers, next_page = NEXT_CLASS_PAGES[path]
            pager = (
                f'<a class="next" href="{next_page}"><i class="icon"></i></a>' if next_page else ""
            )
        else:
            numbers = PAGE_PARAM_PAGES[path]
            pager = " ".join(
                f'<a href="/xa-hoi/?page={n}">{n}</a>' for n in (1, 2, 3) if f"page={n}" not in path
            )
        items = "".join(
            f'<h3><a href="/thoi-su/bai-so-{n}-a{1000 + n}.html">Bài {n}</a></h3>' for n in numbers
        )
        return (
            '<html><head><meta charset="utf-8"></head><body>'
            f'<nav><a href="/">Trang chủ</a><a href="/kinh-te/">Kinh tế</a></nav>{items}{pager}'
            "</body></html>"
        )

    # --- the handler --------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()})
                with site.lock:
                    site.hits.append(hit)
                    site.counts[self.path] = site.counts.get(self.path, 0) + 1
                    count = site.counts[self.path]
                try:
                    hit.status = self.answer(count)
                except (BrokenPipeError, ConnectionResetError):
                    hit.status = -1

            def send(self, status: int, body: bytes, content_type: str, **headers: str) -> int:
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return 304
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if status == 200:
                    self.send_header("ETag", etag)
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.end_headers()
                self.wfile.write(body)
                return status

            def answer(self, count: int) -> int:
                path = self.path
                base = path.split("?")[0]
                html = "text/html; charset=utf-8"
                if path == "/robots.txt":
                    return self.send(200, site.robots().encode(), "text/plain")
                if path == "/rss/home.rss":
                    return self.send(200, site.feed().encode(), "application/rss+xml")
                if path == "/sitemap.xml":
                    return self.send(200, site.sitemap_index().encode(), "application/xml")
                if path == "/sitemap-1.xml":
                    return self.send(200, site.sitemap(SITEMAP_1).encode(), "application/xml")
                if path == "/sitemap-2.xml":
                    return self.send(200, site.sitemap(SITEMAP_2).encode(), "application/xml")
                if path in LISTING_PAGES:
                    return self.send(200, site.listing(path).encode(), html)
                if path in NEXT_CLASS_PAGES or path in PAGE_PARAM_PAGES:
                    return self.send(200, site.paged_listing(path).encode(), html)
                if base == FLAKY_503 and count == 1:
                    return self.send(503, b"busy", "text/plain")
                if base == FLAKY_429 and count == 1:
                    return self.send(429, b"slow down", "text/plain", Retry_After="1")
                article = site.good().get(base)
                if article is not None:
                    page = article_html(article, json_ld=int(base[-9:-5]) % 2 == 0)
                    if article.charset == "windows-1258":
                        body = encode_1258(page)
                        return self.send(200, body, "text/html; charset=windows-1258")
                    return self.send(200, page.encode(), html)
                if base == "/loi/cham-a3001.html":
                    time.sleep(SLOW_SECONDS)
                    return self.send(200, b"<p>late</p>", html)
                if base == "/loi/dut-ket-noi-a3002.html":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return -1
                if base == "/loi/vong-lap-a3003.html":
                    return self.send(302, b"", html, Location="/loi/vong-lap-b.html")
                if base == "/loi/vong-lap-b.html":
                    return self.send(302, b"", html, Location="/loi/vong-lap-a3003.html")
                if base == "/loi/bom-a3004.html":
                    return self.send(200, site.bomb, html, Content_Encoding="gzip")
                if base == "/loi/tai-lieu-a3005.html":
                    return self.send(200, b"%PDF-1.4 not a page", "application/pdf")
                return self.send(404, b"not found", "text/plain")

        return Handler


def sources_yaml(base_url: str, listings: list[str] | None = None, **settings: object) -> str:
    """A sources file for the fake paper with test-sized timeouts and backoffs; with
    `listings`, those listings are its only seeds (no feed, no sitemap)."""
    values = {
        "timeout": 0.3,
        "max_retries": 2,
        "backoff_base": 0.01,
        "backoff_max": 0.05,
        "max_retry_after": 5.0,
        "max_decoded_bytes": 2_000_000,
        "concurrency": 8,
        **settings,
    }
    lines = "".join(f"  {name}: {value}\n" for name, value in values.items())
    seeds = (
        "    feeds: [/rss/home.rss]\n    sitemaps: [/sitemap.xml]\n    listings: [/chinh-tri/]\n"
    )
    if listings:
        seeds = f"    listings: [{', '.join(listings)}]\n"
    return f"""settings:
{lines}
sources:
  - key: baothu
    name: Báo Thử
    base_url: {base_url}
{seeds}    article_pattern: '-a\\d+\\.html$'
    selectors:
      published_at: div.time
      body: div.detail-content
      captions: div.detail-content em
    max_rps: 0
    concurrency: 4
"""
