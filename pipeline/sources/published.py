"""When an article was published, to the minute, and where the page says so.

Structured data first (JSON-LD `datePublished`, `article:published_time` and kin, a
`<time datetime>`). Many pages give only a date there, or nothing, while the time of day is
printed beside the headline or on the date line (`Thứ bảy, 7/3/2026 - 08:47`): then the
printed moment is read from the text after the headline and from elements whose class or role
says date or time, and kept when it falls on the structured date (or when there is none).
htmldate is the last resort.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.sources.html_text import clean, describe
from pipeline.sources.metadata import NOTHING, Found, meta
from pipeline.text.dates import has_time_of_day, iso_vn, printed_moments

#: Elements that hold a printed date line.
DATE_HINTS = (
    "time, [class*=date i], [class*=time i], [class*=publish i], [id*=date i], [id*=time i], "
    "[itemprop*=date], [data-role*=date], [data-role*=time], [class*=ngay i], "
    "[class*=thoigian i], [class*=thoi-gian i]"
)
META_DATES = (
    "article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "og:published_time",
    "dc.date",
    "DC.date.issued",
    "date",
)
#: How much text after the headline is read for a printed time (characters).
AFTER_HEADLINE_CHARS = 400
#: … and before it (a date line above the headline, beside the breadcrumb).
BEFORE_HEADLINE_CHARS = 200
MAX_DATE_LINE_CHARS = 160


def _structured(tree: LexborHTMLParser, ld: dict[str, Any]) -> tuple[str | None, str, str]:
    """(ISO value, raw value, how) of the first structured publication date."""
    raw = ld.get("datePublished")
    if isinstance(raw, str) and (iso := iso_vn(raw)):
        return iso, raw, "JSON-LD datePublished"
    for name in META_DATES:
        found = meta(tree, name)
        if found.value and (iso := iso_vn(found.value)):
            return iso, found.value, found.how
    for node in tree.css("time[datetime], [itemprop=datePublished][datetime]"):
        raw = node.attributes.get("datetime") or ""
        if iso := iso_vn(raw):
            return iso, raw, f"<{node.tag} datetime>"
    return None, "", ""


def _text_beside(node: LexborNode, limit: int, forward: bool = True) -> str:
    """Up to `limit` characters of the text that follows (or precedes) `node` in the
    document: its siblings on that side, then its parent's, up to four levels."""
    parts: list[str] = []
    size = 0
    current: LexborNode | None = node
    for _level in range(4):
        if current is None:
            break
        sibling = current.next if forward else current.prev
        while sibling is not None and size < limit:
            if sibling.tag not in ("script", "style"):
                text = clean(sibling.text(deep=True, separator=" ")) or ""
                parts.append(text)
                size += len(text)
            sibling = sibling.next if forward else sibling.prev
        current = current.parent
    text = " ".join(parts if forward else reversed(parts))
    return text[:limit] if forward else text[-limit:]


def _page_text(tree: LexborHTMLParser) -> str:
    body = tree.body
    return (clean(body.text(deep=True, separator=" ")) or "") if body is not None else ""


def _printed(
    tree: LexborHTMLParser, headline: LexborNode | None, title: str | None, day: str | None
) -> Found:
    """The printed moment near the headline or on a date line, on `day` when given."""
    places: list[tuple[str, str]] = []
    if headline is not None:
        places.append(("printed after the headline", _text_beside(headline, AFTER_HEADLINE_CHARS)))
        before = _text_beside(headline, BEFORE_HEADLINE_CHARS, forward=False)
        places.append(("printed just before the headline", before))
    elif title and len(title) >= 20:
        # no element known to print the headline: find its words in the page's text
        text = _page_text(tree)
        start = text.find(title)
        if start >= 0:
            after = text[start + len(title) : start + len(title) + AFTER_HEADLINE_CHARS]
            places.append(("printed after the headline's text", after))
    for node in tree.css(DATE_HINTS):
        text = node.text(deep=True, separator=" ")
        cleaned = clean(text[: MAX_DATE_LINE_CHARS * 4]) or ""
        if cleaned and len(cleaned) <= MAX_DATE_LINE_CHARS:
            places.append((f"printed date line {describe(node)}", cleaned))
    for how, text in places:
        for moment in printed_moments(text):
            if day is None or moment.date().isoformat() == day:
                return Found(_iso(moment), f"{how}: {text[:60]!r}")
    return NOTHING


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def find_published(
    tree: LexborHTMLParser,
    html: str,
    ld: dict[str, Any],
    headline: LexborNode | None,
    title: str | None,
    css: str | None,
    url: str | None,
) -> Found:
    """The publication time (ISO 8601, +07:00) and how it was found."""
    for node in tree.css(css) if css else []:
        if iso := iso_vn(clean(node.text(separator=" "))):
            return Found(iso, f"site selector published_at: {css}")
    iso, raw, how = _structured(tree, ld)
    if iso and has_time_of_day(raw, iso):
        return Found(iso, how)
    printed = _printed(tree, headline, title, iso[:10] if iso else None)
    if printed.value:
        return printed
    if iso is None:
        from htmldate import find_date

        # markup only (meta tags, URL, <time>…): the extensive search reads the whole text
        # again, which the printed-date search does, and takes up to 300 ms on a large page
        iso = iso_vn(find_date(html, url=url, original_date=True, extensive_search=False))
        how = "htmldate"
    if iso is None and headline is not None:
        iso = iso_vn(_text_beside(headline, AFTER_HEADLINE_CHARS))
        how = "date printed after the headline"
    if iso is None:
        return NOTHING
    # the day is known: a time printed anywhere on the page beside that day's date
    for moment in printed_moments(_page_text(tree)):
        if moment.date().isoformat() == iso[:10]:
            return Found(_iso(moment), f"{how}, with the time printed beside that date")
    return Found(iso, f"{how} (no time of day printed)")
