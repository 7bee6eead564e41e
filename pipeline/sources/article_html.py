"""One HTML page → one article record, without per-site code unless a site's selectors say so.

Title, lead and author: `metadata` (the site's selectors, the visible headline and sapo,
JSON-LD and meta tags with every entity undone). Time: `published` (structured data, else the
time printed beside the headline or on the date line). Body: `body` (the site's container, a
known CMS container, else text density; related boxes, link lists and captions taken out),
trafilatura when no container holds text. Dates are ISO 8601 in Vietnam time (+07:00), text
is NFC, paragraphs are separated by a blank line and captions kept apart.

`read_page` also says which selector or fallback produced each field (`vnie page` shows it).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from pipeline.sources.body import read_body
from pipeline.sources.charset import decode_html
from pipeline.sources.html_text import clean
from pipeline.sources.metadata import (
    Found,
    byline_name,
    find_author,
    find_lead,
    find_title,
    json_ld_article,
    meta,
    select_text,
    site_names,
)
from pipeline.sources.published import find_published
from pipeline.text.dates import printed_moments

PARAGRAPH_JOINER = "\n\n"
#: A first paragraph this alike to the title or the lead repeats it (difflib ratio).
REPEAT_RATIO = 0.9
MAX_DATE_LINE_CHARS = 80
#: How many leading paragraphs may repeat the title, byline, date line or lead.
LEADING_LINES = 8


@dataclass(frozen=True)
class PageReading:
    """The record read from a page, how each field was found, and what the body left out."""

    record: dict[str, Any]
    how: dict[str, str] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()


def _repeats(paragraph: str, other: str | None) -> bool:
    if not other:
        return False
    a, b = paragraph.casefold(), other.casefold()
    shorter = min(len(a), len(b))
    if shorter >= 60 and (a.startswith(b) or b.startswith(a)):
        return True
    return difflib.SequenceMatcher(None, a, b).ratio() >= REPEAT_RATIO


def _strip_leading(
    paragraphs: list[str], title: str | None, lead: str | None, author: str | None
) -> tuple[list[str], list[str]]:
    """(kept, dropped): a container that starts above the article proper repeats the title,
    the byline, the date line or the lead, with short page furniture ("Sao chép liên kết")
    between them. Everything up to the last such repeat goes, when only short lines stand
    before it."""

    def repeats(paragraph: str) -> bool:
        short = len(paragraph) <= MAX_DATE_LINE_CHARS
        return (
            _repeats(paragraph, title)
            or _repeats(paragraph, lead)
            or bool(author and byline_name(paragraph) == author)
            or bool(short and printed_moments(paragraph))
        )

    last = -1
    for index, paragraph in enumerate(paragraphs[:LEADING_LINES]):
        if repeats(paragraph):
            last = index
        elif len(paragraph) > MAX_DATE_LINE_CHARS:
            break  # the article proper has begun
    if last < 0 or last == len(paragraphs) - 1:
        return paragraphs, []
    dropped = [f"above the article: {p[:80]}" for p in paragraphs[: last + 1]]
    return paragraphs[last + 1 :], dropped


def _trafilatura_paragraphs(html: str, url: str | None) -> list[str]:
    import trafilatura

    extracted = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    return [line for raw in (extracted or "").split("\n") if (line := clean(raw))]


def _section(tree: LexborHTMLParser, ld: dict[str, Any], css: str | None) -> Found:
    value = ld.get("articleSection")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, str) and (text := clean(value)):
        return Found(text, "JSON-LD articleSection")
    found = meta(tree, "article:section", "articleSection")
    return found if found.value else select_text(tree, css, "section")


def read_page(
    body: bytes | str,
    url: str | None = None,
    content_type: str | None = None,
    selectors: dict[str, str] | None = None,
) -> PageReading:
    """Read a page into an article record, saying how each field was found.

    `selectors` are the site's CSS selectors (keys `title`, `published_at`, `author`, `section`,
    `lead`, `body`, `captions`), each optional. Raises ValueError when no body is found.
    """
    html = decode_html(body, content_type)
    tree = LexborHTMLParser(html)
    selectors = selectors or {}
    ld = json_ld_article(tree)
    sites = site_names(tree, ld, url)
    section = _section(tree, ld, selectors.get("section"))
    title, headline = find_title(tree, ld, selectors.get("title"), sites, [section.value or ""])
    published = find_published(
        tree, html, ld, headline, title.value, selectors.get("published_at"), url
    )
    lead = find_lead(tree, ld, selectors.get("lead"))
    author = find_author(tree, ld, selectors.get("author"), sites)

    read = read_body(tree, selectors, [headline] if headline is not None else [])
    body_how = read.how
    paragraphs, repeated = _strip_leading(read.paragraphs, title.value, lead.value, author.value)
    if not paragraphs:
        paragraphs = _trafilatura_paragraphs(html, url)
        body_how = "trafilatura (no container held text)"
    if not paragraphs:
        raise ValueError(f"{url or 'page'}: no article body found")
    if author.value is None and read.author_line:
        author = Found(byline_name(read.author_line), "last line of the body")

    record = {
        "url": url,
        "title": title.value,
        "published_at": published.value,
        "author": author.value,
        "section": section.value,
        "lead": lead.value,
        "text": PARAGRAPH_JOINER.join(paragraphs),
        "captions": read.captions,
    }
    how = {
        "title": title.how,
        "published_at": published.how,
        "author": author.how,
        "section": section.how,
        "lead": lead.how,
        "text": body_how,
        "captions": f"{len(read.captions)} taken out of the body",
    }
    return PageReading(record, how, tuple(read.dropped + repeated))


def article_from_html(
    body: bytes | str,
    url: str | None = None,
    content_type: str | None = None,
    selectors: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Extract title, date, author, section, lead, body and captions; ValueError when no body.

    `text` paragraphs are separated by a blank line; see `read_page` for the rest.
    """
    return read_page(body, url, content_type, selectors).record
