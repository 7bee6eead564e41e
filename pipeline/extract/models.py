"""Models (*mô hình*): a named initiative after `mô hình`, or a quoted one after `phong trào`…

A name starts with a capital or an opening quote right after the trigger and ends where the
sentence goes on about the model (`rules/defines.yml` MODEL_NAME_END: `do … chủ trì`, `của
chị …`, `giúp …`, `đã …`, or a comma that opens a new clause; annotation guide, models). A
model is something a body or a person runs: a form of organization (`mô hình PPP`, `mô hình
Ngân hàng …`, rules/gazetteers/model_forms.txt) or a place taken as a template (`theo mô hình
Thung lũng Silicon`, `mô hình Universal Studios`) is not one.
"""

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
from pipeline.extract.lexicon import Bodies, Lexicon, Models, Names

_ACRONYM_RE = regex.compile(r"\p{Lu}{2,}[\p{Lu}\d]*(?:\s+\p{Lu}{2,}[\p{Lu}\d]*)*(?![\p{L}\p{N}])")
_PROPER_NAME_ONLY_RE = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)*")
_LIST_ITEM_RE = regex.compile(
    r"\s*(?:,|và)\s*(\p{Lu}[\p{Ll}\p{M}]*(?:\s+[\p{L}\p{M}]+){0,4}?)(?=\s*(?:,|và|\.|$))"
)
GAZETTEERS = (*Models.GAZETTEERS, *Names.GAZETTEERS, *Bodies.GAZETTEERS)


def _cut_name(sentence: str, start: int, models: Models) -> int:
    end = models.name_end.search(sentence, start)
    return end.start() if end else len(sentence.rstrip(" .;"))


@normalizer("models.named", groups=(), optional=("quoted", "name_start"), gazetteers=GAZETTEERS)
def named_model(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`mô hình Vạn tấm lòng vàng` / `mô hình "Dân vận khéo"` → the name, and its owner."""
    sentence = match.sentence.text
    quoted = match.group("quoted") is not None
    if quoted:
        name_start, name_end = match.spans["quoted"]
    elif "name_start" in match.spans:
        name_start = match.spans["name_start"][0]
        acronym = _ACRONYM_RE.match(sentence, name_start)
        # `mô hình VNEN trong phiên thảo luận`: an acronym is the whole name
        name_end = acronym.end() if acronym else _cut_name(sentence, name_start + 1, lexicon.models)
    else:
        return Reject("no-name")
    name = sentence[name_start:name_end].strip(" ,")
    if len(name) < 2:
        return Reject("too-short")
    if _is_form(name, lexicon):
        return Reject("a-form-of-organization", name)
    if _is_a_template(match, name, quoted):
        return Reject("a-template", name)
    end = name_end + (1 if quoted else 0)
    listed = [] if quoted else _listed_after(sentence, end)
    after = listed[-1][1] if listed else end
    values = {"name": name, "owner": _person_after(sentence, after, lexicon)}
    # where a body named right after `do`/`của` starts; the resolver reads its full name
    values["_owner_at"] = _owner_position(sentence, after, lexicon.models)
    rows = [Found(match.start, end, values)]
    rows += [Found(s, e, {**values, "name": sentence[s:e]}) for s, e in listed]
    return rows


def _listed_after(sentence: str, end: int) -> list[tuple[int, int]]:
    """`mô hình Gia đình học tập, Dòng họ học tập, Đơn vị học tập`: a list of short names
    running to the end of the sentence is one model per name."""
    items, position = [], end
    while (item := _LIST_ITEM_RE.match(sentence, position)) is not None:
        items.append(item.span(1))
        position = item.end()
    rest = sentence[position:].strip()
    return items if items and rest in ("", ".") else []


def _is_form(name: str, lexicon: Lexicon) -> bool:
    """`mô hình PPP`, `mô hình Ban quản lý cảng`, `mô hình Tổng cục QLTT`: a form of
    organization or a body, not a model (`mô hình Hội quán` is one: no body is named)."""
    forms = lexicon.models.forms
    if len(name) <= 2 or any(name == form or name.startswith(form + " ") for form in forms):
        return True
    head, _ = lexicon.bodies.head_of(name)
    rest = name[len(head) :].split()
    return bool(head) and (not rest or rest[0][:1].isupper())


def _is_a_template(match: Match, name: str, quoted: bool) -> bool:
    """`theo mô hình Thung lũng Silicon`, `mô hình Universal Studios`, `mô hình Vân Đồn`: a
    place or a brand followed as an example. Initiatives are named with a Vietnamese phrase,
    so an unquoted name of capitalized words only is taken for a proper name."""
    before = match.sentence.text[: match.start].rstrip().rsplit(" ", 1)[-1].lower()
    if before == "theo":
        return True
    return not quoted and bool(_PROPER_NAME_ONLY_RE.fullmatch(name))


def _person_after(sentence: str, end: int, lexicon: Lexicon) -> str | None:
    """`… của chị Phạm Thị Bích Vân`: the person who runs the model."""
    lead = lexicon.models.owner_lead.match(sentence, end)
    if lead is None:
        return None
    person = lexicon.names.person.match(sentence, lead.end())
    return person.group() if person else None


def _owner_position(sentence: str, end: int, models: Models) -> int | None:
    lead = models.owner_lead.match(sentence, end)
    return lead.end() if lead else None


@resolver("models", requires=("organizations",))
def resolve_models(candidates: list[Candidate], text: ArticleText[Any]) -> list[Candidate]:
    """The owner: a person or a body named after `do`/`của`, else the body named before the
    model in the same sentence (`Chi bộ X với mô hình …`), else right after its name."""
    organizations = text.resolved.get("organizations", [])
    for cand in candidates:
        owner_at = cand.values.pop("_owner_at", None)
        if cand.values["owner"]:
            continue
        sentence = cand.sentence
        in_sentence = [o for o in organizations if o.sentence.index == sentence.index]
        named_after = [o for o in in_sentence if o.start == owner_at]
        before = sorted(
            (o for o in in_sentence if o.end <= cand.start),
            key=lambda o: (o.end, o.end - o.start),
        )
        after = [
            o
            for o in in_sentence
            if o.start >= cand.end and sentence.text[cand.end : o.start].strip() == ","
        ]
        # `Chi bộ X với mô hình …`, `Văn phòng Sở xây dựng, thực hiện mô hình …`
        close = [o for o in before[-1:] if len(sentence.text[o.end : cand.start].split()) <= 5]
        owner = (named_after or close or after or before[-1:] or [None])[0]
        if owner is not None:
            cand.values = {**cand.values, "owner": owner.values["name"]}
    return candidates
