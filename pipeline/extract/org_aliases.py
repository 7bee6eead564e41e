"""Bodies named again in short, resolved to the name the article spells out.

An article introduces a body once in full and then writes it short: by the acronym it gave in
parentheses (`Công ty TNHH MTV phát triển công nghiệp Tân Thuận (IPC)` … `Công ty IPC`, `Tập
đoàn Điện lực Việt Nam (EVN)` … `HĐTV EVN`), or, for a company, by its proper name alone (`Công
ty Cổ phần chăn nuôi Bình Hà` … `Công ty Bình Hà`). The annotation decisions list such a body
once, by its full name, and use the full name inside longer names too.
"""

from __future__ import annotations

import unicodedata

import regex

from pipeline.engine.contracts import Candidate
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_tokens import ROMAN_RE


def spelled_out(
    candidates: list[Candidate],
    lexicon: Lexicon,
    targets: list[Candidate] | None = None,
    sources: list[Candidate] | None = None,
) -> None:
    """Rename, in place, the candidates (or only `targets` among them) that name a body short
    (see the module docstring), by the full names of the candidates (or only of `sources`)."""
    acronyms = _acronyms(candidates, lexicon)
    #: full names the article gives a short name of their own (`… Xăng dầu Petrolimex (PGBank)`)
    named_otherwise = {full: short.casefold() for short, full in acronyms.items()}
    by_last_word: dict[str, list[str]] = {}
    for cand in candidates if sources is None else sources:
        name = cand.values["name"]
        names = by_last_word.setdefault(name.rsplit(" ", 1)[-1], [])
        if name not in names:
            names.append(name)
    for cand in candidates if targets is None else targets:
        name = cand.values["name"]
        renamed = _with_acronyms(name, acronyms, lexicon) if acronyms else name
        renamed = _company_in_full(renamed, by_last_word, lexicon, named_otherwise)
        renamed = _of_company_in_full(renamed, by_last_word, lexicon, named_otherwise)
        if renamed != name:
            cand.values = {**cand.values, "name": renamed}


def _acronyms(candidates: list[Candidate], lexicon: Lexicon) -> dict[str, str]:
    """Acronyms and short names the article gives in parentheses after a body's full name."""
    found: dict[str, str] = {}
    for cand in candidates:
        defined = lexicon.bodies.defined_after.match(cand.sentence.text, cand.end)
        if not defined:
            continue
        numbered = defined.group(3)
        short, name = defined.group(1) or defined.group(2) or numbered, cand.values["name"]
        places = lexicon.places
        if short in places.provinces or short in places.countries:
            continue  # `(Long An)`, `(Nga)`: a place, not the body's own short name
        if short in lexicon.bodies.abbreviations:
            continue  # `(UBND)`: a word, not the body's own short name
        if short.lower() in name.lower().split():
            continue
        if ROMAN_RE.match(short):
            continue  # `Cục Bảo vệ chính trị III`: the number of the name, not a short name
        if " " in short and not short.isascii() and not numbered:
            continue  # `(Đắk Glong)`: a place; a short name of two words is a brand's (`Sun Group`)
        if short in found:
            continue
        full = _named_by(short, cand, lexicon)
        if numbered and lexicon.bodies.head_of(numbered)[0] != lexicon.bodies.head_of(full)[0]:
            continue  # `Bộ Công an (Tổng cục IV)`: the unit of the body before, not its name
        found[short] = full
    return found


