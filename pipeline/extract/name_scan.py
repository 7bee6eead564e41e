"""Reading a body's name: from its head word (Sở, Tỉnh ủy, UBND…) rightwards, to its place.

Vietnamese names capitalize the first syllable of each word group (`Sở Tài nguyên và Môi
trường`, `Trung tâm Kiểm định chất lượng công trình`), so the scanner takes, token by token,
the first step that applies (`NameScan.STEPS`): an official sector name with commas inside, a
place attached to the name (`tỉnh Long An`, `xã Thạnh Lợi`), a province, capitalized syllables
(and the lower-case syllable that completes a word: `Tài nguyên`, checked against underthesea's
word list), `và` before a further name, a qualifier (`khối`, `cơ sở`), lower-case words that
name bodies (`quỹ đất`). Each step reads one gazetteer of `rules/gazetteers/`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import regex

from pipeline.extract.lexicon import MEMO_LIMIT, ORG_ASIDE, Lexicon
from pipeline.extract.name_scan_lower import LowerCaseSteps
from pipeline.extract.org_tokens import (
    CAP_RE,
    LOW_RE,
    ROMAN_RE,
    TITLE_CASE_RE,
    Token,
    head_at,
    level_width,
    opens_with,
    place_length,
    starts_with,
    tokens_after,
)
from pipeline.text.normalize import normalize_phrase

#: the levels of a Party committee that may be written in lower case inside a longer name
_COMMITTEE_LEVELS = ("province", "district")
#: what may close lower-case words that go on a capitalized name where no place does
_CLOSING_MARKS = ("(", ")")
#: a bracket holding only an acronym (`(PBGDPL)`)
_BRACKETED_ACRONYM = regex.compile(r"\((\p{Lu}{2,})\)")


@dataclass(frozen=True)
class OrgName:
    """A scanned organization: its span in the sentence and what it is made of."""

    start: int
    end: int
    head: str
    place_level: str | None  # the level word of an attached place, e.g. "tỉnh"
    place: str | None  # the place name after it, e.g. "Long An"
    named: bool = False  # a capitalized name follows the head (not only `khối` or a place)
    lower_words: int = 0  # lower-case common words of the name (`giáo dục` in `phòng giáo dục`)
    #: where lower-case words alone after the head end (`Trung tâm điều hành đô thị thông
    #: minh`): a description, a name only where the writer capitalized the head (see
    #: organizations.py)
    description_end: int | None = None
    #: where a parent joined by a lower-case head opens (`báo` of `ban Quốc tế báo Thanh
    #: Niên`): `NameScan.joined_parent`, listed as well by org_resolution
    parent_start: int | None = None


class _Stop(Exception):
    """The name ends here."""


Step = Callable[["NameScan"], bool]
#: whether a step may apply to a word (`NameScan.STEPS`)
WordCheck = Callable[[str, Lexicon], bool]


@functools.lru_cache(maxsize=MEMO_LIMIT)
def _steps_for(word: str, lexicon: Lexicon) -> tuple[Step, ...]:
    """The steps of `NameScan.STEPS` that may apply to `word`, in their order: most tokens
    can be taken by a few steps only (a capitalized syllable never by a lower-case one), and
    the same words recur, so each is sorted once rather than offered to every step."""
    return tuple(step for step, applies in NameScan.STEPS if applies(word, lexicon))


@functools.lru_cache(maxsize=4)
def _level_first_words(lexicon: Lexicon) -> frozenset[str]:
    """The words a place word starts with (`thành` of `thành phố`: `level_width`; a token
    holds no space)."""
    return frozenset(level.split(" ")[0] for level in lexicon.places.level_words)


@functools.lru_cache(maxsize=4)
def _head_openings(lexicon: Lexicon) -> frozenset[str]:
    """The first three words of the heads of three words or more, in lower case (`tổng liên
    đoàn`: `NameScan._three_syllable_word`)."""
    return frozenset(
        " ".join(head.split(" ")[:3])
        for head in lexicon.bodies.heads_by_lower
        if head.count(" ") >= 2
    )


@functools.lru_cache(maxsize=4)
def _place_first_words(lexicon: Lexicon) -> frozenset[str]:
    """The words a province, a region or a country starts with (`NameScan.province`)."""
    places = lexicon.places
    return places.provinces.first_words | places.regions.first_words | places.countries.first_words


@functools.lru_cache(maxsize=4)
def _name_first_words(lexicon: Lexicon) -> frozenset[str]:
    """The words that start a lower-case word naming bodies, also after `và`
    (`NameScan.name_words`)."""
    bodies = lexicon.bodies
    return bodies.name_words.first_words | bodies.name_words_after_and.first_words


@dataclass
class NameScan(LowerCaseSteps):
    """The state of one scan: the tokens after the head and how far the name reaches."""

    text: str
    head: str
    head_end: int
    tokens: list[Token]
    lexicon: Lexicon
    i: int = 0
    end: int = 0
    named: bool = False
    place_level: str | None = None
    place: str | None = None
    #: the last word taken is (part of) a proper name (`Viettel`, `Vĩnh Phát`): the name does
    #: not go on in lower case after it
    proper: bool = False
    #: the last word taken is itself a proper name (`Tùng` of `Thanh Tùng`), not only part of
    #: a capitalized run that began with one: a number after it is a count (`2 lần`)
    proper_word: bool = False
    #: how many lower-case words the name has gone on with (`Cục Quản lý đấu thầu`)
    lower_words: int = 0
    #: the last word taken is such a lower-case word
    last_lower: bool = False
    #: how many capitalized words (`Giao thông`, `Vận tải`) the name has after its head
    capital_words: int = 0
    #: the last capitalized syllable was completed by a lower-case one (`Ngoại giao`)
    completed: bool = False
    #: a committee's topic follows `về` (`Ban Chỉ đạo Trung ương về phòng, chống tham nhũng`)
    topic: bool = False
    #: where the name ended before lower-case words that must lead to a province (`Hội …`)
    end_before_lower: int | None = None
    #: how many lower-case words were read since then
    lower_before_place: int = 0
    #: the token where `các` opened the many things the name describes, if it did
    plural_from: int | None = None
    description_end: int | None = None
    #: the words taken so far are a qualifier right after the head (`khối` in `Đảng ủy khối`)
    qualified: bool = False
    #: a title stands right before the head, so a person's name may follow the body
    titled: bool = True
    #: `OrgName.parent_start`
    parent_start: int | None = None

    def sector_name(self) -> bool:
        """An official sector name with commas inside (`Văn hóa, Thể thao và Du lịch`), however
        capitalized and accented (`Văn hoá, giáo dục, thanh niên …`):
        rules/gazetteers/sector_names.txt."""
        if self.word() not in self.lexicon.bodies.sector_first_words:
            return False
        position = self.tokens[self.i][1]
        known = next(
            (
                position + len(n)
                for n in self.lexicon.bodies.sector_names_folded
                if normalize_phrase(self.text[position : position + len(n)]).casefold() == n
            ),
            None,
        )
        if known is None:
            return False
        self.end, self.named = known, True
        self.i += self._tokens_until(known)
        return True

    def attached_place(self) -> bool:
        """A place word and the place after it end the name (`tỉnh Long An`):
        rules/gazetteers/place_levels.yml, provinces.txt."""
        level = level_width(self.tokens, self.i, self.lexicon)
        if not level:
            return False
        tokens = self.tokens
        self.place_level = " ".join(t[0] for t in tokens[self.i : self.i + level])
        self.end = tokens[self.i + level - 1][2]
        j = self.i + level
        known = starts_with(tokens, j, self.lexicon.places.provinces)
        # a province or a city is named by the gazetteer or by no person's name of three
        # syllables: `UBND TP Võ Văn Hoan` is the city's, before its spokesman, title or none
        province_level = self.lexicon.places.levels.get(self.place_level) == "province"
        titled = self.titled or province_level
        length = (
            0 if known and province_level else place_length(tokens, j, self.lexicon, titled=titled)
        )
        # a commune or a district may be named longer than a province (`xã Hưng Yên Bắc`)
        j += max(known, length)
        if j > self.i + level:
            self.place = self.text[tokens[self.i + level][1] : tokens[j - 1][2]]
            self.end = tokens[j - 1][2]
        raise _Stop

    def province(self) -> bool:
        """A province or a country right after the name (`Tỉnh ủy Long An`, `Bộ Tài chính Ấn
        Độ`) ends it, unless a place word follows (`Mặt trận Tổ quốc Việt Nam xã`):
        rules/gazetteers/provinces.txt, countries.txt."""
        places = self.lexicon.places
        # the longest place: `Thái Bình Dương` (regions.txt), not the province `Thái Bình`
        width = max(
            starts_with(self.tokens, self.i, places.provinces),
            starts_with(self.tokens, self.i, places.regions),
            self._country_width(),
        )
        if not width:
            return False
        self.take(width)
        if self.i < len(self.tokens) and level_width(self.tokens, self.i, self.lexicon):
            self.named = True
            return True
        if self._branch_width():
            return True  # `Ngân hàng … Việt Nam chi nhánh Phú Nhuận`: the branch is named on
        partner = self._partner_country()
        if partner:
            # `Bệnh viện Việt Nam - Cuba Đồng Hới`: two countries joined by a dash name the
            # body's friendship, and the name goes on
            self.take(partner)
            self.named = True
            # and it may end with the town it serves (`… Cuba Đồng Hới`)
            town = place_length(self.tokens, self.i, self.lexicon, titled=self.titled)
            if town:
                self.take(town)
                raise _Stop
            return True
        self.place = " ".join(t[0] for t in self.tokens[self.i - width : self.i])
        raise _Stop

    def branch(self) -> bool:
        """`chi nhánh` and the branch's own name right after its parent's (`Ngân hàng Nông
        nghiệp và phát triển nông thôn Việt Nam chi nhánh Phú Nhuận`, `Ngân hàng BIDV chi nhánh
        Bình Định`, `Ngân hàng Công thương chi nhánh 3 TP. HCM`): the branch is the body the
        writer names, its parent written directly before it stays in its name (annotation
        guide: a parent joined directly), and `org_resolution._parent_of_branch` lists the
        parent as well. Read only where the branch's name follows, a place, a capitalized word
        or a number before one (not `… chi nhánh tại Đà Nẵng`, `các chi nhánh`); a dash or a
        comma before `chi nhánh` sets the parent apart and has ended the name already."""
        width = self._branch_width()
        if not width:
            return False
        self.take(width)
        self.named, self.proper, self.proper_word, self.end_before_lower = True, False, False, None
        return True

    def _branch_width(self) -> int:
        """How many tokens `chi nhánh` (rules/defines.yml ORG_BRANCH) and the number of the
        branch take at the scan's position, where the branch's name follows right after them
        and a name was read before them; 0 otherwise."""
        tokens, i = self.tokens, self.i
        if not self.named or i == 0 or i + 2 >= len(tokens) or not tokens[i - 1][0][-1:].isalnum():
            return 0
        found = self.lexicon.bodies.branch.match(self.text, tokens[i - 1][2])
        if found is None or found.group().lstrip()[:1] in "-–":
            return 0
        j = i + self._tokens_until(found.end())
        if j == i or j >= len(tokens) or tokens[j][1] != found.end():
            return 0
        if tokens[j][0].isdigit() and j + 1 < len(tokens):
            j += 1  # `chi nhánh 3 TP. HCM`
        if not (CAP_RE.match(tokens[j][0]) or level_width(tokens, j, self.lexicon)):
            return 0
        return j - i

    def _partner_country(self) -> int:
        """How many tokens a dash and a second country take right here (`- Cuba`), or 0."""
        if self.word() not in ("-", "–") or self.i + 1 >= len(self.tokens):
            return 0
        width = starts_with(self.tokens, self.i + 1, self.lexicon.places.countries)
        return width + 1 if width else 0

    def _country_width(self) -> int:
        """How many tokens from here name a country, when one follows the name: not the start
        of a word (`Pháp luật`, `Mỹ nghệ`), nor, for a one-syllable country, a syllable of a
        proper name (`Hoàng Anh`)."""
        width = starts_with(self.tokens, self.i, self.lexicon.places.countries)
        if not width:
            return 0
        after = self.word(width)
        if LOW_RE.match(after) and f"{self.word().lower()} {after}" in self.lexicon.bodies.words:
            return 0
        if width == 1 and self.i > 0 and not (self.last_lower or self.completed):
            return 0
        if (
            width == 1
            and (self.i == 0 or self.last_lower or (self.completed and not self._holder_may_follow))
            and TITLE_CASE_RE.match(after)
            and after not in (self.lexicon.names.surnames)
            and (self.i == 0 or not self.lexicon.names.is_foreign(after))
        ):
            # `Công ty Đức Bình`, `Công ty … dịch vụ Đức Thịnh`, `Công ty cổ phần Tập đoàn Đức
            # Bình`: a syllable of the body's own name, not a foreigner's name after a body's
            # country (`Bộ An ninh nội địa Mỹ Kirstjen Nielsen`, and after a title `Bộ trưởng
            # Thương mại Anh Liam Fox`)
            return 0
        return width

    @property
    def _holder_may_follow(self) -> bool:
        """Whether a title stands before the head or is it (`Bộ trưởng Thương mại`), so the
        body's holder may follow its name."""
        return self.titled or self.head.lower() in self.lexicon.titles.by_lower

    def inner_body(self) -> bool:
        """Another body's head right after this one's (`Đoàn Tổng công ty Điện lực TP. HCM`,
        `Đảng ủy Công ty TNHH …`): the name reads on through that body, which ends it. A Party
        committee of a province or a district may be written in lower case there (`Ủy ban kiểm
        tra tỉnh ủy Quảng Nam`, `Ban thường vụ huyện ủy`). Further on, a head of several
        syllables written in sentence case opens the inner body as well (`Ban Kiểm soát Tổng
        công ty`, `Đảng bộ Cơ quan Ban chỉ đạo Tây Nam Bộ`): its lower-case syllables are no
        word a capitalized one completes, nor a title (`Tổng giám đốc`)."""
        if not (TITLE_CASE_RE.match(self.word()) or (self.i == 0 and LOW_RE.match(self.word()))):
            return False
        start = self.tokens[self.i][1]
        head_end = head_at(self.text, start, self.lexicon)
        if head_end is None:
            return False
        # `Tổng công ty`, `Ban chỉ đạo`: the head goes on in lower case past a first syllable
        # that is a word of its own (not `Tập đoàn`, `Tổ chức`, one word of the name)
        width = self._tokens_until(head_end)
        sentence_case = bool(
            TITLE_CASE_RE.match(self.word())
            and width > 1
            and all(LOW_RE.match(self.word(k)) for k in range(1, width))
            and f"{self.word()} {self.word(1)}".lower() not in self.lexicon.bodies.words
        )
        if self.i != 0 and not sentence_case:
            return False
        bodies = self.lexicon.bodies
        entry = bodies.head_entry(self.text[start:head_end])
        committee = bool(
            entry and entry.alone and entry.type == "party" and entry.level in _COMMITTEE_LEVELS
        )
        outer = self.titled_head
        outer_entry = bodies.head_entry(bodies.expand(outer))
        # `HĐQT công ty CP Vận tải đường sắt Hà Nội`: a board and the business it governs
        board = bool(
            outer_entry
            and outer_entry.type == "enterprise"
            and outer_entry.level == "unit"
            and entry
            and entry.type == "enterprise"
        )
        # `Đảng bộ trường Chính trị Trần Phú`, `Chi bộ phòng Kinh tế`: a Party committee of a
        # unit the writer named in sentence case (not `Tiểu ban tổ chức …`, a verb's head)
        unit_committee = bool(
            outer_entry
            and outer_entry.type == "party"
            and outer_entry.level in (None, "unit")
            and entry
            and entry.type != "party"
            and not entry.verb
            # not a word the two make (`Hội trường Thống Nhất` is a hall)
            and f"{outer.split()[-1]} {self.word()}".lower() not in bodies.words
        )
        if LOW_RE.match(self.word()) and not (committee or board or unit_committee):
            return False
        inner = scan_name(self.text, start, head_end, self.lexicon)
        lower_unit = LOW_RE.match(self.word()) and unit_committee and not (committee or board)
        if lower_unit and not inner.named:
            return False  # `Đảng bộ bộ phận …`, `Chi bộ khoa …` of what?
        described_end = inner.end if inner.description_end is None else inner.description_end
        if (
            not (inner.named or inner.place or inner.place_level)
            and described_end > head_end
            and opens_with(outer, bodies.heads_with_lower_case_names)
        ):
            # `Cục Cảnh sát điều tra tội phạm về ma túy`: a force and its qualifier name the
            # unit's field, which its name goes on to describe in lower case
            self.i += self._tokens_until(described_end)
            self.end, self.named, self.last_lower = described_end, True, True
            self.capital_words += 1
            return True
        # a sentence-case head alone still names the inner body (`Văn phòng Ban chỉ đạo;`),
        # unless yet another body follows it (`Ban cán sự Đảng bộ Công Thương`)
        bare = sentence_case and head_at(self.text, head_end + 1, self.lexicon) is None
        if inner.end <= head_end and not (entry and entry.alone):
            if not bare:
                return False  # `Đảng ủy Sở` of which department?
            # the head is taken whole, and the name reads on after it as it would after its
            # first syllable (`Văn phòng Ban chỉ đạo 94 trung ương`)
            self.i += width
            self.end, self.named, self.last_lower = head_end, True, True
            self.capital_words += 1
            return True
        self.end, self.named = inner.end, True
        self.place_level, self.place = inner.place_level, inner.place
        raise _Stop

    def joined_parent(self) -> bool:
        """A unit's parent written right after the unit's capitalized name, its head in lower
        case (`Ban Biên tập báo Nhà báo và Công luận`, `ban Quốc tế báo Thanh Niên`, `Ủy ban
        Quốc gia đảng Dân chủ`): a parent joined directly stays in the unit's name (GUIDE.md,
        organizations: `Văn phòng Sở Xây dựng`), and it ends the name. Read only after a unit's
        head (rules/gazetteers/heads_of_units.txt) whose name ended in a capitalized word: a
        verb there (`Ban Bí thư Trung ương Đảng tổ chức Hội nghị`) is left out by
        `_joined_parent_at`."""
        bodies = self.lexicon.bodies
        if self.i == 0 or self.last_lower or not self.named:
            return False
        if not opens_with(self.titled_head, bodies.heads_of_units):
            return False
        parent = _joined_parent_at(self.text, self.tokens[self.i][1], self.lexicon)
        if parent is None:
            return False
        head_start = self.head_end - len(self.head)
        if (
            self.text[head_start : head_at(self.text, parent.start, self.lexicon)].lower()
            in bodies.heads_by_lower
        ):
            return False  # `ban Cán sự đảng Chính phủ`: the lower-case word ends a longer head
        self.end, self.place_level, self.place = parent.end, parent.place_level, parent.place
        self.parent_start = parent.start
        raise _Stop

    def _tokens_until(self, end: int) -> int:
        """How many tokens from the current one end at or before character `end`."""
        count = 0
        while self.i + count < len(self.tokens) and self.tokens[self.i + count][2] <= end:
            count += 1
        return count

    def spelled_legal_form(self) -> bool:
        """A company's legal form spelled out and capitalized (`Trách nhiệm hữu hạn`): part of
        the name, which goes on after it (rules/gazetteers/legal_form_spellings.yml)."""
        if not CAP_RE.match(self.word()):
            return False
        found = self.lexicon.bodies.legal_form_spelled.match(self.text, self.tokens[self.i][1])
        if found is None:
            return False
        self.named = True
        self.take(self._tokens_until(found.end()))
        self.proper = self.proper_word = False
        return True

    def _holder_named_here(self, named_after_people: bool) -> bool:
        """Whether the capitals from here are a person's full name and nothing more: a family
        name and two title-case syllables, then no capital; not a place (`Trần Phú Hà Tĩnh`
        goes on). A head named after people (`Trường`, `Công ty`) keeps a name read right
        after it (`Trường THPT Lê Quý Đôn`): its holder follows only a proper name of its own."""
        tokens = self.tokens
        if self.i + 2 >= len(tokens) or not all(
            TITLE_CASE_RE.match(tokens[self.i + k][0])
            and tokens[self.i + k][1] == tokens[self.i + k - 1][2] + 1
            for k in (1, 2)
        ):
            return False
        if self.i + 3 < len(tokens) and CAP_RE.match(tokens[self.i + 3][0]):
            return False
        if self.word() not in self.lexicon.names.common_surnames:
            return False
        # a name wholly in lower case before it is left to the officials' reading of the post
        # (`Viện trưởng Viện nghiên cứu lập pháp Nguyễn Đình Quyền`: posts.lower_case_tail)
        # … but one after a committee's topic ends it (`phó chánh văn phòng Ban chỉ đạo trung
        # ương về phòng chống thiên tai Nguyễn Trường Sơn`)
        proper_before = any(TITLE_CASE_RE.match(t[0]) for t in tokens[: self.i])
        return (proper_before or self.topic) and (named_after_people or self.last_lower)

    def _holder_abroad_here(self) -> bool:
        """Whether the capitals from here are the holder's name of another language after a
        title (`Chủ tịch Đại học Columbia | Lee Bollinger`, `Tổng giám đốc công ty du lịch Koryo
        Tours | Simon Cockerell`): a given name common abroad that starts a name ending the
        capitals (Names.holder_abroad_at), after a capitalized word of the body's own name (not
        `Quỹ Kofi Annan`, a body named after a person) and no joiner (`Bill & Melinda Gates`),
        where that name starts with no given name itself (`Trường John Robert Power`)."""
        tokens, names = self.tokens, self.lexicon.names
        if not (
            self._holder_may_follow
            and self.i > 0
            and not self.lexicon.bodies.name_joiner.fullmatch(tokens[self.i - 1][0])
            and CAP_RE.match(tokens[self.i - 1][0])
        ):
            return False
        first = self.i - 1
        while first > 0 and CAP_RE.match(tokens[first - 1][0]):
            first -= 1
        return tokens[first][0] not in names.foreign_given_names and (
            names.holder_abroad_at(self.text, tokens[self.i][1]) is not None
            # … or a name of East Asia, its given name's hyphen spaced (`tập đoàn Hanjin | Cho
            # Yang - ho`; Names.east_asian_name_at)
            or names.east_asian_name_at(self.text, tokens[self.i][1]) is not None
        )

    def _district_of_its_committee(self) -> bool:
        """Whether two capitalized syllables, and no more, right after a district's Party
        committee name its district (`Bí thư Huyện ủy Lý Sơn`, `Huyện ủy Kim Thành`), not its
        holder, whose full name has three (rules/gazetteers/district_committees.yml); not where
        the sentence has named the committee already (`Ban Thường vụ Huyện ủy Hóc Môn và … Bí
        thư Huyện ủy Nguyễn Cư`)."""
        tokens = self.tokens
        head_start = self.head_end - len(self.head)
        return (
            self.i == 0
            and self.titled_head in self.lexicon.places.district_committees
            and self.head.casefold() not in self.text[:head_start].casefold()
            and self.i + 1 < len(tokens)
            and tokens[self.i + 1][1] == tokens[self.i][2] + 1
            and bool(TITLE_CASE_RE.match(tokens[self.i + 1][0]))
            and not (self.i + 2 < len(tokens) and CAP_RE.match(tokens[self.i + 2][0]))
        )

    def capitalized(self) -> bool:
        """A capitalized syllable, and the lower-case one that completes its word (`Tài
        nguyên`, not `Phương Nam tiến hành`); a person's name, a bare number or a roman
        numeral ends the name: rules/gazetteers/surnames.txt, numbered_heads.txt."""
        word, tokens, bodies = self.word(), self.tokens, self.lexicon.bodies
        if not CAP_RE.match(word):
            return False
        is_person = (
            word in self.lexicon.names.surnames
            and bool(CAP_RE.match(self.word(1)))
            and self.i + 1 < len(tokens)
            and not word.isupper()
            and not (self.i > 0 and tokens[self.i - 1][0] == "&")  # `Rau & Hoa Đà Lạt`
            # right after the head, a name of another language of two words is the body's own
            # (`Đại học La Trobe`), not its holder's; one of three is a holder's (`Phó Chủ tịch
            # đảng Kim Yong Chol`)
            and not (
                self.i == 0
                and self.lexicon.names.is_foreign(f"{word} {self.word(1)}")
                and not CAP_RE.match(self.word(2))
            )
            and not self._district_of_its_committee()
        )
        head = self.titled_head
        # after a lower-case word of a descriptive name, a name is the body's own (`Ban quản lý
        # chợ Võ Thành Trang`), not a person's
        own = self.last_lower and opens_with(head, bodies.heads_with_lower_case_names)
        # a head written short names people as its full form does (`HTX`, `DNTN Hà Bảo`)
        full_head = bodies.abbreviations.get(head, head)
        # a head that is a body's whole name names no one (`Ngân hàng Nhà nước Đặng Thanh Bình`:
        # the bank, then its deputy governor), though `Ngân hàng` alone may
        entry = bodies.heads.get(full_head)
        named_after_people = opens_with(full_head, bodies.heads_named_after_people) and not (
            entry and entry.alone
        )
        if is_person and not named_after_people and not own:
            raise _Stop
        if self._holder_abroad_here():
            raise _Stop
        if is_person and self.titled and self._holder_named_here(named_after_people):
            # after a title, a full name that ends the capitals is the holder's, even after a
            # descriptive name (`Cục trưởng cục Chống tham nhũng Phạm Trọng Đạt`) or a
            # business's own name (`Chủ tịch tập đoàn Hoa Sen Trần Ngọc Chu`)
            raise _Stop
        if (
            self.end_before_lower is not None
            and self.last_lower
            and not self.lexicon.bodies.name_joiner.fullmatch(tokens[self.i - 1][0])
            and not (self.plural_from is not None and self._capitalized_common_word(self.i))
        ):
            # lower-case words that must lead to a place: `Hội hoa xuân Tao Đàn`, but `Hội Bảo
            # trợ người khuyết tật và Bảo vệ quyền trẻ em tỉnh`, and the many bodies a name
            # unites, named in sentence case (`Liên hiệp các hội Khoa học và Kỹ thuật`)
            raise _Stop
        numbered = opens_with(full_head, bodies.numbered_heads) or (
            self.i > 0 and tokens[self.i - 1][0].lower() in bodies.number_introducers
        )
        # a numbered body's number goes on to its name (`HTX Nông nghiệp II Nhơn Thọ`), or is
        # its whole name right after the head (`Cục III Thanh tra Chính phủ`, `Tổng cục IV`);
        # a roman numeral ends any other name (`Đại hội XIII`)
        roman_inside = numbered and (
            (self.named and bool(CAP_RE.match(self.word(1))))
            or (self.i == 0 and word.isupper() and not self._initial(self.i))
        )
        # after a proper name a number that the sentence goes on from counts (`xử phạt HTX CN
        # Thanh Tùng 2 lần`)
        counted = word.isdigit() and self.proper_word and bool(LOW_RE.match(self.word(1)))
        if (word.isdigit() and not numbered) or counted:
            raise _Stop
        if ROMAN_RE.match(word) and not roman_inside:
            raise _Stop
        if self._title_here(word):
            raise _Stop
        self.named = True
        if word not in bodies.legal_forms:
            self.capital_words += 1
        follows_capital = (
            self.i > 0 and not self.last_lower and bool(TITLE_CASE_RE.match(tokens[self.i - 1][0]))
        )
        follows_lower = self.last_lower
        self.completed = False
        self.take(1)
        i = self.i
        after_proper = (
            i >= 2
            and TITLE_CASE_RE.match(tokens[i - 2][0])
            and f"{tokens[i - 2][0].lower()} {word.lower()}" in bodies.words
        )
        pair = f"{word.lower()} {tokens[i][0]}" if i < len(tokens) else ""
        three = self._three_syllable_word(word)
        if three:
            # `Bộ Tổng tham mưu`, `Đài khí tượng`, `Tổng liên đoàn`: one common word
            self.take(three)
            self.proper = self.proper_word = False
            self.completed = True
        elif (
            i < len(tokens)
            and not after_proper
            and (TITLE_CASE_RE.match(word) or len(word) == 1)
            and LOW_RE.match(tokens[i][0])
            # a function word ends the name, but where the two make a word of names (`Hàng
            # không`, `Phòng không`: org_name_words.txt)
            and (tokens[i][0] not in bodies.function_words or pair in bodies.name_words)
            and pair in bodies.words
            and not level_width(tokens, i, self.lexicon)
            and starts_with(tokens, i, bodies.stop_words) < 2  # `Phương Nam tiến hành`
        ) or (not follows_capital and self._completed_between_capitals(word)):
            self.take(1)
            # a common word: `Tài nguyên`
            self.proper = self.proper_word = False
            self.completed = True
        else:
            # a capitalized word after lower-case ones is a proper name (`sông Đuống`), and so
            # is the rest of its capitalized run (`câu lạc bộ bóng đá Thường Xuân`, `May Bình
            # Minh`): the name does not go on in lower case after it
            # (an abbreviation of common words is none: `Hội đồng thi THPT quốc gia`)
            self.proper_word = self._is_proper(word, follows_capital) or (
                follows_lower and not self._common_abbreviation(word)
            )
            self.proper = self.proper_word or (
                follows_capital and self.proper and word not in bodies.legal_forms
            )
        return True

    def _title_here(self, word: str) -> bool:
        """Whether a title written in sentence case opens here (`Tổng giám đốc`, `Phó giám
        đốc`): its capital is no word of the body's name (`Ban Tổng | giám đốc và …`, `tương
        đương Phó | giám đốc sở`), which ends before it. Not a capitalized word that a title
        only begins with (`Ban Thư ký biên tập`: `thư ký` is a word of its own)."""
        tokens, i = self.tokens, self.i
        if i + 1 >= len(tokens) or not TITLE_CASE_RE.match(word) or not LOW_RE.match(self.word(1)):
            return False
        found = self.lexicon.titles.title.match(self.text, tokens[i][1])
        return (
            found is not None
            and found.end() > tokens[i + 1][1]
            and f"{word.lower()} {self.word(1)}" not in self.lexicon.bodies.words
        )

    def _completed_between_capitals(self, word: str) -> bool:
        """Whether the one lower-case syllable after the capitalized common `word` just taken
        completes its word because the name's common words go on, capitalized, right after it
        (`trung tâm Lưu ký Chứng khoán`, `phòng Tiền gửi Ngân hàng`): a writer who capitalizes
        the first syllable of each word of a name leaves no lower-case word of its own between
        two, so the syllable belongs to the word before it even where the dictionary lacks the
        pair or the syllable alone is a verb (`ký`, `gửi`). The word after must be a common
        one (Viet74K) and no title: before a proper name or a place the syllable may be the
        verb of the sentence (`Báo Hàn nói Triều Tiên`, `Hội Tam Hoàng ở Hong Kong`,
        `… Gia Bảo gửi Thủ tướng`). The caller takes `word` as the first syllable of a word
        of the name, not inside a capitalized run (`Gia Bảo`)."""
        tokens, i, bodies = self.tokens, self.i, self.lexicon.bodies
        if i + 2 >= len(tokens) or not TITLE_CASE_RE.match(word):
            return False
        low, following, second = (t[0] for t in tokens[i : i + 3])
        return bool(
            word.lower() in bodies.common_words
            and LOW_RE.match(low)
            and low not in bodies.function_words
            and TITLE_CASE_RE.match(following)
            and LOW_RE.match(second)
            and f"{following.lower()} {second}" in bodies.common_words
            # one space apart, nothing between: a name written on, not a clause after it
            and all(tokens[k][1] == tokens[k - 1][2] + 1 for k in (i, i + 1, i + 2))
            and not self.lexicon.titles.title.match(self.text, tokens[i + 1][1])
        )

    def _three_syllable_word(self, word: str) -> int:
        """How many lower-case syllables after the capitalized `word` just taken complete a
        common word of three syllables (Viet74K: `Tổng tham mưu`, `Đài khí tượng`, `Thanh thiếu
        niên`), which the writer capitalized as one word and no pair of its syllables need be
        (`tổng tham`); 2, or 0 when none does. Not a title (`Tổng giám đốc`, `Phó giám đốc`),
        which follows a body rather than naming it, nor another body's head, however capitalized
        (`phòng dự báo | Đài khí tượng thủy văn`, `Đảng đoàn | Tổng liên đoàn Lao động`), which
        the scan does not read into."""
        tokens, i = self.tokens, self.i
        if i + 1 >= len(tokens) or not TITLE_CASE_RE.match(word):
            return 0
        words = (tokens[i][0], tokens[i + 1][0])
        if not all(LOW_RE.match(w) for w in words) or any(
            tokens[k][1] != tokens[k - 1][2] + 1 for k in (i, i + 1)
        ):
            return 0
        three = f"{word.lower()} {words[0]} {words[1]}"
        bodies = self.lexicon.bodies
        if three not in bodies.common_words:
            return 0
        start = tokens[i - 1][1]
        if self.lexicon.titles.title.match(self.text, start) or head_at(
            self.text, start, self.lexicon
        ):
            return 0
        # a head however it is capitalized (`Tổng liên đoàn`): a body of its own is named there
        return 0 if three in _head_openings(self.lexicon) else 2

    def _initial(self, i: int) -> bool:
        """Whether token `i` is an initial of an abbreviation (`I` of `Công ty I.V. C`)."""
        end = self.tokens[i][2]
        return self.text[end : end + 1] == "." and self.text[end + 1 : end + 2].isalpha()

    def _common_abbreviation(self, word: str) -> bool:
        """Whether `word` abbreviates common words (`THPT`, `DV`), not a proper name."""
        full = self.lexicon.bodies.abbreviations.get(word)
        return (
            word.isupper()
            and len(word) > 1
            and full is not None
            and full.lower() in self.lexicon.bodies.common_words
        )

    def _is_proper(self, word: str, follows_capital: bool) -> bool:
        """Whether a capitalized word just taken ends a proper name (`Viettel`, `Vĩnh Phát`,
        `IPC`) rather than a common one (`Bông`, `Dệt`, an abbreviation such as `TNHH`)."""
        bodies = self.lexicon.bodies
        if word.isdigit():
            return True
        if word.isupper() and len(word) > 1:
            # `TNHH`, and an abbreviation of common words (`DV` for `Dịch vụ`, `THPT`): the
            # name may go on in lower case after it (`Công ty TNHH DV hàng hóa Tân Sơn Nhất`)
            return word not in bodies.legal_forms and not self._common_abbreviation(word)
        if follows_capital:
            previous = self.tokens[self.i - 2][0]
            return f"{previous.lower()} {word.lower()}" not in bodies.common_words
        return word.lower() not in bodies.common_words

    def joiner(self) -> bool:
        """`và`, `&` or `-` before a further part of the same name (`Nông nghiệp và Phát triển
        nông thôn`, `GD-ĐT`), not before another body, a person or a credit (`- Ảnh:`):
        rules/gazetteers/org_name_words.txt, org_name_words_after_and.txt, credit_words.txt."""
        word, follows, after_follows = self.word(), self.word(1), self.word(2)
        # also inside a description in lower case (`Trung tâm nghiên cứu chiến lược và quốc
        # tế`, `Viện nghiên cứu phát triển kinh tế - xã hội Đà Nẵng`)
        described = self.last_lower and self._lower_case_named()
        if not self.lexicon.bodies.name_joiner.fullmatch(word) or not (self.named or described):
            return False
        if word == self.lexicon.bodies.and_word and (self.proper or follows.isdigit()):
            # `Nhà máy thép Dana Úc và Dana Ý`: a second body; `Tổng cục Thuế và 17 cục thuế`
            return False
        if word == "and" and not (self.proper and CAP_RE.match(follows)):
            return False  # only between two capitalized words of an English name
        bodies = self.lexicon.bodies
        next_start = self.tokens[self.i + 1][1] if self.i + 1 < len(self.tokens) else len(self.text)
        if self._inside_an_abbreviation():
            self.i += 1  # `VH-TT&TT`: not the title `TT` after a dash
            return True
        if not self.named:
            # a description goes on only in lower case (not `Trung tâm thực hành chẩn đoán và
            # xét nghiệm - Khu nhà …`), not into another body (`Ban quản lý rừng và công ty`),
            # and with `và` only after a description of some length (`Cục phát triển thị
            # trường và doanh nghiệp …`, not `Ban quản lý làng và dân làng`)
            if (
                word == "&"
                or (word == self.lexicon.bodies.and_word and self.lower_words < 2)
                or head_at(self.text, next_start, self.lexicon) is not None
                or not self._lower_after_joiner()
            ):
                return False
            self.i += 1
            return True
        if head_at(self.text, next_start, self.lexicon) is not None:
            return False
        if CAP_RE.match(follows) and self.lexicon.titles.title.match(self.text, next_start):
            return False  # `Ban Bí thư và Thủ tướng`, `Sở Nội vụ và Giám đốc Sở Tài chính`
        if word == self.lexicon.bodies.and_word and self._document_follows():
            return False  # `Quy định số 101-QĐ/TW … của ban Bí thư và Quy định số 5946-QĐ/TU`
        # `&` joins two parts of one name, never a body and a person (`Rau & Hoa Đà Lạt`)
        person_follows = (
            word != "&"
            and follows in self.lexicon.names.surnames
            and bool(CAP_RE.match(after_follows))
        ) or follows in bodies.credit_words
        if self._dash_partner():
            return True
        if (
            (CAP_RE.match(follows) and not person_follows and not follows.isupper())
            or (word != "&" and starts_with(self.tokens, self.i + 1, bodies.name_words))
            or (
                word == self.lexicon.bodies.and_word
                and starts_with(self.tokens, self.i + 1, bodies.name_words_after_and)
            )
            # `GD-ĐT`, `LĐ-TB&XH`, `NN & PTNT`: one abbreviation written with dashes
            or (follows.isupper() and self.tokens[self.i - 1][0].isupper())
            # `Cục Quản lý nhà và thị trường bất động sản`: a lower-case part after another
            or self._lower_after_joiner()
        ):
            self.i += 1
            return True
        return False

    def _document_follows(self) -> bool:
        """Whether a numbered document, or a Party resolution, is named after the joiner: its
        type (rules/gazetteers/doc_types.yml) and then `số`, a number or a capital (`… của Bộ
        Giao thông vận tải và Quy định số 172-QĐ/TW`, `và Nghị quyết Đại hội Đảng bộ …`), the
        next item of a list of documents rather than a further part of the body's name."""
        types = self.lexicon.documents.type_by_lower
        for width in (3, 2, 1):
            words = [t[0] for t in self.tokens[self.i + 1 : self.i + 1 + width]]
            if len(words) < width or not CAP_RE.match(words[0]):
                continue
            if " ".join(words).lower() in types:
                after = self.word(1 + width)
                return (
                    after == self.lexicon.documents.number_sign_word
                    or after[:1].isdigit()
                    or bool(CAP_RE.match(after))
                )
        return False

    def _dash_partner(self) -> bool:
        """A dash and a country that is the name's partner, taken, which closes the name: in a
        business's name (`Công ty CP thép Dana - Ý`, though the country is one capital letter)
        or after a country written short (`Quỹ Giáo dục VN - Hoa Kỳ`, though `Hoa` is a family
        name); elsewhere a country after a dash is where the body is (`Trường ĐH … Nam
        California - Hoa Kỳ`)."""
        partner = self._partner_country()
        if not partner or not self.proper:
            return False
        bodies = self.lexicon.bodies
        entry = bodies.head_entry(bodies.expand(self.titled_head))
        before = self.word(-1)
        if not (
            (entry and entry.type == "enterprise")
            or bodies.abbreviations.get(before, "") in self.lexicon.places.countries
        ):
            return False
        self.take(partner)
        self.proper = self.proper_word = True
        return True

    def _inside_an_abbreviation(self) -> bool:
        """Whether the joiner here is written inside one abbreviation, with no space on either
        side (`VH-TT&TT`, `GD-ĐT`)."""
        if self.i == 0 or self.i + 1 >= len(self.tokens):
            return False
        before, joiner, after = self.tokens[self.i - 1 : self.i + 2]
        return (
            before[2] == joiner[1]
            and joiner[2] == after[1]
            and before[0].isupper()
            and after[0].isupper()
        )

    def _lower_after_joiner(self) -> bool:
        """Whether a lower-case part follows `và` or `-`: after another lower-case part (`Cục
        Quản lý nhà và thị trường`), or after one capitalized word of a name that goes on in
        lower case (`Tổng công ty Đầu tư và kinh doanh vốn Nhà nước`); after any other name, a
        part that must lead to the name's place (`Ban Xúc tiến và hỗ trợ đầu tư Đà Nẵng`), as
        `lower_case` reads it. Never a place of its own (`Bộ Công thương và tỉnh Hậu Giang`)."""
        if not self.goes_on_lower(self.i + 1) or level_width(self.tokens, self.i + 1, self.lexicon):
            return False
        heads = self.lexicon.bodies.heads_with_lower_case_names
        if self.last_lower or (self.capital_words == 1 and opens_with(self.titled_head, heads)):
            return True
        if self.capital_words == 0:
            return False
        if self.end_before_lower is None:
            self.end_before_lower = self.end
        return True

    def aside(self) -> bool:
        """An acronym in parentheses inside the name, before its place or its parent (`Sở Giao
        thông vận tải (GTVT) TP HCM`, `Hội đồng nhân dân (HĐND) tỉnh`, `Phòng hình sự (PC 45)
        Công an TP. HCM`), also after a qualifier (`Viện Kiểm sát nhân dân (KSND) tỉnh`): the name
        reads on after it (`Bodies.expand` drops it)."""
        if self.word() != "(" or not (self.named or self.qualified or self.i == 0):
            return False
        found = ORG_ASIDE.match(self.text, self.tokens[self.i][1] - 1)
        if found is None:
            return False
        j = self.i
        while j < len(self.tokens) and self.tokens[j][1] < found.end():
            j += 1
        if j >= len(self.tokens):
            return False
        following = self.tokens[j][1]
        if not (
            level_width(self.tokens, j, self.lexicon)
            or starts_with(self.tokens, j, self.lexicon.places.provinces)
            or head_at(self.text, following, self.lexicon)
        ):
            return False
        self.i = j
        return True

    def qualifier(self) -> bool:
        """Before any name: `khối`, `cơ sở`, `nhân dân`, also `Khối` before a name in lower case
        or a capitalized one (`Đảng ủy Khối các cơ quan tỉnh`, `Đảng ủy Khối Doanh nghiệp`):
        rules/gazetteers/org_qualifiers.txt; a verb after a force every place has is none."""
        bodies = self.lexicon.bodies
        width = 0 if self.named else starts_with(self.tokens, self.i, bodies.qualifiers)
        if not width:
            return False
        entry = bodies.heads.get(self.titled_head)
        if entry and entry.placed and starts_with(self.tokens, self.i, bodies.stop_words) >= width:
            return False  # `Công an điều tra vụ án`: the police investigate
        self.take(width)
        self.qualified = True
        return True

    def name_words(self) -> bool:
        """Lower-case words that name bodies (`quỹ đất`, `công trình`), also right after the
        head (`Trung tâm xúc tiến đầu tư tỉnh`): rules/gazetteers/org_name_words.txt, and
        after `và` org_name_words_after_and.txt."""
        bodies = self.lexicon.bodies
        if self.proper or self._closed_by_capitals():
            return False
        # also right after a qualifier (`Đảng ủy khối doanh nghiệp tỉnh`)
        opening = self.i == 0 or (self.qualified and not self.named)
        width = starts_with(self.tokens, self.i, bodies.name_words) if self.named or opening else 0
        if width and not (self.last_lower or opening) and self.verb_here(width):
            return False  # `Sở Nội vụ thông tin`: the sentence goes on
        if not width and self.i > 0 and self.tokens[self.i - 1][0] == self.lexicon.bodies.and_word:
            width = starts_with(self.tokens, self.i, bodies.name_words_after_and)
        if not width:
            return False
        self.named = True
        self.lower_words += 1
        self.take(width, lower=True)
        return True

    #: the steps in the order the scan tries them, each with what the word at the scan's
    #: position must be for it to apply: its own first check, which `_steps_for` reads once
    #: per word, so that a token is offered only to the steps that may take it, in this order
    STEPS: ClassVar[tuple[tuple[Step, WordCheck], ...]] = (
        (sector_name, lambda word, lexicon: word in lexicon.bodies.sector_first_words),
        (attached_place, lambda word, lexicon: word in _level_first_words(lexicon)),
        (province, lambda word, lexicon: word in _place_first_words(lexicon)),
        (branch, lambda word, _: bool(LOW_RE.match(word) or TITLE_CASE_RE.match(word))),
        (inner_body, lambda word, _: bool(TITLE_CASE_RE.match(word) or LOW_RE.match(word))),
        (joined_parent, lambda word, _: bool(LOW_RE.match(word))),
        (qualifier, lambda word, lexicon: word in lexicon.bodies.qualifiers.first_words),
        (spelled_legal_form, lambda word, _: bool(CAP_RE.match(word))),
        (
            LowerCaseSteps.business_line,
            lambda word, lexicon: word != lexicon.bodies.and_word and bool(LOW_RE.match(word)),
        ),
        (
            LowerCaseSteps.level_word,
            lambda word, lexicon: word.lower() in lexicon.bodies.level_words.first_words,
        ),
        (capitalized, lambda word, _: bool(CAP_RE.match(word))),
        (LowerCaseSteps.about, lambda word, _: True),  # a pattern of the rules (ORG_TOPIC) reads it
        (joiner, lambda word, lexicon: bool(lexicon.bodies.name_joiner.fullmatch(word))),
        (LowerCaseSteps.comma_list, lambda word, _: word == ","),
        (aside, lambda word, _: word == "("),
        (name_words, lambda word, lexicon: word in _name_first_words(lexicon)),
        (LowerCaseSteps.sentence_case_compound, lambda word, _: bool(LOW_RE.match(word))),
        (LowerCaseSteps.plural, lambda word, lexicon: word in lexicon.bodies.plural_markers),
        (LowerCaseSteps.lower_case, lambda word, _: bool(LOW_RE.match(word))),
    )

    def run(self) -> None:
        try:
            while self.i < len(self.tokens):
                for step in _steps_for(self.tokens[self.i][0], self.lexicon):
                    if step(self):
                        break
                else:
                    break
        except _Stop:
            pass
        if (
            self.end_before_lower is not None
            and not (self.place or self.place_level)
            and not self._closed_by_punctuation()
        ):
            self.end = self.end_before_lower  # `Hội hoa xuân Tao Đàn` is a festival
        if (
            not self.capital_words
            and self.lower_words
            and not (self.place or self.place_level or self.topic)
        ):
            # `Công ty cổ phần`, `Trung tâm hành chính`, `Hợp tác xã đầu tư xây dựng`: lower-case
            # words alone after the head describe it, they do not name it
            self.description_end = self._without_connector(self.end)
            self.end, self.named = self.head_end, False
        self.end = self._without_connector(self.end)

    def _closed_by_punctuation(self) -> bool:
        """Whether the lower-case words read after a capitalized name end where the text
        does, at a bracket (`Đại học Khoa học tự nhiên (ĐH Quốc gia TP. HCM)`): no verb
        follows them, so they are the name's, as a place after them would show. A bracket
        holding only an acronym closes them only where it spells the whole name with them:
        else the words describe the body (`đảng Xã hội Dân chủ cánh tả (SPO)`) or the acronym
        defines them as a term (`sở Giáo dục và Đào tạo phổ biến giáo dục pháp luật
        (PBGDPL)`)."""
        rest = self.text[self.end :].lstrip(" ")
        if rest[:1] not in _CLOSING_MARKS:
            return False
        acronym = _BRACKETED_ACRONYM.match(rest)
        if acronym is None:
            return True
        name = self.text[self.head_end - len(self.head) : self.end]
        initials = "".join(word[0] for word in name.split() if word[0].isalpha())
        return initials.casefold() == acronym.group(1).casefold()

    def _without_connector(self, end: int) -> int:
        """A name never ends on a dangling connector."""
        while end > self.head_end and self.text[:end].rstrip().endswith(
            (f" {self.lexicon.bodies.and_word}", " &", " -")
        ):
            end = len(self.text[:end].rstrip().rsplit(" ", 1)[0])
        return end


