"""The sources file (`rules/sources.yml`): which papers to crawl, how, and the crawl settings.

Papers built on one CMS share a `family` (under `families:`): its article pattern, selectors
and URL examples; a source's own fields override the family's (selectors key by key). Each
source says how it was `verified`: `catalog` (configured from the catalog, never fetched),
`fixture` (checked against saved real pages) or `live` (checked with `vnie scrape --check KEY`).
`article_examples` and `not_articles` are URLs the article pattern must and must not accept:
`vnie scrape --check` with no key checks them offline, like a rule file's examples.

Every error names the file and the line of the offending entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from selectolax.lexbor import LexborHTMLParser

from pipeline import __version__
from pipeline.sources.urls import DEFAULT_PORTS, host_key

SELECTOR_KEYS = ("title", "published_at", "author", "section", "lead", "body", "captions", "next")
#: Fields a family may give its papers.
FAMILY_KEYS = {
    "article_pattern",
    "selectors",
    "feeds",
    "sitemaps",
    "listings",
    "max_rps",
    "article_examples",
    "not_articles",
    "note",
}
VERIFIED = ("catalog", "fixture", "live")
SOURCE_KEYS = FAMILY_KEYS | {
    "key",
    "family",
    "verified",
    "name",
    "base_url",
    "hosts",
    "feeds",
    "sitemaps",
    "listings",
    "article_pattern",
    "selectors",
    "max_rps",
    "concurrency",
    "note",
}
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class CrawlSettings:
    """Politeness and robustness knobs (Scrapy-style defaults), overridable under `settings:`."""

    user_agent: str = (
        f"vnie-scraper/{__version__} (research crawler of the Vietnamese provincial press)"
    )
    timeout: float = 20.0  # seconds, for each of connect / read / write
    request_deadline: float = 120.0  # seconds for a whole request, headers and body
    max_retries: int = 3  # after the first attempt, for 5xx, 429, timeouts, dropped connections
    backoff_base: float = 1.0  # seconds; doubled at each retry, with jitter
    backoff_max: float = 60.0
    max_retry_after: float = 300.0  # a longer Retry-After is an error for this run
    max_redirects: int = 5
    max_body_bytes: int = 5_000_000  # as sent (compressed)
    max_decoded_bytes: int = 20_000_000  # after gzip / deflate
    concurrency: int = 8  # pages in flight over all hosts
    rate_limits: bool = True  # False only for benchmarks on loopback
    max_listing_pages: int = 50  # pages followed from one listing
    max_warc_bytes: int = 1_000_000_000  # a new WARC file after this size

    @classmethod
    def from_mapping(cls, values: dict[str, Any], where: str) -> CrawlSettings:
        """Settings from the YAML mapping; unknown names and wrong types are errors."""
        known = {f.name: f for f in fields(cls)}
        clean: dict[str, Any] = {}
        for name, value in (values or {}).items():
            if name not in known:
                raise SourcesError(f"{where}: unknown setting {name!r} (known: {sorted(known)})")
            default = getattr(cls, name)
            kind = type(default)
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise SourcesError(f"{where}: setting {name!r} must be {kind.__name__}")
            clean[name] = value
        return cls(**clean)


@dataclass(frozen=True)
class Source:
    """One newspaper: where to find its articles and how to read them."""

    key: str
    name: str
    base_url: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    listings: tuple[str, ...] = ()
    article_pattern: str | None = None
    selectors: dict[str, str] = field(default_factory=dict, hash=False)
    max_rps: float = 1.0
    concurrency: int = 2
    hosts: tuple[str, ...] = ()
    origin: str = ""  # "rules/sources.yml:12", for messages
    family: str | None = None
    verified: str = "catalog"
    article_examples: tuple[str, ...] = ()
    not_articles: tuple[str, ...] = ()

    @property
    def host(self) -> str:
        """The base URL's host name."""
        return urlsplit(self.base_url).hostname or ""

    def owns(self, url: str) -> bool:
        """Is the URL on this source's site: one of its hosts (`www.` or not), with the base
        URL's scheme and port? An http base on port 80 also owns https on 443 (the usual
        upgrade); another port of the same host is another site."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return False
        host = host_key(parts.hostname or "")
        if host != host_key(self.host) and host not in {host_key(h) for h in self.hosts}:
            return False
        scheme = parts.scheme.lower()
        return (scheme, port or DEFAULT_PORTS.get(scheme)) in self.origins

    @property
    def origins(self) -> frozenset[tuple[str, int | None]]:
        """The (scheme, port) pairs of this source's site."""
        base = urlsplit(self.base_url)
        origin = (base.scheme, base.port or DEFAULT_PORTS[base.scheme])
        return frozenset({origin, ("https", 443)} if origin == ("http", 80) else {origin})

    def is_article(self, url: str) -> bool:
        """Does the URL's path look like one of this source's article pages?"""
        if not self.article_pattern:
            return True
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return re.search(self.article_pattern, path) is not None


@dataclass(frozen=True)
class SourcesFile:
    """The sources of one file and the settings for crawling them."""

    path: Path
    sources: tuple[Source, ...]
    settings: CrawlSettings

    def select(self, keys: list[str] | None) -> tuple[Source, ...]:
        """The named sources (all when none named); an unknown key is an error."""
        if not keys:
            return self.sources
        by_key = {s.key: s for s in self.sources}
        unknown = [k for k in keys if k not in by_key]
        if unknown:
            raise SourcesError(
                f"{self.path}: no source {', '.join(unknown)} (known: {', '.join(by_key)})"
            )
        return tuple(by_key[k] for k in keys)


