"""Documents: canonical `doc_id` for Party and State document numbers."""

from __future__ import annotations

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
from pipeline.extract.lexicon import DocType, Documents, Lexicon
from pipeline.text.dates import issued_date_after

_SPACES = regex.compile(r"\s+")
_TRAILING_DIGITS = regex.compile(r"\d+$")
#: a further bare number in a list after a short reference (`Nghị quyết số 18, 19`)
_LISTED_NUMBER = regex.compile(r"\d{1,5}")
#: the numbers listed before one full number (`10, 30, 30 a/2008/NQ-CP`)
_LISTED_WITH_LETTER = regex.compile(r"\d{1,5}(?:\s?[a-z](?![\p{L}]))?")
#: how far before a short reference its issuer may be named (`Thủ tướng đã có Quyết định 66`)
_ISSUER_REACH = 100


def _squash(code: str) -> str:
    """Upper case, no spaces, dashes without spaces around them: `GP - HCM` → `GP-HCM`."""
    return _SPACES.sub("", code).replace("–", "-").upper()


def _written_type(match: Match, documents: Documents) -> str | None:
    written = match.group("type")
    if not written:
        return None
    return documents.type_by_lower.get(_SPACES.sub(" ", written).lower())


def _issuer(issuer_code: str, documents: Documents) -> tuple[str | None, bool | None]:
    key = issuer_code.split("-")[-1]
    entry = documents.issuers.get(key) or documents.issuers.get(_TRAILING_DIGITS.sub("", key))
    if entry is None:
        return None, None
    return entry["name"], bool(entry["party"])


def _only_a_type_code(code: str, documents: Documents) -> bool:
    """A document type's code that names no issuer too (`QĐ`, `NQ`; not `CP`)."""
    is_type = code in documents.state_type_by_code or code in documents.party_type_by_code
    return is_type and code not in documents.issuers


def _named_issuer(match: Match, documents: Documents) -> str | None:
    """`… của Bộ Chính trị` right after the number names the issuer."""
    found = documents.named_issuer.match(match.sentence.text, match.end)
    return _SPACES.sub(" ", found.group("name")) if found else None


@normalizer(
    "documents.numbered",
    groups=("number", "issuer"),
    optional=("year", "code", "type", "slashed", "party_slash", "listed"),
    gazetteers=Documents.GAZETTEERS,
)
def numbered(match: Match, lexicon: Lexicon) -> dict[str, Any] | list[Found] | Reject:
    """A full document number in Party, State or law form → canonical fields; numbers listed
    before it share its code (`nghị quyết 10, 30, 30 a/2008/NQ-CP`): one row each."""
    documents = lexicon.documents
    year = _SPACES.sub("", match.group("year") or "")  # split by the crawl: `20/2 019/NĐ-CP`
    issuer_code = documents.canonical_code(_squash(match.group("issuer") or ""))
    type_code = documents.canonical_code(_squash(match.group("code") or ""))
    if match.group("slashed") and type_code not in documents.party_type_by_code:
        # `1143/QĐ/TTg` is a decision; `01/2015/HTĐT/HADICO7` a contract's own number
        return Reject("not-a-type-code", type_code)
    if not type_code and _only_a_type_code(issuer_code, documents):
        # `Quyết định số 01/QĐ ngày 4/1/2001`: the one code names the type, not who issued it,
        # so the number is incomplete (or cut short: `2016/QĐ. UB` split at its dot)
        return Reject("a-type-code-alone", issuer_code)
    issuer_name, is_party = _issuer(issuer_code, documents)
    if is_party is None and match.group("party_slash"):
        is_party = True  # an issuer nobody listed keeps the Party form written: 26-KL/TUQN-TUĐN
    by_code = documents.party_type_by_code if is_party else documents.state_type_by_code
    doc_type = _written_type(match, documents) or by_code.get(type_code)

    def values(number: str, as_written: str) -> dict[str, Any]:
        if is_party and not year and type_code:
            doc_id = f"{number}-{type_code}/{issuer_code}"
        elif type_code:
            doc_id = "/".join(p for p in (number, year, f"{type_code}-{issuer_code}") if p)
        else:  # a law, 45/2019/QH14; a resolution cited without its year, 88/QH13; a number
            # whose one code names its issuer, 400/HLGVN
            doc_id = "/".join(p for p in (number, year, issuer_code) if p)
        return {
            "doc_id": doc_id,
            "doc_type": doc_type or (documents.bare_number_type if not type_code else None),
            "number": number,
            "year": int(year) if year else None,
            "issuer_code": issuer_code,
            "issuer": _named_issuer(match, documents) or issuer_name,
            "as_written": as_written,
        }

    number = _squash(match.group("number") or "")
    if not match.group("listed"):
        return values(number, match.text)
    offset = match.spans["listed"][0]
    listed = [
        Found(
            offset + found.start(),
            offset + found.end(),
            values(_squash(found.group()), found.group()),
        )
        for found in _LISTED_WITH_LETTER.finditer(match.group("listed") or "")
    ]
    start = match.spans["number"][0]
    return [
        *listed,
        Found(start, match.end, values(number, match.sentence.text[start : match.end])),
    ]


