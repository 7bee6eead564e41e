"""The article body of a page: which element holds it, what inside it is not the article.

The container is the site's `body` selector, else one of the containers common Vietnamese
CMSs use, else the element whose own paragraphs hold the most text (text density, the way
readability scores candidates). Inside it, what a reader does not read as the article goes:
related-article boxes and cards, inline "xem thêm" lists, link lists, and media with their
captions (figures, caption tables, photo-story blocks: the captions are kept apart). The rest
is read as paragraphs, block by block; a short right-aligned or bold last line is the byline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.sources.html_text import clean, describe, node_text

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
    "[data-role=content]",
    "div.cms-body",
)
#: Captions wherever they stand in a body; a site adds its own with the `captions` selector.
CAPTION_SELECTORS = (
    "figcaption, [class*=caption i], [class*=desc_cation i], td.image_desc, p.Image, "
    "[class*=image-desc i], [class*=img-desc i], [class*=photo-desc i]"
)
#: Boxes that point to other articles, named as such by the CMS.
RELATED_HINTS = (
    "[class*=relate i], [id*=relate i], [type*=relate i], [class*=lien-quan i], "
    "[class*=lienquan i], [class*=tin-khac i], [class*=tinkhac i], [class*=xem-them i], "
    "[class*=xemthem i], [class*=readmore i], [class*=read-more i], [class*=more-news i], "
    "[class*=news-other i], [class*=box-news i], [data-module*=relate i]"
)
#: What a label before a list of links to other articles says.
RELATED_LABEL = re.compile(
    r"^\s*(xem thêm|đọc thêm|tham khảo thêm|tin liên quan|bài liên quan|tin cùng chuyên mục"
    r"|có thể bạn quan tâm|mời (quý )?(bạn|độc giả) (đọc|xem)|>>)\b",
    re.IGNORECASE,
)
DROPPED_TAGS = (
    "script, style, noscript, iframe, form, button, template, svg, input, select, textarea, "
    "video, audio, [hidden], [style*='display:none' i], [style*='display: none' i]"
)
MEDIA = "img, picture, video, iframe"
#: Blocks of a photo story (a picture and its text), by what the CMS calls them.
PHOTO_BLOCKS = (
    "[class*=photo i], [class*=slide i], [class*=image i], [class*=album i], "
    "[class*=gallery i], [type*=photo i]"
)
# fmt: off
BLOCK_TAGS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
    "section", "article", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "figure",
    "figcaption", "header", "footer", "aside", "main", "dl", "dt", "dd", "center", "hr", "nav",
    "details", "summary",
))
# fmt: on
#: A paragraph shorter than this does not count toward a container's text density.
MIN_DENSITY_CHARS = 25
#: A block whose text is at least this share link text is a list of links.
LINK_LIST_SHARE = 0.7
MAX_CARD_CHARS = 500
MAX_CAPTION_CHARS = 400


@dataclass
class Body:
    """Paragraphs, captions and byline read from the body container, and how it was chosen."""

    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    author_line: str | None = None
    how: str = "no body container"
    dropped: list[str] = field(default_factory=list)  # what was taken out, for `vnie page`


# --- choosing the container -------------------------------------------------------------------


def _density_scores(tree: LexborHTMLParser) -> dict[int, tuple[float, LexborNode]]:
    """Each element's score: the text of its own paragraphs, half that of its grandchildren's."""
    scores: dict[int, tuple[float, LexborNode]] = {}
    for paragraph in tree.css("p, pre"):
        text = node_text(paragraph)
        if len(text) < MIN_DENSITY_CHARS:
            continue
        links = sum(len(node_text(a)) for a in paragraph.css("a"))
        weight = max(0.0, len(text) - links)
        parent = paragraph.parent
        for share in (1.0, 0.5):
            if parent is None or parent.tag in ("body", "html"):
                break
            key = parent.mem_id
            scores[key] = (scores.get(key, (0.0, parent))[0] + weight * share, parent)
            parent = parent.parent
    return scores


def _text_node_scores(tree: LexborHTMLParser) -> dict[int, tuple[float, LexborNode]]:
    """Scores from bare text (`text<br>text` layouts without `<p>`): each element's own text."""
    scores: dict[int, tuple[float, LexborNode]] = {}
    root = tree.body
    for node in root.traverse(include_text=True) if root is not None else []:
        if node.tag != "-text" or node.parent is None:
            continue
        size = len((node.text_content or "").strip())
        parent = node.parent
        if size >= MIN_DENSITY_CHARS and parent.tag not in ("script", "style", "a", "body"):
            key = parent.mem_id
            scores[key] = (scores.get(key, (0.0, parent))[0] + size, parent)
    return scores


