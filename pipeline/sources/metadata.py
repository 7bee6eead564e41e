"""Title, lead and author of an article page, each with the selector or fallback that gave it.

Structured data (JSON-LD `NewsArticle`, OpenGraph and other meta tags) is read with every
HTML entity undone, however many times the CMS escaped it. Where the structured data and the
page disagree, the page wins for the title (the visible `<h1>` is what readers and the paper
call the article) and for the lead (the printed sapo keeps its `(Báo X) -` opening).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.sources.html_text import (
    clean,
    describe,
    fold,
    node_text,
    resembles,
    unescape_fully,
)


@dataclass(frozen=True)
class Found:
    """A value read from the page and how it was found (shown by `vnie page`)."""

    value: str | None
    how: str


NOTHING = Found(None, "not found")

#: Separators between a headline and the site's name or section in `<title>` / `og:title`.
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—»]+|::)\s+")
#: Elements that print the headline when it is not in an `<h1>`.
TITLE_HINTS = "[data-role=title], [class*=title-detail], [class*=detail-title], [itemprop=headline]"
#: Elements that may print the headline in layouts without `<h1>` or site metadata.
PRINTED_TITLE_HINTS = "h2, h3, [class*=title i], [class*=tieude i], b, strong"
#: Elements named as the sapo: trusted even when the page describes itself nowhere else.
SAPO_HINTS = "[data-role=sapo], [data-slot=sapo], [class*=sapo], [itemprop=description]"
#: Elements that may print the sapo: trusted when they resemble the page's description.
LEAD_HINTS = (
    "[data-role=sapo], [data-slot=sapo], [class*=sapo], [itemprop=description], "
    "[class*=lead], [class*=summary], p.description, [class*=description]"
)
#: Elements that print the byline, most specific first.
BYLINE_HINTS = (
    "[data-role=author]",
    "[itemprop=author] [itemprop=name]",
    "[itemprop=author]",
    "[rel=author]",
    ".author-name, .author_name, [class*=author-name]",
    ".author, .author_mail, .byline, [class*=byline]",
)
#: Links to an author's page (`/tac-gia/` is "author" in Vietnamese URLs).
AUTHOR_PAGE_LINKS = "a[href*='/tac-gia/'], a[href*='/author/'], a[href*='/tacgia/']"
MAX_LINKED_AUTHORS = 4
#: Words before a name in a byline: "Theo Hồ Hương" (republished from), "Bài và ảnh: …".
_BYLINE_OPENING = re.compile(
    r"^(?:theo|bài(?:\s+và\s+ảnh)?\s*:|tác giả\s*:|nhóm phóng viên\s*:|pv\s*:)\s*", re.I
)
_BYLINE_NOTE = re.compile(r"\s*\((?:[^()]*)\)\s*$")  # "Hà Thu (tổng hợp)"
#: A byline element's label alone, with no name: "Tác giả", "Nguồn", "Author".
_BYLINE_LABEL = re.compile(r"^(tác giả|tác giả khác|author|nguồn|bài|ảnh|pv|phóng viên)$", re.I)
MAX_BYLINE_CHARS = 60
_WORDS = re.compile(r"[^\W\d_]+")  # a name's words are capitalized: "Minh Chiến", "NGHI VŨ"


# --- structured data --------------------------------------------------------------------------


def _unescaped(value: Any) -> Any:
    if isinstance(value, str):
        return unescape_fully(value)
    if isinstance(value, list):
        return [_unescaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _unescaped(item) for key, item in value.items()}
    return value


def _json_ld_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_ld_items(data.get("@graph", []))


def json_ld_article(tree: LexborHTMLParser) -> dict[str, Any]:
    """The page's first JSON-LD `*Article` / `*Posting` object, every string unescaped."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "", strict=False)
        except json.JSONDecodeError:
            continue
        for item in _json_ld_items(data):
            kind = str(item.get("@type", ""))
            if "Article" in kind or "Posting" in kind:
                return _unescaped(item)
    return {}


def ld_text(ld: dict[str, Any], key: str) -> str | None:
    """A JSON-LD string property, cleaned; None when absent or not a string."""
    value = ld.get(key)
    return clean(value) if isinstance(value, str) else None


def meta(tree: LexborHTMLParser, *names: str) -> Found:
    """The first non-empty `<meta>` of those names (property, name or itemprop), unescaped."""
    for name in names:
        query = f'meta[property="{name}"], meta[name="{name}"], meta[itemprop="{name}"]'
        for node in tree.css(query):
            content = clean(unescape_fully(node.attributes.get("content") or ""))
            if content:
                return Found(content, f"meta {name}")
    return NOTHING


