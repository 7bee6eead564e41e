"""Models across an article: what the rest of the article says a quoted programme or movement
is (a contest, a show, a protest: then no model), who runs each one, and one name per
initiative.

The owner is a person or a body named right after the model (`do`/`của` …), else a body
named just before it in the sentence (`Chi bộ X với mô hình …`), not one inside a speaker's
post, nor the speaker's body for a broadcast series (its channel, `trên kênh NBC`, is its
owner); else a body right after its name. One initiative written several ways in an article
is one fact named by its fullest wording (GUIDE.md Round 3): a longer quoted wording that
starts with the name, a name that contains another, or two spellings that share most words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from pipeline.engine.contracts import ArticleText, Candidate, resolver
from pipeline.extract.lexicon import Bodies, Lexicon, Models
from pipeline.extract.model_cues import WORDS_AFTER_RE, after, before, followed, near
from pipeline.extract.models import looks_like_a_quotation

Span = tuple[int, int]
#: a sentence that names a model: its place among the article's sentences, its text, the spans
Naming = tuple[int, str, list[Span]]
_WORD_RE = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*")
#: the most words a title takes (`Phó Chủ tịch Thường trực`)
_LONGEST_TITLE_WORDS = 5
#: a quoted wording longer than this is not taken for an initiative's fuller name
_MOST_WORDING_WORDS = 15
#: a body named before the model runs it only this many words before the trigger
_OWNER_BEFORE_WORDS = 15
#: a name in capitals alone, an acronym (`ĐKKT`, `P5 + 2`), maybe with a number after it
_ACRONYM_RE = regex.compile(r"\p{Lu}{2,}(?:[\s+&-]*[\p{Lu}\p{N}]+)*")
#: the words before `(ACR)` read for what an acronym is spelled out as
_SPELLED_OUT_WORDS = 10
#: the fewest letters of an acronym read for the words whose initials it spells
_FEWEST_INITIALS = 3
_QUOTE_RE = regex.compile(r"[\"“'‘]")
#: the opening quotes right before a name, stepped over to read the words before it
_OPENING_QUOTES = "\"“'‘"
_BEFORE_QUOTE_RE = regex.compile(r"[^\"“'‘]*")
#: the most lower-case words in quotes taken for the sentence's own words, not a name
_MOST_QUOTED_WORDS = 2
#: the characters before a programme's name read for a word calling it a show (`cuộc thi "`)
_SHOW_WORD_REACH = 40
#: the characters before a programme's name read for `chương trình` and a word of a one-off event
#: (`chương trình ẩm thực thường niên mang tên “`)
_DESCRIBED_REACH = 80
#: the characters after a programme's name read for its edition (`" năm 2019`, `" lần thứ 3`)
_EDITION_REACH = 20


@resolver("models", requires=("organizations",))
def resolve_models(candidates: list[Candidate], text: ArticleText[Any]) -> list[Candidate]:
    """The owner: a person or a body named after `do`/`của`, else the body named before the
    model in the same sentence (`Chi bộ X với mô hình …`), else right after its name. Then one
    initiative written several ways gets one name, its fullest wording (GUIDE.md Round 3), and
    one owner."""
    candidates = [c for c in candidates if not _one_gathering(c, text)]
    terms = _terms_no_one_runs(candidates, text)
    candidates = [
        c for c in candidates if not _said_elsewhere_to_be_no_model(c, text, id(c) in terms)
    ]
    organizations = text.resolved.get("organizations", [])
    for cand in candidates:
        owner_at = cand.values.pop("_owner_at", None)
        if cand.values["owner"]:
            continue
        sentence = cand.sentence
        in_sentence = [o for o in organizations if o.sentence.index == sentence.index]
        named_after = [o for o in in_sentence if o.start == owner_at]
        before = sorted(
            (
                o
                for o in in_sentence
                if o.end <= cand.start
                and len(sentence.text[o.end : cand.start].split()) <= _OWNER_BEFORE_WORDS
                and not _in_a_post(sentence.text, o.start, text.lexicon)
            ),
            key=lambda o: (o.end, o.end - o.start),
        )
        after = [
            o
            for o in in_sentence
            if o.start >= cand.end and sentence.text[cand.end : o.start].strip() == ","
        ]
        if _on_the_air(sentence.text, cand.start, cand.end, text.lexicon.models):
            # `chánh văn phòng Nhà Trắng … nói trong chương trình "Gặp gỡ báo chí" trên kênh
            # NBC`: a broadcast series is its broadcaster's, not the speaker's body's; a
            # channel by its acronym right after the name is (`của kênh NBC` → `NBC`)
            before = []
            channel = text.lexicon.models.channel_after.match(sentence.text, cand.end)
            if channel and not named_after:
                cand.values = {**cand.values, "owner": channel.group("channel")}
                continue
        # `Chi bộ X với mô hình …`, `Văn phòng Sở xây dựng, thực hiện mô hình …`
        close = [o for o in before[-1:] if len(sentence.text[o.end : cand.start].split()) <= 5]
        nearest = named_after or close or after or before[-1:]
        if nearest:
            owner = nearest[0]
            cand.values = {**cand.values, "owner": owner.values["name"]}
    _fullest_quoted_wording(candidates, text)
    _one_name_per_initiative(candidates, text.lexicon.bodies)
    _one_owner_per_initiative(candidates)
    return candidates


def _one_gathering(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`Chiều 21/8, … tổ chức lễ khai mạc chương trình “trao đổi chuyên môn, …”.`: its sentence
    alone shows one gathering, opened, on a day or at a place (model_cues.one_off_event), and so
    it is turned down; unless another sentence of the article gives the programme a span of
    days, weeks, months or years, after its name or a bare `chương trình` (`Trong chương trình
    kéo dài hơn hai tháng, Nhật Bản sẽ giới thiệu …`): a programme run over a time of its own
    (GUIDE.md Rounds 9 and 19; round 21, dev). Not hours or an evening (`kéo dài 2 giờ`)."""
    if cand.values.pop("_one_off", None) is None:
        return False
    models = text.lexicon.models
    name_ends = {
        at: [end for _, end in spans]
        for at, _, spans in _sentences_naming(cand.values["name"], text)
    }
    for at, sentence in enumerate(text.sentences):
        if sentence.index == cand.sentence.index:
            continue
        ends = name_ends.get(at, []) + [
            found.end() for found in models.programme_word.finditer(sentence.text)
        ]
        if any(models.lasts_a_span.match(sentence.text, end) for end in ends):
            return False
    return True


