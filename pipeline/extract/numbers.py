"""Vietnamese numbers, written with digits (`1.500.000`, `1,2`) or in words (`hai trăm`)."""

from __future__ import annotations

from fractions import Fraction

import regex

DIGITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
TENS = {"mười": 10, "mươi": 10}


def parse_number(written: str) -> Fraction:
    """`1.500.000` → 1500000, `1,2` → 6/5, `2.5` → 5/2, `hai trăm năm mươi` → 250."""
    written = written.strip()
    if regex.search(r"\d", written):
        return _parse_digits(written)
    return Fraction(_parse_words(written))


def _parse_digits(written: str) -> Fraction:
    text = written.replace(" ", "")
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    elif regex.fullmatch(r"\d+\.\d{1,2}", text):  # a decimal point, as some pages write it
        pass
    text = text.replace(",", ".")
    return Fraction(text)


def _parse_words(written: str) -> int:
    """Spelled-out numbers below a thousand (scale words are handled by the caller)."""
    total, current = 0, 0
    for word in written.lower().split():
        if word in DIGITS:
            current += DIGITS[word]
        elif word == "mười":
            current += 10
        elif word == "mươi":
            current = (current or 1) * 10
        elif word == "trăm":
            total += (current or 1) * 100
            current = 0
        elif word in ("linh", "lẻ"):
            continue
        elif word == "nửa":
            return 0
        else:
            raise ValueError(f"not a number word: {word!r}")
    return total + current