def select_text(tree: LexborHTMLParser, css: str | None, key: str) -> Found:
    """The text of the first node the site's selector for `key` matches."""
    node = tree.css_first(css) if css else None
    text = clean(node.text(separator=" ")) if node is not None else None
    return Found(text, f"site selector {key}: {css}") if text else NOTHING


def _names(value: Any, people_only: bool) -> list[str]:
    """Names in a JSON-LD `author`: a string, a Person/Organization, or a list of them."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item, people_only)]
    if isinstance(value, dict):
        if people_only and "Person" not in str(value.get("@type", "Person")):
            return []
        name = clean(value.get("name")) if isinstance(value.get("name"), str) else None
        return [name] if name else []
    name = clean(value) if isinstance(value, str) else None
    return [name] if name else []


def site_names(tree: LexborHTMLParser, ld: dict[str, Any], url: str | None) -> list[str]:
    """What the site calls itself: publisher, og:site_name, and its host's labels."""
    names = [*_names(ld.get("publisher"), people_only=False)]
    for name in ("og:site_name", "application-name", "apple-mobile-web-app-title", "copyright"):
        found = meta(tree, name).value
        if found:
            names.append(found)
    canonical = tree.css_first("link[rel=canonical]")
    for address in (
        url,
        meta(tree, "og:url").value,
        canonical and canonical.attributes.get("href"),
    ):
        host = urlsplit(address or "").hostname or ""
        labels = [label for label in host.split(".") if label not in ("www", "com", "vn", "org")]
        names += [label for label in labels if len(label) >= 4]
    return [name for name in names if name]


def _is_site_part(part: str, sites: list[str]) -> bool:
    folded = fold(part)
    return bool(folded) and any(
        (site := fold(name)) and (site in folded or folded in site) for name in sites
    )


# --- title ------------------------------------------------------------------------------------


def strip_site_name(title: str, sites: list[str], sections: list[str]) -> str:
    """`Headline - Section - Site` → `Headline`: trailing parts naming the site or section go."""
    parts = _TITLE_PARTS.split(title)
    seps = _TITLE_PARTS.findall(title)
    folded_sections = {fold(s) for s in sections if s}
    while len(parts) > 1 and (
        _is_site_part(parts[-1], sites) or fold(parts[-1]) in folded_sections
    ):
        parts.pop()
        seps.pop()
    return "".join(part + sep for part, sep in zip(parts, [*seps, ""], strict=False)).strip()


def visible_headline(tree: LexborHTMLParser, stated: list[str]) -> LexborNode | None:
    """The element that prints the headline: the `<h1>` most like the titles the page states
    in its metadata (else a title-like element that resembles one), or the only `<h1>` when
    the page states none."""
    headings = [n for n in tree.css("h1") if 8 <= len(node_text(n)) <= 400]
    if not stated:
        return headings[0] if len(headings) == 1 else None

    def likeness(node: LexborNode) -> float:
        text = node_text(node).casefold()
        return max(difflib.SequenceMatcher(None, text, t.casefold()).ratio() for t in stated)

    for candidates in (headings, list(tree.css(TITLE_HINTS))):
        alike = [
            n
            for n in candidates
            if 8 <= len(node_text(n)) <= 400
            and any(resembles(node_text(n), title, 0.6) for title in stated)
        ]
        if alike:
            return max(alike, key=likeness)
    return None


def find_title(
    tree: LexborHTMLParser,
    ld: dict[str, Any],
    css: str | None,
    sites: list[str],
    sections: list[str],
) -> tuple[Found, LexborNode | None]:
    """The title, and the element that prints it when there is one."""
    selected = select_text(tree, css, "title")
    if selected.value:
        return selected, tree.css_first(css) if css else None
    stated: list[Found] = []
    headline = ld_text(ld, "headline")
    if headline:
        stated.append(Found(headline, "JSON-LD headline"))
    for name in ("og:title", "twitter:title", "title"):
        found = meta(tree, name)
        if found.value:
            stated.append(Found(strip_site_name(found.value, sites, sections), found.how))
    page_title = tree.css_first("title")
    if page_title is not None and (text := clean(page_title.text())):
        stated.append(Found(strip_site_name(text, sites, sections), "<title>"))
    node = visible_headline(tree, [s.value for s in stated if s.value])
    if node is not None:
        return Found(node_text(node), f"visible headline {describe(node)}"), node
    printed = _printed_title_part(tree, stated)
    if printed is not None:
        return Found(node_text(printed), f"printed headline {describe(printed)}"), printed
    for found in stated:
        if found.value:
            how = found.how if found.how.startswith("JSON") else f"{found.how} without site name"
            return Found(found.value, how), None
    return NOTHING, None