def densest(tree: LexborHTMLParser) -> tuple[LexborNode | None, float]:
    """The element with the most paragraph text of its own, and its score (bare text counts
    where the page has no paragraph of any length)."""
    scores = _density_scores(tree) or _text_node_scores(tree)
    if not scores:
        return None, 0.0
    score, node = max(scores.values(), key=lambda item: item[0])
    return node, score


def choose_container(tree: LexborHTMLParser, css: str | None) -> tuple[LexborNode | None, str]:
    """The element holding the body, and which selector or fallback chose it."""
    if css:
        for node in tree.css(css):
            if node_text(node):
                return node, f"site selector body: {css}"
    best, best_score = densest(tree)
    for query in GENERIC_BODY_SELECTORS:
        for node in tree.css(query):
            # a known container fits when it holds a fair part of the page's densest text
            if len(node_text(node)) >= max(100, 0.5 * best_score):
                return node, f"known container {query}"
    if best is not None:
        return best, f"text density: {describe(best)}"
    return None, "no body container"


# --- cleaning the container -------------------------------------------------------------------


def _link_share(node: LexborNode) -> float:
    text = len(node_text(node))
    if not text:
        return 0.0
    return min(1.0, sum(len(node_text(a)) for a in node.css("a")) / text)


def _is_card(node: LexborNode) -> bool:
    """A teaser of another article: the same link on an image and on a headline, little text."""
    if len(node_text(node)) > MAX_CARD_CHARS:
        return False
    image_links = {a.attributes.get("href") for a in node.css("a") if a.css_first("img")}
    text_links = {a.attributes.get("href") for a in node.css("a") if node_text(a)}
    return bool(image_links & text_links - {None, "", "#"})


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """The nodes not inside another of them (decomposing those takes the rest along)."""
    unique = list({node.mem_id: node for node in nodes}.values())  # a node matched twice
    ids = set({node.mem_id for node in unique})
    return [node for node in unique if not any(a.mem_id in ids for a in _ancestors(node))]


def _remove(marked: list[tuple[LexborNode, str]], dropped: list[str]) -> None:
    """Decompose the marked nodes (outermost only: no node is touched once freed)."""
    why: dict[int, str] = {}
    for node, reason in marked:
        why.setdefault(node.mem_id, reason)  # the first reason found is the most specific
    for node in _outermost([node for node, _ in marked]):
        if text := node_text(node):
            dropped.append(f"{why[node.mem_id]}: {text[:80]}")
        node.decompose()


def remove_non_article(container: LexborNode, dropped: list[str]) -> None:
    """Take related boxes, cards, "xem thêm" lists and other link lists out of the container."""
    _remove([(node, "hidden or not text") for node in container.css(DROPPED_TAGS)], [])
    marked = [(node, "related box") for node in container.css(RELATED_HINTS)]
    for node in container.css("div, ul, ol, table, section, aside, nav, li, article"):
        if _link_share(node) >= LINK_LIST_SHARE:
            marked.append((node, "list of links"))
        elif _is_card(node):
            marked.append((node, "article card"))
    for node in container.css("p, div, h2, h3, h4, h5, h6, li, span, strong, b"):
        text = node_text(node)
        if RELATED_LABEL.match(text) and (_link_share(node) >= 0.5 or len(text) <= 40):
            marked.append((node, "xem thêm"))
    _remove([(n, why) for n, why in marked if n.mem_id != container.mem_id], dropped)