def _short_issuer(match: Match, doc_type: DocType | None, documents: Documents) -> str | None:
    """The body that issued a short reference, as written: named after it (past the further
    short references that share it), before its type, or implied by the type."""
    sentence = match.sentence.text
    chain = documents.reference_chain.match(sentence, match.end)
    after = documents.short_issuer_after.match(sentence, chain.end() if chain else match.end)
    if after:
        return _SPACES.sub(" ", after.group("name"))
    before = documents.issuer_before.search(
        sentence, max(0, match.start - _ISSUER_REACH), match.start
    )
    if before:
        return _SPACES.sub(" ", before.group("name"))
    if doc_type is not None and doc_type.issuer:
        return str(documents.issuers[doc_type.issuer]["name"])
    return None


def _issuer_code(name: str | None, doc_type: DocType | None, documents: Documents) -> str:
    if name is None:
        return ""
    code = documents.issuer_codes.get(name.lower())
    if code is None and doc_type is not None:  # the type's own issuer (Chính phủ)
        code = doc_type.issuer
    return code or ""


def short_doc_id(
    doc_type: DocType | None, number: str, year: str | None, issuer_code: str, documents: Documents
) -> str:
    """The doc_id a short reference names, or '' when the text does not show it all: a Party
    body's NUMBER-TYPE/CODE; a State body's NUMBER/TYPE-CODE, or NUMBER/YEAR/TYPE-CODE with
    the year where the type's numbers may carry one (a type whose numbers always do needs it
    written); the National Assembly's NUMBER/YEAR/QHterm."""
    if doc_type is None or not issuer_code:
        return ""
    number = number.upper()
    if documents.issuers.get(issuer_code, {}).get("party"):
        return f"{number}-{doc_type.code}/{issuer_code}" if doc_type.code else ""
    if issuer_code == "QH":
        term = documents.legislature(int(year)) if year else None
        return f"{number}/{year}/{term}" if term else ""
    if not doc_type.code or doc_type.names_programmes or (doc_type.year == "always" and not year):
        return ""
    return "/".join(p for p in (number, year, f"{doc_type.code}-{issuer_code}") if p)


