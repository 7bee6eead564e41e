"""Vietnamese numbers, written with digits (`1.500.000`, `1,2`) or in words (`hai trăm`).

The words and their part in a number (`mười` adds ten, `mươi` multiplies by ten, `trăm` by a
hundred, `nửa` is a half) are those of `rules/gazetteers/number_words.yml`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import regex

_DIGIT = regex.compile(r"\d")
_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_WHOLE_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = regex.compile(r"\d+")


def parse_number(written: str, words: Mapping[str, int | str] | None = None) -> Fraction:
    """`1.500.000` → 1500000, `1,2` → 6/5, `2.5` → 5/2; `hai trăm năm mươi` → 250 with the
    number words of the rule set."""
    written = written.strip()
    if _DIGIT.search(written):
        return _parse_digits(written)
    if words is None:
        raise ValueError(f"not a number: {written!r}")
    return _parse_words(written, words)


def shared_thousands(low: str, high: str) -> int:
    """`30-50.000 đồng`: a bare low end as long as the high end's first group shares its
    thousands (30 000 to 50 000); the power of ten it takes, 0 when it shares none
    (`300-1.000`, `15-20`)."""
    if not _PLAIN.fullmatch(low) or not _WHOLE_GROUPED.fullmatch(high):
        return 0
    first, *groups = high.split(".")
    return 3 * len(groups) if len(low) <= len(first) else 0


def _parse_digits(written: str) -> Fraction:
    text = written.replace(" ", "")
    if _GROUPED.fullmatch(text):
        text = text.replace(".", "")
    text = text.replace(",", ".")  # `2.5` keeps its decimal point, as some pages write it
    return Fraction(text)


def _parse_words(written: str, words: Mapping[str, int | str]) -> Fraction:
    """Spelled-out numbers below a thousand, or a half (`nửa`) of the scale words after it
    (scale words are handled by the caller)."""
    total, current = Fraction(0), Fraction(0)
    for word in written.lower().split():
        role = words.get(word)
        if isinstance(role, int):
            current += role
        elif role == "ten":
            current += 10
        elif role == "tens":
            current = (current or Fraction(1)) * 10
        elif role == "hundred":
            total += (current or Fraction(1)) * 100
            current = Fraction(0)
        elif role == "half":
            current += Fraction(1, 2)
        elif role == "filler":
            continue
        else:
            raise ValueError(f"not a number word: {word!r}")
    return total + current
