"""What a model's name is not and how names are written (lexicon part `Models`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from pipeline.engine.ruleset import alternation, lazy_compile
from pipeline.extract.lexicon.common import VERBOSE, Defines, Gazetteers, words_re


def _without(entries: Iterable[str], left_out: Iterable[str]) -> list[str]:
    """The entries but those left out."""
    dropped = set(left_out)
    return [entry for entry in entries if entry not in dropped]


@dataclass(frozen=True)
class Models:
    """What a model's name is not (forms, events, physical models, protests, quotations), and
    how names are written: where an unquoted one ends, how quoted ones follow each other."""

    GAZETTEERS = (
        "model_forms",
        "model_form_heads",
        "model_not_descriptors",
        "model_programme_not_descriptors",
        "model_event_descriptors",
        "model_event_names",
        "model_movements",
        "model_movement_cues",
        "model_protest_cues",
        "model_physical_cues",
        "model_name_introducers",
        "model_form_cues",
        "model_objects",
        "model_clause_words",
        "model_sales_cues",
        "model_sales_cues_near_only",
        "model_response_words",
        "model_contest_cues",
        "model_award_cues",
        "model_contest_roles",
        "model_contest_people",
        "model_show_words",
        "model_programme_gatherings",
        "model_customer_cues",
        "model_term_words",
        "model_weapon_cues",
        "model_contest_names",
        "model_work_cues",
        "model_concept_words",
        "model_contest_cues_next_door",
        "model_stage_cues",
        "model_show_people",
        "model_broadcast_cues",
        "model_run_cues",
        "model_campaign_triggers",
        "model_template_trigger",
        "model_programme_triggers",
        "model_nickname_triggers",
        "model_software_words",
        "model_theme_words",
        "model_lasting_cues",
    )

    #: forms of organization and concepts, lower case: never a model, quoted or not
    forms: tuple[str, ...]
    #: heads of kinds of bodies and places: a form when the name is not quoted
    form_heads: tuple[str, ...]
    #: a word between the trigger and a quoted name that makes it no initiative
    not_descriptor: regex.Pattern[str]
    #: a word between the trigger and a quote that makes the quote no name (a clause goes on)
    clause_word: regex.Pattern[str]
    #: the first words of an event's name (`Dạ hội …`), at the start of a name
    event_name: regex.Pattern[str]
    #: the first words of a physical object's name (`Máy …`), at the start of a name
    object_name: regex.Pattern[str]
    #: the triggers that may name a movement (`phong trào`), lower case
    movements: frozenset[str]
    #: a protest, political or historical movement's word
    movement_cue: regex.Pattern[str]
    #: a word of a protest or an uprising (`biểu tình`), anywhere in a sentence
    protest_cue: regex.Pattern[str]
    physical_cue: regex.Pattern[str]
    #: words just before the trigger that make the name a form (`chuyển đổi mô hình`), at the end
    form_cue_at_end: regex.Pattern[str]
    #: a descriptor that may end in a colon before the name (`gồm:`), at its end
    introducer_at_end: regex.Pattern[str]
    name_end: regex.Pattern[str]
    owner_lead: regex.Pattern[str]
    #: one more quoted name of a list (`, "B"`, `; "B"`, `(Hà Nội), "B"`), at a position
    next_quoted: regex.Pattern[str]
    #: a quoted name anywhere (group `quoted`)
    quoted: regex.Pattern[str]
    #: a word of a sales promotion (`khuyến mãi`, `khách hàng`) near `chương trình "…"`
    sales_cue: regex.Pattern[str]
    #: a word of a sales promotion that says so anywhere in a sentence naming a programme or
    #: next to one (`khuyến mãi`, not `ưu đãi`)
    sales_word: regex.Pattern[str]
    #: others answering a programme's call (`hưởng ứng`), anywhere in a sentence
    response_word: regex.Pattern[str]
    #: the buyers a sales promotion is for (`khách hàng`), right next to `chương trình "…"`
    customer_cue: regex.Pattern[str]
    #: a word of a contest (`thí sinh`, `á quân`) or an award (`giải thưởng`) near `chương
    #: trình "…"`
    contest_cue: regex.Pattern[str]
    #: the people of a contest (`giám khảo`, `ghế nóng`), in the words before the trigger
    contest_role: regex.Pattern[str]
    #: a contest's people, rounds or entries (`giám khảo`, `quán quân`, `tác phẩm dự thi`),
    #: anywhere in a sentence
    contest_word: regex.Pattern[str]
    #: a word calling what follows a contest, a show or an event (`cuộc thi`, `đêm nhạc`),
    #: then maybe an opening quote, at the end
    show_word_at_end: regex.Pattern[str]
    #: `tổ chức`, `tham dự`, `khai mạc`, `gala` just before the trigger, at the end
    event_before: regex.Pattern[str]
    #: `tại` just before the trigger, at the end
    event_at: regex.Pattern[str]
    #: `tổ chức tại`, `lần đầu tiên được tổ chức`, `vinh danh` right after the name, at a
    #: position
    event_held_at: regex.Pattern[str]
    #: one day the sentence names (`Tối 22-1`), anywhere
    event_day: regex.Pattern[str]
    #: a place right after the name (`… tại Bệnh viện Việt Đức`), at a position
    event_place: regex.Pattern[str]
    #: `diễn ra`, `khai mạc` right after the name, at a position
    event_after: regex.Pattern[str]
    #: an edition at the end of a quoted name, or right after it (`… 2019`, `năm 2019`, `lần 3`)
    edition: regex.Pattern[str]
    #: a word before the trigger saying the programme holds the event (`nằm trong`), at the end
    event_holder: regex.Pattern[str]
    #: recurring or lasting (`hằng năm`, `kéo dài`) or held over several days (`vào 2 ngày`),
    #: anywhere
    lasting: regex.Pattern[str]
    #: the programme said to take place on one day, later in its clause, at a position
    took_place_on_a_day: regex.Pattern[str]
    #: a span of days, weeks, months or years given the programme right after its name or
    #: a bare `chương trình` (`kéo dài hơn hai tháng`), at a position
    lasts_a_span: regex.Pattern[str]
    #: the words of a programme trigger (`chương trình`), anywhere
    programme_word: regex.Pattern[str]
    #: a grammatical word between a trigger and a lower-case quote (`các`, `để`), anywhere
    term_word: regex.Pattern[str]
    #: a word of weapons (`tên lửa`) near `chương trình "…"`
    weapon_cue: regex.Pattern[str]
    #: a word of a pageant or a talent contest (`Hoa hậu`) inside a programme's name
    contest_name: regex.Pattern[str]
    #: a word of films, songs, pieces and game shows (`bộ phim`, `tác phẩm`) near the trigger
    work_cue: regex.Pattern[str]
    #: a word calling a programme a show (`gameshow`, `bộ phim`), anywhere
    show_word: regex.Pattern[str]
    #: a past era (`thời kỳ kháng chiến`, `vào thế kỷ 17`), anywhere in a sentence
    historical_time: regex.Pattern[str]
    #: `theo`, `áp dụng` (group `applied`) just before `mô hình`, at the end
    template_before: regex.Pattern[str]
    #: where a proper name followed as a template ends (MODEL_PLACE_AFTER): `Safari| của …`
    place_after: regex.Pattern[str]
    #: a word calling a model a concept (`khái niệm`), anywhere in a sentence
    concept_word: regex.Pattern[str]
    #: a word counting one object (`chiếc`), at the end
    object_before: regex.Pattern[str]
    #: a contest's judges, players or rounds, in a sentence next to one naming a programme
    contest_word_next_door: regex.Pattern[str]
    #: singing and performing on a stage, anywhere in a sentence
    stage_word: regex.Pattern[str]
    #: broadcasting (`phát sóng`), anywhere in a sentence
    broadcast_word: regex.Pattern[str]
    #: a show's cast, crew, guests or audience (`nghệ sĩ hài`, `khán giả`), near a name
    show_person: regex.Pattern[str]
    #: a body launching, running or spreading an initiative (`phát động`), near a name
    run_cue: regex.Pattern[str]
    #: a quoted name listed before (`"A", "`, `"A" và "`), at the end
    quoted_before: regex.Pattern[str]
    #: a period or a year right after a quoted name (`" 2016-2020`, `" năm 2019`), at a position
    period_after: regex.Pattern[str]
    #: the trigger of a quoted name and the words between them, the opening quote at the end
    trigger_before_quote: regex.Pattern[str]
    #: any trigger of the quoted and named rules (`mô hình`, `phong trào`; MODEL_TRIGGER)
    trigger: regex.Pattern[str]
    #: `mô hình` right before an opening quote, at the end (MODEL_TRIGGER_AT_QUOTE)
    trigger_at_quote: regex.Pattern[str]
    #: the triggers after which a lower-case quoted name is a campaign (`cuộc vận động`)
    campaign_triggers: frozenset[str]
    #: the trigger of models.named, after which a name may be a template or a thing on show
    #: (`mô hình`: model_template_trigger.txt, its one entry)
    template_trigger: str
    #: the triggers after which a name may be an app, a contest, a show (`chương trình`)
    programme_triggers: frozenset[str]
    #: the triggers after which a short lower-case name may be a nickname (`phong trào`)
    nickname_triggers: frozenset[str]
    #: a style at the end of a lower-case name (`… kiểu mới`, `… kiểu Mỹ`)
    style_name: regex.Pattern[str]
    #: `dựng` (not `xây dựng`) just before `mô hình`, at the end: a replica set up
    raised_before: regex.Pattern[str]
    #: a word of software (`ứng dụng`) between `chương trình` and a quoted name, anywhere
    software_word: regex.Pattern[str]
    #: a word making a quote after `chương trình` its theme (`chủ đề`), at the descriptor's end
    theme_at_end: regex.Pattern[str]
    #: a quoted name said to be a show (`" là một chương trình ca nhạc`), at a position
    show_said_after: regex.Pattern[str]
    #: `chương trình` and a word of a one-off event before an opening quote (`chương trình
    #: biểu diễn "`, `chương trình ẩm thực thường niên mang tên “`), at the end
    event_described_before: regex.Pattern[str]
    #: a word of weapons right before a name, maybe with its opening quote (`chất độc thần
    #: kinh “`), at the end
    weapon_right_before: regex.Pattern[str]
    #: a sentence opening on what the one before it told (`Đây là một phần trong …`)
    points_back: regex.Pattern[str]
    #: a theme of its own right after a name (`" với chủ đề …`)
    theme_after: regex.Pattern[str]
    #: a word between `chương trình` and a quoted name that makes it no initiative, where after
    #: `phong trào` it does not (`chương trình hành động "…"`, a plan; `phong trào hành động
    #: cách mạng "…"`, a movement)
    programme_not_descriptor: regex.Pattern[str]
    #: one more short name of a list after a model's name (MODEL_LIST_ITEM), `của` ending the
    #: words before a trigger (MODEL_OF_AT_END)
    list_item: regex.Pattern[str]
    of_at_end: regex.Pattern[str]
    #: `là` (defines COPULA_WORD) and `tên` (NAME_WORD): a lower-case quote after `là`, not
    #: `tên là`, says what the thing is
    copula_word: str
    name_word: str
    #: a plural kind in lower case right before an acronym's bracket (MODEL_PLURAL_KIND), a
    #: station by its name (MODEL_STATION: `đài CBS`), a channel by its acronym right after a
    #: broadcast series' name, group `channel` (MODEL_CHANNEL_AFTER: `" trên kênh CNN`)
    plural_kind: regex.Pattern[str]
    station: regex.Pattern[str]
    channel_after: regex.Pattern[str]

    @classmethod
    def build(cls, gazetteers: Gazetteers, defines: Defines) -> Models:
        forms: list[str] = gazetteers["model_forms"]
        return cls(
            tuple(form.lower() for form in forms),
            tuple(gazetteers["model_form_heads"]),
            words_re(
                gazetteers["model_event_descriptors"] + gazetteers["model_not_descriptors"],
                regex.IGNORECASE,
            ),
            words_re(gazetteers["model_clause_words"], regex.IGNORECASE),
            lazy_compile(
                alternation(gazetteers["model_event_names"]) + r"(?![\p{L}\p{N}])",
                regex.IGNORECASE,
            ),
            lazy_compile(
                alternation(gazetteers["model_objects"]) + r"(?![\p{L}\p{N}])", regex.IGNORECASE
            ),
            frozenset(movement.lower() for movement in gazetteers["model_movements"]),
            words_re(
                gazetteers["model_movement_cues"] + gazetteers["model_protest_cues"],
                regex.IGNORECASE,
            ),
            words_re(gazetteers["model_protest_cues"], regex.IGNORECASE),
            words_re(gazetteers["model_physical_cues"], regex.IGNORECASE),
            lazy_compile(
                r"(?<![\p{L}])" + alternation(gazetteers["model_form_cues"]) + r"\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(
                r"(?<![\p{L}])" + alternation(gazetteers["model_name_introducers"]) + r"\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(defines["MODEL_NAME_END"], VERBOSE),
            lazy_compile(defines["MODEL_OWNER_LEAD"], VERBOSE),
            lazy_compile(defines["MODEL_NEXT_QUOTED"], VERBOSE),
            lazy_compile(defines["MODEL_QUOTED"], VERBOSE),
            words_re(gazetteers["model_sales_cues"], regex.IGNORECASE),
            words_re(
                _without(gazetteers["model_sales_cues"], gazetteers["model_sales_cues_near_only"]),
                regex.IGNORECASE,
            ),
            words_re(gazetteers["model_response_words"], regex.IGNORECASE),
            words_re(gazetteers["model_customer_cues"], regex.IGNORECASE),
            words_re(
                gazetteers["model_contest_cues"] + gazetteers["model_award_cues"], regex.IGNORECASE
            ),
            words_re(
                gazetteers["model_contest_roles"] + gazetteers["model_contest_people"],
                regex.IGNORECASE,
            ),
            # what says a contest in the sentence next door says it in the sentence itself
            # (`… chương trình "Tận hưởng bản sắc Việt" lần 2 - khẳng định giá trị của tác phẩm
            # dự thi …`; round 16, dev and the unseen VietNews pool)
            words_re(
                gazetteers["model_contest_cues"]
                + gazetteers["model_contest_people"]
                + gazetteers["model_contest_cues_next_door"],
                regex.IGNORECASE,
            ),
            lazy_compile(
                r"(?<![\p{L}])"
                + alternation(
                    [
                        *_without(
                            gazetteers["model_event_names"],
                            gazetteers["model_programme_gatherings"],
                        ),
                        *gazetteers["model_show_words"],
                    ]
                )
                + r"\s*[\"“'‘]?\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(defines["MODEL_EVENT_BEFORE"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_AT"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_HELD_AT"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_DAY"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_PLACE"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_AFTER"], VERBOSE),
            lazy_compile(defines["MODEL_EDITION"], VERBOSE),
            lazy_compile(defines["MODEL_EVENT_HOLDER"], VERBOSE),
            lazy_compile(
                r"(?<![\p{L}\p{N}])"
                + alternation(gazetteers["model_lasting_cues"])
                + r"(?![\p{L}\p{N}])|"
                + defines["MODEL_SEVERAL_DAYS"]
                + "|"
                + defines["MODEL_SEVERAL_PLACES"],
                VERBOSE | regex.IGNORECASE,
            ),
            lazy_compile(defines["MODEL_TOOK_PLACE_ON_A_DAY"], VERBOSE),
            lazy_compile(defines["MODEL_LASTS_A_SPAN"], VERBOSE | regex.IGNORECASE),
            words_re(gazetteers["model_programme_triggers"], regex.IGNORECASE),
            words_re(gazetteers["model_term_words"], regex.IGNORECASE),
            words_re(gazetteers["model_weapon_cues"], regex.IGNORECASE),
            words_re(gazetteers["model_contest_names"]),
            words_re(gazetteers["model_work_cues"], regex.IGNORECASE),
            words_re(gazetteers["model_show_words"], regex.IGNORECASE),
            lazy_compile(defines["MODEL_HISTORICAL_TIME"], VERBOSE),
            lazy_compile(defines["MODEL_TEMPLATE_BEFORE"], VERBOSE),
            lazy_compile(defines["MODEL_PLACE_AFTER"], VERBOSE),
            words_re(gazetteers["model_concept_words"], regex.IGNORECASE),
            lazy_compile(defines["MODEL_OBJECT_BEFORE"], VERBOSE),
            words_re(gazetteers["model_contest_cues_next_door"], regex.IGNORECASE),
            words_re(gazetteers["model_stage_cues"], regex.IGNORECASE),
            words_re(gazetteers["model_broadcast_cues"], regex.IGNORECASE),
            words_re(gazetteers["model_show_people"], regex.IGNORECASE),
            words_re(gazetteers["model_run_cues"], regex.IGNORECASE),
            lazy_compile(defines["MODEL_QUOTED_BEFORE"], VERBOSE),
            lazy_compile(defines["MODEL_PERIOD_AFTER"], VERBOSE),
            lazy_compile(defines["MODEL_TRIGGER_BEFORE_QUOTE"], VERBOSE),
            lazy_compile(defines["MODEL_TRIGGER"], VERBOSE),
            lazy_compile(defines["MODEL_TRIGGER_AT_QUOTE"], VERBOSE),
            frozenset(trigger.lower() for trigger in gazetteers["model_campaign_triggers"]),
            gazetteers["model_template_trigger"][0].lower(),
            frozenset(trigger.lower() for trigger in gazetteers["model_programme_triggers"]),
            frozenset(trigger.lower() for trigger in gazetteers["model_nickname_triggers"]),
            lazy_compile(defines["MODEL_STYLE_NAME"], VERBOSE),
            lazy_compile(defines["MODEL_RAISED_BEFORE"], VERBOSE),
            words_re(gazetteers["model_software_words"], regex.IGNORECASE),
            lazy_compile(
                r"(?<![\p{L}])" + alternation(gazetteers["model_theme_words"]) + r"\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(
                defines["MODEL_SHOW_IS"]
                + alternation(gazetteers["model_show_words"])
                + r"(?![\p{L}\p{N}])",
                regex.IGNORECASE,
            ),
            lazy_compile(
                defines["MODEL_PROGRAMME_BEFORE_EVENT"]
                + alternation(gazetteers["model_event_descriptors"])
                + r"(?:\s+[^\s\"'“”‘’,;.:]+){0,4}?\s*[\"'“‘]\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(
                r"(?<![\p{L}])" + alternation(gazetteers["model_weapon_cues"]) + r"\s*[\"“'‘]?\s*$",
                regex.IGNORECASE,
            ),
            lazy_compile(defines["MODEL_POINTS_BACK"], VERBOSE),
            lazy_compile(
                defines["MODEL_THEME_LEAD"]
                + alternation(gazetteers["model_theme_words"])
                + r"(?![\p{L}\p{N}])",
                regex.IGNORECASE,
            ),
            words_re(gazetteers["model_programme_not_descriptors"], regex.IGNORECASE),
            lazy_compile(defines["MODEL_LIST_ITEM"], VERBOSE),
            lazy_compile(defines["MODEL_OF_AT_END"], VERBOSE),
            defines["COPULA_WORD"],
            defines["NAME_WORD"],
            lazy_compile(defines["MODEL_PLURAL_KIND"], VERBOSE),
            lazy_compile(defines["MODEL_STATION"], VERBOSE),
            lazy_compile(defines["MODEL_CHANNEL_AFTER"], VERBOSE),
        )
