"""Text normalization that remembers where every character came from.

Rules see one spelling of Vietnamese: NFC, the modern tone-mark placement (`hòa`, `ủy`),
plain spaces and straight quotes, no zero-width characters, single spaces. Every normalized
character keeps the span of source characters it came from, so a mention found in the
normalized text maps back to the field exactly as it was read.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from dataclasses import dataclass

import regex

# One source character → its replacement ('' drops it). Applied after NFC.
_TRANSLATE = {
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008", " "),
    **dict.fromkeys("\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‘’‚‛′", "'"),
    **dict.fromkeys("–—−‐‑", "-"),
    "Ð": "Đ",  # Eth, which some pages type for Đ
    "ð": "đ",
    "\r": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}

_TONES = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ"}


def _old_style_pairs() -> dict[str, str]:
    """'oà' → 'òa', 'uỷ' → 'ủy', … in every case combination."""
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in range(5):
            old = first + _TONES[second][tone]
            new = _TONES[first][tone] + second
            for upper_first in (False, True):
                for upper_second in (False, True):
                    o = (old[0].upper() if upper_first else old[0]) + (
                        old[1].upper() if upper_second else old[1]
                    )
                    n = (new[0].upper() if upper_first else new[0]) + (
                        new[1].upper() if upper_second else new[1]
                    )
                    pairs[o] = n
    return pairs


def _pairs_pattern(pairs: dict[str, str]) -> str:
    """The two-character keys of `pairs` as a regex: one character class of second characters
    per first character (`o[àáả…]|u[ỳý…]`), which the regex engine scans for fast."""
    seconds: dict[str, str] = {}
    for pair in pairs:
        seconds[pair[0]] = seconds.get(pair[0], "") + pair[1]
    return "|".join(
        f"{regex.escape(first)}[{regex.escape(rest)}]" for first, rest in seconds.items()
    )


_OLD_STYLE = _old_style_pairs()
# Old style only where the pair ends the syllable ("hoàng", "toán" are already right), and
# never after q, where u belongs to the consonant ("quý"; looked behind once the pair is
# found, which is faster than before each position and the same)
_OLD_STYLE_RE = regex.compile(
    r"(?:" + _pairs_pattern(_OLD_STYLE) + r")(?<![qQ]..)(?![\p{L}\p{M}])", regex.UNICODE
)
_NEEDS_WORK_RE = regex.compile(
    "[" + regex.escape("".join(_TRANSLATE)) + r"\p{M}]|  |" + _OLD_STYLE_RE.pattern
)
_MARK_RE = regex.compile(r"\p{M}")
# a letter or sign that is a cluster of its own and NFC as it is (ASCII, the Latin letters
# Vietnamese is written in, none of them replaced), as long as nothing that joins a cluster
# follows it; runs of them, one space apart, are what `_normalize_clusters` copies whole
_PLAIN = r"[\x21-\x7e\xc0-\xcf\xd1-\xef\xf1-\u024f\u1e00-\u1eff]"
_JOINS_CLUSTER = (
    r"\p{Grapheme_Cluster_Break=Extend}|\p{Grapheme_Cluster_Break=ZWJ}"
    r"|\p{Grapheme_Cluster_Break=SpacingMark}"
)
# such a letter or sign with the nonspacing marks that follow it (`e` + circumflex + tilde,
# decomposed `ễ`), all of one cluster: a run of them, one space apart, is one word or several
# of decomposed (NFD) Vietnamese, composed whole by `_normalize_clusters`
_UNIT = rf"{_PLAIN}\p{{Mn}}*+(?!{_JOINS_CLUSTER})"
# a run's clusters are each captured by its first character (where they start: `starts("c")`)
_CAPTURED_UNIT = rf"(?P<c>{_PLAIN})\p{{Mn}}*+(?!{_JOINS_CLUSTER})"
_RUN_OR_CLUSTER_RE = regex.compile(
    rf"(?P<run>{_CAPTURED_UNIT}(?:{_CAPTURED_UNIT}|(?P<c> )(?={_UNIT}))*)|\r\n|\X",
    regex.DOTALL,
)
_CLUSTER_RE = regex.compile(r"\X", regex.DOTALL)
_ONE_FOR_ONE = {k: v for k, v in _TRANSLATE.items() if len(v) == 1 and k != "\r"}
# the few characters replaced one for one, found by the standard library's `re` (a character
# class is what it scans fastest: twenty times `str.translate` on Vietnamese text)
_ONE_FOR_ONE_RE = re.compile("[" + re.escape("".join(_ONE_FOR_ONE)) + "]")
_TRANSLATED_RE = re.compile("[" + re.escape("".join(_TRANSLATE)) + "]")
# what composed text loses: zero-width characters, the \r of \r\n, runs of spaces
_ZERO_WIDTH = "[" + "".join(k for k, v in _TRANSLATE.items() if not v) + "]"
_DROP_RE = regex.compile(_ZERO_WIDTH + "+|\r(?=\n)|(?<=[ \n]" + _ZERO_WIDTH + "*) +")


@dataclass(frozen=True)
class NormalizedText:
    """Normalized text with, per character, the [start, end) span of source it came from.

    `starts` is None when every character stayed where it was (the identity map, even if some
    were replaced one for one); `ends` is None when each character came from one source
    character (`ends[i] == starts[i] + 1`).
    """

    text: str
    source_length: int
    starts: array[int] | None = None
    ends: array[int] | None = None

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of normalized text to the source text."""
        if self.starts is None:
            return start, end
        if end <= start:
            position = self.starts[start] if start < len(self.text) else self.source_length
            return position, position
        last = self.ends[end - 1] if self.ends is not None else self.starts[end - 1] + 1
        return self.starts[start], last