def take_captions(container: LexborNode, site_css: str | None, dropped: list[str]) -> list[str]:
    """Remove media with their captions (figures, caption tables, captioned blocks) and the
    caption elements themselves; return the captions. The site's `captions` selector may name
    inline elements (`em`): those count only when they fill their whole line."""
    marked: list[LexborNode] = []
    for node in container.css(site_css) if site_css else []:
        text = node_text(node)
        if node.tag != "figcaption" and text:
            if _enclosing_block_text(node, container) != text:
                continue  # emphasis within a paragraph, not a caption
            bold = node.css_first("strong, b")
            if bold is not None and node_text(bold) == text:
                continue  # a bold italic line is an interview question or a subheading
        marked.append(node)
    for figure in container.css("figure, table"):
        if figure.css_first(MEDIA) is None:
            continue
        if figure.tag == "table" and len(node_text(figure)) > MAX_CAPTION_CHARS:
            continue  # a data table that happens to hold a picture
        marked.append(figure)
    for node in container.css(CAPTION_SELECTORS):
        if len(node_text(node)) <= MAX_CAPTION_CHARS:
            marked.append(node)
    for block in container.css(PHOTO_BLOCKS):
        # a photo-story block: pictures and a short text, nothing else
        if block.css_first(MEDIA) is not None and _is_caption_block(block):
            marked.append(block)
    captions: list[str] = []
    position = {node.mem_id: index for index, node in enumerate(container.traverse())}
    for node in sorted(_outermost(marked), key=lambda n: position.get(n.mem_id, 0)):
        inner = list(node.css(CAPTION_SELECTORS)) if node.tag in ("figure", "table") else []
        parts = [node_text(n) for n in _outermost(inner)]
        text = " ".join(p for p in parts if p) or node_text(node)
        if text and text not in captions:
            captions.append(text)
        node.decompose()
    return captions


def _is_caption_block(block: LexborNode) -> bool:
    """Pictures and one short text, no paragraphs or headings of its own."""
    text = node_text(block)
    return (
        0 < len(text) <= MAX_CAPTION_CHARS
        and len(block.css("p")) <= 1
        and block.css_first("h2, h3, h4, ul, ol, table") is None
    )


def _enclosing_block_text(node: LexborNode, root: LexborNode) -> str:
    """Text of the paragraph (or the body's direct child) that holds `node`."""
    current = node
    while current.parent is not None and current.parent != root:
        current = current.parent
        if current.tag in BLOCK_TAGS:
            break
    return node_text(current)


# --- paragraphs -------------------------------------------------------------------------------


def paragraphs(container: LexborNode) -> list[tuple[LexborNode, str]]:
    """The container's text as paragraphs: each block, and each `<br>`-separated line, apart."""
    out: list[tuple[LexborNode, str]] = []
    pending: list[str] = []

    def flush(block: LexborNode) -> None:
        text = clean("".join(pending))
        pending.clear()
        if text:
            out.append((block, text))

    def walk(node: LexborNode, block: LexborNode) -> None:
        for child in node.iter(include_text=True):
            if child.tag == "-text":
                pending.append(child.text_content or "")
            elif child.tag == "br":
                flush(block)
            elif child.tag in BLOCK_TAGS or child.css_first("br, p, div, li") is not None:
                flush(block)
                walk(child, child if child.tag in BLOCK_TAGS else block)
                flush(child if child.tag in BLOCK_TAGS else block)
            elif child.tag not in ("-comment",):
                pending.append(child.text(deep=True, separator=""))

    walk(container, container)
    flush(container)
    return out


def looks_like_author_line(node: LexborNode, text: str) -> bool:
    """A short last line, bold, right-aligned or marked `author`, without sentence punctuation."""
    if len(text) > 60 or len(text.split()) > 8 or text[-1] in ".!?:;…" or text.startswith("-"):
        return False
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    marked = "author" in (node.attributes.get("class") or "").lower()
    bold = node.css_first("strong, b")
    return marked or "text-align:right" in style or (bold is not None and node_text(bold) == text)


def _ancestors(node: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def read_body(
    tree: LexborHTMLParser, selectors: dict[str, str], dropped_nodes: list[LexborNode]
) -> Body:
    """Read the body: choose the container, clean it, split it into paragraphs.

    `dropped_nodes` are elements already read as other fields (the headline, the printed sapo)
    that must not come back as body text when they stand inside the container.
    """
    container, how = choose_container(tree, selectors.get("body"))
    body = Body(how=how)
    if container is None:
        return body
    inside = [n for n in dropped_nodes if any(a.mem_id == container.mem_id for a in _ancestors(n))]
    _remove([(node, "read as another field") for node in inside], body.dropped)
    remove_non_article(container, body.dropped)
    body.captions = take_captions(container, selectors.get("captions"), body.dropped)
    author_css = selectors.get("author")
    bylines = list(container.css(author_css)) if author_css else []
    body.author_line = next((text for node in bylines if (text := node_text(node))), None)
    _remove([(node, "byline") for node in bylines], body.dropped)
    blocks = paragraphs(container)
    if blocks and body.author_line is None and looks_like_author_line(*blocks[-1]):
        body.author_line = blocks.pop()[1]
    body.paragraphs = [text for _, text in blocks]
    return body