def _named_by(short: str, cand: Candidate, lexicon: Lexicon) -> str:
    """The body an acronym after a name stands for: the name, or the body named inside it when
    the acronym does not start as the name does (`HĐQT Tổng công ty cổ phần xây lắp dầu khí Việt
    Nam (PVC)`: PVC is the company; `Văn phòng Chính phủ (VPCP)` is the office). An acronym
    starts as the name when its first letters are the initials of the name's first words: the
    B of `BIDV` after `Ban Thường vụ Đảng uỷ Ngân hàng … (BIDV)` is the bank's, not the board's."""
    name = cand.values["name"]
    if _starts_as(short, name):
        return name
    text, bodies = cand.sentence.text, lexicon.bodies
    # the innermost body: `Ban Thường vụ Đảng ủy Công ty Cổ phần Gang thép Thái Nguyên (TISCO)`
    inner = next(iter(reversed(list(bodies.nested.finditer(text, cand.start + 1, cand.end)))), None)
    if inner is None:
        return name
    world = bodies.head_entry(inner.group())
    if world and world.alone and world.complete and world.type == "other":
        # a world body ending the name is its parent, not what the acronym names (`Tổ chức
        # Giáo dục, Khoa học và Văn hóa Liên Hợp Quốc (UNESCO)`)
        return name
    start = inner.start()
    if text[cand.start : start].rstrip().endswith(bodies.legal_forms_longest_first):
        return name  # `Công ty Cổ phần Tập đoàn Mặt Trời (Sun Group)`: the company's own name
    previous = _PREVIOUS_WORD.search(text, cand.start, start)
    if previous and f"{previous.group(1)} {inner.group()}".lower() in bodies.heads_by_lower:
        start = previous.start(1)  # `Tổng Công ty`
    return bodies.expand(text[start : cand.end])


_PREVIOUS_WORD = regex.compile(r"(\S+)\s+$")


def _starts_as(short: str, name: str) -> bool:
    """Whether the acronym `short` starts with the initials of `name`'s words: its first two
    letters when both are capitals (`VPCP`, `Văn phòng Chính phủ`), else its first (`Bidiphar`)."""
    letters = short[:2] if short[1:2].isupper() else short[:1]
    initials = "".join(word[:1] for word in name.split()[: len(letters)])
    return _unmarked_upper(letters) == _unmarked_upper(initials)


def _unmarked_upper(letters: str) -> str:
    """`Ủy` and `UBND` start alike: capitals without their marks (đ stays a letter of its own)."""
    decomposed = unicodedata.normalize("NFD", letters.upper())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _with_acronyms(name: str, acronyms: dict[str, str], lexicon: Lexicon) -> str:
    """`IPC` → the full name; `Công ty IPC` → the company's full name; `Hội đồng thành viên
    EVN` → `Hội đồng thành viên Tập đoàn Điện lực Việt Nam`."""
    if name in acronyms:
        return acronyms[name]
    if name.isupper():
        # `THACO` where the article defined `(Thaco)`: the same short name in capitals
        same = next((full for short, full in acronyms.items() if short.upper() == name), None)
        if same is not None:
            return same
    numbered = next(
        (s for s in acronyms if ROMAN_RE.match(s.rsplit(" ", 1)[-1]) and name.endswith(" " + s)),
        None,
    )
    if numbered is not None:
        # `Ban Thường vụ Đảng ủy Tổng cục IV`: the unit's full name inside a longer one
        return name[: -len(numbered)] + acronyms[numbered]
    head, _ = lexicon.bodies.head_of(name)
    full = acronyms.get(name[len(head) :].strip()) if head else None
    if full is None or full == name:
        return name
    # `Công ty IPC` is the company itself, and so `Đài THVL` beside `Đài Phát thanh - Truyền
    # hình Vĩnh Long (THVL)` (a longer head opening with the same word); `Đoàn Thanh niên PVN` a
    # body of it
    one_body = lexicon.bodies.head_of(full)[0] == head or full.startswith(head + " ")
    return full if one_body else f"{head} {full}"


def _company_in_full(
    name: str,
    by_last_word: dict[str, list[str]],
    lexicon: Lexicon,
    named_otherwise: dict[str, str],
) -> str:
    """`Công ty Bình Hà` → `Công ty Cổ phần chăn nuôi Bình Hà` when the article names only one
    company of its head ending so (the short form of a company is its proper name); the names
    of the article by their last word. A brand alone is the company named in full only if that
    company is the brand's own (see `_brand_in_full`)."""
    bodies = lexicon.bodies
    head, entry = bodies.head_of(name)
    if entry is None and name in bodies.brands:
        head = ""  # `Novaland` alone, and `Tập đoàn Novaland` elsewhere
    elif entry is None or entry.type != "enterprise" or name == head:
        return name
    proper = name[len(head) :].strip()
    for form in bodies.legal_forms_longest_first:
        proper = proper.removeprefix(form + " ")
    longer = [
        other
        for other in by_last_word.get(name.rsplit(" ", 1)[-1], ())
        if len(other) > len(name)
        and other.startswith(head + " " if head else "")
        and other.endswith(" " + proper)
        and bodies.head_of(other)[1] is not None
        # a brand alone is the company, not a board of it (`HĐQT VPBank` … `VPBank`)
        and (bool(head) or _an_enterprise(other, lexicon))
    ]
    if not head:
        longer = _brand_in_full(name, longer, lexicon, named_otherwise)
    # the longest, and of two as long the first the article writes: the same in every process
    return max(longer, key=len) if longer else name