def _terms_no_one_runs(candidates: list[Candidate], text: ArticleText[Any]) -> set[int]:
    """The ids of the candidates that are a sentence's own term (`_a_term_no_one_runs`), but
    those named in a sentence that also names a model taken as one: one of the initiatives a
    sentence lists (round 12, the unseen VietNews pool: `Cùng với mô hình "camera an ninh trật
    tự" …, những mô hình "móc khoá tố giác tội phạm" và "móc khoá tiếp nhận thông tin an ninh
    trật tự"`, `chương trình "gom góp yêu thương" … cho đặt mô hình Ngôi nhà xanh`)."""
    terms = {id(c): c for c in candidates if _a_term_no_one_runs(c, text)}
    if not terms:
        return set()
    listing = {c.sentence.index for c in candidates if id(c) not in terms}
    return {at for at, c in terms.items() if c.sentence.index not in listing}


def _said_elsewhere_to_be_no_model(cand: Candidate, text: ArticleText[Any], a_term: bool) -> bool:
    """What the rest of the article says a quoted programme or movement is: a term of its own
    (`a_term`), a contest, a show, a protest."""
    trigger = cand.values.pop("_trigger", None)
    models = text.lexicon.models
    if a_term or _a_listed_body_or_brand(cand, text):
        return True
    if trigger in models.programme_triggers:
        return _a_contest_or_show(cand, text)
    if trigger in models.movements:
        return _a_protest(cand, text)
    if trigger == models.template_trigger:
        return (
            _a_template_or_concept(cand, text)
            or _an_acronym_of_a_kind(cand, text)
            or _initials_of_a_body_post_or_form(cand, text)
        )
    return False


