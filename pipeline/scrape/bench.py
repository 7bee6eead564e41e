"""Throughput of fetch + parse + archive: synthetic article pages served on loopback.

`run_bench()` serves N article pages and a sitemap from a local HTTP server in a child
process, crawls them with rate limits off, and returns pages per second.
"""

from __future__ import annotations

import json
import multiprocessing
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pipeline.scrape.crawl import run_crawl
from pipeline.scrape.progress import CrawlProgress
from pipeline.sources.catalog import CrawlSettings, Source

PARAGRAPH = (
    "Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm, đánh giá kết quả thực hiện "
    "nhiệm vụ phát triển kinh tế - xã hội và triển khai kế hoạch của năm tới."
)


def _page(number: int) -> bytes:
    body = "".join(f"<p>Đoạn {i}. {PARAGRAPH}</p>" for i in range(12))
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>Bài {number}</title>"
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        f'"headline":"Bài thử số {number}","datePublished":"2025-01-02T08:00:00+07:00"}}'
        f"</script></head><body><h1>Bài thử số {number}</h1>"
        f'<div class="detail-content">{body}<p style="text-align:right"><strong>P.V</strong></p>'
        "</div></body></html>"
    ).encode()


def _serve(n_pages: int, port_queue: multiprocessing.Queue[int]) -> None:
    pages = {f"/bai-{n}-a{n}.html": _page(n) for n in range(n_pages)}
    urls = "".join(f"<url><loc>http://127.0.0.1:{{port}}{path}</loc></url>" for path in pages)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/sitemap.xml":
                body, content_type = sitemap, "application/xml"
            elif self.path in pages:
                body, content_type = pages[self.path], "text/html; charset=utf-8"
            else:
                body, content_type = b"", "text/plain"
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    sitemap = f"<urlset>{urls.replace('{port}', str(server.server_port))}</urlset>".encode()
    port_queue.put(server.server_port)
    server.serve_forever()


def run_bench(n_pages: int = 1000, concurrency: int = 16) -> dict[str, Any]:
    """Crawl `n_pages` synthetic articles from loopback; pages/s for fetch + parse + archive."""
    context = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue[int] = context.Queue()
    server = context.Process(target=_serve, args=(n_pages, ports), daemon=True)
    server.start()
    try:
        port = ports.get(timeout=30)
        source = Source(
            key="bench",
            name="bench",
            base_url=f"http://127.0.0.1:{port}/",
            sitemaps=("/sitemap.xml",),
            article_pattern=r"-a\d+\.html$",
            max_rps=0,
            concurrency=concurrency,
        )
        settings = CrawlSettings(concurrency=concurrency, rate_limits=False, timeout=10.0)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            summary = run_crawl(
                (source,), settings, Path(folder), progress=CrawlProgress(interval=1e9, live=False)
            )
            seconds = time.perf_counter() - started
            warc_bytes = sum(p.stat().st_size for p in Path(folder).glob("*.warc.gz"))
    finally:
        server.terminate()
        server.join(timeout=5)
    return {
        "pages": summary.pages,
        "articles": summary.articles,
        "errors": summary.errors,
        "seconds": round(seconds, 3),
        "pages_per_s": round(summary.pages / seconds, 1),
        "warc_bytes": warc_bytes,
    }


if __name__ == "__main__":
    print(json.dumps(run_bench(), indent=2))