#: how many words before a head may form the title it follows (`Phó Chủ tịch Thường trực`)
_TITLE_WORDS = 5


def _after_a_title(text: str, head_start: int, head_end: int, lexicon: Lexicon) -> bool:
    """Whether a title (rules/gazetteers/titles.yml) ends right before the head, or with it
    (`Chánh văn phòng UBND TP Võ Văn Hoan`)."""
    words = text[max(0, head_start - 60) : head_start].lower().split()
    head = text[head_start:head_end].lower()
    titles = lexicon.titles.by_lower
    before = ""
    for word in reversed(words[-_TITLE_WORDS:]):
        before = f"{word} {before}" if before else word
        if before in titles or f"{before} {head}" in titles:
            return True
    return False


@functools.lru_cache(maxsize=1024)
def scan_name(text: str, head_start: int, head_end: int, lexicon: Lexicon) -> OrgName:
    """Read an organization's name rightwards from its head word; see the module docstring.

    Memoized: a sentence's heads are scanned again by the officials' posts, by the head inside
    another's name, by the resolvers."""
    bodies = lexicon.bodies
    head = text[head_start:head_end]
    entry = bodies.heads.get(head) or bodies.head_entry(head)
    longest = (
        head_at(text, head_start, lexicon) if head.lower() in bodies.complete_prefixes else None
    )
    if longest is not None and longest > head_end:
        # `Bộ Chính trị và Trung ương`: the complete head that `Bộ` starts names no more
        longer = bodies.heads.get(text[head_start:longest])
        if longer is not None and longer.complete:
            head_end, head, entry = longest, text[head_start:longest], longer
    tokens = tokens_after(text, head_end, lexicon)
    if entry is not None and entry.complete:
        # `Quốc hội`, `Chính phủ` name no more, but a country's (`Chính phủ Nhật Bản`)
        # … its epithet too, for a force every country has (`Hải quân Hoàng gia Anh`)
        epithet = starts_with(tokens, 0, bodies.force_epithets) if entry.national else 0
        width = starts_with(tokens, epithet, lexicon.places.countries)
        if width and tokens[0][1] == head_end + 1:
            country = " ".join(t[0] for t in tokens[epithet : epithet + width])
            return OrgName(head_start, tokens[epithet + width - 1][2], head, None, country, True)
        # … or the State's formal name (`Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam`)
        state = bodies.state_name.match(text, head_end)
        if state is not None:
            return OrgName(head_start, state.end(), head, None, None, True)
        # … or a party's (`Bộ Chính trị Đảng Cộng sản Trung Quốc`, `Trung ương Đảng Cộng sản
        # Trung Quốc`)
        party = (
            party_at(text, head_end - len(lexicon.bodies.party_head), lexicon)
            if head.endswith(f" {lexicon.bodies.party_head}")
            else _party_after(text, head_end, lexicon)
        )
        if party is not None:
            return dataclasses.replace(party, start=head_start, head=head)
        # … or a place's after its place word (`Quốc hội bang Hessen`)
        level_word = tokens[0][0] if tokens else ""
        width = place_length(tokens, 1, lexicon) if level_word in lexicon.places.levels else 0
        if width:
            place = " ".join(t[0] for t in tokens[1 : 1 + width])
            return OrgName(head_start, tokens[width][2], head, level_word, place, True)
        return OrgName(head_start, head_end, head, None, None, True)
    scan = NameScan(text, head, head_end, tokens, lexicon)
    scan.end = head_end
    scan.titled = _after_a_title(text, head_start, head_end, lexicon)
    scan.run()
    # `Đại sứ quán Ấn Độ tại Việt Nam`; a unit of a bloc or a campus is named with its seat
    # too (`Đảng ủy khối cơ sở Bộ Xây dựng tại TP. HCM`, `Học viện … cơ sở tại TP. HCM`)
    unit = scan.qualified or text[: scan.end].endswith(f" {lexicon.bodies.campus_word}")
    if (entry is not None and entry.located) or unit:
        seat = lexicon.bodies.seat.match(text, scan.end)
        scan.end = seat.end() if seat else scan.end
    scan.end = _with_parent(text, scan, lexicon)
    return OrgName(
        head_start,
        scan.end,
        head,
        scan.place_level,
        scan.place,
        scan.named,
        scan.lower_words,
        scan.description_end,
        scan.parent_start,
    )


