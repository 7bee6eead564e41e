"""Money: Vietnamese numbers, scale words and currencies to exact integers.

In Vietnamese `.` groups thousands and `,` is the decimal mark: `1.500.000` is one and a
half million, `1,2 tỉ` is 1 200 000 000. Arithmetic is on fractions, never floats. Scale
words, currencies and qualifiers are those of `rules/gazetteers/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import regex

from pipeline.engine.contracts import (
    ArticleText,
    Candidate,
    Found,
    Match,
    Reject,
    normalizer,
    resolver,
)
from pipeline.extract.lexicon import Lexicon, Money
from pipeline.extract.numbers import parse_number, shared_thousands

_SPACES = regex.compile(r"\s+")
_CAPITALIZED_NEXT = regex.compile(r"\s+\p{Lu}")
#: how far before an amount its purpose is looked for (a clause, not the whole sentence)
_PURPOSE_REACH = 200
#: a vague figure of a currency word that is also a noun is money from a million up
_VAGUE_COUNT_CEILING = 10**6


def scaled_amount(number: str, scale_text: str | None, money: Money) -> Fraction:
    """`1,2` and `tỉ` → 1200000000. Scale words multiply (`1,5 triệu tỷ` → 1,5 × 10^15); a
    further number starts a new term (`1 tỷ 200 triệu` → 1 200 000 000)."""
    term = parse_number(number, money.number_words)
    total = Fraction(0)
    for step in money.scale_step.finditer(scale_text or ""):
        if step.group("number"):
            total += term
            term = parse_number(step.group("number"))
        else:
            term *= 10 ** money.scales[step.group("word").lower()]
    return total + term


@dataclass(frozen=True)
class _Currency:
    code: str
    #: how many of the written unit make one of `code` (100 for `cent`)
    per: int
    #: the word is also a noun (`bảng`, `yên`): money only with a scale or a large figure
    counts_things: bool


def _currency(written: str | None, money: Money) -> _Currency:
    key = _SPACES.sub(" ", (written or "").lower())
    return _Currency(
        money.currencies.get(key, "VND"),
        money.currency_parts.get(key, 1),
        key in money.counting_currencies,
    )


def _qualifier(match: Match, money: Money) -> str:
    written = (match.group("qualifier") or "").lower()
    qualifier = money.qualifiers.get(_SPACES.sub(" ", written), "exact")
    if qualifier == "from":
        # `từ 100 triệu đồng` with no upper end is a floor; `từ 35.000 đồng xuống …` is not
        changed = money.change_after.match(match.sentence.text, match.end)
        qualifier = "exact" if changed else "over"
    return qualifier


def _counts_things(match: Match, currency: _Currency, value: Fraction) -> bool:
    """`20 bảng tin`, `01 bảng điểm`, `1 Yên Viên`: the currency word names something else,
    unless the figure is restated in another currency (`215 bảng (278 USD)`)."""
    if not currency.counts_things or match.group("restated") is not None:
        return False
    if _CAPITALIZED_NEXT.match(match.sentence.text, match.end):
        return True
    return not match.group("scale") and value < 1000


def _purpose(match: Match, start: int, end: int, money: Money) -> str | None:
    sentence = match.sentence.text
    after = money.purpose_after.match(sentence, end)
    if after:
        return after.group("purpose").strip()
    before = money.purpose_before.search(sentence, max(0, start - _PURPOSE_REACH), start)
    if before:
        return before.group("purpose").strip()
    return None


def _row(
    amount: Fraction,
    currency: _Currency | None,
    qualifier: str,
    match: Match,
    span: tuple[int, int],
    money: Money,
    amount_max: Fraction | None = None,
) -> dict[str, Any]:
    """The row of one amount; `currency` None for a figure that takes its sentence's currency
    (the resolver fills in the currency and the amount in đồng)."""
    per = currency.per if currency else 1
    amount, amount_max = amount / per, (amount_max / per if amount_max is not None else None)
    whole = round(amount)
    vnd = currency is not None and currency.code == "VND"
    # a figure whose currency the resolver will give keeps its high end until then
    keep_max = vnd or currency is None
    return {
        "amount_vnd": whole if vnd else None,
        "amount": whole if amount == whole else float(amount),
        "currency": currency.code if currency else None,
        "qualifier": qualifier,
        "amount_max_vnd": round(amount_max) if keep_max and amount_max is not None else None,
        "purpose": _purpose(match, span[0], span[1], money),
    }


@normalizer(
    "money.amount",
    groups=("number", "currency"),
    optional=("scale", "qualifier", "restated"),
    gazetteers=Money.GAZETTEERS,
)
def amount(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """One amount: `gần 1,2 tỉ đồng`, `1.500.000 đồng`, `một tỷ đồng`, `2 triệu USD`."""
    money = lexicon.money
    value = scaled_amount(match.group("number") or "", match.group("scale"), money)
    if value <= 0:
        return Reject("not-positive")
    currency = _currency(match.group("currency"), money)
    if _counts_things(match, currency, value):
        return Reject("counts-things", "the currency word names something counted here")
    qualifier = _qualifier(match, money)
    return _row(value, currency, qualifier, match, (match.start, match.end), money)


@normalizer(
    "money.vague",
    groups=("vague", "scale", "currency"),
    optional=("qualifier",),
    gazetteers=Money.GAZETTEERS,
)
def vague(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """`hàng trăm tỷ đồng`, `nhiều tỷ đồng`: the floor the scale words give, `over`."""
    money = lexicon.money
    currency = _currency(match.group("currency"), money)
    value = scaled_amount("1", match.group("scale"), money)
    # `hàng nghìn bảng quảng cáo` counts boards; nobody counts millions of them (`hàng triệu
    # đô`, `cả tỉ đô` are dollars)
    if currency.counts_things and value < _VAGUE_COUNT_CEILING:
        return Reject("counts-things", "a vague count of a currency word that is also a noun")
    return _row(value, currency, "over", match, (match.start, match.end), money)


def _end_value(
    match: Match, end: str, scale: str | None, money: Money, thousands: int = 0
) -> Fraction:
    """One end of a range: its number (1 for a vague end: `hàng tỷ`) times its scale words."""
    number = match.group(end) or "1"
    return scaled_amount(number, scale, money) * 10**thousands


@normalizer(
    "money.range",
    groups=("currency",),
    optional=(
        "low",
        "low_vague",
        "low_scale",
        "low_currency",
        "high",
        "high_vague",
        "scale",
        "restated",
    ),
    gazetteers=Money.GAZETTEERS,
)
def amount_range(match: Match, lexicon: Lexicon) -> dict[str, Any] | list[Found] | Reject:
    """A range: `từ 15-20 tỷ đồng`, `từ 100 đến 200 triệu đồng` (the scale shared),
    `từ 15.000 đồng đến 40.000 đồng`, `vài trăm đến vài triệu đồng`, `30-50.000 đồng`."""
    money = lexicon.money
    currency = _currency(match.group("currency"), money)
    low_currency = match.group("low_currency")
    if low_currency and _currency(low_currency, money).code != currency.code:
        return Reject("two-currencies")
    scale, low_scale = match.group("scale"), match.group("low_scale")
    low_scale = _with_shared_scale(low_scale, scale, money)
    low_number, high_number = match.group("low") or "", match.group("high") or ""
    thousands = 0
    if low_number and high_number and not low_scale and not low_currency:
        thousands = shared_thousands(low_number, high_number)
    # the scale is shared (15-20 tỷ, 8-9.000 tỷ) unless the low end has its own, or is already
    # the bigger number (350.000 đến 1 triệu: the low end is 350 000 đồng)
    shared = (
        not low_scale
        and not low_currency
        and parse_number(low_number or "1", money.number_words)
        < parse_number(high_number or "1", money.number_words)
    )
    low = _end_value(match, "low", low_scale or (scale if shared else None), money, thousands)
    high = _end_value(match, "high", scale, money)
    if not 0 < low < high:
        return Reject("not-a-range")
    if _counts_things(match, currency, high):
        return Reject("counts-things")
    sentence = match.sentence.text
    if money.two_prices_after.match(sentence, match.end) or money.two_prices_before.search(
        sentence, max(0, match.start - 30), match.start
    ):
        return _two_prices(match, low, high, currency, money)
    span = (match.start, match.end)
    return _row(low, currency, "range", match, span, money, high)


def _with_shared_scale(low_scale: str | None, high_scale: str | None, money: Money) -> str | None:
    """`hàng chục đến hàng trăm triệu đồng`: a low end counted in tens or hundreds shares the
    high end's larger scale (tens of millions); `vài trăm đến vài triệu` shares nothing (the
    high end counts no tens or hundreds: read as written, a few hundred đồng)."""
    if not low_scale or not high_scale:
        return low_scale
    powers = [money.scales[w.lower()] for w in money.scale.findall(low_scale)]
    high_words = money.scale.findall(high_scale)
    high_powers = [money.scales[w.lower()] for w in high_words]
    if max(powers) >= 3 or high_powers[0] >= 3 or max(high_powers) < 3:
        return low_scale
    larger = next(i for i, power in enumerate(high_powers) if power >= 3)
    return low_scale + " " + " ".join(high_words[larger:])


def _two_prices(
    match: Match, low: Fraction, high: Fraction, currency: _Currency, money: Money
) -> list[Found]:
    """`41,2 – 41,5 triệu đồng/lượng (mua vào – bán ra)`: two prices, two rows."""
    first_end = max(
        end for name, (_, end) in match.spans.items() if name in ("low", "low_vague", "low_scale")
    )
    if "low_currency" in match.spans:
        first_end = match.spans["low_currency"][1]
    second_start = min(start for name, (start, _) in match.spans.items() if name.startswith("high"))
    first = (match.start, first_end)
    second = (second_start, match.end)
    return [
        Found(*first, _row(low, currency, "exact", match, first, money)),
        Found(*second, _row(high, currency, "exact", match, second, money)),
    ]


@normalizer(
    "money.pair",
    groups=("first", "second", "currency"),
    optional=("scale", "first_scale"),
    gazetteers=Money.GAZETTEERS,
)
def amount_pair(match: Match, lexicon: Lexicon) -> list[Found]:
    """`45.799/36.875 tỷ đồng` (achieved / planned), `55 tỷ/378 tỷ đồng`: two amounts, two
    rows."""
    money = lexicon.money
    currency = _currency(match.group("currency"), money)
    scale = match.group("scale")
    scales = {"first": match.group("first_scale") or scale, "second": scale}
    rows = []
    for name in ("first", "second"):
        value = scaled_amount(match.group(name) or "", scales[name], money)
        start, end = match.spans[name]
        if name == "first" and "first_scale" in match.spans:
            end = match.spans["first_scale"][1]
        if name == "second":
            end = match.end
        rows.append(Found(start, end, _row(value, currency, "exact", match, (start, end), money)))
    return rows


@normalizer(
    "money.shared_unit",
    groups=("number", "scale"),
    optional=("qualifier", "low", "low_scale"),
    gazetteers=Money.GAZETTEERS,
)
def shared_unit(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """`gần 590 tỉ` beside `16.338 tỉ đồng`, `5-6 tỷ` beside `23 tỷ đôla`: a figure or a range
    that takes the currency of another figure in its sentence (the resolver gives it, or drops
    the figure if there is none)."""
    money = lexicon.money
    scale = match.group("scale")
    value = scaled_amount(match.group("number") or "", scale, money)
    if value <= 0:
        return Reject("not-positive")
    span = (match.start, match.end)
    low_number, low_scale = match.group("low"), match.group("low_scale")
    if low_number:
        shared = not low_scale and parse_number(low_number) < parse_number(
            match.group("number") or ""
        )
        low = scaled_amount(low_number, low_scale or (scale if shared else None), money)
        if not 0 < low < value:
            return Reject("not-a-range")
        return _row(low, None, "range", match, span, money, value)
    return _row(value, None, _qualifier(match, money), match, span, money)


@resolver("money", gazetteers=Money.GAZETTEERS)
def resolve_money(candidates: list[Candidate], text: ArticleText[Lexicon]) -> list[Candidate]:
    """A figure written without a currency word takes the currency of the nearest figure of
    its sentence that names one, when that figure is written with scale words too or is in
    đồng (`gần 590 tỉ` beside `16.338 tỉ đồng`; not `90 triệu` beside `100 USD`); a figure
    with no such neighbour is not money."""
    money = text.lexicon.money
    resolved = []
    for cand in candidates:
        if cand.values["currency"] is not None:
            resolved.append(cand)
            continue
        neighbour = _nearest_with_currency(cand, candidates)
        if neighbour is None:
            continue
        code = neighbour.values["currency"]
        if code != "VND" and not money.scale.search(neighbour.text):
            continue
        values = dict(cand.values, currency=code)
        if code == "VND":
            values["amount_vnd"] = round(values["amount"])
        else:
            values["amount_max_vnd"] = None
        cand.values = values
        resolved.append(cand)
    return resolved


def _nearest_with_currency(cand: Candidate, candidates: list[Candidate]) -> Candidate | None:
    best: tuple[int, Candidate] | None = None
    for other in candidates:
        if other.sentence.index != cand.sentence.index or other.values["currency"] is None:
            continue
        gap = other.start - cand.end if other.start >= cand.end else cand.start - other.end
        if best is None or gap < best[0]:
            best = (gap, other)
    return best[1] if best else None