@normalizer(
    "documents.short_reference",
    groups=("type", "number"),
    optional=("year", "issued", "more"),
    gazetteers=Documents.GAZETTEERS,
)
def short_reference(match: Match, lexicon: Lexicon) -> list[Found]:
    """`Kết luận 21 của Bộ Chính trị` → 21-KL/TW; `Nghị quyết số 18, 19 của Trung ương` → one
    row per number; with no issuer found, doc_id stays ''."""
    documents = lexicon.documents
    type_name = _written_type(match, documents)
    doc_type = documents.types.get(type_name or "")
    issuer = _short_issuer(match, doc_type, documents)
    issuer_code = _issuer_code(issuer, doc_type, documents)
    # `43/2022` is part of the number, and so is `năm 2018`, but for a type whose numbers carry
    # no year either is the date (`công văn số 2652 năm 2014` → 2652/CV-CP, `Văn bản
    # 2103/2009 của Thủ tướng` → 2103/CV-TTG)
    year = match.group("year") or match.group("issued")
    in_number = year if doc_type is None or doc_type.year != "never" else None
    numbers = [(match.group("number") or "", match.start, match.spans["number"][1])]
    if match.group("more"):
        offset = match.spans["more"][0]
        numbers += [
            (listed.group(), offset + listed.start(), offset + listed.end())
            for listed in _LISTED_NUMBER.finditer(match.group("more") or "")
        ]
    found = []
    for number, start, end in numbers:
        for year_group in ("year", "issued"):
            if year_group in match.spans and end == match.spans["number"][1]:
                end = match.spans[year_group][1]
        values = {
            "doc_id": short_doc_id(doc_type, number, in_number, issuer_code, documents),
            "doc_type": type_name,
            "number": number,
            "year": int(year) if year else None,
            "issuer_code": issuer_code or None,
            "issuer": issuer,
            "as_written": match.sentence.text[start:end],
        }
        found.append(Found(start, end, values))
    return found


@resolver("documents", gazetteers=Documents.GAZETTEERS)
def link_short_references(
    candidates: list[Candidate], text: ArticleText[Lexicon]
) -> list[Candidate]:
    """A short reference (`Kết luận 01`) takes the doc_id of the article's full reference to
    the same document (`Kết luận số 01-KL/TW`), whatever it worked out itself; one whose
    issuer is not named takes that of another short reference to it whose issuer is, or of a
    well-known document whose subject the article speaks of (`Chỉ thị 05`)."""
    full: dict[tuple[Any, Any], dict[str, Any]] = {}
    named: dict[tuple[Any, Any], dict[str, Any]] = {}
    for cand in candidates:
        key = (cand.values["doc_type"], cand.values["number"])
        if cand.values["doc_id"]:
            target = named if cand.rule.normalizer.name == short_reference.name else full
            target.setdefault(key, cand.values)
    for cand in candidates:
        if cand.rule.normalizer.name != short_reference.name:
            continue
        key = (cand.values["doc_type"], cand.values["number"])
        known = full.get(key)
        if known is None and not cand.values["issuer"]:
            known = named.get(key) or _well_known(cand, text)
        if known:
            cand.values = {
                **cand.values,
                **{k: known[k] for k in ("doc_id", "issuer_code", "issuer")},
            }
    for cand in candidates:  # the date the text gives beside the number, and where it stands
        on = issued_date_after(cand.sentence.text, cand.end, cand.values["year"])
        span = (cand.sentence.start + on.start, cand.sentence.start + on.end) if on else None
        start, end = text.fields[cand.sentence.field].to_source(*span) if span else (None, None)
        dated = {"issued_on": on and on.iso, "issued_on_start": start, "issued_on_end": end}
        cand.values = {**cand.values, **dated}
    return candidates


def _well_known(cand: Candidate, text: ArticleText[Lexicon]) -> dict[str, Any] | None:
    entry = text.lexicon.documents.well_known.get(
        f"{cand.values['doc_type']} {cand.values['number']}"
    )
    if not entry:
        return None
    article = text.full_text()
    if not any(word in article for word in entry["context"]):
        return None
    # the code after the last slash (05-CT/TW), or after the type code in it (120/NQ-CP)
    issuer_code = entry["doc_id"].rsplit("/", 1)[-1].split("-")[-1]
    return {"doc_id": entry["doc_id"], "issuer_code": issuer_code, "issuer": entry["issuer"]}
