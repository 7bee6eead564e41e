"""Models (*mô hình*): a named initiative after `mô hình`, or a quoted one after `phong trào`…

A name starts with a capital or an opening quote right after the trigger and ends where the
sentence goes on about the model: `do … chủ trì`, `của chị …`, `giúp …`, `đã …`, or a comma
that opens a new clause (annotation guide, models).
"""

from __future__ import annotations

from typing import Any

import regex

from pipeline.extract import Candidate, Found, Match, normalizer, resolver
from pipeline.extract.org_names import expand_abbreviations

# what ends an unquoted name: the sentence going on about the model
_END_RE = regex.compile(
    r"\s+(?:do|được|đã|đang|sẽ|giúp|nhằm|góp phần|với|tại|mang lại|đạt|thu hút|là|của"
    r"(?=\s+(?:ông|bà|anh|chị|đồng chí|\p{Lu}\p{Ll}*\s+\p{Lu}|Chi bộ|Đảng|Sở|Ban|Hội|Đoàn|"
    r"Ủy ban|UBND|Phòng|Trung tâm|Văn phòng|Công an|Tỉnh ủy|Huyện ủy|xã|huyện)))(?![\p{L}])"
    r"|\s*[.;:!?()\"“”]|\s+-\s(?=\p{Lu})"
    r"|,\s*(?=\p{Lu}|(?:ông|bà|anh|chị|do|được|đã|giúp|nhằm|góp phần|thu hút|mang lại|"
    r"tạo|từ đó|qua đó|đồng thời|với)(?![\p{L}]))"
)
_OWNER_AFTER_RE = regex.compile(
    r"^\s*,?\s*(?:do|của)\s+(?:(?:ông|bà|anh|chị|đồng chí)\s+)?"
    r"(?P<owner>(?:\p{Lu}[\p{L}\p{M}]*|\d+)(?:\s+(?:\p{Lu}[\p{L}\p{M}]*|\p{Ll}+|\d+))*?)"
    r"(?=\s+(?:chủ trì|thực hiện|triển khai|xây dựng|phát động|tổ chức|đã|được|\p{Ll}+\s+\p{Ll}+)"
    r"|\s*[-,.;]|$)"
)


_ACRONYM_RE = regex.compile(r"\p{Lu}{2,}[\p{Lu}\d]*(?:\s+\p{Lu}{2,}[\p{Lu}\d]*)*(?![\p{L}\p{N}])")


def _cut_name(sentence: str, start: int) -> int:
    end = _END_RE.search(sentence, start)
    return end.start() if end else len(sentence.rstrip(" .;"))


@normalizer("models.named")
def named_model(match: Match) -> list[Found] | None:
    """`mô hình Vạn tấm lòng vàng` / `mô hình "Dân vận khéo"` → the name, and its owner."""
    sentence = match.sentence.text
    if match.group("quoted") is not None:
        name_start, name_end = match.spans["quoted"]
    else:
        name_start = match.spans["name_start"][0]
        acronym = _ACRONYM_RE.match(sentence, name_start)
        # `mô hình VNEN trong phiên thảo luận`: an acronym is the whole name
        name_end = acronym.end() if acronym else _cut_name(sentence, name_start + 1)
    name = sentence[name_start:name_end].strip(" ,")
    if len(name) < 2 or _is_form(name, match.gazetteers):
        return None
    end = name_end + (1 if match.group("quoted") is not None else 0)
    listed = [] if match.group("quoted") is not None else _listed_after(sentence, end)
    owner = _owner_after(sentence[listed[-1][1] if listed else end :], match.gazetteers)
    rows = [Found(match.start, end, {"name": name, "owner": owner})]
    rows += [Found(s, e, {"name": sentence[s:e], "owner": owner}) for s, e in listed]
    return rows


_LIST_ITEM_RE = regex.compile(
    r"\s*(?:,|và)\s*(\p{Lu}[\p{Ll}\p{M}]*(?:\s+[\p{L}\p{M}]+){0,4}?)(?=\s*(?:,|và|\.|$))"
)


def _listed_after(sentence: str, end: int) -> list[tuple[int, int]]:
    """`mô hình Gia đình học tập, Dòng họ học tập, Đơn vị học tập`: a list of short names
    running to the end of the sentence is one model per name."""
    items, position = [], end
    while (item := _LIST_ITEM_RE.match(sentence, position)) is not None:
        items.append(item.span(1))
        position = item.end()
    rest = sentence[position:].strip()
    return items if items and rest in ("", ".") else []


def _is_form(name: str, gazetteers: dict[str, Any]) -> bool:
    """`mô hình PPP`, `mô hình Ban quản lý cảng`: a form of organization, not a model."""
    forms = gazetteers["model_forms"]
    return any(name == form or name.startswith(form + " ") for form in forms)


def _owner_after(rest: str, gazetteers: dict[str, Any]) -> str | None:
    found = _OWNER_AFTER_RE.match(rest)
    if not found:
        return None
    return expand_abbreviations(found.group("owner"), gazetteers)


@resolver("models")
def resolve_models(candidates: list[Candidate], text: Any) -> list[Candidate]:
    """An owner not named after the model is the body named before it in the same sentence."""
    organizations = text.resolved.get("organizations", [])
    for cand in candidates:
        if cand.values["owner"]:
            cand.values["owner"] = _with_place(cand.values["owner"], organizations)
            continue
        sentence = cand.sentence
        before = sorted(
            (
                o
                for o in organizations
                if o.sentence.index == sentence.index and o.end <= cand.start
            ),
            key=lambda o: (o.end, o.end - o.start),
        )
        after = [
            o
            for o in organizations
            if o.sentence.index == sentence.index
            and o.start >= cand.end
            and sentence.text[cand.end : o.start].strip() == ","
        ]
        # `Chi bộ X với mô hình …`, `Văn phòng Sở xây dựng, thực hiện mô hình …`
        close = [o for o in before[-1:] if len(sentence.text[o.end : cand.start].split()) <= 5]
        owner = (close or after or before[-1:] or [None])[0]
        if owner is not None:
            cand.values = {**cand.values, "owner": owner.values["name"]}
    return candidates


def _with_place(owner: str, organizations: list[Candidate]) -> str:
    """`Ủy ban Mặt trận Tổ quốc Việt Nam xã` is the body the resolver named in full."""
    for org in organizations:
        if org.values["name"].startswith(owner) and len(org.values["name"]) > len(owner):
            return org.values["name"]
    return owner
