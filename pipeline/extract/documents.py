"""Documents: canonical `doc_id` for Party and State document numbers."""

from __future__ import annotations

from typing import Any

import regex

from pipeline.extract import Candidate, Found, Match, normalizer, resolver
from pipeline.text.dates import issued_date_after

_SPACES = regex.compile(r"\s+")


def _squash(code: str) -> str:
    """Upper case, no spaces, dashes without spaces around them: `GP - HCM` → `GP-HCM`."""
    return _SPACES.sub("", code).replace("–", "-").upper()


def _doc_type(match: Match, type_code: str) -> str | None:
    doc_types: dict[str, str] = match.gazetteers["doc_types"]
    written = match.group("type")
    if written:
        for name in doc_types:
            if name.lower() == _SPACES.sub(" ", written).lower():
                return name
    by_code = {code.upper(): name for name, code in doc_types.items() if code}
    return by_code.get(type_code)


def _issuer(match: Match, issuer_code: str) -> tuple[str | None, bool | None]:
    issuers: dict[str, dict[str, Any]] = match.gazetteers["issuers"]
    key = issuer_code.split("-")[-1]
    entry = issuers.get(key) or issuers.get(regex.sub(r"\d+$", "", key))
    if entry is None:
        return None, None
    return entry["name"], bool(entry["party"])


def _named_issuer(match: Match) -> str | None:
    """`… của Bộ Chính trị` right after the number names the issuer."""
    rest = match.sentence.text[match.end : match.end + 60]
    found = regex.match(
        r"\s*,?\s*(?:ngày [\d/.-]+\s*)?(?:của|do)\s+(?P<name>"
        r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?|Chính phủ|"
        r"Thủ tướng(?: Chính phủ)?|Quốc hội|Ban Thường vụ \p{Lu}\p{Ll}+ ủy|"
        r"\p{Lu}\p{Ll}+ ủy|Ủy ban nhân dân|UBND)",
        rest,
    )
    return found.group("name") if found else None


@normalizer("documents.numbered")
def numbered(match: Match) -> dict[str, Any] | None:
    """A full document number in Party, State or law form → canonical fields."""
    number = match.group("number")
    year = match.group("year")
    issuer_code = _squash(match.group("issuer"))
    type_code = _squash(match.group("code") or "")
    issuer_name, is_party = _issuer(match, issuer_code)
    if is_party is None and not type_code:  # a law: 45/2019/QH14
        issuer_name = match.gazetteers["issuers"]["QH"]["name"]
    if is_party and not year:
        doc_id = f"{number}-{type_code}/{issuer_code}"
    elif type_code:
        doc_id = "/".join(p for p in (number, year, f"{type_code}-{issuer_code}") if p)
    else:
        doc_id = f"{number}/{year}/{issuer_code}"
    doc_type = _doc_type(match, type_code) or ("Luật" if not type_code else None)
    return {
        "doc_id": doc_id,
        "doc_type": doc_type,
        "number": number,
        "year": int(year) if year else None,
        "issuer_code": issuer_code,
        "issuer": _named_issuer(match) or issuer_name,
        "as_written": match.text,
    }


@normalizer("documents.short_reference")
def short_reference(match: Match) -> list[Found]:
    """`Kết luận 21 của Bộ Chính trị` → 21-KL/TW; with no Party issuer named, doc_id stays ''."""
    doc_type = _doc_type(match, "")
    type_code = match.gazetteers["doc_types"].get(doc_type or "", "")
    issuer_name = match.group("issuer_name")
    issuer_code = ""
    if issuer_name:
        by_name = {k.lower(): v for k, v in match.gazetteers["party_issuers_by_name"].items()}
        issuer_code = by_name.get(_SPACES.sub(" ", issuer_name).lower(), "")
    number = match.group("number")
    doc_id = f"{number}-{type_code.upper()}/{issuer_code}" if issuer_code and type_code else ""
    end = match.spans["number"][1]
    return [
        Found(
            match.start,
            end,
            {
                "doc_id": doc_id,
                "doc_type": doc_type,
                "number": number,
                "year": None,
                "issuer_code": issuer_code or None,
                "issuer": issuer_name,
                "as_written": match.sentence.text[match.start : end],
            },
        )
    ]


@resolver("documents")
def link_short_references(candidates: list[Candidate], text: Any) -> list[Candidate]:
    """A short reference (`Kết luận 01`) takes the doc_id of the article's full reference,
    or of a well-known document whose subject the article speaks of (`Chỉ thị 05`)."""
    full = {}
    for cand in candidates:
        if cand.values["doc_id"]:
            full.setdefault((cand.values["doc_type"], cand.values["number"]), cand.values)
    for cand in candidates:
        if not cand.values["doc_id"]:
            known = full.get((cand.values["doc_type"], cand.values["number"])) or _well_known(
                cand, text
            )
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


def _well_known(cand: Candidate, text: Any) -> dict[str, Any] | None:
    entries = text.ruleset.gazetteers["well_known_documents"]
    entry = entries.get(f"{cand.values['doc_type']} {cand.values['number']}")
    if not entry:
        return None
    article = " ".join(s.text for s in text.sentences)
    if not any(word in article for word in entry["context"]):
        return None
    issuer_code = entry["doc_id"].rsplit("/", 1)[-1]
    return {"doc_id": entry["doc_id"], "issuer_code": issuer_code, "issuer": entry["issuer"]}