def _joined_parent_at(text: str, start: int, lexicon: Lexicon) -> OrgName | None:
    """The parent body that a lower-case head opens at `start` right after its unit's name
    (`báo Thanh Niên` in `ban Quốc tế báo Thanh Niên`), or None: the head (of
    rules/gazetteers/org_heads.yml) is no verb (`tổ chức Hội nghị`), and the parent's own
    name follows it in capitals (not `Khoa Ngoại bệnh viện tỉnh`: the scan reads a place)."""
    head_end = head_at(text, start, lexicon)
    if head_end is None or not _CAPITAL_AFTER.match(text, head_end):
        return None
    entry = lexicon.bodies.head_entry(text[start:head_end])
    if entry is None or entry.verb:
        return None
    parent = scan_name(text, start, head_end, lexicon)
    return parent if parent.named and parent.end > head_end else None


def joined_parent_start(
    text: str, start: int, end: int, own_head: int, lexicon: Lexicon
) -> int | None:
    """Where a parent joined by a lower-case head opens inside the name at `start`..`end`
    (`báo Thanh Niên` of `ban Quốc tế báo Thanh Niên`: `NameScan.joined_parent`), read from
    its longest head (ending at `own_head`) or from a shorter one, as the name may have been
    (`ban` of `ban Giám hiệu trường THPT …`, `Ủy ban` of `Ủy ban Quốc gia đảng Dân chủ`)."""
    shorter = [m.start() for m in _SPACE.finditer(text, start, own_head)]
    for head_end in (own_head, *reversed(shorter)):
        if lexicon.bodies.head_entry(text[start:head_end]) is None:
            continue
        joined = scan_name(text, start, head_end, lexicon).parent_start
        if joined is not None and joined < end:
            return joined
    return None


