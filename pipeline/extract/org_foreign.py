"""Organizations named the way foreign businesses are: an English name ended by its legal form
(`Ota Floriculture Auction Co., Ltd`), and platforms that are businesses only where the
sentence lists them beside other brands (`thu thuế Google, Facebook, Uber`); foreign State
agencies named by their function and their country (`Cơ quan khí tượng Đài Loan`); bodies whose
full name the article ends with their acronym (`Lực lượng Dân chủ Syria (SDF)`); firms and
agencies named after `hãng` (`hãng Lockheed Martin`, `hãng tin Anadolu`) or listed after a
kind of business (`các công ty như Facebook, Google và Amazon`); armed groups named after what
they are (`phiến quân Houthi`, `nhóm khủng bố Abu Sayyaf`)."""

from __future__ import annotations

import functools
from typing import Any

import regex

from pipeline.engine.contracts import Candidate, Found, Match, Reject, normalizer
from pipeline.extract import org_names
from pipeline.extract.lexicon import Head, Lexicon
from pipeline.sources.html_text import fold

#: a run of words at the end of a text: how far back a head word before a name is looked for
_LAST_WORDS = regex.compile(r"(?:\S+\s+){0,3}$")
_EDGE_PUNCTUATION = regex.compile(r"^[\p{P}\s]+|[\p{P}\s]+$")
#: a number, and what goes on after one that ends a firm's name (`23,6 triệu`: an amount)
_NUMBER = regex.compile(r"\d+")
_NUMBER_GOES_ON = regex.compile(r"[.,]\d|\s+\p{Ll}")
#: a dash and spaces opening what is left of a name once its country is dropped
_LEADING_DASH = regex.compile(r"[-–]\s*")
#: the lower-case word right after a name
_NEXT_LOWER_WORD = regex.compile(r"\s+(\p{Ll}+)")
#: a name ending with a number (`Spartan 3000`, `Spikes K -9`)
_NUMBER_ENDING = regex.compile(r"(?:^|\s)[-–]?\s*\d[\p{L}\p{N}]*$")
#: a foreign name going on after a capitalized word (`Alzheimer ' s Disease`, `Fondation des
#: Femmes`)
_NAME_GOES_ON = regex.compile(r"\s*['’]\s*s\b|\s+(?:des|du|la|the|for|für|der)\s+\p{Lu}")
#: the fewest letters of an armed group's name written in title case (`Maute`, `Shi` is cut)
_SHORTEST_GROUP_NAME = 4
#: the most lower-case words of a kind before a body's own name (`Nhóm phiến quân`)
_KIND_WORDS = 2
#: the most words a brand's name has (`Nam A Bank`)
_BRAND_WORDS = 3


