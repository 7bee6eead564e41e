"""Finding article URLs: RSS / Atom feeds, sitemaps and sitemap indexes, listing pages.

Each parser takes a fetched body and returns links (absolute, not yet canonical) with the
date the site announced for them, when it did.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from pipeline.scrape.pagination import NextPage, next_pages, page_number
from pipeline.sources.charset import decode_html
from pipeline.text.dates import iso_vn

_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, recover=True, huge_tree=False
)


@dataclass(frozen=True)
class Link:
    """A URL found on a page, with the date announced beside it (ISO, +07:00) if any."""

    url: str
    lastmod: str | None = None


def _xml_root(body: bytes, max_bytes: int = 50_000_000) -> etree._Element | None:
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            body = stream.read(max_bytes)
    try:
        return etree.fromstring(body.lstrip(), parser=_XML_PARSER)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_feed(body: bytes, base_url: str) -> list[Link]:
    """Item links of an RSS 2.0, RSS 1.0 or Atom feed."""
    root = _xml_root(body)
    if root is None:
        return []
    links: list[Link] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":
            href = _child_text(element, "link") or _child_text(element, "guid")
            date = _child_text(element, "pubdate", "date", "updated")
        elif name == "entry":
            href = next(
                (
                    child.get("href")
                    for child in element
                    if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate"
                ),
                None,
            )
            date = _child_text(element, "published", "updated")
        else:
            continue
        if href:
            links.append(Link(urljoin(base_url, href.strip()), iso_vn(date)))
    return links


def parse_sitemap(body: bytes, base_url: str) -> tuple[list[Link], list[Link]]:
    """(child sitemaps, page URLs) of a sitemap or sitemap index."""
    root = _xml_root(body)
    if root is None:
        return [], []
    children: list[Link] = []
    pages: list[Link] = []
    for element in root:
        name = _local(element.tag)
        loc = _child_text(element, "loc")
        if not loc or name not in ("sitemap", "url"):
            continue
        link = Link(urljoin(base_url, loc), iso_vn(_child_text(element, "lastmod")))
        (children if name == "sitemap" else pages).append(link)
    return children, pages


def parse_listing(
    body: bytes, page_url: str, content_type: str | None = None, next_css: str | None = None
) -> tuple[list[Link], list[NextPage]]:
    """(all links, next-page links) of a listing page; the caller keeps the article ones.

    Next pages are the links the site's `next` selector matches when it has one, else those
    `pagination.next_pages` recognizes.
    """
    tree = LexborHTMLParser(decode_html(body, content_type))
    base = tree.css_first("base[href]")
    base_url = urljoin(page_url, base.attributes.get("href") or "") if base else page_url
    links = [
        Link(urljoin(base_url, href))
        for node in tree.css("a[href]")
        if (href := (node.attributes.get("href") or "").strip())
    ]
    if next_css:
        selected = [
            urljoin(base_url, href)
            for node in tree.css(next_css)
            if (href := (node.attributes.get("href") or "").strip())
        ]
        return links, [NextPage(url, page_number(url)[1]) for url in dict.fromkeys(selected)]
    return links, next_pages(tree, page_url, base_url)