#: a space: where a shorter head may end inside a longer one (`joined_parent_start`)
_SPACE = regex.compile(" ")
#: a capitalized word right after a position (`công ty Hòa Phát`, `trường THPT`)
_CAPITAL_AFTER = regex.compile(r" \p{Lu}")


def _party_after(text: str, end: int, lexicon: Lexicon) -> OrgName | None:
    """A party named right after a complete head (`Bộ Chính trị đảng Cộng sản Trung Quốc`)."""
    return party_at(text, end + 1, lexicon) if text[end : end + 1] == " " else None


def party_at(text: str, start: int, lexicon: Lexicon) -> OrgName | None:
    """A party of a whole country named at `start` (`Đảng Cộng sản Trung Quốc`, `Đảng Lao động
    Triều Tiên`): a head of rules/gazetteers/org_heads.yml that opens with `Đảng`, read with its
    country."""
    party_end = head_at(text, start, lexicon)
    if party_end is None:
        return None
    bodies = lexicon.bodies
    head = bodies.heads_by_lower.get(text[start:party_end].lower(), "")
    entry = bodies.heads.get(head)
    if not (head.startswith(f"{bodies.party_head} ") and entry and entry.level == "central"):
        return None
    party = scan_name(text, start, party_end, lexicon)
    return party if party.place or entry.complete else None


