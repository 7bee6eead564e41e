"""Money: Vietnamese numbers, scale words and currencies to exact integers.

In Vietnamese `.` groups thousands and `,` is the decimal mark: `1.500.000` is one and a
half million, `1,2 tỉ` is 1 200 000 000. Arithmetic is on fractions, never floats. Scale
words, currencies and qualifiers are those of `rules/gazetteers/`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import regex

from pipeline.engine.contracts import Found, Match, Reject, normalizer
from pipeline.extract.lexicon import Lexicon, Money
from pipeline.extract.numbers import parse_number

_SPACES = regex.compile(r"\s+")
_DIGITS = regex.compile(r"\d[\d.,]*")


def scaled_amount(number: str, scale_text: str | None, money: Money) -> Fraction:
    """`1,2` and `tỉ` → 1200000000; `1 tỷ 200 triệu` sums each part."""
    value = parse_number(number, money.number_words)
    if not scale_text:
        return value
    parts = money.scale.findall(scale_text)
    numbers = _DIGITS.findall(scale_text)
    total = value * _scale_of(parts[0], money)
    for extra_number, extra_scale in zip(numbers, parts[1:], strict=False):
        total += parse_number(extra_number) * _scale_of(extra_scale, money)
    return total


def _scale_of(word: str, money: Money) -> int:
    return 10 ** money.scales[_SPACES.sub(" ", word)]


def _currency(match: Match, money: Money) -> str:
    written = (match.group("currency") or "").lower()
    return money.currencies.get(written) or money.currencies.get(_SPACES.sub(" ", written), "VND")


def _qualifier(match: Match, money: Money) -> str:
    written = (match.group("qualifier") or "").lower()
    return money.qualifiers.get(_SPACES.sub(" ", written), "exact")


def _purpose(match: Match, start: int, end: int, money: Money) -> str | None:
    sentence = match.sentence.text
    after = money.purpose_after.match(sentence[end:])
    if after:
        return after.group("purpose").strip()
    before = money.purpose_before.search(sentence[:start])
    if before:
        return before.group("purpose").strip()
    return None


def _row(
    amount: Fraction,
    currency: str,
    qualifier: str,
    match: Match,
    span: tuple[int, int],
    money: Money,
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
        "purpose": _purpose(match, span[0], span[1], money),
    }


@normalizer(
    "money.amount",
    groups=("number", "currency"),
    optional=("scale", "qualifier"),
    gazetteers=Money.GAZETTEERS,
)
def amount(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """One amount: `gần 1,2 tỉ đồng`, `1.500.000 đồng`, `một tỷ đồng`, `2 triệu USD`."""
    money = lexicon.money
    value = scaled_amount(match.group("number") or "", match.group("scale"), money)
    if value <= 0:
        return Reject("not-positive")
    qualifier = _qualifier(match, money)
    if qualifier == "from":  # `từ 100 triệu đồng` with no upper end
        qualifier = "over"
    return _row(value, _currency(match, money), qualifier, match, (match.start, match.end), money)


@normalizer(
    "money.range",
    groups=("low", "high", "currency"),
    optional=("scale", "low_scale"),
    gazetteers=Money.GAZETTEERS,
)
def amount_range(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """A range: `từ 15-20 tỷ đồng`, `từ 100 đến 200 triệu đồng`; the scale may be shared."""
    money = lexicon.money
    scale = match.group("scale")
    low_number, high_number = match.group("low") or "", match.group("high") or ""
    # the scale is shared (15-20 tỷ) unless the low end is already the bigger number
    # (350.000 đến 1 triệu: the low end is 350 000 đồng)
    shared = parse_number(low_number) < parse_number(high_number)
    low = scaled_amount(low_number, match.group("low_scale") or (scale if shared else None), money)
    high = scaled_amount(high_number, scale, money)
    if not 0 < low < high:
        return Reject("not-a-range")
    span = (match.start, match.end)
    return _row(low, _currency(match, money), "range", match, span, money, high)


@normalizer(
    "money.pair",
    groups=("first", "second", "currency"),
    optional=("scale",),
    gazetteers=Money.GAZETTEERS,
)
def amount_pair(match: Match, lexicon: Lexicon) -> list[Found]:
    """`45.799/36.875 tỷ đồng` (achieved / planned): two amounts, two rows."""
    money = lexicon.money
    currency = _currency(match, money)
    rows = []
    for name in ("first", "second"):
        value = scaled_amount(match.group(name) or "", match.group("scale"), money)
        start, end = match.spans[name]
        if name == "second":
            end = match.end
        rows.append(Found(start, end, _row(value, currency, "exact", match, (start, end), money)))
    return rows
