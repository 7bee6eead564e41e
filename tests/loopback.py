"""A real HTTP server on loopback whose every path is a small function: for hostile servers."""

from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class Loopback:
    """A real HTTP server on 127.0.0.1 answering each path with its route."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        loopback = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                route = loopback.routes.get(self.path)
                try:
                    if route is None:
                        answer(self, 404, b"not found")
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT/"""
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> Loopback:
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def answer(handler: BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    """A whole answer with its length (`Content_Type="text/html"` for Content-Type)."""
    handler.send_response(status)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in {"Content-Type": "text/plain", **headers}.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)
