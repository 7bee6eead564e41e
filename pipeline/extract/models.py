"""Models (*mô hình*): named initiatives a body or a person runs (annotation guide, models).

Three ways the press names one:

- `mô hình` + a name that starts with a capital (`mô hình Vạn tấm lòng vàng`): the name ends
  where the sentence goes on about the model (`rules/defines.yml` MODEL_NAME_END: `do … chủ
  trì`, `của chị …`, `giúp …`, a comma that opens a new clause); a list of short names after it
  is one model per name;
- `mô hình`, `phong trào`, `cuộc vận động`, `chương trình` + a quoted name, in any case, maybe
  after a descriptor (`phong trào thi đua "dạy tốt, học tốt"`, `chương trình thành phố "5
  không", "3 có"`) and followed by more quoted names (one model each);
- a quoted name before `là mô hình …` (`"Mỗi tuần một ý tưởng" là mô hình của Đoàn …`).

What is not a model (GUIDE.md Round 3): a form of organization, a concept or a standard
(`mô hình PPP`, `mô hình Ban quản lý cảng`, `VietGAP`), a body (`mô hình Trường Đại học X`), a
post (`mô hình Bí thư Đảng ủy đồng thời …`), a place or brand followed as a template (`theo
mô hình Singapore`, `theo mô hình Liên Xô trước đây`), a one-off event (`chương trình nghệ
thuật "…"`, `"Dạ hội sinh viên"`, a programme organized on a day or at a place, attended or
taking place: `model_cues.py`), a sales promotion, a contest, a physical model (`mô hình …
trưng bày`), a protest movement, a quotation, a term quoted after a clause's words (`chương
trình huấn luyện các "siêu nhân"`), a weapons programme, an app (`chương trình ứng dụng
"…"`), history (`thời kỳ kháng chiến`), works listed (`Các tác phẩm … trong chương trình bao
gồm: "…"`); and capitals mean
nothing in a headline written all in capitals or in Title Case. `model_resolution` finds
owners and gives every spelling of one initiative in an article its fullest wording.
"""

from __future__ import annotations

from typing import Any

import regex

from pipeline.engine.contracts import (
    Found,
    Match,
    Reject,
    normalizer,
)
from pipeline.extract.lexicon import Bodies, Lexicon, Models, Names, Places, Titles
from pipeline.extract.model_cues import (
    WORDS_AFTER_RE,
    before,
    contest_by_name,
    followed,
    near,
    one_off_event,
    sales_promotion,
    show_or_weapons,
)