def _strings(value: Any, name: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SourcesError(f"{where}: {name!r} must be a list of strings")
    return tuple(value)


def _check_selector(css: str, where: str, name: str) -> None:
    try:
        LexborHTMLParser("<p></p>").css(css)
    except Exception as exc:  # selectolax raises several kinds for a bad selector
        raise SourcesError(
            f"{where}: selector {name!r} is not valid CSS: {css!r} ({exc})"
        ) from None


def _with_family(raw: dict[str, Any], families: dict[str, Any], where: str) -> dict[str, Any]:
    """The source's fields over its family's (selectors merged key by key)."""
    name = raw.get("family")
    if name is None:
        return raw
    if name not in families:
        known = ", ".join(families) or "none"
        raise SourcesError(f"{where}: unknown family {name!r} (families: {known})")
    merged = {**families[name], **raw}
    merged["selectors"] = {
        **(families[name].get("selectors") or {}),
        **(raw.get("selectors") or {}),
    }
    return merged


def _check_family(name: Any, raw: Any, where: str) -> None:
    if not isinstance(name, str) or not _KEY.match(name):
        raise SourcesError(f"{where}: a family's name must be a short id (got {name!r})")
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: family {name!r} must be a mapping")
    unknown = sorted(set(raw) - FAMILY_KEYS)
    if unknown:
        raise SourcesError(
            f"{where}: family {name!r}: unknown field(s) {unknown} (known: {sorted(FAMILY_KEYS)})"
        )


def _source(raw: Any, where: str, families: dict[str, Any]) -> Source:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: each source must be a mapping with at least key and base_url")
    unknown = sorted(set(raw) - SOURCE_KEYS)
    if unknown:
        raise SourcesError(f"{where}: unknown field(s) {unknown} (known: {sorted(SOURCE_KEYS)})")
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise SourcesError(f"{where}: 'key' must be a short id of a-z, 0-9, _ or - (got {key!r})")
    where = f"{where} (source {key!r})"
    raw = _with_family(raw, families, where)
    verified = raw.get("verified", "catalog")
    if verified not in VERIFIED:
        raise SourcesError(f"{where}: 'verified' must be one of {', '.join(VERIFIED)}")
    base_url = raw.get("base_url")
    parts = urlsplit(base_url) if isinstance(base_url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: 'base_url' must be an http(s) URL (got {base_url!r})")
    pattern = raw.get("article_pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise SourcesError(f"{where}: 'article_pattern' is not a regex: {exc}") from None
    selectors = raw.get("selectors") or {}
    if not isinstance(selectors, dict):
        raise SourcesError(f"{where}: 'selectors' must be a mapping")
    for name, css in selectors.items():
        if name not in SELECTOR_KEYS:
            raise SourcesError(f"{where}: unknown selector {name!r} (known: {SELECTOR_KEYS})")
        if not isinstance(css, str) or not css.strip():
            raise SourcesError(f"{where}: selector {name!r} must be a CSS string")
        _check_selector(css, where, name)
    max_rps = raw.get("max_rps", 1.0)
    if isinstance(max_rps, bool) or not isinstance(max_rps, int | float) or max_rps < 0:
        raise SourcesError(f"{where}: 'max_rps' must be a number >= 0 (0: no limit)")
    concurrency = raw.get("concurrency", 2)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise SourcesError(f"{where}: 'concurrency' must be an integer >= 1")
    if not base_url.endswith("/") and not parts.path:
        base_url += "/"
    return Source(
        key=key,
        name=str(raw.get("name") or key),
        base_url=base_url,
        feeds=_strings(raw.get("feeds"), "feeds", where),
        sitemaps=_strings(raw.get("sitemaps"), "sitemaps", where),
        listings=_strings(raw.get("listings"), "listings", where),
        article_pattern=pattern,
        selectors=dict(selectors),
        max_rps=float(max_rps),
        concurrency=concurrency,
        hosts=tuple(h.lower() for h in _strings(raw.get("hosts"), "hosts", where)),
        origin=where,
        family=raw.get("family"),
        verified=verified,
        article_examples=_strings(raw.get("article_examples"), "article_examples", where),
        not_articles=_strings(raw.get("not_articles"), "not_articles", where),
    )


def load_sources(path: str | Path) -> SourcesFile:
    """Read and validate a sources file; raises SourcesError naming the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc.strerror}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise SourcesError(f"{path}{line}: not valid YAML: {exc}") from None
    if root is None or not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise SourcesError(f"{path}:1: expected a mapping with a 'sources:' list")
    nodes = dict((k.value, v) for k, v in root.value)
    settings_line = nodes["settings"].start_mark.line + 1 if "settings" in nodes else 1
    settings = CrawlSettings.from_mapping(data.get("settings") or {}, f"{path}:{settings_line}")
    families = data.get("families") or {}
    if not isinstance(families, dict):
        raise SourcesError(f"{path}:{nodes['families'].start_mark.line + 1}: 'families' must map")
    for (name_node, _value), (name, raw) in zip(
        nodes["families"].value if families else [], families.items(), strict=True
    ):
        where = f"{path}:{name_node.start_mark.line + 1}"
        _check_family(name, raw, where)
        # a family is checked as a source of its own would be (patterns, selectors, URLs)
        _source({"key": name, "base_url": "http://family.invalid/", **raw}, where, {})
    sources: list[Source] = []
    for node, raw in zip(nodes["sources"].value, data["sources"], strict=True):
        source = _source(raw, f"{path}:{node.start_mark.line + 1}", families)
        if any(s.key == source.key for s in sources):
            raise SourcesError(f"{source.origin}: key {source.key!r} is used twice")
        sources.append(source)
    if not sources:
        raise SourcesError(f"{path}:{nodes['sources'].start_mark.line + 1}: no sources listed")
    return SourcesFile(path=path, sources=tuple(sources), settings=settings)
