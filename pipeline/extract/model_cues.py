"""Cues in the words around `chương trình "…"` and the other triggers that say what a quoted
name is when it is no initiative a body runs over time (annotation guide, models; GUIDE.md
Round 3): a sales promotion, a one-off event, a contest, a protest movement, a physical
model, a template followed, works or shows, a weapons programme. The words looked at are the
few before the trigger and after the name; the lists of cue words are gazetteers read through
the lexicon part `Models`."""

from __future__ import annotations

import regex

from pipeline.engine.contracts import Reject
from pipeline.extract.lexicon import Models

#: the three words before the trigger, the six after the name
_THREE_WORDS_BEFORE_RE = regex.compile(r"(?:\S+\s+){1,3}$")
WORDS_AFTER_RE = regex.compile(r"[\s\"']*(?:[^\s\"']+[\s\"']*){1,6}")
#: wider windows, for cues that stand further from the name (`Cuộc biểu tình lần thứ 18 của
#: phong trào "…"`, `chương trình "…" với cơ cấu hấp dẫn dành cho khách hàng`), within the
#: clause (`… cho các khách hàng lớn; Triển khai chương trình …` is another item)
_SIX_WORDS_BEFORE_RE = regex.compile(r"(?:[^\s;]+\s+){1,6}$")
_TEN_WORDS_AFTER_RE = regex.compile(r"[\s\"']*(?:[^\s\"';]+[\s\"']*){1,10}")
_TEN_WORDS_BEFORE_RE = regex.compile(r"(?:[^\s;]+\s+){1,10}$")


def near(
    cues: regex.Pattern[str], sentence: str, trigger_at: int, name_end: int, *, wide: bool = False
) -> str | None:
    """A cue among the three words before the trigger or the six after the name (six and ten
    when `wide`)."""
    before_re, after_re = (
        (_SIX_WORDS_BEFORE_RE, _TEN_WORDS_AFTER_RE)
        if wide
        else (_THREE_WORDS_BEFORE_RE, WORDS_AFTER_RE)
    )
    before = before_re.search(sentence, 0, trigger_at)
    after = after_re.match(sentence, name_end)
    for window in (before, after):
        cue = cues.search(window.group()) if window else None
        if cue:
            return cue.group()
    return None


def before(
    cues: regex.Pattern[str], sentence: str, trigger_at: int, *, wide: bool = False
) -> str | None:
    """A cue among the six words before the trigger (ten when `wide`), within the clause."""
    window = (_TEN_WORDS_BEFORE_RE if wide else _SIX_WORDS_BEFORE_RE).search(
        sentence, 0, trigger_at
    )
    cue = cues.search(window.group()) if window else None
    return cue.group() if cue else None


def sales_promotion(
    sentence: str, trigger_at: int, names_end: int, models: Models
) -> Reject | None:
    """`chương trình khuyến mãi "Vui Tết Việt"`, `chương trình "Nhân đôi ưu đãi"`, `chương
    trình "…" dành cho khách hàng`: a sales promotion, by a word of selling in the descriptor,
    the name, or the words around them (the buyers only right next to them)."""
    inside = models.sales_cue.search(sentence, trigger_at, names_end)
    cue = (
        inside.group()
        if inside
        else near(models.sales_cue, sentence, trigger_at, names_end + 1, wide=True)
        or near(models.customer_cue, sentence, trigger_at, names_end + 1)
    )
    return Reject("a-sales-promotion", cue) if cue else None


def after(cues: regex.Pattern[str], sentence: str, names_end: int) -> str | None:
    """A cue among the ten words after the names, within the clause."""
    window = _TEN_WORDS_AFTER_RE.match(sentence, names_end)
    cue = cues.search(window.group()) if window else None
    return cue.group() if cue else None


