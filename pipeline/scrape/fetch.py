"""Polite HTTP fetching: robots.txt, per-host rate and concurrency, retries, size and host caps.

Redirects are followed here, one hop at a time, so that each hop is checked against the
source's site (scheme, host and port), the private-address rule and the redirect cap. Bodies
are read as a stream and decompressed here, so both the compressed and the decompressed size
can be capped (a gzip bomb stops at the cap, not in memory). Each request has a total deadline
besides the timeout of each read, so that a server dripping a byte a second is cut off.

robots.txt follows RFC 9309: its first 500 KiB are parsed whatever its size; 4xx means no
rules; anything else that is not a readable 200 (5xx, a network error, a redirect off the site,
a corrupt body) disallows the whole site for this run.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import random
import socket
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from pipeline.sources.catalog import CrawlSettings, Source

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 520, 521, 522, 523, 524})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_AGENT = "vnie-scraper"
#: RFC 9309, 2.5: crawlers must parse at least the first 500 kibibytes of a robots.txt.
ROBOTS_MAX_BYTES = 500 * 1024
_DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class Fetched:
    """One HTTP exchange as it happened: what was asked, what came back (body decompressed)."""

    url: str  # the URL answered, after redirects
    requested_url: str
    status: int
    reason: str
    http_version: str
    request_headers: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    body: bytes
    attempts: int = 1

    def header(self, name: str) -> str | None:
        """The first response header of that name (case-insensitive), or None."""
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)

    @property
    def content_type(self) -> str:
        """The media type and parameters of the body, '' when the server sent none."""
        return self.header("content-type") or ""


class FetchError(Exception):
    """A URL that could not be fetched; `transient` failures are retried on the next run."""

    def __init__(
        self, url: str, stage: str, reason: str, transient: bool = False, attempts: int = 1
    ):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.stage = stage
        self.reason = reason
        self.transient = transient
        self.attempts = attempts


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """`Retry-After` as seconds to wait: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now_dt = datetime.fromtimestamp(now if now is not None else time.time(), UTC)
    return max(0.0, (when - now_dt).total_seconds())


def is_private_address(address: str) -> bool:
    """Loopback, private, link-local and other non-public addresses."""
    ip = ipaddress.ip_address(address.split("%")[0])
    return not ip.is_global


class HostGate:
    """At most `concurrency` requests in flight to one host, and at least `interval` s apart."""

    def __init__(self, concurrency: int, interval: float):
        self.slots = asyncio.Semaphore(concurrency)
        self.interval = interval
        self.next_start = 0.0
        self.lock = asyncio.Lock()

    async def __aenter__(self) -> HostGate:
        await self.slots.acquire()
        async with self.lock:
            wait = self.next_start - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_start = time.monotonic() + self.interval
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.slots.release()