def _printed_title_part(tree: LexborHTMLParser, stated: list[Found]) -> LexborNode | None:
    """An element printing the leading part of a stated title (`Headline - Paper` with the
    paper's name unknown): the headline of layouts without `<h1>` or site metadata."""
    prefixes: list[str] = []
    for found in stated:
        title = found.value or ""
        prefixes.append(title)
        prefixes += [title[: m.start()] for m in reversed(list(_TITLE_PARTS.finditer(title)))]
    wanted = {p.casefold(): p for p in prefixes if len(p) >= 8}
    if not wanted:
        return None
    for node in tree.css(PRINTED_TITLE_HINTS):
        if node_text(node).casefold() in wanted:
            return node
    return None


# --- lead -------------------------------------------------------------------------------------


def find_lead(tree: LexborHTMLParser, ld: dict[str, Any], css: str | None) -> Found:
    """The sapo: the site's selector, the printed sapo, else the described summary."""
    selected = select_text(tree, css, "lead")
    if selected.value:
        return selected
    described = [
        Found(text, "JSON-LD description") if (text := ld_text(ld, "description")) else NOTHING,
        meta(tree, "og:description"),
        meta(tree, "description"),
        meta(tree, "twitter:description"),
    ]
    summaries = [d for d in described if d.value]
    for node in tree.css(LEAD_HINTS):
        if node.tag in ("meta", "script", "body", "html"):
            continue
        text = node_text(node)
        if not 30 <= len(text) <= 1500:
            continue
        summary = next((s for s in summaries if resembles(text, s.value or "", 0.8)), None)
        if summary is not None or (not summaries and node.css_matches(SAPO_HINTS)):
            return Found(text, f"printed sapo {describe(node)}")
    # Longest first: descriptions are often cut short ("…đắt hơn thế giới") in one place only
    return max(summaries, key=lambda s: len(s.value or ""), default=NOTHING)


# --- author -----------------------------------------------------------------------------------


def byline_name(text: str | None) -> str | None:
    """A byline as a name: without `Theo` / `Bài:` openings or a closing `(tổng hợp)` note."""
    text = clean(text)
    if not text:
        return None
    text = _BYLINE_NOTE.sub("", _BYLINE_OPENING.sub("", text))
    return clean(text.strip(" -–,.:"))


def looks_like_name(text: str, publishers: list[str]) -> bool:
    """Short, capitalized, without digits or URLs, not a label ("Tác giả") nor the paper's
    own name: "Xem các bài viết của tác giả" on a link to the author's page is not a name."""
    return (
        not _BYLINE_LABEL.match(text)
        and 1 < len(text) <= MAX_BYLINE_CHARS
        and len(text.split()) <= 8
        and not any(ch.isdigit() for ch in text)
        and "http" not in text
        and "@" not in text
        and not _is_site_part(text, publishers)
        and all(word[0].isupper() or word in ("và", "cùng") for word in _WORDS.findall(text))
    )


def find_author(
    tree: LexborHTMLParser, ld: dict[str, Any], css: str | None, publishers: list[str]
) -> Found:
    """The byline: site selector, JSON-LD people, a printed byline, else author meta tags."""
    selected = select_text(tree, css, "author")
    if selected.value:
        return Found(byline_name(selected.value), selected.how)
    people = [
        name
        for raw in _names(ld.get("author"), people_only=True)
        if (name := byline_name(raw)) and looks_like_name(name, publishers)
    ]
    if people:
        return Found(", ".join(dict.fromkeys(people)), "JSON-LD author")
    for query in BYLINE_HINTS:
        for node in tree.css(query):
            name = byline_name(node_text(node))
            if name and looks_like_name(name, publishers):
                return Found(name, f"printed byline {describe(node)}")
    # links to the authors' pages: every author of the article, in the order printed
    linked = [
        name
        for node in tree.css(AUTHOR_PAGE_LINKS)
        if (name := byline_name(node_text(node))) and looks_like_name(name, publishers)
    ]
    if linked:
        names = list(dict.fromkeys(linked))[:MAX_LINKED_AUTHORS]
        return Found(", ".join(names), f"links to author pages {AUTHOR_PAGE_LINKS}")
    for key in ("article:author", "author"):
        found = meta(tree, key)
        bylines = [byline_name(part) for part in (found.value or "").split(";")]
        names = [n for n in bylines if n and looks_like_name(n, publishers)]
        if names:
            return Found(", ".join(names), found.how)
    return NOTHING
