"""What every part of the lexicon shares: the types of what it is built from, `Phrases`,
the word lists of underthesea it reads, and small helpers that turn entries into patterns.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from pipeline.engine.cache import cached
from pipeline.engine.ruleset import alternation, lazy_compile
from pipeline.text.normalize import normalize_phrase

Gazetteers = Mapping[str, Any]
Defines = Mapping[str, str]
VERBOSE = regex.VERBOSE | regex.V0
SPACES = regex.compile(r"\s+")
#: how many results a memo of the lexicon keeps before it starts again (memory stays flat)
MEMO_LIMIT = 8192


class Phrases(frozenset[str]):
    """A set of phrases that also knows their first words and their lengths in words, so
    that a scan can tell at once whether a phrase may start at a word."""

    first_words: frozenset[str]
    widths: tuple[int, ...]

    def __new__(cls, entries: Iterable[str]) -> Phrases:
        phrases = super().__new__(cls, entries)
        phrases.first_words = frozenset(entry.split(" ")[0] for entry in phrases)
        phrases.widths = tuple(sorted({len(entry.split(" ")) for entry in phrases}, reverse=True))
        return phrases

    def starts(self, words: Sequence[str]) -> bool:
        """The words are, or start with, one of the phrases."""
        return self.leading(words) > 0

    def leading(self, words: Sequence[str]) -> int:
        """How many of the first words are one of the phrases, the longest first (0: none)."""
        if not words or words[0] not in self.first_words:
            return 0
        return next((w for w in self.widths if w <= len(words) and " ".join(words[:w]) in self), 0)

    def trailing(self, words: Sequence[str]) -> int:
        """How many of the last words are one of the phrases, the longest first (0: none)."""
        return next((w for w in self.widths if w <= len(words) and " ".join(words[-w:]) in self), 0)


def lower_keys(entries: Iterable[str]) -> dict[str, str]:
    """Entries by their lower case; the first of several spellings wins."""
    by_lower: dict[str, str] = {}
    for entry in entries:
        by_lower.setdefault(entry.lower(), entry)
    return by_lower


def longest_first(entries: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(entries), key=lambda e: (-len(e), e)))


def words_re(entries: Iterable[str], flags: int = 0) -> regex.Pattern[str]:
    """Any entry as a whole word."""
    return lazy_compile(r"(?<![\p{L}\p{N}])" + alternation(entries) + r"(?![\p{L}\p{N}])", flags)


@functools.cache
def vietnamese_words() -> frozenset[str]:
    """Two-syllable Vietnamese words (underthesea's Viet74K word list), lower case, modern
    tone marks (the list writes `đảng uỷ`; the rules see `đảng ủy`). Normalizing the list takes
    half a second, so the result is kept on disk, keyed by underthesea's version and the
    normalizer's code."""
    from importlib.metadata import version

    normalizer = Path(inspect.getfile(normalize_phrase.__wrapped__)).read_bytes()
    key = version("underthesea") + "-" + hashlib.sha256(normalizer).hexdigest()[:12]
    return cached("viet74k-two-syllable", key, _read_vietnamese_words)


def _read_vietnamese_words() -> frozenset[str]:
    return frozenset(normalize_phrase(w.lower()) for w in _viet74k() if w.count(" ") == 1)


@functools.cache
def common_vietnamese_words() -> frozenset[str]:
    """The common words of Viet74K (those it writes in lower case: `nghiên cứu`, `bông`, `xe
    cơ giới`), of one to four syllables, with modern tone marks. The list writes proper names
    capitalized (`Sài Gòn`, `An Phú`), so a capitalized syllable pair of a body's name that is
    not a common word (`Vĩnh Phát`, `Viettel`) is its proper name. Kept on disk like
    `vietnamese_words`."""
    from importlib.metadata import version

    normalizer = Path(inspect.getfile(normalize_phrase.__wrapped__)).read_bytes()
    key = version("underthesea") + "-" + hashlib.sha256(normalizer).hexdigest()[:12]
    return cached("viet74k-common", key, _read_common_words)


def _read_common_words() -> frozenset[str]:
    return frozenset(normalize_phrase(w) for w in _viet74k() if w == w.lower() and w.count(" ") < 4)


def _viet74k() -> list[str]:
    from importlib.resources import files

    listing = files("underthesea") / "corpus" / "data" / "Viet74K.txt"
    return [w.strip() for w in listing.read_text(encoding="utf-8").splitlines() if w.strip()]