def _a_term_no_one_runs(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`chương trình "xổ số visa"`, `mô hình "đàn sếu bay" ở châu Á`, `phong trào "chống vắc -
    xin"`: a quote in lower case after a trigger is the sentence's own term, unless a sentence
    of the article that names it says a body launches, runs or spreads it (`phát động phong
    trào "chống rác thải nhựa"`), gives its years (`"…" 2016-2020`) or lists it among other
    names (round 11, the unseen VietNews pool: about two in three such rows were terms); the
    words read are the ten before the trigger, not before the quote (round 12). A name after
    `cuộc vận động` (model_campaign_triggers.txt) is a campaign at home, never a term. So
    too an acronym after `mô hình` (`mô hình ĐKKT`, `mô hình PMDG 777`, `mô hình CFM`): a
    concept's or a product's, unless a body is said to run it (`nhân rộng mô hình VNEN`)."""
    name = cand.values["name"]
    quoted = cand.rule.id == "models.quoted"
    if not (
        (quoted and name[:1].islower())
        or (cand.rule.id == "models.named" and _ACRONYM_RE.fullmatch(name))
    ):
        return False
    models = text.lexicon.models
    if cand.values.get("_trigger") in models.campaign_triggers:
        # `cuộc vận động "gần dân"`: a campaign at home, never a term (round 12)
        return False
    if models.edition.search(name) or models.period_after.search(name):
        # `"phối hợp tuyên truyền … giai đoạn 2017-2020"`: a campaign of its years
        return False
    for _, sentence, spans in _sentences_naming(name, text):
        for start, end in spans:
            if quoted and not _opens_a_quote(sentence, start):
                # the same words unquoted are the sentence's own (`thu hút du học tại chỗ`)
                continue
            # the ten words before the trigger, not before the quote (`hưởng ứng … cùng phong
            # trào "chống rác thải nhựa"`)
            trigger = models.trigger_before_quote.search(sentence, 0, start) if quoted else None
            read_from = trigger.start() if trigger else start - 1 if quoted else start
            if (
                before(models.run_cue, sentence, read_from, wide=True)
                or after(models.run_cue, sentence, end)
                or models.period_after.match(sentence, end)
                or models.quoted_before.search(sentence, 0, start)
                or models.next_quoted.match(sentence, end + 1)
            ):
                return False
    return True


def _opens_a_quote(sentence: str, start: int) -> bool:
    """Whether the name at `start` follows an opening quote."""
    return start > 0 and sentence[start - 1] in "\"'"


def _a_listed_body_or_brand(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`mô hình Vincom +`, `mô hình GrabTaxi`, `mô hình Nhà Trắng` (unquoted) in an article that
    lists `Vincom`, `Grab`, `Nhà Trắng` among its organizations: a business's format, a brand or
    a replica of a building, not an initiative (round 11, the unseen VietNews pool)."""
    if cand.rule.id != "models.named":
        return False
    name = cand.values["name"]
    for body in text.resolved.get("organizations", []):
        body_name = body.values["name"]
        if name.startswith(body_name) and (
            len(name) == len(body_name) or not name[len(body_name)].islower()
        ):
            return True
    return False


def _an_acronym_of_a_kind(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`mô hình USMCA` in an article that spells it out as `Thoả thuận Mỹ - Mexico - Canada
    (USMCA)`, `mô hình HGV` in one that writes `các phương tiện lướt siêu vượt âm (HGV)`: an
    acronym the article spells out as a form (rules/gazetteers/model_forms.txt: an agreement)
    or as a plural kind of thing names that kind, not an initiative (round 17, the unseen
    VietNews pool and dev); the words read are those between the last trigger and the bracket."""
    name = cand.values["name"]
    if cand.rule.id != "models.named" or not _ACRONYM_RE.fullmatch(name):
        return False
    models = text.lexicon.models
    bracket = regex.compile(r"\(\s*" + regex.escape(name) + r"\s*\)")
    for sentence in text.sentences:
        for found in bracket.finditer(sentence.text):
            words = sentence.text[: found.start()].split()[-_SPELLED_OUT_WORDS:]
            spelled = " ".join(words)
            triggers = list(models.trigger.finditer(spelled))
            if triggers:
                spelled = spelled[triggers[-1].end() :]
            if models.plural_kind.search(spelled) or any(
                _capitalized_form_in(spelled, form) for form in models.forms
            ):
                return True
    return False


def _initials_of_a_body_post_or_form(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`mô hình TTĐHTM` in an article that writes `trung tâm điều hành thông minh`, `mô hình
    KTST TP` in one that writes `Kiến trúc sư trưởng`, `mô hình CPH` in one that writes `cổ
    phần hoá`: the words whose initials the acronym spells open with a body's head, a post or
    a form (model_forms.txt), and the acronym names that body, that way of holding a post or
    that form, not an initiative (round 19, the unseen VietNews pool and dev). Acronyms of two
    letters are not read: too many pairs of words share their initials."""
    name = cand.values["name"]
    if cand.rule.id != "models.named" or not _ACRONYM_RE.fullmatch(name):
        return False
    letters = name.split()[0]
    if len(letters) < _FEWEST_INITIALS or not letters.isalpha():
        return False
    spelled_out = regex.compile(
        r"(?<![\p{L}\p{M}])"
        + r"\s+".join(rf"(?i:{regex.escape(letter)})[\p{{Ll}}\p{{M}}]*" for letter in letters)
        + r"(?![\p{L}\p{M}])"
    )
    lexicon = text.lexicon
    for sentence in text.sentences:
        for found in spelled_out.finditer(sentence.text):
            words = found.group()
            lowered = words.lower()
            if (
                lexicon.bodies.head_of(words)[0]
                or lexicon.titles.title.match(words[0].upper() + words[1:])
                or any(_starts_with_form(lowered, form) for form in lexicon.models.forms)
            ):
                return True
    return False


def _starts_with_form(words: str, form: str) -> bool:
    return words.startswith(form) and not words[len(form) : len(form) + 1].isalnum()


def _capitalized_form_in(words: str, form: str) -> bool:
    """Whether `words` write the form (`thoả thuận`) capitalized, as a name opens with it."""
    at = words.lower().find(form)
    while at >= 0:
        bounded = (at == 0 or not words[at - 1].isalpha()) and (
            at + len(form) == len(words) or not words[at + len(form)].isalpha()
        )
        if bounded and words[at].isupper():
            return True
        at = words.lower().find(form, at + 1)
    return False


def _a_template_or_concept(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`mô hình "kéo - đẩy"` in an article that writes `áp dụng mô hình "kéo - đẩy"` or
    `mô hình "kéo - đẩy" có thể là một khái niệm …`: a template followed or a concept;
    `Mô hình Châu ấn thuyền` (unquoted) in one that writes `chiếc Châu ấn thuyền`: a replica;
    by what another mention says of it (round 10, the unseen VietNews pool and the shared
    corpus)."""
    models = text.lexicon.models
    name = cand.values["name"]
    quoted = cand.rule.id != "models.named"
    for _, sentence, spans in _sentences_naming(name, text):
        if models.concept_word.search(sentence):
            return True
        for start, _ in spans:
            if not quoted and models.object_before.search(sentence, 0, start):
                # (not `"móc khoá an ninh"`: an initiative named after what it hands out)
                return True
            trigger = models.trigger_at_quote.search(sentence, 0, start)
            if trigger and followed(sentence, trigger.start(), name, models):
                return True
    return False


def _a_protest(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`phong trào "Áo khoác vàng"` in an article that writes `người biểu tình "áo khoác vàng"`
    or `Dư âm cuộc biểu tình đầy bạo lực của phong trào "Áo khoác vàng"`: a protest or
    political movement, by a word of protest in a sentence that names it, outside the name
    (the words near the trigger are read by the normalizer); or by a word of protest or
    politics right after another mention of it (`Phong trào "Áo khoác vàng" không có người lãnh
    đạo …` in the article of `phong trào "Áo khoác vàng" phản đối tăng giá xăng dầu`): what the
    normalizer turns one mention down for says what the movement is in every other one (round
    21, the unseen VietNews pool)."""
    models = text.lexicon.models
    naming = list(_sentences_naming(cand.values["name"], text))
    return any(
        not any(start <= found.start() < end for start, end in spans)
        for _, sentence, spans in naming
        for found in models.protest_cue.finditer(sentence)
    ) or any(
        after(models.movement_cue, sentence, end)
        for _, sentence, spans in naming
        for _, end in spans
    )


def _a_contest_or_show(cand: Candidate, text: ArticleText[Any]) -> bool:
    """`chương trình "Cặp đôi hoàn hảo"` in an article that writes `Cuộc thi "Cặp đôi hoàn hảo"
    năm nay …`, `đêm nhạc "Tim Sen"` or `phim tài liệu "Chuyến bay MH 370"`, or names it in a
    sentence with a contest's people or rounds (`giám khảo`, `ghế nóng`, `quán quân`) or with a
    word of selling (`khuyến mãi`, `giảm giá`; not where others answer its call, `hưởng ứng`): a
    contest, a show, a one-off event or a sales promotion, not a programme run over time
    (GUIDE.md Round 3; Round 8: a contest on television is a contest, sales promotions are not
    models, a broadcast series a body runs is a model)."""
    name, models = cand.values["name"], text.lexicon.models
    naming = list(_sentences_naming(name, text))
    return (
        _a_contest_or_sale_next_door(name, naming, text)
        or _a_stage_show(naming, models)
        or _a_show_off_the_air(naming, text)
        or _said_to_be_a_contest_show_or_sale(naming, models)
        or _a_dated_gathering(name, naming, models)
        or _a_weapon_by_name(naming, models)
        or _a_weapon_told_before(naming, text)
    )


def _a_weapon_by_name(naming: list[Naming], models: Models) -> bool:
    """`chương trình mang tên “Novichok”` in an article that also writes `chất độc thần kinh
    “Novichok”`: the name is a weapon's, written right after a word of weapons in a sentence of
    its own, and the programme a weapons programme (round 18, the unseen VietNews pool; the
    normalizer reads weapon words only near the trigger)."""
    return any(
        models.weapon_right_before.search(sentence, 0, start) is not None
        for _, sentence, spans in naming
        for start, _ in spans
    )


def _a_weapon_told_before(naming: list[Naming], text: ArticleText[Any]) -> bool:
    """`Vụ phóng thử thành công giúp Ấn Độ … sở hữu năng lực diệt vệ tinh. Đây là một phần trong
    chương trình mang tên "Sứ mệnh Shakti" …`: a sentence naming the programme opens on what the
    sentence before it told, and that one's weapon words (model_weapon_cues.txt) make it a
    weapons programme (round 19, the unseen VietNews pool; the normalizer reads weapon words
    only in the sentence of the trigger)."""
    models = text.lexicon.models
    return any(
        at > 0
        and models.points_back.match(sentence) is not None
        and models.weapon_cue.search(text.sentences[at - 1].text) is not None
        for at, sentence, _ in naming
    )


def _a_dated_gathering(name: str, naming: list[Naming], models: Models) -> bool:
    """`nhận hoa … trong chương trình “Vòng tay nhân ái” vừa diễn ra ngày 25/1/2018 tại cung
    Văn hoá` in an article that also writes `hưởng ứng chương trình “Vòng tay nhân ái” của UBND
    thành phố Hà Nội`: one sentence shows it as one gathering on one day, and answering its
    call is no evidence that it runs over time (GUIDE.md Round 13); in an edition (`"Tết sum
    vầy 2019"`, `" lần thứ 3`) it is one day of a programme run year after year, and stays
    (round 16, dev and the unseen VietNews pool)."""
    if models.edition.search(name):
        return False
    return any(
        models.took_place_on_a_day.match(sentence, end)
        and not models.edition.match(sentence[end : end + _EDITION_REACH])
        for _, sentence, spans in naming
        for _, end in spans
    )


def _said_to_be_a_contest_show_or_sale(naming: list[Naming], models: Models) -> bool:
    """A contest's people, a word of selling, or a word calling it a show (before it, or after
    `là`, or between `chương trình` and its quotes), in a sentence that names it."""
    return any(
        models.contest_word.search(sentence) is not None
        or (
            (
                models.sales_word.search(sentence) is not None
                or any(_sold_near(sentence, start, end, models) for start, end in spans)
            )
            and models.response_word.search(sentence) is None
        )
        or any(
            models.show_word_at_end.search(sentence, max(0, start - _SHOW_WORD_REACH), start)
            # `"Duyên dáng Việt Nam" là một chương trình ca nhạc, nghệ thuật`: said to be a
            # show in a sentence of its own (round 16, dev)
            or models.show_said_after.match(sentence, end)
            # `chương trình ẩm thực thường niên mang tên “Món ngon các nước”`: the event word
            # another mention was turned down for says what a bare mention is too (round 19,
            # dev)
            or models.event_described_before.search(
                sentence, max(0, start - _DESCRIBED_REACH), start
            )
            for start, end in spans
        )
        for _, sentence, spans in naming
    )


def _a_stage_show(naming: list[Naming], models: Models) -> bool:
    """`Tham gia chương trình "Duyên dáng Việt Nam" lần thứ 29 tại TP. Đà Lạt, hai anh em danh ca
    …`, `đây là đêm diễn đầu tiên nằm trong chuỗi chương trình "Golden Concert"`: singing or
    performing on a stage in the words around a mention of the programme, with no word of
    broadcasting in its sentence (a series on the air stays a model), is a gala or an art
    show, numbered by its edition or not (round 10, the unseen VietNews pool; GUIDE.md Round 3:
    an art show is no model)."""
    return any(
        models.broadcast_word.search(sentence) is None
        and any(near(models.stage_word, sentence, start, end, wide=True) for start, end in spans)
        for _, sentence, spans in naming
    )


def _a_show_off_the_air(naming: list[Naming], text: ArticleText[Any]) -> bool:
    """`2 nghệ sĩ hài trẻ quen thuộc qua chương trình "Kem xôi", "Loa phường"`, `Giám đốc Âm
    nhạc của chương trình “Trời sinh một cặp”`: a show's cast, crew, guests or audience
    (model_show_people.txt) in the ten words before or after a mention of the programme, in an
    article that names no channel and no airing, is a show, not a series a body runs (round
    20, dev and the unseen VietNews pool; GUIDE.md Rounds 14 and 18). A word of broadcasting
    or a station anywhere in the article keeps it (`Đạo diễn Điều ước thứ bảy` beside `Điều
    ước thứ bảy của VTV3 phát sóng …`)."""
    models = text.lexicon.models
    if any(
        models.broadcast_word.search(sentence.text) or models.station.search(sentence.text)
        for sentence in text.sentences
    ):
        return False
    # the ten words before the opening quote reach a trigger's words across the quoted names
    # listed before this one (`quen thuộc qua chương trình "Kem xôi", "Loa phường"`)
    return any(
        before(
            models.show_person, sentence, len(sentence[:start].rstrip(_OPENING_QUOTES)), wide=True
        )
        or after(models.show_person, sentence, end)
        for _, sentence, spans in naming
        for start, end in spans
    )


def _a_contest_or_sale_next_door(name: str, naming: list[Naming], text: ArticleText[Any]) -> bool:
    """`Tập 5 của chương trình “Người hát tình ca 2017” …` before `Phần thi hát tiếp sức …`: a
    contest's judges, players or rounds in the sentence before or after one that names the
    programme; `… áp dụng chương trình giảm giá trong dịp Noel …` before `… khu du lịch sẽ có
    chương trình "Vui Giáng sinh, lung linh đảo Ngọc" …`: a word of selling there, not where
    others answer a call (round 10, the unseen VietNews pool: the press names a show or a
    promotion in one sentence and says what it is in the next). Not a sentence that quotes
    another name (`Đây là vòng thi cuối cùng của cuộc thi "Lớn lên cùng sách"` beside `chương
    trình "Ước mơ của Thuý"`): that contest is another's; a word or two in lower case in quotes
    is no name (round 14)."""
    models = text.lexicon.models
    sentences = text.sentences
    for at, _, _ in naming:
        for next_door in sentences[max(0, at - 1) : at] + sentences[at + 1 : at + 2]:
            cue = models.contest_word_next_door.search(next_door.text) or (
                models.sales_word.search(next_door.text)
                and not models.response_word.search(next_door.text)
            )
            if cue and not any(
                found.group("quoted").lower() != name.lower()
                and not _a_word_in_quotes(found.group("quoted"))
                for found in models.quoted.finditer(next_door.text)
            ):
                return True
    return False


def _a_word_in_quotes(quoted: str) -> bool:
    """`“săn” các cơ hội khuyến mại`, `khiến khán giả “phấn khích” vì có phần dự thi`: one or two
    lower-case words in quotes are the sentence's own words, no other programme's name, so
    they leave a cue next door to the programme's (round 14, the unseen VietNews pool)."""
    return quoted[:1].islower() and len(quoted.split()) <= _MOST_QUOTED_WORDS


def _sold_near(sentence: str, start: int, end: int, models: Models) -> bool:
    """`Với chương trình "Tăng lực Thánh SIM" của Vietnamobile, người dùng sẽ …` in the article
    of a title that names it alone: the buyers right next to one of its mentions make every
    mention a sales promotion (round 10, the unseen VietNews pool), as the normalizer reads
    them next to the one it turns down."""
    return near(models.customer_cue, sentence, start, end + 1) is not None


def _sentences_naming(name: str, text: ArticleText[Any]) -> Iterator[Naming]:
    """Each sentence of the article that writes the name (in any case): its place among the
    article's sentences, its text, and where the name is in it."""
    pattern = regex.compile(regex.escape(name), regex.IGNORECASE)
    for at, sentence in enumerate(text.sentences):
        spans = [found.span() for found in pattern.finditer(sentence.text)]
        if spans:
            yield at, sentence.text, spans


def _fullest_quoted_wording(candidates: list[Candidate], text: ArticleText[Any]) -> None:
    """`phong trào thi đua thực hiện "Tết trồng cây"` in an article that quotes `"Tết trồng cây
    đời đời nhớ ơn Bác Hồ"` elsewhere: the initiative is named by its fullest wording. Wordings
    are compared with their bodies' acronyms spelled out, so `"HĐND với cử tri"` takes the
    `"Hội đồng nhân dân với cử tri"` the article also quotes (where that mention alone was no
    model: the day's session of a recurring programme)."""
    if not candidates:
        return
    expand = text.lexicon.bodies.expand
    quoted = [
        found.group("quoted")
        for sentence in text.sentences
        for found in text.lexicon.models.quoted.finditer(sentence.text)
        if len(found.group("quoted").split()) <= _MOST_WORDING_WORDS
        and not looks_like_a_quotation(found.group("quoted"))
    ]
    spelled_out = [(q, expand(q).lower()) for q in quoted]
    for cand in candidates:
        name = cand.values["name"]
        own = expand(name).lower()
        fuller = [
            q
            for q, wording in spelled_out
            if wording.startswith(own + " ") or (wording == own and len(q) > len(name))
        ]
        if fuller:
            cand.values = {**cand.values, "name": max(fuller, key=len)}


def _on_the_air(sentence: str, start: int, end: int, models: Models) -> bool:
    """`chương trình truyền hình "Full Measure"`, `chương trình "Gặp gỡ báo chí" trên kênh NBC`,
    `… "60 minutes" trả lời phỏng vấn đài CBS`: a broadcast series, by a word of broadcasting
    or a station between the trigger and the name or in the six words after it (round 13, the
    unseen VietNews pool)."""
    mention = sentence[start:end]
    # the words before the opening quote, not the name (`… kênh rạch …` is a canal)
    descriptor = _BEFORE_QUOTE_RE.match(mention).group() if _QUOTE_RE.search(mention) else ""
    words_after = WORDS_AFTER_RE.match(sentence, end)
    window = descriptor + " " + (words_after.group() if words_after else "")
    return bool(models.broadcast_word.search(window) or models.station.search(window))


def _one_owner_per_initiative(candidates: list[Candidate]) -> None:
    """`Cuộc vận động "Toàn dân đoàn kết …"` of the Mặt trận early in an article, the same
    campaign named again later with no body beside it: the owner is the initiative's, so every
    mention takes it, unless the article names two different owners for that name."""
    owners: dict[str, set[str]] = {}
    for cand in candidates:
        if cand.values["owner"]:
            owners.setdefault(cand.values["name"], set()).add(cand.values["owner"])
    for cand in candidates:
        known = owners.get(cand.values["name"], set())
        if not cand.values["owner"] and len(known) == 1:
            cand.values = {**cand.values, "owner": next(iter(known))}


def _in_a_post(sentence: str, body_at: int, lexicon: Lexicon) -> bool:
    """`Phó chủ tịch Quốc hội … nhận định … những chương trình như "…"`: a body named in a
    speaker's post is not what runs the model."""
    words = sentence[:body_at].split()[-_LONGEST_TITLE_WORDS:]
    return any(
        lexicon.titles.title.fullmatch(" ".join(words[-count:])) is not None
        for count in range(1, len(words) + 1)
    )


#: two spellings whose words overlap this much (Dice) name one initiative
_SAME_INITIATIVE = 0.85


def _one_name_per_initiative(candidates: list[Candidate], bodies: Bodies) -> None:
    """`Tiếp sức nhà nông cho con đến trường` and `… cho con nhà nông đến trường`, `VNEN` and
    `Trường học mới VNEN`, `4 an` and `Thành phố 4 an`, `HĐND với cử tri` and `Hội đồng nhân
    dân với cử tri`: the fullest wording names them all."""
    named: list[tuple[tuple[str, ...], str]] = []

    def words_of(name: str) -> tuple[str, ...]:
        return tuple(w.lower() for w in _WORD_RE.findall(bodies.expand(name)))

    by_length = sorted(candidates, key=lambda c: -len(words_of(c.values["name"])))
    for cand in by_length:
        words = words_of(cand.values["name"])
        fuller = next((name for longer, name in named if _same_initiative(words, longer)), None)
        if fuller is None:
            named.append((words, cand.values["name"]))
        elif fuller != cand.values["name"]:
            cand.values = {**cand.values, "name": fuller}


def _same_initiative(words: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    if not words:
        return False
    width = len(words)
    if any(longer[i : i + width] == words for i in range(len(longer) - width + 1)):
        return True
    shared = sum(min(words.count(w), longer.count(w)) for w in set(words))
    return 2 * shared / (len(words) + len(longer)) >= _SAME_INITIATIVE