#: an acronym, maybe glued to the next word where a caption lost its line break (`VNENLớp học`)
_ACRONYM_RE = regex.compile(
    r"\p{Lu}{2,}[\p{Lu}\d]*(?:\s+\p{Lu}{2,}[\p{Lu}\d]*)*(?:(?![\p{L}\p{N}])|(?=\p{Lu}\p{Ll}))"
)
#: capitalized words only, one maybe joined to a lower-case syllable by a dash (`Xô - viết`,
#: round 17, the unseen VietNews pool)
_PROPER_NAME_ONLY_RE = regex.compile(
    r"\p{Lu}[\p{Ll}\p{M}]*(?:\s*-\s*[\p{Ll}\p{M}]+)?(?:\s+\p{Lu}[\p{Ll}\p{M}]*(?:\s*-\s*[\p{Ll}\p{M}]+)?)*"
)
#: a list of names ends the sentence, or a clause follows it (`…, Hóc Môn trực tuyến, đảm bảo …`)
_CLAUSE_AFTER_RE = regex.compile(r",\s*\p{Ll}")
_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*")
#: the words of a name, its punctuation left out, to compare it with a form written with other
#: punctuation (`mô hình" Một quốc gia - hai chế độ "` beside the form `một quốc gia, hai chế
#: độ`; round 21, the unseen VietNews pool)
_WORDS_ONLY_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
#: a quotation, not a name: a sentence ends inside it (not at `TP.`, `Q.`, `ThS.`), or it ends
#: on a colon that opens a speech, where a stray quote mark ran the name on into the sentence
#: (`học bổng "Tiếp sức đến trường - nói:" Sau này …`; round 17, the unseen VietNews pool).
#: A name may end on `?` or `!` (`chương trình "Bác sĩ ơi, tại sao?"`, `"Let's Move!"`).
_SENTENCE_INSIDE_RE = regex.compile(r"(?:(?<!(?:^|\s)\p{Lu}\p{L}{0,2})\.|…)(?:\s|$)|[?!]\s|:\s*$")
_NEXT_IS_CAPITALIZED_RE = regex.compile(r"\s*(?:$|\p{Lu})")
#: a share in per cent: an unquoted name that holds one has run on into the sentence (`mô
#: hình Flipped Classroom trong giảng dạy ở Mỹ tăng lên 78% …`, `mô hình Home & Food triển khai
#: chương trình khuyến mại giảm giá lên tới 40% …`; round 14, the unseen VietNews pool)
_PERCENT_RE = regex.compile(r"\d\s*%")
#: a weapon's or a vehicle's designation (`mô hình J -20`, `mô hình S -400 cao su`): a replica
_DESIGNATION_RE = regex.compile(r"\p{Lu}{1,3}\s*-\s*\d")
#: the share of capitalized words above which a sentence is a headline in capitals or in
#: Title Case, where capitals say nothing about names
_TITLE_CASE_SHARE = 0.8
#: a quoted name opening with a head is a body's when this share of its other words is
#: capitalized (`Trường Đại học Bách khoa Hà Nội`, not `Hội Luật gia cơ sở tham gia …`)
_BODY_NAME_SHARE = 0.5
#: a lower-case quoted name after `phong trào` of at most this many words is a nickname
_MOST_NICKNAME_WORDS = 2
#: a quoted name longer than this is a quotation
_MOST_NAME_WORDS = 30
GAZETTEERS = (
    *Models.GAZETTEERS,
    *Names.GAZETTEERS,
    *Bodies.GAZETTEERS,
    *Titles.GAZETTEERS,
    *Places.GAZETTEERS,
)