class Fetcher:
    """An httpx client with the crawl's politeness rules; use `async with Fetcher(...)`."""

    def __init__(self, settings: CrawlSettings):
        self.settings = settings
        self.client: httpx.AsyncClient | None = None
        self.gates: dict[str, HostGate] = {}
        self.robots: dict[str, Protego | None] = {}
        #: why a host's robots.txt could not be read (its pages are then not fetched)
        self.robots_unreadable: dict[str, str] = {}
        self.robots_locks: dict[str, asyncio.Lock] = {}
        self.addresses: dict[str, bool] = {}

    async def __aenter__(self) -> Fetcher:
        timeout = httpx.Timeout(self.settings.timeout)
        limits = httpx.Limits(max_connections=max(64, self.settings.concurrency * 2))
        self.client = httpx.AsyncClient(
            timeout=timeout,
            limits=limits,
            follow_redirects=False,
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.client is not None:
            await self.client.aclose()

    # --- politeness ---------------------------------------------------------------------------

    def _gate(self, url: str, source: Source) -> HostGate:
        host = urlsplit(url).netloc.lower()
        gate = self.gates.get(host)
        if gate is None:
            limited = self.settings.rate_limits and source.max_rps > 0
            interval = 1.0 / source.max_rps if limited else 0.0
            gate = self.gates[host] = HostGate(source.concurrency, interval)
        return gate

    async def allowed(self, url: str, source: Source) -> bool:
        """Does the host's robots.txt let us fetch this URL? Sets the host's Crawl-delay."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        lock = self.robots_locks.setdefault(root, asyncio.Lock())
        async with lock:
            if root not in self.robots:
                self.robots[root] = await self._load_robots(root, url, source)
        rules = self.robots[root]
        return rules is None or rules.can_fetch(url, ROBOTS_AGENT)

    def robots_problem(self, url: str) -> str | None:
        """Why the robots.txt of the URL's host could not be read, if it could not."""
        parts = urlsplit(url)
        return self.robots_unreadable.get(f"{parts.scheme}://{parts.netloc}")

    async def _load_robots(self, root: str, url: str, source: Source) -> Protego | None:
        try:
            fetched = await self.fetch(f"{root}/robots.txt", source, truncate_at=ROBOTS_MAX_BYTES)
        except FetchError as exc:  # a site that cannot answer for its robots.txt: do not crawl it
            self.robots_unreadable[root] = exc.reason
            return Protego.parse(_DISALLOW_ALL)
        if 400 <= fetched.status < 500:
            return None  # "unavailable": no rules, everything allowed (RFC 9309, 2.3.1.3)
        if fetched.status != 200:  # 5xx and the unexpected: when unsure, disallow
            self.robots_unreadable[root] = f"HTTP {fetched.status} {fetched.reason}".strip()
            return Protego.parse(_DISALLOW_ALL)
        text = fetched.body.decode("utf-8", errors="replace")
        if len(fetched.body) >= ROBOTS_MAX_BYTES:  # cut: a partial last line is not a rule
            text = text[: text.rfind("\n") + 1]
        try:
            rules = Protego.parse(text)
        except Exception:  # a parser's failure is doubt too
            return Protego.parse(_DISALLOW_ALL)
        delay = rules.crawl_delay(ROBOTS_AGENT)
        gate = self._gate(url, source)
        if delay and self.settings.rate_limits:
            gate.interval = max(gate.interval, float(delay))
        return rules

    async def _check_address(self, url: str, source: Source) -> None:
        host = urlsplit(url).hostname or ""
        if host not in self.addresses:
            self.addresses[host] = await self._resolves_private(host)
        if self.addresses[host]:
            base = source.host
            if base not in self.addresses:
                self.addresses[base] = await self._resolves_private(base)
            if not self.addresses[base]:
                raise FetchError(url, "fetch", f"refusing private address of host {host}")

    @staticmethod
    async def _resolves_private(host: str) -> bool:
        try:
            return is_private_address(host)
        except ValueError:
            pass
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, None, type=socket.SOCK_STREAM
            )
        except OSError:
            return False  # the request itself will fail and say why
        addresses = (info[4][0] for info in infos)  # of AF_INET and AF_INET6: strings
        return any(
            isinstance(address, str) and is_private_address(address) for address in addresses
        )

    # --- fetching -----------------------------------------------------------------------------

    def _backoff(self, attempt: int) -> float:
        delay = min(self.settings.backoff_max, self.settings.backoff_base * 2**attempt)
        return delay * (0.5 + random.random())  # full jitter around the exponential step

    async def fetch(
        self,
        url: str,
        source: Source,
        headers: dict[str, str] | None = None,
        truncate_at: int | None = None,
    ) -> Fetched:
        """GET with retries for 5xx, 429, timeouts and dropped connections; FetchError if none.

        With `truncate_at`, the body is cut to that many (decompressed) bytes instead of being
        refused over the caps.
        """
        retries = self.settings.max_retries
        for attempt in range(retries + 1):
            try:
                fetched = await self._follow(url, source, headers or {}, truncate_at)
            except _Retryable as exc:
                reason, retry_after = exc.reason, exc.retry_after
            else:
                if fetched.status not in RETRY_STATUSES:
                    return _with_attempts(fetched, attempt + 1)
                reason = f"HTTP {fetched.status} {fetched.reason}".strip()
                retry_after = retry_after_seconds(fetched.header("retry-after"))
            if attempt == retries:
                break
            if retry_after is not None and retry_after > self.settings.max_retry_after:
                raise FetchError(
                    url, "fetch", f"{reason}, Retry-After {retry_after:.0f} s is too long", True
                )
            await asyncio.sleep(max(self._backoff(attempt), retry_after or 0.0))
        raise FetchError(
            url, "fetch", f"{reason} (after {retries + 1} attempts)", True, retries + 1
        )

    async def _follow(
        self, url: str, source: Source, headers: dict[str, str], truncate_at: int | None
    ) -> Fetched:
        current, seen = url, [url]
        for _hop in range(self.settings.max_redirects + 1):
            if not source.owns(current):
                raise FetchError(
                    url,
                    "fetch",
                    f"redirected off the source's site (scheme, host, port) to {current}",
                )
            await self._check_address(current, source)
            fetched = await self._get(current, source, headers, truncate_at)
            location = fetched.header("location")
            if fetched.status not in REDIRECT_STATUSES or not location:
                return Fetched(**{**fetched.__dict__, "requested_url": url})
            current = urljoin(current, location).split("#")[0]
            if current in seen:
                chain = " → ".join([*seen, current])
                raise FetchError(url, "fetch", f"redirect loop: {chain}")
            seen.append(current)
        raise FetchError(url, "fetch", f"more than {self.settings.max_redirects} redirects")

    async def _get(
        self, url: str, source: Source, headers: dict[str, str], truncate_at: int | None
    ) -> Fetched:
        assert self.client is not None, "use `async with Fetcher(...)`"
        request = self.client.build_request("GET", url, headers=headers)
        deadline = self.settings.request_deadline
        async with self._gate(url, source):
            try:
                async with asyncio.timeout(deadline):
                    response, body = await self._exchange(url, request, truncate_at)
            except TimeoutError:
                raise _Retryable(
                    f"no complete answer within the deadline of {deadline:g} s"
                ) from None
        return Fetched(
            url=url,
            requested_url=url,
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            request_headers=tuple(request.headers.multi_items()),
            headers=tuple(response.headers.multi_items()),
            body=body,
        )

    def _timeout_reason(self, exc: httpx.TimeoutException) -> str:
        step = {"ConnectTimeout": "connecting", "ReadTimeout": "waiting for data"}.get(
            type(exc).__name__, type(exc).__name__
        )
        return f"timeout: no answer within {self.settings.timeout:g} s ({step})"

    async def _exchange(
        self, url: str, request: httpx.Request, truncate_at: int | None
    ) -> tuple[httpx.Response, bytes]:
        assert self.client is not None
        try:
            response = await self.client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise _Retryable(self._timeout_reason(exc)) from None
        except (httpx.TransportError, OSError) as exc:
            raise _Retryable(connection_failure(exc, url)) from None
        try:
            return response, await self._read_body(url, response, truncate_at)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"{self._timeout_reason(exc)} reading the body") from None
        except (httpx.TransportError, OSError) as exc:
            raise _Retryable(f"connection dropped: {exc or type(exc).__name__}") from None
        finally:
            await response.aclose()

    async def _read_body(
        self, url: str, response: httpx.Response, truncate_at: int | None = None
    ) -> bytes:
        limit, decoded_limit = self.settings.max_body_bytes, self.settings.max_decoded_bytes
        if truncate_at is not None:
            decoded_limit = truncate_at
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and truncate_at is None:
            raise FetchError(url, "fetch", f"body of {declared} bytes is over the cap of {limit}")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            decoder = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        elif encoding in ("", "identity"):
            decoder = None
        else:
            raise FetchError(url, "fetch", f"unsupported Content-Encoding {encoding!r}")
        received, parts, size = 0, [], 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > limit:
                raise FetchError(url, "fetch", f"body over the cap of {limit} bytes")
            if decoder is not None:
                try:  # never more than one byte over the cap, however much the chunk inflates
                    chunk = decoder.decompress(chunk, decoded_limit - size + 1)
                except zlib.error as exc:
                    raise FetchError(url, "fetch", f"corrupt {encoding} body: {exc}") from None
            size += len(chunk)
            parts.append(chunk)
            if size > decoded_limit:
                if truncate_at is not None:
                    return b"".join(parts)[:truncate_at]
                raise FetchError(
                    url, "fetch", f"body over the cap of {decoded_limit} bytes once decompressed"
                )
        if decoder is not None:
            parts.append(decoder.flush())
        return b"".join(parts)[:truncate_at]


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def connection_failure(exc: BaseException, url: str) -> str:
    """What went wrong with a connection, in words: DNS failure, refused, reset, or as raised."""
    parts = urlsplit(url)
    host = parts.hostname or "?"
    address = f"{host}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    chain = _causes(exc)
    text = " ".join(str(e) for e in chain)
    if any(isinstance(e, socket.gaierror) for e in chain) or any(
        words in text
        for words in (
            "Name or service not known",
            "nodename nor servname",
            "Temporary failure in name resolution",
            "No address associated",
            "getaddrinfo failed",
        )
    ):
        return f"DNS failure: the name {host} does not resolve"
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "Connection refused" in text:
        return f"connection refused by {address} (nothing listens there)"
    if any(isinstance(e, ConnectionResetError) for e in chain) or "reset by peer" in text:
        return f"connection reset by {address}"
    return f"connection failed: {exc or type(exc).__name__}"


def _with_attempts(fetched: Fetched, attempts: int) -> Fetched:
    return Fetched(**{**fetched.__dict__, "attempts": attempts})