def one_off_event(
    sentence: str, trigger_at: int, after: int, models: Models, a_bodys_own: bool = False
) -> Reject | None:
    """`Tối 22-1, Trường ĐH Vinh đã tổ chức chương trình "…"`, `tổ chức chương trình "…" tại
    Bệnh viện Việt Đức`, `tham dự chương trình "…"`, `chương trình "…" diễn ra vào ngày 22/3`:
    an activity held once, on a day or at a place, not an initiative run over time; so is one
    opened or a gala (`lễ khai mạc chương trình "…"`), or held for the first time or honouring
    people (`Chương trình "…" lần đầu tiên được tổ chức`, `… sẽ vinh danh 163 đại biểu`;
    GUIDE.md Round 13). Organized
    with neither, or in an edition (`Ngày 4-1, … đã tổ chức chương trình "Tết sum vầy 2019",
    tặng quà …`: a programme run year after year), it stays; so does a programme named after
    the State body that runs it (`a_bodys_own`), where something is said at a dated sitting
    of it (`Tại chương trình "Hội đồng nhân dân với cử tri" sáng 15/5, ông …`: a session).
    Read in this sentence alone: the models resolver still keeps one that another sentence of
    the article gives a span of days or more (`Trong chương trình kéo dài hơn hai tháng`;
    round 21, dev)."""
    before = models.event_before.search(sentence, 0, trigger_at)
    if before is not None and not _in_an_edition(sentence, trigger_at, after, models):
        cue = before.group().strip()
        if before.group("organized") is None:
            return Reject("an-event-attended", cue)
        if models.event_day.search(sentence) or models.event_place.match(sentence, after):
            return Reject("an-event-on-a-day-or-at-a-place", cue)
    at = models.event_at.search(sentence, 0, trigger_at)
    if (
        not a_bodys_own
        and at is not None
        and models.event_day.search(sentence)
        and not _in_an_edition(sentence, trigger_at, after, models)
    ):
        return Reject("an-event-on-a-day", at.group("cue").lower())
    held = models.event_held_at.match(sentence, after)
    if held and not _in_an_edition(sentence, trigger_at, after, models):
        return Reject("an-event-at-a-place-or-once", held.group().strip(" ,"))
    if models.event_after.match(sentence, after) and not models.event_holder.search(
        sentence, 0, trigger_at
    ):
        return Reject("an-event-taking-place")
    return None


def _in_an_edition(sentence: str, trigger_at: int, after: int, models: Models) -> bool:
    """`"Tết sum vầy 2019"`, `"Xuân Trường Sa - Tết hải đảo" năm 2019`: the name carries an
    edition, inside the quotes or right after them; or the rest of the sentence says it recurs
    or lasts (`… ở thị xã Châu Đốc, tỉnh An Giang vào 2 ngày 30/9 và 1/10/2017`, `… diễn ra
    thường niên`): a programme held over a time of its own, not one day of it (GUIDE.md
    Rounds 9 and 13); or the day is a session of a broadcast series, with a theme of its own
    (`tại chương trình "Lắng nghe và trao đổi" với chủ đề …, do HĐND TP. HCM phối hợp với Đài
    truyền hình TP tổ chức`; GUIDE.md Round 18, round 19 dev)."""
    return (
        models.edition.search(sentence, trigger_at, after) is not None
        or models.edition.match(sentence[after : after + 20]) is not None
        or models.lasting.search(sentence, after) is not None
        or (
            models.theme_after.match(sentence, after - 1) is not None
            and models.broadcast_word.search(sentence) is not None
        )
    )


def followed(sentence: str, trigger_at: int, name: str, models: Models) -> bool:
    """`theo mô hình "hỗn hợp"`, `theo mô hình "Pentomic"`, `áp dụng mô hình "after school"`:
    a template followed, in any case, or applied, in lower case (round 10, the unseen pool)."""
    cue = models.template_before.search(sentence, 0, trigger_at)
    return cue is not None and (cue.group("applied") is None or name[:1].islower())


def contest_by_name(sentence: str, name: tuple[int, int], models: Models) -> str | None:
    """`chương trình "Tôi là Hoa hậu Hoàn vũ Việt Nam 2017"`: a pageant or a talent contest by a
    word of its own name (round 10, the unseen VietNews pool)."""
    found = models.contest_name.search(sentence, *name)
    return found.group() if found else None


def show_or_weapons(
    sentence: str, trigger_at: int, names_end: int, listed: bool, models: Models
) -> Reject | None:
    """`Các tác phẩm được lựa chọn biểu diễn trong chương trình bao gồm: "…"`, `những bộ phim
    và chương trình đình đám như "…"`: works listed, by a word of films or songs before the
    trigger and a list after it; `… "Kỳ tài lộ diện" - gameshow`, `… và nhiều bộ phim khác`:
    shows, by a word of shows after the names; `phóng thử tên lửa … nằm trong chương trình
    mang tên "Sứ mệnh Shakti"`: a weapons programme (round 10, the unseen VietNews pool)."""
    cue = (before(models.work_cue, sentence, trigger_at, wide=True) if listed else None) or after(
        models.show_word, sentence, names_end
    )
    if cue:
        return Reject("a-show-or-a-work", cue)
    cue = near(models.weapon_cue, sentence, trigger_at, names_end, wide=True)
    return Reject("a-weapons-programme", cue) if cue else None
