"""Which links of a listing page lead to its next pages.

Two signs, either enough:

- the link says "next": `rel=next`, its text (`Trang sau`, `Tiếp`, `»`, `›`, `next`, …), or a
  class, id or label with `next` in it, on the link or its list item (`<li class="next">`);
- the link is the same listing with a higher page number, written in one of the ways the
  press numbers pages: `?page=N` (or `p`, `trang`, `pg`, `paged`), `/trang-N`, `/page/N`,
  `/pN`, `-pN`, `-pageN` (with or without `.htm`): the listing's URL with that marker taken
  out is the link's URL with it taken out.

Each next page carries its page number when the URL has one, so the crawl can bound the pages
it follows from one listing (`max_listing_pages`) by number as well as by depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

#: Link texts that mean "next page" (compared lower-cased, stripped of spaces).
NEXT_TEXT = re.compile(
    r"^(trang sau|trang tiếp|tiếp|tiếp theo|sau|xem tiếp|next|next page|»|›|>|>>|→)$"
)
_NEXT_NAME = re.compile(r"(^|[\W_])next($|[\W_])|^next|next$", re.IGNORECASE)
PAGE_PARAMS = ("page", "p", "trang", "pg", "paged", "pageindex", "page_no")
#: A page number at the end of the path: /trang-2, /page/2, /p2, -p2, -page2, /trang/2 (+ .htm)
_PATH_PAGE = re.compile(
    r"(?:/trang[-/]|/page[-/]?|/p|-p|-page|-trang-)(\d{1,4})(?=(?:\.html?|/)?$)", re.IGNORECASE
)


@dataclass(frozen=True)
class NextPage:
    """A link to a further page of a listing, with its page number when the URL says it."""

    url: str
    page: int | None = None


def page_number(url: str) -> tuple[str, int | None]:
    """(the URL without its page marker, the page number) — (url, None) when it has none."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    for index, (name, value) in enumerate(query):
        if name.lower() in PAGE_PARAMS and value.isdigit():
            rest = urlencode(query[:index] + query[index + 1 :])
            return urlunsplit(parts._replace(query=rest, fragment="")), int(value)
    match = _PATH_PAGE.search(parts.path)
    if match:
        path = parts.path[: match.start()] + parts.path[match.end() :]
        return urlunsplit(parts._replace(path=path, fragment="")), int(match.group(1))
    return urlunsplit(parts._replace(fragment="")), None


def _listing_key(url: str) -> str:
    """A listing's URL without page marker, scheme, `www.`, trailing slash or extension."""
    base, _ = page_number(url)
    parts = urlsplit(base)
    host = (parts.hostname or "").removeprefix("www.")
    path = re.sub(r"\.html?$", "", parts.path).rstrip("/")
    return f"{host}{path}?{parts.query}"


def _says_next(node: LexborNode) -> bool:
    if (node.attributes.get("rel") or "").lower() == "next":
        return True
    text = " ".join(node.text(deep=True, separator=" ").split()).lower()
    if NEXT_TEXT.match(text):
        return True
    holders = [node] + ([node.parent] if node.parent is not None else [])
    for holder in holders:
        for name in ("class", "id", "aria-label", "title"):
            if _NEXT_NAME.search(holder.attributes.get(name) or ""):
                return True
    return False


def next_pages(tree: LexborHTMLParser, page_url: str, base_url: str) -> list[NextPage]:
    """Links from this listing page to its further pages, in page order, without repeats.

    An unnumbered listing is its first page: page 1, or page 0 where the pager numbers from 0
    (`-page0` for the first page).
    """
    key = _listing_key(page_url)
    numbered: dict[str, int] = {}
    said_next: dict[str, int | None] = {}
    for node in tree.css("a[href], link[rel=next][href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base_url, href).split("#")[0]
        if url.rstrip("/") == page_url.split("#")[0].rstrip("/"):
            continue
        _, number = page_number(url)
        if number is not None and _listing_key(url) == key:
            numbered.setdefault(url, number)
        elif _says_next(node):
            said_next.setdefault(url, number)
    current = page_number(page_url)[1]
    if current is None:
        current = 0 if 0 in numbered.values() else 1
    found = [NextPage(url, n) for url, n in numbered.items() if n > current]
    found += [NextPage(url, n) for url, n in said_next.items()]
    return sorted(found, key=lambda p: (p.page is None, p.page or 0))
