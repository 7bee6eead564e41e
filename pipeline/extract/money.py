"""Money: Vietnamese numbers, scale words and currencies to exact integers.

In Vietnamese `.` groups thousands and `,` is the decimal mark: `1.500.000` is one and a
half million, `1,2 tỉ` is 1 200 000 000. Arithmetic is on fractions, never floats.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import regex

from pipeline.extract import Found, Match, normalizer
from pipeline.extract.numbers import parse_number

SCALES = {
    "nghìn tỷ": 10**12,
    "nghìn tỉ": 10**12,
    "ngàn tỷ": 10**12,
    "ngàn tỉ": 10**12,
    "tỷ": 10**9,
    "tỉ": 10**9,
    "triệu": 10**6,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "trăm": 100,
}

_SCALE_RE = regex.compile(r"(?:nghìn|ngàn)\s+t[ỷỉ]|t[ỷỉ]|triệu|nghìn|ngàn|trăm")
_PURPOSE_AFTER_RE = regex.compile(
    r"^\s*(?:/\s*\p{L}+\s*)?(?:,\s*)?(?:để|nhằm|cho việc|phục vụ|dùng để)\s+([^,;.:()]+)"
)
_PURPOSE_BEFORE_RE = regex.compile(
    r"([^,;.:()]+?)\s+(?:với\s+)?(?:trị giá|tổng (?:mức |số )?(?:vốn|kinh phí)|kinh phí|"
    r"tổng trị giá|số tiền|tổng vốn đầu tư|vốn đầu tư)(?:\s+(?:là|khoảng|hơn|gần|trên))?\s*$"
)


def scaled_amount(number: str, scale_text: str | None) -> Fraction:
    """`1,2` and `tỉ` → 1200000000; `1 tỷ 200 triệu` sums each part."""
    value = parse_number(number)
    if not scale_text:
        return value
    parts = _SCALE_RE.findall(scale_text)
    numbers = regex.findall(r"\d[\d.,]*", scale_text)
    total = value * _scale_of(parts[0])
    for extra_number, extra_scale in zip(numbers, parts[1:], strict=False):
        total += parse_number(extra_number) * _scale_of(extra_scale)
    return total


def _scale_of(word: str) -> int:
    return SCALES[regex.sub(r"\s+", " ", word)]


def _currency(match: Match) -> str:
    written = (match.group("currency") or "").lower()
    currencies = match.gazetteers["currencies"]
    return currencies.get(written) or currencies.get(regex.sub(r"\s+", " ", written), "VND")


def _qualifier(match: Match) -> str:
    written = (match.group("qualifier") or "").lower()
    return match.gazetteers["money_qualifiers"].get(regex.sub(r"\s+", " ", written), "exact")


def _purpose(match: Match, start: int, end: int) -> str | None:
    sentence = match.sentence.text
    after = _PURPOSE_AFTER_RE.match(sentence[end:])
    if after:
        return after.group(1).strip()
    before = _PURPOSE_BEFORE_RE.search(sentence[:start])
    if before:
        return before.group(1).strip()
    return None


def _row(
    amount: Fraction,
    currency: str,
    qualifier: str,
    match: Match,
    start: int,
    end: int,
    amount_max: Fraction | None = None,
) -> dict[str, Any]:
    whole = round(amount)
    return {
        "amount_vnd": whole if currency == "VND" else None,
        "amount": whole if amount == whole else float(amount),
        "currency": currency,
        "qualifier": qualifier,
        "amount_max_vnd": round(amount_max)
        if amount_max is not None and currency == "VND"
        else None,
        "purpose": _purpose(match, start, end),
    }


@normalizer("money.amount")
def amount(match: Match) -> dict[str, Any] | None:
    """One amount: `gần 1,2 tỉ đồng`, `1.500.000 đồng`, `một tỷ đồng`, `2 triệu USD`."""
    value = scaled_amount(match.group("number"), match.group("scale"))
    if value <= 0:
        return None
    qualifier = _qualifier(match)
    if qualifier == "from":  # `từ 100 triệu đồng` with no upper end
        qualifier = "over"
    return _row(value, _currency(match), qualifier, match, match.start, match.end)


@normalizer("money.range")
def amount_range(match: Match) -> dict[str, Any] | None:
    """A range: `từ 15-20 tỷ đồng`, `từ 100 đến 200 triệu đồng`; the scale may be shared."""
    scale = match.group("scale")
    low_number, high_number = match.group("low"), match.group("high")
    # the scale is shared (15-20 tỷ) unless the low end is already the bigger number
    # (350.000 đến 1 triệu: the low end is 350 000 đồng)
    shared = parse_number(low_number) < parse_number(high_number)
    low = scaled_amount(low_number, match.group("low_scale") or (scale if shared else None))
    high = scaled_amount(match.group("high"), scale)
    if not 0 < low < high:
        return None
    return _row(low, _currency(match), "range", match, match.start, match.end, high)


@normalizer("money.pair")
def amount_pair(match: Match) -> list[Found] | None:
    """`45.799/36.875 tỷ đồng` (achieved / planned): two amounts, two rows."""
    currency = _currency(match)
    rows = []
    for name in ("first", "second"):
        value = scaled_amount(match.group(name), match.group("scale"))
        start, end = match.spans[name]
        if name == "second":
            end = match.end
        rows.append(Found(start, end, _row(value, currency, "exact", match, start, end)))
    return rows