def normalize(source: str) -> NormalizedText:
    """Normalize one field of an article; see the module docstring for what changes."""
    if not _NEEDS_WORK_RE.search(source) and unicodedata.is_normalized("NFC", source):
        return NormalizedText(source, len(source))
    if not _MARK_RE.search(source):
        return _normalize_composed(source)
    return _normalize_clusters(source)


def _normalize_composed(source: str) -> NormalizedText:
    """Text already composed (most pages): replace one for one, then drop what goes.

    Every kept character comes from one source character, so the map is the list of kept
    positions, built from ranges rather than character by character."""
    translated = _ONE_FOR_ONE_RE.sub(lambda m: _ONE_FOR_ONE[m.group()], source)
    drops = list(_DROP_RE.finditer(translated))
    if drops:
        kept = array("l")
        pieces = []
        position = 0
        for drop in drops:
            kept.extend(range(position, drop.start()))
            pieces.append(translated[position : drop.start()])
            position = drop.end()
        kept.extend(range(position, len(translated)))
        pieces.append(translated[position:])
        text = "".join(pieces)
    else:
        kept, text = None, translated
    text = text.replace("\r", "\n")
    # old-style tone marks swap within a syllable: positions do not move
    text = _OLD_STYLE_RE.sub(lambda m: _OLD_STYLE[m.group()], text)
    return NormalizedText(text, len(source), kept)


def _normalize_clusters(source: str) -> NormalizedText:
    """Text with combining marks (NFD): compose cluster by cluster, keeping each one's span.

    Most of such a text is runs of letters, each with its marks, one space apart: a run is
    composed whole, and where each of its clusters composes to one character (all of them, in
    Vietnamese) the characters take the clusters' spans in order; only the other clusters are
    read one by one."""
    chars: list[str] = []
    starts = array("l")
    ends = array("l")

    def add(cluster: str, start: int, end: int) -> None:
        for char in unicodedata.normalize("NFC", cluster):
            char = _TRANSLATE.get(char, char)
            if not char:
                continue
            if char == " " and chars and chars[-1] in " \n":
                ends[-1] = end  # a run of spaces becomes its first one
                continue
            chars.append(char)
            starts.append(start)
            ends.append(end)

    for match in _RUN_OR_CLUSTER_RE.finditer(source):
        start, end = match.span()
        if match.group("run") is None:
            add("\n" if match.group() == "\r\n" else match.group(), start, end)
            continue
        firsts = match.starts("c")
        if len(firsts) == end - start:  # no marks: each character stays as it is
            chars.extend(match.group())
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
            continue
        composed = unicodedata.normalize("NFC", match.group())
        if len(firsts) == len(composed) and not _TRANSLATED_RE.search(composed):
            chars.extend(composed)
            starts.fromlist(firsts)
            firsts.append(end)
            ends.fromlist(firsts[1:])
            continue
        for cluster in _CLUSTER_RE.finditer(source, start, end):
            add(cluster.group(), *cluster.span())
    text = "".join(chars)
    if _OLD_STYLE_RE.search(text):
        for match in _OLD_STYLE_RE.finditer(text):
            i = match.start()
            chars[i : i + 2] = _OLD_STYLE[match.group()]
            starts[i + 1] = starts[i]
            ends[i] = ends[i + 1]
        text = "".join(chars)
    return NormalizedText(text, len(source), starts, ends)


@functools.lru_cache(maxsize=8192)
def normalize_phrase(phrase: str) -> str:
    """Normalize a short string (a gazetteer entry, a name) without keeping the map."""
    return normalize(phrase).text