@normalizer("models.named", groups=("name_start",), gazetteers=GAZETTEERS)
def named_model(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`mô hình Vạn tấm lòng vàng` → the name, its owner, and the names listed after it."""
    sentence = match.sentence.text
    if _capitalized_throughout(sentence):
        return Reject("a-headline-in-capitals")
    start = match.spans["name_start"][0]
    acronym = _ACRONYM_RE.match(sentence, start)
    # `mô hình VNEN trong phiên thảo luận`: an acronym is the whole name
    end = acronym.end() if acronym else _cut_name(sentence, start + 1, lexicon.models)
    name = sentence[start:end].strip(" ,-")
    end = start + len(name)
    if _PERCENT_RE.search(name):
        return Reject("a-sentence-not-a-name", name)
    if _DESIGNATION_RE.match(sentence, start):
        # `mô hình CM -401`: an acronym ends before its number, the whole a designation (round
        # 15, the unseen VietNews pool)
        return Reject("a-physical-model", name)
    problem = (
        _not_an_initiative(name, lexicon, quoted=False)
        or _replica(name, lexicon.models)
        or _physical(sentence, match.start, end, lexicon.models)
        or _changed_into(sentence, match.start, name, lexicon.models)
    )
    if problem is not None:
        return problem
    if _is_a_template(sentence, match.start, name, lexicon.models, acronym=acronym is not None):
        return Reject("a-template", name)
    if lexicon.places.countries.starts(name.split()):
        # `theo mô hình Liên Xô trước đây`, `mô hình Thái Lan 4.0`: a country as a template
        return Reject("a-country-as-template", name)
    listed = _listed_after(sentence, end, lexicon.models)
    after = listed[-1][1] if listed else end
    listed = [
        (s, e)
        for s, e in listed
        if _not_an_initiative(sentence[s:e], lexicon, quoted=False) is None
        and not _PROPER_NAME_ONLY_RE.fullmatch(sentence[s:e])
    ]
    values = _values(name, sentence, after, lexicon)
    # the resolver reads the rest of the article for what the model is (a replica, a template)
    values["_trigger"] = lexicon.models.template_trigger
    rows = [Found(match.start, end, values)]
    rows += [Found(s, e, {**values, "name": sentence[s:e]}) for s, e in listed]
    return rows


@normalizer(
    "models.quoted",
    groups=("trigger", "quoted"),
    optional=("descriptor", "colon", "open"),
    gazetteers=GAZETTEERS,
)
def quoted_model(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`phong trào thi đua "dạy tốt, học tốt"`, `các chương trình "A", "B"` → one model per
    quoted name, unless the descriptor says it is an event, a concept or a quotation."""
    sentence = match.sentence.text
    models = lexicon.models
    descriptor = (match.group("descriptor") or "").strip()
    trigger = " ".join((match.group("trigger") or "").lower().split())
    not_one = models.not_descriptor.search(descriptor) or (
        models.programme_not_descriptor.search(descriptor)
        if trigger in models.programme_triggers
        else None
    )
    if not_one:
        return Reject("not-an-initiative", not_one.group())
    software = (
        models.software_word.search(descriptor) if trigger in models.programme_triggers else None
    )
    if software:
        # `các chương trình ứng dụng "Cứu trợ từ thiện"`: an app (round 13, the unseen pool)
        return Reject("an-app-or-software", software.group())
    theme = models.theme_at_end.search(descriptor) if trigger in models.programme_triggers else None
    if theme:
        # `chương trình hè với chủ đề "Nghề lạ"`: the programme's theme, not its name
        return Reject("a-theme-not-a-name", theme.group())
    if trigger in models.programme_triggers and _theme_said_to_be(
        sentence, match.start, descriptor, models
    ):
        # `Chủ đề của chương trình năm 2018 là "Thúc đẩy …", "Môi trường"`: its themes
        return Reject("a-theme-not-a-name", descriptor)
    clause = models.clause_word.search(descriptor)
    if clause:
        return Reject("a-clause-not-a-name", clause.group())
    if match.group("colon") and not models.introducer_at_end.search(descriptor):
        return Reject("a-quotation", descriptor)
    if _a_predicate(descriptor, match.group("quoted") or "", models):
        # `chương trình mới là "sự xáo trộn tâm can"`: what the programme is, not its name
        return Reject("a-description-not-a-name", descriptor)
    if trigger in models.movements and (
        cue := near(models.movement_cue, sentence, match.start, match.end, wide=True)
    ):
        return Reject("a-political-or-historical-movement", cue)
    if trigger != models.template_trigger and (era := models.historical_time.search(sentence)):
        # `Thời kỳ kháng chiến … có rất nhiều phong trào như "Hũ gạo kháng chiến"`: history
        return Reject("a-political-or-historical-movement", era.group())
    quoted = match.group("quoted") or ""
    if quoted[:1].islower() and (term := models.term_word.search(descriptor)):
        # `chương trình huấn luyện các "siêu nhân"`: a term the sentence quotes, not a name;
        # `phong trào thi đua "dạy tốt, học tốt"` is a movement's own name
        return Reject("a-term-in-quotes", term.group())
    spans = [match.spans["quoted"]]
    position = match.end
    while (more := models.next_quoted.match(sentence, position)) is not None:
        spans.append(more.span("quoted"))
        position = more.end()
    if trigger == models.template_trigger and (
        problem := _physical(sentence, match.start, spans[0][1], models)
        # `mô hình tiểu cảnh "Cây mơ ước"`, `mô hình sách nổi "…"`: the descriptor says it
        # is a thing on show (round 14, the unseen VietNews pool)
        or _replica(descriptor, models)
        or _changed_into(sentence, match.start, descriptor, models)
    ):
        return problem
    first = sentence[slice(*spans[0])]
    if trigger in models.nickname_triggers and not descriptor and _a_nickname(first):
        # `phong trào "áo vàng"`, `phong trào "mai mối"`: what the press calls a protest or a
        # fashion, not the name a body gives a movement it runs (`"Chủ nhật xanh"`)
        return Reject("a-nickname-not-a-name", first)
    if (
        trigger == models.template_trigger
        and not descriptor
        and followed(sentence, match.start, first, models)
    ):
        # `theo mô hình "hỗn hợp" kiểu đảo cọ Palm Jumeirah`: a template, not an initiative
        return Reject("a-template", first)
    if (
        trigger in models.programme_triggers
        and not descriptor
        and _set_up(sentence, match.start, first, models)
    ):
        # `lập các chương trình "khu phố tự quản"`: a form bodies set up (GUIDE.md Round 12)
        return Reject("a-template", first)
    if trigger == models.template_trigger and lexicon.places.countries.starts(first.split()):
        # `bước sang mô hình "Thái Lan 2.0"`: a country's stage, a template
        return Reject("a-country-as-template", first)
    if trigger in models.programme_triggers and (
        problem := sales_promotion(sentence, match.start, spans[-1][1], models)
    ):
        return problem
    # one gathering, read in this sentence alone: the resolver turns it down, unless another
    # sentence of the article gives the programme a span of days or more (round 21, dev)
    one_off = (
        one_off_event(
            sentence, match.start, spans[-1][1] + 1, models, _a_state_bodys_own(first, lexicon)
        )
        if trigger in models.programme_triggers
        else None
    )
    if trigger in models.programme_triggers and (
        cue := near(models.contest_cue, sentence, match.start, spans[-1][1] + 1, wide=True)
        or before(models.contest_role, sentence, match.start)
        or contest_by_name(sentence, spans[0], models)
    ):
        return Reject("a-contest", cue)
    listed = bool(match.group("colon")) or models.introducer_at_end.search(descriptor) is not None
    if trigger in models.programme_triggers and (
        problem := show_or_weapons(sentence, match.start, spans[-1][1] + 1, listed, models)
    ):
        return problem
    rows, first_problem = [], None
    # `chương trình “chạy thử”`, `chương trình "đổi chác"`: a programme has a name of its own,
    # two lower-case words in quotes are the sentence's words (round 10, the unseen pool)
    # (the first name only: `chương trình "5 không" (…), "ba có" (…)` is a list of names)
    words_in_quotes = _MOST_NICKNAME_WORDS if trigger in models.programme_triggers else 1
    for start, end in spans:
        name = sentence[start:end].strip(" ,")
        problem = _not_an_initiative(
            name, lexicon, quoted=True, quoted_words=words_in_quotes if start == spans[0][0] else 1
        )
        if problem is None:
            rows.append((start, end, name))
        first_problem = first_problem or problem
    if not rows:
        return first_problem or Reject("no-name")
    values = _values(rows[0][2], sentence, spans[-1][1] + 1, lexicon)
    # the resolver reads the rest of the article for what a programme or a movement is
    values["_trigger"] = trigger
    if one_off is not None:
        values["_one_off"] = one_off.reason
    found = []
    for start, end, name in rows:
        found_start = match.start if start == spans[0][0] else start - 1
        found.append(Found(found_start, end + 1, {**values, "name": name}))
    return found


@normalizer("models.named_before", groups=("quoted", "trigger"), gazetteers=GAZETTEERS)
def named_before(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`"Mỗi tuần một ý tưởng" là mô hình của Đoàn thanh niên …` → the quoted name."""
    sentence = match.sentence.text
    after = WORDS_AFTER_RE.match(sentence, match.end)
    words_after = after.group() if after else ""
    trigger = " ".join((match.group("trigger") or "").lower().split())
    not_one = lexicon.models.not_descriptor.search(words_after) or (
        lexicon.models.programme_not_descriptor.search(words_after)
        if trigger in lexicon.models.programme_triggers
        else None
    )
    if not_one:
        return Reject("not-an-initiative", not_one.group())
    sold = lexicon.models.sales_cue.search(after.group() if after else "")
    if sold:
        # `"Chào năm mới - Trúng lộc lớn" là chương trình khuyến mãi tiền gửi …`
        return Reject("a-sales-promotion", sold.group())
    start, end = match.spans["quoted"]
    name = sentence[start:end].strip(" ,")
    if any(_starts_with(name, head) for head in lexicon.models.form_heads):
        # `dự án “Trung tâm Thông tin diễn giải … – Đi tìm Hoàng cung đã mất” là một chương
        # trình trải nghiệm`: a centre, a park, a project called a programme (round 11)
        return Reject("a-form-of-organization", name)
    problem = _not_an_initiative(name, lexicon, quoted=True)
    if problem is not None:
        return problem
    return [Found(match.start, match.end, _values(name, sentence, match.end, lexicon))]


def _values(name: str, sentence: str, after: int, lexicon: Lexicon) -> dict[str, Any]:
    """The name, the person named right after it as its owner, and where a body named right
    after it starts (`do`/`của` …; the resolver reads the body's full name there)."""
    return {
        "name": name,
        "owner": _person_after(sentence, after, lexicon),
        "_owner_at": _owner_position(sentence, after, lexicon.models),
    }


def _cut_name(sentence: str, start: int, models: Models) -> int:
    end = models.name_end.search(sentence, start)
    return end.start() if end else len(sentence.rstrip(" .;"))


def _capitalized_throughout(sentence: str) -> bool:
    """`DỰ KIẾN 58 ĐƠN VỊ …`, `Hiệu Quả Từ Mô Hình …`: a headline whose capitals are style."""
    words = [w for w in _WORD_RE.findall(sentence) if w[0].isalpha()]
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) >= _TITLE_CASE_SHARE * len(words)


def _listed_after(sentence: str, end: int, models: Models) -> list[tuple[int, int]]:
    """`mô hình Gia đình học tập, Dòng họ học tập, Đơn vị học tập`: a list of short names
    running to the end of the sentence is one model per name."""
    items, position = [], end
    while (item := models.list_item.match(sentence, position)) is not None:
        items.append(item.span(1))
        position = item.end()
    rest = sentence[position:].strip()
    return items if items and (rest in ("", ".") or _CLAUSE_AFTER_RE.match(rest)) else []


def _not_an_initiative(
    name: str, lexicon: Lexicon, *, quoted: bool, quoted_words: int = 1
) -> Reject | None:
    """Why a name is no initiative, or None: a form or concept, a body, a post, an event, a
    quotation (GUIDE.md Round 3), a word in quotes (lower case, at most `quoted_words`)."""
    models = lexicon.models
    if len(name) < 2:
        return Reject("too-short", name)
    lowered = name.lower()
    words = _words_only(lowered)
    if any(
        lowered == form or _starts_with(lowered, form) or _starts_with(words, _words_only(form))
        for form in models.forms
    ):
        return Reject("a-form-of-organization", name)
    if not quoted and any(_starts_with(name, head) for head in models.form_heads):
        return Reject("a-form-of-organization", name)
    if _names_a_body(name, lexicon.bodies, quoted):
        return Reject("a-body", name)
    post = lexicon.titles.title.match(name)
    if post is not None and (not quoted or _NEXT_IS_CAPITALIZED_RE.match(name, post.end())):
        # `mô hình Bí thư Đảng ủy đồng thời là Chủ tịch …`, `mô hình Chủ tịch tỉnh đi xe máy`
        # (unquoted; round 19, the unseen VietNews pool): a way of holding posts
        return Reject("a-post", name)
    if _opens_with(models.event_name, name, lexicon.bodies):
        return Reject("an-event", name)
    if _opens_with(models.object_name, name, lexicon.bodies):
        return Reject("a-physical-model", name)
    if name in lexicon.places.abbreviations or name in lexicon.bodies.abbreviations:
        # `mô hình TP thông minh`: the short form of a common word, not a name
        return Reject("an-abbreviation", name)
    if quoted and len(name.split()) <= quoted_words and name[:1].islower():
        # `chương trình "hot" nhất`, `các chương trình "đinh" của VTV4`: a word in quotes
        return Reject("a-word-in-quotes", name)
    if quoted and name[:1].islower() and models.style_name.search(name):
        # `"quan hệ nước lớn kiểu mới"`, `"nhân quyền kiểu Mỹ"`: a style, a concept (round 12)
        return Reject("a-style", name)
    if quoted and (len(name.split()) > _MOST_NAME_WORDS or looks_like_a_quotation(name)):
        return Reject("a-quotation", name)
    return None


def _a_state_bodys_own(name: str, lexicon: Lexicon) -> bool:
    """`"Hội đồng nhân dân với cử tri"`, `"HĐND với cử tri"`: a programme named after the
    State body that runs it as its own, whose dated sittings are sessions of it (GUIDE.md Round
    10's gold corrections: Đà Nẵng's recurring programme; round 20, dev)."""
    bodies = lexicon.bodies
    head = bodies.head_of(bodies.expand(name))[1]
    return head is not None and head.type == "state"


def _opens_with(pattern: regex.Pattern[str], name: str, bodies: Bodies) -> bool:
    """The name opens with one of the pattern's words, and not with a longer word that starts
    with it (`Lễ` opens `Lễ trao giải`, not `lễ phép`; `Giải` not `Giải cứu nông sản`)."""
    opening = pattern.match(name)
    if opening is None:
        return False
    next_syllable = _WORD_RE.match(name, opening.end() + 1)
    if " " in opening.group() or next_syllable is None:
        return True
    return f"{opening.group()} {next_syllable.group()}".lower() not in bodies.words


def _words_only(text: str) -> str:
    return " ".join(_WORDS_ONLY_RE.findall(text))


def _starts_with(name: str, form: str) -> bool:
    return name.startswith(form) and not name[len(form) : len(form) + 1].isalnum()


def _names_a_body(name: str, bodies: Bodies, quoted: bool) -> bool:
    """`Tổng cục QLTT`, `Trường Đại học Bách khoa`: a body or a kind of body, not an
    initiative. Without quotes a head is enough; in quotes the whole name must be the body's
    (`"Hội Luật gia cơ sở tham gia tiếp công dân …"` is an initiative). A head that makes a
    word with the syllable after it opens no body (`Hội quán`, `Phòng họp không giấy`)."""
    head, _ = bodies.head_of(name)
    if not head:
        return False
    rest = name[len(head) :].split()
    if not rest:
        return True
    if " " not in head and f"{head} {rest[0]}".lower() in bodies.words:
        return False
    if not quoted:
        # `mô hình Ủy ban 3 người …`, `mô hình Ban quản lý cảng`: a kind of body
        return True
    capitalized = sum(word[:1].isupper() or word[:1].isdigit() for word in rest)
    return capitalized >= _BODY_NAME_SHARE * len(rest)


def _physical(sentence: str, trigger_at: int, name_end: int, models: Models) -> Reject | None:
    """`Mô hình Châu ấn thuyền đã được phục chế và trưng bày …`, `thiết kế mô hình "…" kết
    bằng hoa`: a replica or a machine, by the words just before the trigger or after the name;
    `đã dựng mô hình Mặt Trăng nhỏ`: a replica set up (not `xây dựng`)."""
    cue = near(models.physical_cue, sentence, trigger_at, name_end)
    if cue is None and (raised := models.raised_before.search(sentence, 0, trigger_at)):
        cue = raised.group().strip()
    return Reject("a-physical-model", cue) if cue else None


def _replica(name: str, models: Models) -> Reject | None:
    """`mô hình J -20 Trung Quốc xuất hiện`, `mô hình Mặt Trăng khổng lồ lăn khắp phố`: an
    unquoted name that opens with a designation or holds a word of a physical model."""
    if _DESIGNATION_RE.match(name):
        return Reject("a-physical-model", name)
    cue = models.physical_cue.search(name)
    return Reject("a-physical-model", cue.group()) if cue else None


def _set_up(sentence: str, trigger_at: int, name: str, models: Models) -> bool:
    """`lập các chương trình "khu phố tự quản" hoặc "dân tự quản"`: a lower-case form that bodies
    are asked to set up is a template after `chương trình` as after `mô hình` (GUIDE.md Round
    12; `theo chương trình "…"` is no template: a programme a school or a body follows)."""
    cue = models.template_before.search(sentence, 0, trigger_at)
    return cue is not None and cue.group("set_up") is not None and name[:1].islower()


def _a_nickname(name: str) -> bool:
    """One or two words in lower case: a nickname, not a movement's name."""
    return name[:1].islower() and len(name.split()) <= _MOST_NICKNAME_WORDS


def _a_predicate(descriptor: str, quoted: str, models: Models) -> bool:
    """`chương trình mới là "sự xáo trộn tâm can"`: a lower-case quote after `là` (not `tên
    là`) says what the thing is; a name after `là` starts with a capital."""
    words = descriptor.lower().split()
    return (
        bool(words)
        and words[-1] == models.copula_word
        and (len(words) < 2 or words[-2] != models.name_word)
        and quoted[:1].islower()
    )


def _theme_said_to_be(sentence: str, trigger_at: int, descriptor: str, models: Models) -> bool:
    """`Chủ đề của chương trình năm 2018 là "…"`: a theme word (model_theme_words.txt) right
    before the trigger, maybe with `của`, and `là` ending the descriptor: the quotes are what the
    programme's theme is, not its name (round 19, the unseen VietNews pool; GUIDE.md Round 6)."""
    words = descriptor.lower().split()
    if not words or words[-1] != models.copula_word:
        return False
    before = models.of_at_end.sub("", sentence[:trigger_at])
    return models.theme_at_end.search(before) is not None


def _changed_into(sentence: str, trigger_at: int, name: str, models: Models) -> Reject | None:
    """`chuyển đổi mô hình ĐRPĐ`, `hoạt động theo mô hình Công ty mẹ - Công ty con`: the form
    a body or an enterprise is changed into or run as."""
    cue = models.form_cue_at_end.search(sentence, 0, trigger_at)
    return Reject("a-form-of-organization", name) if cue else None


def _is_a_template(
    sentence: str, trigger_at: int, name: str, models: Models, *, acronym: bool
) -> bool:
    """`theo mô hình Safari`, `mô hình Universal Studios`, `mô hình Vân Đồn`: a place or a
    brand followed as an example. Initiatives are named with a Vietnamese phrase, so a name of
    capitalized words only is taken for a proper name, and so is an acronym after `theo` or
    `tương tự` (`tương tự mô hình CDC của Hoa Kỳ`; not after `áp dụng`: `áp dụng mô hình
    VNEN`); any name after `giống như` (`giống như mô hình P5 + 2 đã tháo gỡ cuộc khủng hoảng
    Iran`)."""
    cue = models.template_before.search(sentence, 0, trigger_at)
    if cue is not None and cue.group("like"):
        return True
    if acronym:
        return cue is not None and cue.group("applied") is None
    # `Safari của thế giới`, `Universal Studios ở Phú Quốc`: the proper name, then where it is
    # (`Hong Kong, vốn là …`: then the clause the name ran on into)
    proper = models.place_after.split(name, 1)[0]
    return bool(_PROPER_NAME_ONLY_RE.fullmatch(proper))


def _person_after(sentence: str, end: int, lexicon: Lexicon) -> str | None:
    """`… của chị Phạm Thị Bích Vân`: the person who runs the model."""
    lead = lexicon.models.owner_lead.match(sentence, end)
    if lead is None or lead.group("honorific") is None:
        return None
    person = lexicon.names.person.match(sentence, lead.end())
    return person.group() if person else None


def _owner_position(sentence: str, end: int, models: Models) -> int | None:
    lead = models.owner_lead.match(sentence, end)
    return lead.end() if lead else None


def looks_like_a_quotation(text: str) -> bool:
    """A sentence ends inside it (not at `TP.`, `Q.`, `ThS.`), or it ends on a colon: a quotation
    or a speech's opening, not a name."""
    return _SENTENCE_INSIDE_RE.search(text) is not None