def _with_parent(text: str, scan: NameScan, lexicon: Lexicon) -> int:
    """`Ủy ban Pháp luật của Quốc hội`: a unit's parent after `của` stays in its name
    (rules/gazetteers/heads_of_units.txt); where the name ends."""
    if not scan.named or scan.place:
        return scan.end
    return parent_end(text, scan.end, scan.titled_head, lexicon)


def parent_end(text: str, end: int, head: str, lexicon: Lexicon) -> int:
    """Where the name of a unit (its `head`, however the writer capitalized it) ending at `end`
    ends with its parent after `của` (`Ủy ban Pháp luật của Quốc hội`, `Trung tâm đăng kiểm tàu
    cá của Bộ Nông nghiệp`): the parent must be named, not a bare head (`của Sở`: which
    department?); `end` when there is none. Heads: rules/gazetteers/heads_of_units.txt."""
    head = lexicon.bodies.heads_by_lower.get(head.lower(), head)  # as the gazetteers write it
    if not opens_with(head, lexicon.bodies.heads_of_units):
        return end
    of = lexicon.bodies.parent_of.match(text, end)
    parent_head = head_at(text, of.end(), lexicon) if of else None
    if of is None or parent_head is None:
        return end
    parent = scan_name(text, of.end(), parent_head, lexicon)
    entry = lexicon.bodies.heads.get(text[of.end() : parent_head])
    if parent.end <= parent_head and not (entry and entry.alone):
        return end  # `của Sở`: which department?
    return parent.end