@normalizer(
    "organizations.foreign_company",
    groups=("name", "form"),
    gazetteers=(*org_names.GAZETTEERS, "foreign_legal_forms"),
)
def foreign_company(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Korea Agro - Fisheries & Food Trade Corporation`: the capitalized words before an
    English legal form, listed as written; not where a head word names the business
    (`Tập đoàn Sun Group`: the head rule's) nor as the short name in parentheses after one
    (`Công ty Cổ phần Tập đoàn Mặt Trời (Sun Group)`)."""
    return _named_before_form(match, lexicon, vietnamese_opening=False)


@normalizer(
    "organizations.business_name",
    groups=("name", "form"),
    gazetteers=org_names.GAZETTEERS,
)
def business_name(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Ethiopian Airlines`, `Văn Phú Invest`: the capitalized words before a word of a
    business's trade, read as the foreign_company rule reads a legal form; a capitalized
    first word of the sentence stays in a name of Vietnamese words (`Văn Phú Invest`), and a
    title before the name is not part of it (`CEO United Airlines`: no business)."""
    if lexicon.titles.title.match(match.sentence.text, match.spans["name"][0]):
        return Reject("a-title")
    return _named_before_form(match, lexicon, vietnamese_opening=True)


def _named_before_form(
    match: Match, lexicon: Lexicon, *, vietnamese_opening: bool
) -> list[Found] | Reject:
    """The business named by the capitalized words before the `form` group, listed as
    written: without a common word opening the sentence (`Theo Sun Group`; kept, when
    `vietnamese_opening`, before Vietnamese words: `Văn Phú Invest`) or a country (`Việt Nam -
    Vietnam Airlines`); not where a head word names it."""
    text, bodies = match.sentence.text, lexicon.bodies
    start = match.spans["name"][0]
    words = text[start : match.spans["form"][0]].split()
    if org_names.SENTENCE_OPENING_RE.fullmatch(text, 0, start) and len(words) > 1:
        # `Theo Sun Group`: a sentence's first word is capitalized as any word is
        first, pair = words[0].lower(), f"{words[0]} {words[1]}".lower()
        foreign = lexicon.names.is_foreign
        rest_foreign = all(foreign(w) or _INNER_CAPITAL.fullmatch(w) for w in words[1:])
        if (
            first in bodies.common_words
            and pair not in bodies.common_words
            and (rest_foreign or not vietnamese_opening)
        ):
            start = text.index(words[1], start + len(words[0]))
    start = _after_a_country(text, start, match.spans["form"][0], lexicon)
    dash = _LEADING_DASH.match(text, start)
    if dash:
        start = dash.end()  # `Việt Nam - Vietnam Airlines`: the name after the country's
    if start >= match.spans["form"][0]:
        return Reject("no-name")
    if bodies.head_of(bodies.expand(text[start : match.spans["form"][0]]))[1] is not None:
        return Reject("named-by-a-head")  # `HĐQT BIM Group`, `CTCP Heritage Holdings`
    before = text[:start].rstrip()
    if before.endswith("("):
        return Reject("a-short-name")  # `Công ty … Mặt Trời (Sun Group)`
    last_words = _LAST_WORDS.search(before + " ")
    if last_words and _ends_with_head(last_words.group().split(), lexicon):
        return Reject("named-by-a-head")  # `Công ty Housing Group`: the head rule's
    return [Found(start, match.end, business(text[start : match.end]))]


@normalizer(
    "organizations.foreign_agency",
    groups=("function", "country"),
    gazetteers=org_names.GAZETTEERS,
)
def foreign_agency(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """`Cơ quan khí tượng Đài Loan`: another country's State agency written by its function
    and its country, which make it one body (GUIDE.md Round 7); not where a head names it
    (`Cơ quan điều tra`: the head rule's), nor through a function word (`của`)."""
    bodies = lexicon.bodies
    country = match.group("country") or ""
    if country == lexicon.places.home_country:
        return Reject("not-foreign")  # `Cơ quan đại diện Việt Nam ở nước ngoài`: many
    if bodies.head_of(match.text)[1] is not None:
        return Reject("named-by-a-head")
    if any(w in bodies.function_words for w in (match.group("function") or "").split()):
        return Reject("a-function-word")
    return {
        "name": match.text[:1].upper() + match.text[1:],  # `cơ quan tình báo Somali`
        "abbreviation": None,
        "org_type": "state",
        "level": "central",
        "location": country,
    }


@normalizer(
    "organizations.defined_body",
    groups=("head", "rest", "short"),
    gazetteers=org_names.GAZETTEERS,
)
def defined_body(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """`Cơ quan Hợp tác quốc tế Hàn Quốc (KOICA)`: a body's full name, ended by the acronym the
    article gives it in parentheses (GUIDE.md: the name the article spells out); not an
    acronym of ordinary words (`(UBND)`) or a place, not two bodies joined by `và`, not
    `tổ chức` holding an event (`tổ chức Diễn đàn …`)."""
    bodies, places = lexicon.bodies, lexicon.places
    head, rest = match.group("head") or "", match.group("rest") or ""
    short = match.group("short") or ""
    words, lower = rest.split(), head[:1].islower()
    if short in bodies.abbreviations or short in places.countries or short in places.provinces:
        return Reject("not-a-short-name", short)
    if lower and not (words[0][:1].isupper() and words[-1][:1].isupper()):
        # `tổ chức khủng bố Nhà nước Hồi giáo tự xưng (IS)`, `đảng Xã hội Dân chủ cánh tả (SPO)`
        return Reject("a-kind")
    if short.upper() == "".join(fold(w)[:1] for w in match.text.split()).upper():
        return Reject("vietnamese-initials")  # `Trung tâm Giáo dục thường xuyên (TTGDTX)`
    opening = lower or org_names.SENTENCE_OPENING_RE.fullmatch(match.sentence.text, 0, match.start)
    inner = bodies.head_of(rest.lstrip())[1]
    # a head that is also a line of work names the agency's field (`cơ quan Tình báo Quân sự
    # Liên Xô (GRU)`), not a second body after a kind word
    if (opening and bodies.event_openings.leading(words)) or (
        lower and inner is not None and not inner.field
    ):
        return Reject("a-verb")  # `tổ chức Hội nghị …`, `Tổ chức Diễn đàn …` opening a sentence
    named = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    body_after = " ".join(words[named:])
    if 0 < named <= _KIND_WORDS and (
        bodies.head_of(body_after)[1] is not None
        or body_after.lower() in lexicon.titles.international
    ):
        return Reject("a-kind")  # `Nhóm phiến quân Nhà nước Hồi giáo (IS)`: the body after it
    after = [" ".join(words[i + 1 :]) for i, w in enumerate(words) if w == lexicon.titles.and_word]
    if any(bodies.head_of(a)[1] or lexicon.titles.title.match(a) for a in after):
        # `Tập đoàn Lộc Trời và Trường Quốc tế Việt Úc (VAS)`, `Ủy ban châu Âu và Tổng giám đốc
        # Tổ chức Y tế Thế giới (WHO)`
        return Reject("two-bodies")
    name = match.text[:1].upper() + match.text[1:]
    in_country = places.countries.trailing(words)
    country = " ".join(words[-in_country:]) if in_country else None
    return {"name": name, "abbreviation": None, **org_names.describe(name, None, country, lexicon)}


@normalizer(
    "organizations.firm",
    groups=("kind", "name"),
    gazetteers=org_names.GAZETTEERS,
)
def firm(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`hãng Lockheed Martin của Mỹ`, `hãng tin Anadolu`: the capitalized name after `hãng`
    (and what the firm does) is a business or a news agency, listed as written without them;
    a country before or after it is not part of it (`hãng thông tấn Triều Tiên KCNA`), and a
    country alone (`các hãng Nhật Bản`) or a description in capitals (`Hãng thông tấn Trung
    ương Triều Tiên`) is no name."""
    text, bodies, countries = match.sentence.text, lexicon.bodies, lexicon.places.countries
    start, end = match.spans["name"]
    words = text[start:end].split()
    # an agency's name does not open with its country, however written (`Syria SANA`)
    agency = (match.group("kind") or "").lower().startswith(bodies.news_agency_kinds)
    for count in range(min(3, len(words)), 0, -1):
        leading = " ".join(words[:count])
        if _vietnamese_country(leading, countries) or (agency and leading in countries):
            words = words[count:]
            break
    country_after = False
    for count in range(min(3, len(words)), 0, -1):
        if _vietnamese_country(" ".join(words[-count:]), countries):
            words, country_after = words[:-count], True
            break
    while words and words[-1] in ("-", "–", "&", "and", "of"):
        words.pop()
    if len(words) > 1 and _NUMBER.fullmatch(words[-1]) and _NUMBER_GOES_ON.match(text, end):
        words.pop()  # `Hãng Ford 23,6 triệu USD`: an amount, not the name's number
    if not words or " ".join(words) in countries:
        return Reject("no-name", "a country, not a firm's name")
    cut = _NEXT_LOWER_WORD.match(text, end)
    if cut and f"{words[-1]} {cut.group(1)}".lower() in bodies.common_words:
        return Reject("a-cut-name", f"{words[-1]} {cut.group(1)}")  # `Quốc gia Việt Nam`
    if country_after and " ".join(words).lower() in bodies.common_words:
        return Reject("a-description", " ".join(words))  # `Trung ương` of a country
    name_start = text.index(words[0], start)
    name_end = text.rindex(words[-1], name_start, end) + len(words[-1])
    name = " ".join(text[name_start:name_end].split())
    if bodies.head_of(bodies.expand(name))[1] is not None:
        return Reject("named-by-a-head")  # `hãng Công ty …`: the head rule's
    found = business(name)
    if agency:
        found["org_type"] = "other"  # as the press rule lists an agency
    return [Found(name_start, name_end, found)]


@normalizer(
    "organizations.business_list",
    groups=("list",),
    gazetteers=org_names.GAZETTEERS,
)
def business_list(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`các công ty lớn như IBM, Cisco, Intel`, `các thương hiệu Pull & Bear, H & M, Zara`: each
    name of the list is a business, listed as written; not a country or a province (`nhiều
    hãng bay tại châu Á như Ấn Độ, Trung Quốc`), nor a business named by a head word (`Công ty
    cổ phần 79`: the head rule's)."""
    text, bodies, places = match.sentence.text, lexicon.bodies, lexicon.places
    glue = bodies.business_list_glue
    found: list[Found] = []
    at = match.spans["list"][0]
    opened = bodies.business_list_opener.search(text, match.start, at) is not None
    items = glue.split(match.group("list") or "")
    # `, và Robert Bosch …`: a comma and a conjunction both join
    for piece in (piece for item in items for piece in glue.split(" " + item)):
        name = _EDGE_PUNCTUATION.sub("", piece)
        if not name:
            continue
        start = text.index(name, at)
        at = start + len(name)
        if name in places.countries or name in places.provinces:
            continue
        cut = _NEXT_LOWER_WORD.match(text, at)
        cut_words = (
            cut and f"{name.rsplit(' ', 1)[-1]} {cut.group(1)}".lower() in bodies.common_words
        )
        # `Công` of `Công ty TNHH I.V.C`, `Lọc` of `Lọc hoá dầu Bình Sơn`: a name cut at a
        # lower-case word, in sentence case
        if cut_words or (" " not in name and bodies.sentence_case_on.match(text, at)):
            if not opened:
                # `hai thương hiệu âm nhạc Viet Nam Concert và Câu chuyện hoà bình`: with no
                # `như`/`gồm`, a list with a title in sentence case names shows, not firms
                return Reject("a-title-in-sentence-case", name)
            continue
        if bodies.head_of(bodies.expand(name))[1] is not None:
            continue
        found.append(Found(start, at, business(name)))
    if len(found) == 1 and bodies.business_bare_colon.search(
        text, match.start, match.spans["list"][0]
    ):
        # a colon alone opens any clause (`nhiều doanh nghiệp cho biết: Chúng tôi …`): a list
        # only where it names two
        return Reject("one-name-after-a-colon", found[0].values["name"])
    return found or Reject("no-business", "countries, places or bodies named by a head")


def _vietnamese_country(words: str, countries: frozenset[str]) -> bool:
    """A country as Vietnamese writes it (`Mỹ`, `Triều Tiên`), not as the English of a firm's
    name does (`Air Canada`, `Malaysia Airlines`): written with a Vietnamese letter."""
    return words in countries and not words.isascii()


def _after_a_country(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a name starts after the country written before it (`nhà đầu tư Hàn Quốc Samsung
    Fire & Marine Insurance Company Limited`)."""
    words = text[start:end].split()
    country = lexicon.places.countries.leading(words[:-1][:3])
    return text.index(words[country], start) if country else start


def _ends_with_head(words: list[str], lexicon: Lexicon) -> bool:
    """Whether the last one to three words are a head word (`công ty`, `Tập đoàn`)."""
    heads = lexicon.bodies.heads_by_lower
    return any(
        " ".join(words[-count:]).lower() in heads for count in range(1, min(3, len(words)) + 1)
    )


@normalizer(
    "organizations.listed_brand",
    kinds=("regex",),
    gazetteers=(*org_names.GAZETTEERS, "listed_brands"),
)
def listed_brand(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """`Facebook` in `thu thuế Google, Facebook, Uber`: a platform listed beside a brand of
    brands.txt is a business; alone (`đăng lên Facebook`) it is where something was posted."""
    text, glue = match.sentence.text, lexicon.bodies.business_list_glue
    left = glue.split(text[: match.start])
    right = glue.split(text[match.end :])
    if left[-1].strip() and right[0].strip():
        return Reject("not-in-a-list")
    beside = (
        _brand_beside(reversed(left[:-1]), lexicon, at_end=True) if not left[-1].strip() else False
    )
    if not beside and not right[0].strip():
        beside = _brand_beside(iter(right[1:]), lexicon, at_end=False)
    if not beside:
        return Reject("no-brand-beside")
    return business(match.text)


def business(name: str) -> dict[str, Any]:
    """A business's values, its name as written."""
    return {
        "name": name,
        "abbreviation": None,
        "org_type": "enterprise",
        "level": None,
        "location": None,
    }


def _brand_beside(items: Any, lexicon: Lexicon, *, at_end: bool) -> bool:
    """Whether the list items next to a platform, read away from it, reach a brand of
    brands.txt: the nearest item ends (before it) or starts (after it) with one, or is a
    platform itself and the next one does."""
    bodies = lexicon.bodies
    for item in items:
        words = _EDGE_PUNCTUATION.sub("", item).split()
        if not words:
            return False
        for count in range(1, min(_BRAND_WORDS, len(words)) + 1):
            edge = " ".join(words[-count:] if at_end else words[:count])
            if edge in bodies.brands:
                return True
        if " ".join(words) not in bodies.listed_brands:
            return False
    return False


def merge_bare_names(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """`Housing Group` and `Công ty Housing Group`, `Vingroup` and `Tập đoàn Vingroup` in one
    article are one business (GUIDE.md: a later short form of the same company is the same
    row): a name with no head word takes the name of the one business of the article named by
    a head and its legal form before it; not a board's (`HĐQT VietinBank` is the board). A
    name of two words or more also takes the name of the one business whose own name ends with
    it (`Formosa Hà Tĩnh` after `Công ty TNHH Gang thép Hưng Nghiệp Formosa Hà Tĩnh`), named by
    its first mention."""
    bodies = lexicon.bodies
    by_own_name: dict[str, list[dict[str, Any]]] = {}
    by_tail: dict[str, dict[str, dict[str, Any]]] = {}
    for cand in candidates:
        head, entry = bodies.head_of(cand.values["name"])
        if entry is None or entry.type != "enterprise" or entry.level == "unit":
            continue
        own = cand.values["name"][len(head) :].split()
        while own and own[0] in bodies.legal_forms:
            own.pop(0)
        own_name = " ".join(own).casefold()
        known = by_own_name.setdefault(own_name, [])
        if cand.values not in known:
            known.append(cand.values)
        for start in range(1, len(own) - 1):
            by_tail.setdefault(" ".join(own[start:]).casefold(), {}).setdefault(
                own_name, cand.values
            )
    for cand in candidates:
        name = cand.values["name"]
        if bodies.head_of(name)[1] is not None:
            continue
        known = by_own_name.get(name.casefold(), [])
        ending = list(by_tail.get(name.casefold(), {}).values())
        if len(known) == 1:
            cand.values = {**cand.values, **known[0]}
        elif not known and len(ending) == 1:
            cand.values = {**cand.values, **ending[0]}
    return candidates


@normalizer(
    "organizations.armed_group",
    groups=("name",),
    gazetteers=(*org_names.GAZETTEERS, "foreign_cities"),
)
def armed_group(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`phiến quân Houthi`, `nhóm khủng bố al - Shabaab`: a name of another language (or an
    acronym) after words that describe an armed group is the group, listed as written; not a
    country or a city (`phiến quân Syria`, `lực lượng vũ trang Mỹ`), nor a body listed as
    international (`IS`, `Taliban`: the international rule's)."""
    return _own_name_after_kind(match, lexicon)


@normalizer(
    "organizations.described_body",
    groups=("name",),
    gazetteers=(*org_names.GAZETTEERS, "foreign_cities"),
)
def described_body(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`tổ chức thăm dò dư luận IFOP`, `đơn vị kiểm toán PwC`: a name of another language or
    an acronym after lower-case words that say what kind of body it is
    (described_body_kinds.txt) is the body, listed as written by its own name (GUIDE.md Round
    8), read as an armed group's name is; not a platform where something is posted
    (`trang web Facebook`: listed_brands.txt), nor a name that ends with a number, which the
    name's reading would cut (`đơn vị Spartan 3000`, `tổ chức phi lợi nhuận Spikes K -9`), or
    that goes on past what it reads (`tổ chức Alzheimer ' s Disease International`)."""
    start, end = match.spans["name"]
    written = match.sentence.text[start:end]
    if written in lexicon.bodies.listed_brands:
        return Reject("a-platform")
    if _NUMBER_ENDING.search(written) or _NAME_GOES_ON.match(match.sentence.text, end):
        return Reject("a-cut-name", written)
    return _own_name_after_kind(match, lexicon)


def _own_name_after_kind(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """The body named by the `name` group, of another language or an acronym, with no country
    after it (`Houthi Yemen`, `Armoza - Israel`), as an `other` body listed as written."""
    text, places = match.sentence.text, lexicon.places
    start, end = match.spans["name"]
    words = text[start:end].split()
    country = places.countries.trailing(words[-3:])
    words = words[: len(words) - country]  # `Houthi Yemen`: the group's country
    while words and not words[-1][:1].isupper():
        words.pop()  # `Jaish al`, `Armoza –`: a name ends with a capitalized word
    name = " ".join(words)
    if (
        not name
        or name in places.countries
        or name in lexicon.names.foreign_cities
        or name.startswith(places.abbreviations)
    ):
        return Reject("a-place", name)  # `lực lượng vũ trang TP`: the city's
    if name.lower() in lexicon.titles.international:
        return Reject("listed-as-international")
    if len(name) < _SHORTEST_GROUP_NAME and not _INNER_CAPITAL.fullmatch(name):
        return Reject("a-cut-word", name)  # `Shi` of `Shi ' ite`; `PwC` is an acronym
    if not (name.isupper() or lexicon.names.is_foreign(name)):
        return Reject("not-a-foreign-name", name)  # `phiến quân Hồi giáo`, `nhóm Mây Trắng`
    return [Found(start, start + len(name), {**business(name), "org_type": "other"})]


#: a business's own name after its kind: capitalized words, an acronym or a joined brand,
#: not a number (`công ty 901`: the company's number is its name)
_OWN_NAME = regex.compile(
    r"\p{Lu}[\p{L}\p{M}\p{N}&'’.]*(?:\s+(?:&\s+)?(?:\p{Lu}|\d)[\p{L}\p{M}\p{N}&'’.]*)*"
)
#: a brand written as an acronym or with a capital inside (`BIDV`, `KienLongBank`)
_INNER_CAPITAL = regex.compile(r"\p{Lu}[\p{L}\p{N}]*\p{Lu}[\p{L}\p{N}]*")
#: the most lower-case syllables that tell a business's trade (`công nghệ`, `nghiên cứu thị
#: trường`, `phân tích truyền thông xã hội`): the trade of a named foreign firm runs to six
_TRADE_WORDS = 6
#: a code after a trade names what the firm runs or makes (`tuyến cao tốc A10`), not the firm
_CODE = regex.compile(r"\p{Lu}{1,3}\d+")
#: the fewest letters of a brand named alone (`ngân hàng điện tử F` names no brand)
_SHORTEST_BRAND = 2


def brand_after_descriptor(
    written_head: str, name: str, head: str, lexicon: Lexicon, *, untraded: bool = False
) -> str:
    """A business written after a lower-case kind and its trade is named by its own name
    (GUIDE.md Round 8, Round 10): `công ty đường sắt Tokyu` → `Tokyu`, `tập đoàn công nghệ
    Huawei` → `Huawei`; only a name of another language or a brand's acronym, not a Vietnamese
    name or one of the Highlands (`công ty lâm nghiệp Ka Nak`), a country or a place (a city
    abroad: `Seoul`), a code (`cao tốc A10`), a legal form (`công ty cổ phần SIC`: the company's
    own name, and so before a trade), nor where the trade is not written
    (`tập đoàn Novaland`: annotated with its head) unless `untraded` (a passage about another
    country: `tập đoàn Lockheed Martin` → `Lockheed Martin`, GUIDE.md Round 8), nor a Vietnamese
    firm's English name (`công ty Vietnam Report`), nor where the writer capitalized the head."""
    if not written_head[:1].islower():
        return name
    words = name[len(head) :].split()
    trade = 0
    while trade < len(words) and words[trade][:1].islower():
        trade += 1
    own = " ".join(words[trade:])
    bodies, places = lexicon.bodies, lexicon.places
    branded = trade == 0 and _names_its_kind(words, bodies.heads.get(head))
    untraded = untraded or branded  # `ngân hàng Vietcombank`: the brand names the bank
    if trade > _TRADE_WORDS or len(own) < _SHORTEST_BRAND or (trade == 0 and not untraded):
        return name
    # the home country as its firms' English names write it (`Vietnam Report`, `VietnamPlus`)
    home = fold(places.home_country).replace(" ", "").lower()
    if trade == 0 and any(fold(word).lower().startswith(home) for word in own.split()):
        return name  # `công ty Vietnam Report`: a Vietnamese firm's English name
    if not _OWN_NAME.fullmatch(own) or any(word in bodies.legal_forms for word in words):
        return name
    written_trade = " ".join(words[:trade]) + " "
    if any(written_trade.startswith(form + " ") for form in bodies.legal_forms_longest_first):
        return name  # `công ty cổ phần địa ốc Alibaba`: a Vietnamese company's legal name
    if own in places.countries or own in places.provinces or own in places.cities:
        return name
    if own in lexicon.names.foreign_cities or _CODE.fullmatch(own):
        return name  # `công ty nhà ở và cộng đồng Seoul`, `công ty quản lý tuyến cao tốc A10`
    # every word of another language or an acronym: `Ka Nak` (a Highlands commune) is no firm's
    # foreign name
    foreign = lexicon.names.is_foreign
    if branded or all(foreign(word) or _INNER_CAPITAL.fullmatch(word) for word in own.split()):
        return own
    return name


def _names_its_kind(words: list[str], kind: Head | None) -> bool:
    """One brand that already names the head's kind (org_heads.yml `brand`): an acronym
    (`BIDV`, `SHB`) or a word built on the kind's word of another language (`Vietcombank`,
    `TPBank`); GUIDE.md Round 13."""
    if kind is None or kind.brand is None or len(words) != 1:
        return False
    brand = words[0]
    return brand.isupper() or (
        brand.casefold().endswith(kind.brand) and brand.casefold() != kind.brand
    )


#: the fewest letters of a body's acronym after a post (`VEC`; `IT` names a trade)
_SHORTEST_ACRONYM = 3


@normalizer(
    "organizations.acronym_after_post",
    groups=("name",),
    gazetteers=org_names.GAZETTEERS,
)
def acronym_after_post(match: Match, lexicon: Lexicon) -> dict[str, Any] | Reject:
    """`Tổng Giám đốc VEC`, `đại diện VASCO`: the acronym after a post held in a body is the
    body, listed as written; not the abbreviation of a Vietnamese body's kind (`đại diện VKS`,
    `lãnh đạo DNNN`, `Chủ tịch UBATGTQG`: opened by the initials of a head word), a place or a
    known outlet."""
    bodies, places = lexicon.bodies, lexicon.places
    name = match.group("name") or ""
    if name in bodies.outlets or name in places.countries or name.startswith(places.abbreviations):
        return Reject("not-a-body-acronym", name)
    if bodies.expand(name) != name or bodies.head_of(name)[1] is not None:
        return Reject("an-abbreviation", name)
    folded = fold(name).upper()
    if any(
        initials.startswith(folded) or folded.startswith(initials)
        for initials in _head_initials(lexicon)
    ):
        return Reject("a-head-abbreviated", name)  # `VKS`: Viện kiểm sát
    return business(name) | {"org_type": "other"}


@functools.lru_cache(maxsize=4)
def _head_initials(lexicon: Lexicon) -> frozenset[str]:
    """The initials of every head word of two words or more (`Viện kiểm sát` → `VKS`)."""
    return frozenset(
        "".join(fold(word)[:1] for word in head.split()).upper()
        for head in lexicon.bodies.heads
        if len(head.split()) > 1
    )
