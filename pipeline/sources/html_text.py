"""Small helpers over parsed HTML text: cleaning, entity unescaping, loose comparison."""

from __future__ import annotations

import difflib
import html
import re
import unicodedata

from selectolax.lexbor import LexborNode

_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # a no-break space is kept: later stages read it
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")  # zero-width space, word joiner, stray BOM
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def clean(text: str | None) -> str | None:
    """NFC, whitespace runs to one space, trimmed; None for nothing left."""
    if text is None:
        return None
    cleaned = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text))).strip()
    return cleaned or None


def unescape_fully(text: str, rounds: int = 3) -> str:
    """HTML entities decoded until none is left: some CMSs escape twice (`&amp;#7871;` → ế)."""
    for _ in range(rounds):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def node_text(node: LexborNode) -> str:
    """The node's whole text, cleaned ('' when empty)."""
    return clean(node.text(deep=True, separator="")) or ""


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: `Báo Dân trí` → `baodantri`."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return _NOT_ALNUM.sub("", decomposed.encode("ascii", "ignore").decode().lower())


def resembles(a: str, b: str, threshold: float = 0.7) -> bool:
    """Loosely the same text: one starts or holds the other (being most of its length), or
    difflib's ratio reaches the threshold. A site's name inside a headline is not alike."""
    x, y = a.casefold(), b.casefold()
    if not x or not y:
        return False
    shorter, longer = sorted((x, y), key=len)
    if len(shorter) >= 0.6 * len(longer) and (longer.startswith(shorter) or shorter in longer):
        return True
    if len(shorter) >= 40 and longer.startswith(shorter[:40]):
        return True  # a description cut short, or a sapo that goes on
    return difflib.SequenceMatcher(None, x, y).ratio() >= threshold


def describe(node: LexborNode) -> str:
    """An element as a reader finds it in the source: `<div class='title-detail'>`."""
    for name in ("id", "class", "data-role", "itemprop", "rel"):
        if value := (node.attributes.get(name) or "").strip():
            return f"<{node.tag} {name}={value!r}>"
    return f"<{node.tag}>"
