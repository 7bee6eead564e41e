"""One HTML page → one article record: structured data, site selectors, then trafilatura.

Title, date and author come from JSON-LD `NewsArticle` and OpenGraph/meta tags first, then from
the site's CSS selectors (selectolax), then from the page itself. The body comes from the site's
`body` selector, else from the body containers common Vietnamese CMSs use, else from
trafilatura. Captions and the trailing author line are kept out of `text`. Dates are ISO 8601
in Vietnam time (+07:00); text is NFC.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.text.dates import iso_vn

PARAGRAPH_JOINER = "\n\n"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)

#: Body containers of CMSs common in the Vietnamese press, tried when a site names none.
GENERIC_BODY_SELECTORS = (
    "[itemprop=articleBody]",
    "article.fck_detail",
    "div.detail-content",
    "div.content-fck",
    "div.detail__content",
    "div.detail-content-body",
    "div.article-content",
    "div.article__body",
    "div.article-body",
    "div.entry-content",
    "div.post-content",
    "div#content_detail",
    "div.content-detail",
)
#: Captions wherever they stand in a body; a site adds its own with the `captions` selector.
GENERIC_CAPTION_SELECTORS = "figcaption, .image_caption, .PhotoCMS_Caption, td.image_desc"
_DROPPED_TAGS = "script, style, noscript, iframe, form, button, template, svg"
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
_BLOCK_SELECTOR = ", ".join(_BLOCK_TAGS)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


# --- charset ----------------------------------------------------------------------------------


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip(" \"'").lower()).name
    except LookupError:
        return None


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    """Bytes → NFC text; charset from the HTTP header, a BOM, the meta tag, then UTF-8.

    Legacy `windows-1258` pages write tone marks as combining characters; NFC composes them.
    Raises ValueError when the body is empty.
    """
    if isinstance(body, str):
        return unicodedata.normalize("NFC", body)
    if not body:
        raise ValueError("empty page")
    candidates: list[str] = []
    if body.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    if content_type and "charset=" in content_type.lower():
        label = content_type.lower().split("charset=")[-1].split(";")[0]
        candidates.append(_codec(label) or "")
    match = _META_CHARSET.search(body[:8192])
    if match:
        candidates.append(_codec(match.group(1).decode("ascii", "replace")) or "")
    candidates += ["utf-8", "cp1258"]
    for charset in dict.fromkeys(c for c in candidates if c):
        try:
            return unicodedata.normalize("NFC", body.decode(charset))
        except UnicodeDecodeError:
            continue
    return unicodedata.normalize("NFC", body.decode("utf-8", errors="replace"))


# --- structured data --------------------------------------------------------------------------


def _json_ld_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_ld_items(data.get("@graph", []))


def _json_ld_article(tree: LexborHTMLParser) -> dict[str, Any]:
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "", strict=False)
        except json.JSONDecodeError:
            continue
        for item in _json_ld_items(data):
            if "Article" in str(item.get("@type", "")) or "Posting" in str(item.get("@type", "")):
                return item
    return {}


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        query = f'meta[property="{name}"], meta[name="{name}"], meta[itemprop="{name}"]'
        for node in tree.css(query):
            content = (node.attributes.get("content") or "").strip()
            if content:
                return content
    return None


def _names(value: Any, people_only: bool) -> list[str]:
    """Names in a JSON-LD `author`: a string, a Person/Organization, or a list of them."""
    if isinstance(value, list):
        return [name for item in value for name in _names(item, people_only)]
    if isinstance(value, dict):
        if people_only and "Person" not in str(value.get("@type", "Person")):
            return []
        name = value.get("name")
        return [name.strip()] if isinstance(name, str) and name.strip() else []
    return [value.strip()] if isinstance(value, str) and value.strip() else []


def _is_publisher(name: str, publishers: list[str]) -> bool:
    folded = name.casefold()
    return any(folded in p.casefold() or p.casefold() in folded for p in publishers if p)


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return cleaned or None


# --- body -------------------------------------------------------------------------------------


def _node_text(node: LexborNode) -> str:
    return _clean(node.text(deep=True, separator="")) or ""


def _body_node(tree: LexborHTMLParser, css: str | None) -> LexborNode | None:
    for query in ([css] if css else []) + list(GENERIC_BODY_SELECTORS):
        node = tree.css_first(query)
        if node is not None and _node_text(node):
            return node
    return None


def _enclosing_block_text(node: LexborNode, root: LexborNode) -> str:
    """Text of the paragraph (or the body's direct child) that holds `node`."""
    current = node
    while current.parent is not None and current.parent != root:
        current = current.parent
        if current.tag in _BLOCK_TAGS or current.tag in ("div", "figure", "td", "section"):
            break
    return _node_text(current)


def _take_captions(body: LexborNode, site_css: str | None) -> list[str]:
    """Remove captions from the body and return them; an inline `<em>` inside a sentence stays."""
    captions: list[str] = []
    for query in [site_css, GENERIC_CAPTION_SELECTORS]:
        if not query:
            continue
        for node in body.css(query):
            text = _node_text(node)
            is_caption_element = node.tag == "figcaption" or query is GENERIC_CAPTION_SELECTORS
            if text and not is_caption_element:
                if _enclosing_block_text(node, body) != text:
                    continue  # emphasis within a paragraph, not a caption
                bold = node.css_first("strong, b")
                if bold is not None and _node_text(bold) == text:
                    continue  # a bold italic line is an interview question or a subheading
            if text:
                captions.append(text)
            node.decompose()
    return captions


def _looks_like_author_line(node: LexborNode, text: str) -> bool:
    """A short last line, bold or right-aligned, with no sentence punctuation: a byline."""
    if len(text) > 60 or len(text.split()) > 8 or text[-1] in ".!?:;…" or text.startswith("-"):
        return False
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    bold = node.css_first("strong, b")
    return "text-align:right" in style or (bold is not None and _node_text(bold) == text)


def _paragraphs(body: LexborNode) -> list[tuple[LexborNode, str]]:
    blocks = [
        node
        for node in body.css(_BLOCK_SELECTOR)
        if not any(ancestor.tag in _BLOCK_TAGS for ancestor in _ancestors(node, body))
    ]
    if not blocks:
        lines = [_clean(line) for line in body.text(separator="\n").split("\n")]
        return [(body, line) for line in lines if line]
    return [(node, text) for node in blocks if (text := _node_text(node))]


def _ancestors(node: LexborNode, root: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None and parent != root:
        yield parent
        parent = parent.parent


def _trafilatura_paragraphs(html: str, url: str | None) -> list[str]:
    import trafilatura

    extracted = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    return [line for raw in (extracted or "").split("\n") if (line := _clean(raw))]


# --- the record -------------------------------------------------------------------------------


def article_from_html(
    body: bytes | str,
    url: str | None = None,
    content_type: str | None = None,
    selectors: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Extract title, date, author, section, lead, body and captions; ValueError when no body.

    `selectors` are the site's CSS selectors (keys `title`, `published_at`, `author`, `section`,
    `lead`, `body`, `captions`), each optional. `text` paragraphs are separated by a blank line.
    """
    html = decode_html(body, content_type)
    tree = LexborHTMLParser(html)
    selectors = selectors or {}
    ld = _json_ld_article(tree)

    def select_text(key: str) -> str | None:
        css = selectors.get(key)
        node = tree.css_first(css) if css else None
        return _clean(node.text(separator=" ")) if node is not None else None

    h1 = tree.css_first("h1")
    h1_text = _clean(h1.text(separator=" ")) if h1 is not None else None
    og_title = _clean(_meta(tree, "og:title"))
    if og_title and h1_text and og_title != h1_text and og_title.startswith(h1_text):
        og_title = h1_text  # "Title - Báo Long An": the site's name is not the title
    page_title = tree.css_first("title")
    title = (
        _clean(ld.get("headline") if isinstance(ld.get("headline"), str) else None)
        or og_title
        or select_text("title")
        or h1_text
        or (_clean(page_title.text()) if page_title is not None else None)
    )

    published_at = (
        iso_vn(ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
        or iso_vn(_meta(tree, "article:published_time", "datePublished", "pubdate"))
        or iso_vn(_meta(tree, "dc.date", "DC.date.issued", "date"))
        or iso_vn(select_text("published_at"))
    )
    if published_at is None:
        from htmldate import find_date

        published_at = iso_vn(find_date(html, url=url, original_date=True))

    section = (
        _clean(ld.get("articleSection") if isinstance(ld.get("articleSection"), str) else None)
        or _clean(_meta(tree, "article:section", "articleSection"))
        or select_text("section")
    )
    lead = select_text("lead") or _clean(
        ld.get("description") if isinstance(ld.get("description"), str) else None
    )
    lead = lead or _clean(_meta(tree, "og:description", "description"))

    paragraphs: list[str] = []
    captions: list[str] = []
    author_line: str | None = None
    body_node = _body_node(tree, selectors.get("body"))
    if body_node is not None:
        for node in body_node.css(_DROPPED_TAGS):
            node.decompose()
        captions = _take_captions(body_node, selectors.get("captions"))
        author_css = selectors.get("author")
        for node in body_node.css(author_css) if author_css else []:
            author_line = author_line or _node_text(node) or None
            node.decompose()
        blocks = _paragraphs(body_node)
        if blocks and author_line is None and _looks_like_author_line(*blocks[-1]):
            author_line = blocks.pop()[1]
        paragraphs = [text for _, text in blocks]
    if not paragraphs:
        paragraphs = _trafilatura_paragraphs(html, url)
    if not paragraphs:
        raise ValueError(f"{url or 'page'}: no article body found")
    if lead and paragraphs[0] == lead:
        paragraphs = paragraphs[1:] or paragraphs

    publishers = [
        *_names(ld.get("publisher"), people_only=False),
        _meta(tree, "og:site_name") or "",
    ]
    candidates = [
        *_names(ld.get("author"), people_only=True),
        _meta(tree, "article:author", "author") or "",
    ]
    authors = [
        name
        for name in candidates
        if name and not name.startswith("http") and not _is_publisher(name, publishers)
    ]
    author = _clean(authors[0]) if authors else (select_text("author") or author_line)

    return {
        "url": url,
        "title": title,
        "published_at": published_at,
        "author": author,
        "section": section,
        "lead": lead,
        "text": PARAGRAPH_JOINER.join(paragraphs),
        "captions": captions,
    }