def _brand_in_full(
    brand: str, longer: list[str], lexicon: Lexicon, named_otherwise: dict[str, str]
) -> list[str]:
    """The names among `longer` (companies ending with `brand`) that are the brand's own company.

    A name ending with a brand may be another firm's that carries it as a qualifier: a
    subsidiary (`thành lập Công ty cổ phần bất động sản Sabeco (Sabeco Land)`) or a bank the
    group founded (`ngân hàng TMCP Xăng dầu Petrolimex (PGBank)`). A company the article gives
    another short name of its own is not the brand's; and where the rest name several
    companies by more words than the brand (`Tập đoàn xăng dầu Petrolimex`, `Tổng công ty vận
    tải thủy Petrolimex`), the brand is the one whose own name is the brand alone (`Tổng công
    ty Sabeco`), else none (the brand is kept as written)."""
    own = [o for o in longer if named_otherwise.get(o, brand.casefold()) == brand.casefold()]
    qualified = {_own_name(o, lexicon) for o in own} - {brand.casefold()}
    if len(qualified) <= 1:
        return own  # `Công ty Vinamilk` and `Công ty Cổ phần sữa Vinamilk`: one company
    return [o for o in own if _own_name(o, lexicon) == brand.casefold()]


def _own_name(name: str, lexicon: Lexicon) -> str:
    """A company's name without its head words and legal forms (`Công ty CP Tập đoàn Novaland`
    → `novaland`), whatever the case."""
    bodies = lexicon.bodies
    while True:
        head, entry = bodies.head_of(name)
        rest = name[len(head) :].strip() if entry is not None and head else name
        for form in bodies.legal_forms_longest_first:
            rest = rest.removeprefix(form + " ")
        if rest == name or not rest:
            return name.casefold()
        name = rest


def _of_company_in_full(
    name: str,
    by_last_word: dict[str, list[str]],
    lexicon: Lexicon,
    named_otherwise: dict[str, str],
) -> str:
    """`Ban Tổng giám đốc MobiFone`, `Ban Thường vụ Đảng ủy MobiFone` → the board or committee
    of `Tổng công ty Viễn thông MobiFone` when the article names one company ending so
    (rules/gazetteers/governing_boards.txt, unit_committees.yml); of a brand, only its own
    company (`HĐQT Sabeco` is not the board of `Công ty cổ phần bất động sản Sabeco`)."""
    bodies = lexicon.bodies
    others = [o for o in by_last_word.get(name.rsplit(" ", 1)[-1], ()) if o != name]
    if not others:
        return name  # no other name of the article ends with the same word
    position = name.find(" ")
    while position > 0:
        before = name[:position]
        if before in bodies.governing_boards or bodies.unit_committee_at_end.search(before):
            break
        position = name.find(" ", position + 1)
    proper = name[position + 1 :] if position > 0 else ""
    if not proper[:1].isupper() or proper in lexicon.places.provinces:
        return name
    companies = [o for o in others if o.endswith(" " + proper) and _an_enterprise(o, lexicon)]
    if proper in bodies.brands:
        companies = _brand_in_full(proper, companies, lexicon, named_otherwise)
    return f"{name[: position + 1]}{max(companies, key=len)}" if companies else name


def _an_enterprise(name: str, lexicon: Lexicon) -> bool:
    """A company named by its head (`Tổng công ty …`), not one of its boards."""
    head, entry = lexicon.bodies.head_of(name)
    return (
        entry is not None
        and entry.type == "enterprise"
        and head not in lexicon.bodies.governing_boards
    )
