"""Document types, issuers, the National Assembly's terms (lexicon part `Documents`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import regex

from pipeline.engine.ruleset import lazy_compile
from pipeline.extract.lexicon.common import SPACES, VERBOSE, Defines, Gazetteers, lower_keys


@dataclass(frozen=True)
class DocType:
    """What a document type says of its numbers (gazetteer doc_types)."""

    name: str
    #: the type code in a number (`CT`), upper case; empty for laws (45/2019/QH14)
    code: str
    #: whether a State document's number carries its year: `always` (30/2020/NĐ-CP),
    #: `never` (a letter, a notice), or '' (a decision may or may not)
    year: str
    #: the one body that issues it (a Nghị định: CP), as an issuer code
    issuer: str | None
    #: a number after it often names a programme (`Chương trình 135`), not a document
    names_programmes: bool


@dataclass(frozen=True)
class Documents:
    """Document types and their codes, issuers by code and by name, the National Assembly's
    terms, well-known documents, and how an issuer is named beside a short reference."""

    GAZETTEERS = (
        "doc_types",
        "issuers",
        "issuers_by_name",
        "legislatures",
        "well_known_documents",
    )

    types: Mapping[str, DocType]
    type_by_lower: Mapping[str, str]
    #: a type code (upper case) → the type it names when the type is not written: in a State
    #: number, and in a Party number (where `TT` is a Thông tri, not a Thông tư)
    state_type_by_code: Mapping[str, str]
    party_type_by_code: Mapping[str, str]
    #: a code written without its diacritic, or another way → the code (`QD` → `QĐ`,
    #: `HDND` → `HĐND`, `TƯ` → `TW`)
    code_spellings: Mapping[str, str]
    #: issuer code → {name, party}
    issuers: Mapping[str, Mapping[str, Any]]
    #: a body named beside a short reference, lower case → its issuer code
    issuer_codes: Mapping[str, str]
    #: the National Assembly's terms, latest first: (first year, code)
    legislatures: tuple[tuple[int, str], ...]
    well_known: Mapping[str, Mapping[str, Any]]
    #: `… của Bộ Chính trị` right after a number (`rules/defines.yml` NAMED_ISSUER)
    named_issuer: regex.Pattern[str]
    #: further short references sharing the issuer named after them (REFERENCE_CHAIN)
    reference_chain: regex.Pattern[str]
    #: the issuer after a short reference, or before its type (SHORT_ISSUER_AFTER,
    #: ISSUER_BEFORE)
    short_issuer_after: regex.Pattern[str]
    issuer_before: regex.Pattern[str]
    #: the type of a number cited with no type code (doc_types.yml `bare_number`: Luật)
    bare_number_type: str
    #: `số` (defines NUMBER_SIGN_WORD) before a document's number
    number_sign_word: str

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Documents:
        types: dict[str, DocType] = {}
        state_by_code: dict[str, str] = {}
        party_by_code: dict[str, str] = {}
        for name, entry in gazetteers["doc_types"].items():
            entry = entry or {}
            doc_type = DocType(
                name,
                str(entry.get("code") or "").upper(),
                str(entry.get("year") or ""),
                entry.get("issuer"),
                bool(entry.get("names_programmes")),
            )
            types[name] = doc_type
            for code in (doc_type.code, *(str(c).upper() for c in entry.get("also", ()))):
                if not code:
                    continue
                if entry.get("party"):
                    party_by_code.setdefault(code, name)
                else:
                    state_by_code.setdefault(code, name)
        issuers: Mapping[str, Mapping[str, Any]] = gazetteers["issuers"]
        known = set(state_by_code) | set(party_by_code) | set(issuers)
        spellings = {
            code.replace("Đ", "D"): code
            for code in known
            if "Đ" in code and code.replace("Đ", "D") not in known
        }
        for code, entry in issuers.items():
            if "written_for" in entry:
                spellings[code] = entry["written_for"]
        terms: Mapping[str, int] = gazetteers["legislatures"]
        return cls(
            types,
            lower_keys(types),
            state_by_code,
            {**state_by_code, **party_by_code},
            spellings,
            issuers,
            {SPACES.sub(" ", k).lower(): v for k, v in gazetteers["issuers_by_name"].items()},
            tuple(sorted(((int(year), code) for code, year in terms.items()), reverse=True)),
            gazetteers["well_known_documents"],
            lazy_compile(defines["NAMED_ISSUER"], VERBOSE),
            lazy_compile(defines["REFERENCE_CHAIN"], VERBOSE),
            lazy_compile(defines["SHORT_ISSUER_AFTER"], VERBOSE),
            lazy_compile(defines["ISSUER_BEFORE"], VERBOSE),
            next(
                name
                for name, entry in gazetteers["doc_types"].items()
                if (entry or {}).get("bare_number")
            ),
            defines["NUMBER_SIGN_WORD"],
        )

    def canonical_code(self, code: str) -> str:
        """`QD` → `QĐ`; every segment of `QD-UBND` alike."""
        return "-".join(self.code_spellings.get(part, part) for part in code.split("-"))

    def legislature(self, year: int) -> str | None:
        """The National Assembly term sitting in `year` (`2022` → `QH15`)."""
        return next((code for first, code in self.legislatures if first <= year), None)
