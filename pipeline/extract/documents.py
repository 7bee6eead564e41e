"""Documents: canonical `doc_id` for Party and State document numbers."""

from __future__ import annotations

from typing import Any

import regex

from pipeline.engine.contracts import (
    ArticleText,
    Candidate,
    Found,
    Match,
    normalizer,
    resolver,
)
from pipeline.extract.lexicon import Documents, Lexicon
from pipeline.text.dates import issued_date_after

_SPACES = regex.compile(r"\s+")
_TRAILING_DIGITS = regex.compile(r"\d+$")


def _squash(code: str) -> str:
    """Upper case, no spaces, dashes without spaces around them: `GP - HCM` → `GP-HCM`."""
    return _SPACES.sub("", code).replace("–", "-").upper()


def _doc_type(match: Match, type_code: str, documents: Documents) -> str | None:
    written = match.group("type")
    if written:
        found = documents.type_by_lower.get(_SPACES.sub(" ", written).lower())
        if found:
            return found
    return documents.type_by_code.get(type_code)


def _issuer(issuer_code: str, documents: Documents) -> tuple[str | None, bool | None]:
    key = issuer_code.split("-")[-1]
    entry = documents.issuers.get(key) or documents.issuers.get(_TRAILING_DIGITS.sub("", key))
    if entry is None:
        return None, None
    return entry["name"], bool(entry["party"])


def _named_issuer(match: Match, documents: Documents) -> str | None:
    """`… của Bộ Chính trị` right after the number names the issuer."""
    rest = match.sentence.text[match.end : match.end + 60]
    found = documents.named_issuer.match(rest)
    return found.group("name") if found else None


@normalizer(
    "documents.numbered",
    groups=("number", "issuer"),
    optional=("year", "code", "type"),
    gazetteers=Documents.GAZETTEERS,
)
def numbered(match: Match, lexicon: Lexicon) -> dict[str, Any]:
    """A full document number in Party, State or law form → canonical fields."""
    documents = lexicon.documents
    number = match.group("number")
    year = match.group("year")
    issuer_code = _squash(match.group("issuer") or "")
    type_code = _squash(match.group("code") or "")
    issuer_name, is_party = _issuer(issuer_code, documents)
    if is_party is None and not type_code:  # a law: 45/2019/QH14
        issuer_name = documents.issuers["QH"]["name"]
    if is_party and not year:
        doc_id = f"{number}-{type_code}/{issuer_code}"
    elif type_code:
        doc_id = "/".join(p for p in (number, year, f"{type_code}-{issuer_code}") if p)
    else:
        doc_id = f"{number}/{year}/{issuer_code}"
    doc_type = _doc_type(match, type_code, documents) or ("Luật" if not type_code else None)
    return {
        "doc_id": doc_id,
        "doc_type": doc_type,
        "number": number,
        "year": int(year) if year else None,
        "issuer_code": issuer_code,
        "issuer": _named_issuer(match, documents) or issuer_name,
        "as_written": match.text,
    }


@normalizer(
    "documents.short_reference",
    groups=("type", "number"),
    optional=("issuer_name",),
    gazetteers=Documents.GAZETTEERS,
)
def short_reference(match: Match, lexicon: Lexicon) -> list[Found]:
    """`Kết luận 21 của Bộ Chính trị` → 21-KL/TW; with no Party issuer named, doc_id stays ''."""
    documents = lexicon.documents
    doc_type = _doc_type(match, "", documents)
    type_code = documents.types.get(doc_type or "", "")
    issuer_name = match.group("issuer_name")
    issuer_code = ""
    if issuer_name:
        issuer_code = documents.party_issuer_codes.get(_SPACES.sub(" ", issuer_name).lower(), "")
    number = match.group("number")
    doc_id = f"{number}-{type_code.upper()}/{issuer_code}" if issuer_code and type_code else ""
    end = match.spans["number"][1]
    values = {
        "doc_id": doc_id,
        "doc_type": doc_type,
        "number": number,
        "year": None,
        "issuer_code": issuer_code or None,
        "issuer": issuer_name,
        "as_written": match.sentence.text[match.start : end],
    }
    return [Found(match.start, end, values)]


@resolver("documents", gazetteers=Documents.GAZETTEERS)
def link_short_references(
    candidates: list[Candidate], text: ArticleText[Lexicon]
) -> list[Candidate]:
    """A short reference (`Kết luận 01`) takes the doc_id of the article's full reference,
    or of a well-known document whose subject the article speaks of (`Chỉ thị 05`)."""
    full: dict[tuple[Any, Any], dict[str, Any]] = {}
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


def _well_known(cand: Candidate, text: ArticleText[Lexicon]) -> dict[str, Any] | None:
    entry = text.lexicon.documents.well_known.get(
        f"{cand.values['doc_type']} {cand.values['number']}"
    )
    if not entry:
        return None
    article = text.full_text()
    if not any(word in article for word in entry["context"]):
        return None
    issuer_code = entry["doc_id"].rsplit("/", 1)[-1]
    return {"doc_id": entry["doc_id"], "issuer_code": issuer_code, "issuer": entry["issuer"]}
