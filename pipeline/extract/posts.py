"""Posts and the names next to them: `Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh – Nguyễn Văn Út`.

A chain of posts is read title by title (gazetteers/titles.yml); the body after each title by
the organization scanner, from its head word (`org_names.scan_name`). Some bodies have no head
word the scanner knows (`Tổng liên đoàn lao động`, `Trung ương Đảng`, `Nhà thiếu nhi Q. 11`), or
are written by their sector alone (`Bộ trưởng Nội vụ`); such a body is read word by word, up to
the name that ends it, a separator, or a word that starts the rest of the sentence
(gazetteers/body_stop_words.txt). A country right after a title stays in the title (`Tổng
thống Mỹ`, annotation guide Round 3). A name is Vietnamese (a family name, then capitalized
syllables) or of another language (`Donald Trump`, `Kim Jong-un`), the latter only where the
words around it say that a person is meant.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from pipeline.extract.lexicon import Lexicon, Phrases
from pipeline.extract.org_names import head_at, scan_name, starts_with
from pipeline.extract.places import with_level_word

_SPACES = regex.compile(r"\s*")
_COMMA = regex.compile(r"\s*,\s*")
#: two lower-case words or more ending a body's words (`FAA | thông tin thêm …`, not `Thế
#: giới Di động`)
_LOWER_CASE_END = regex.compile(r"(?:\s+\p{Ll}[\p{L}\p{M}]*){2,}$")
_SPACE_CAPITAL = regex.compile(r"\s+\p{Lu}")
_PROVINCE_AFTER = regex.compile(r"\s+(\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)?)")
_TITLE_CASE = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]")
_TITLE_CASE_OR_ABBREVIATION = regex.compile(r"\p{Lu}")
_CAPITALIZED = regex.compile(r"(?:\p{Lu}|\d)")
_LOWER = regex.compile(r"\p{Ll}[\p{Ll}\p{M}]*$")
_NEXT_LOWER_WORD = regex.compile(r"\s+(\p{Ll}[\p{Ll}\p{M}]*)(?![\p{L}\p{M}])")
_CAPITAL_WORD_AFTER = regex.compile(r"\s+\p{Lu}")
#: the sentence goes on after a name (a verb: `… Bob Kerry cho rằng`), maybe in a quote the
#: holder's words open (`Chánh văn phòng Nhà Trắng John Kelly "đã giúp ngăn …"`), or ends there
_SENTENCE_GOES_ON = regex.compile(r"\s+[\"“'‘]?\p{Ll}|\s*[.!?…]+(?:\s|$)|\s*$")
#: … or a clause after a comma, a headline's colon (`HLV Park Hang Seo: U23 VN nghe lời`)
_NAME_SET_OFF = regex.compile(r"\s*[,:;)]")
#: … or a comma and a lower-case word after the name (`Giám đốc CIA Gina Haspel, theo đài CNN`)
_COMMA_THEN_LOWER = regex.compile(r"\s*,\s*\p{Ll}")
#: one word of a name of another language (FOREIGN_NAME): `Jong-un`, `O'Brien`, `McCain`
_FOREIGN_WORD = regex.compile(
    r"(?:Ma?c(?=\p{Lu}))?\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{L}[\p{Ll}\p{M}'’]*)*"
)
#: where a word starts (after a space)
_WORD_START = regex.compile(r"(?<=\s)\p{Lu}")
#: a name with the initial of a middle name (`George W. Bush`, `George H. W. Bush`): a person,
#: never a body's name, though the initial's full stop ends the run of capitalized words
_NAME_WITH_INITIAL = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+\s+(?:[A-Z]\.\s?){1,2}(?<=\s)\p{Lu}\p{Ll}")
#: the most words a body without a head word may have (`Các vấn đề Nghị viện và Dân tộc
#: Thiểu số của Ấn Độ` has thirteen)
_MOST_BODY_WORDS = 14
#: the most posts one chain holds (a person seldom holds more than five): a chain is read
#: from every title in it, so a longer one would be read in quadratic time
_MOST_POSTS = 8
#: the most lower-case words a body's name may go on with after the scanner stopped
_MOST_LOWER_WORDS = 6
_WORD = regex.compile(r"\S+")
#: a word and the spaces after it: the first of two prefixes (`nguyên | quyền Bí thư`)
_FIRST_PREFIX = regex.compile(r"(\p{L}+)\s+")
#: the most words a body's name may go on with before its holder, set off after an honorific
_MOST_TAIL_WORDS = 8
#: a word of a body's name (a place word keeps its dot: `TP.`), not a punctuation mark
_TAIL_WORD = regex.compile(r"[\p{L}\p{M}\p{N}&]+\.?")
#: a comma or a dash, then a word (an honorific, checked against the gazetteer) and a name
_SET_OFF_HONORIFIC = regex.compile(r"\s*[-–,]\s*(\p{L}+)\s+\p{Lu}")
#: a hyphen inside a name written with spaces around it (`al - Assad`)
_SPACED_HYPHEN = regex.compile(r"\s*-\s*")
#: the rest of an East Asian given name after a spaced hyphen, capitalized (`Kim Kye - Gwan`)
_SPACED_CAPITAL_TAIL = regex.compile(r"\s-\s\p{Lu}[a-z]{1,5}(?![\p{L}\p{M}])")
#: an apostrophe after one capital inside a name, written with spaces around it (`O ' Neill`)
_SPACED_ELISION = regex.compile(r"(?<=(?<![\p{L}])\p{Lu})\s?(['’])\s?(?=\p{Lu})")


@dataclass(frozen=True)
class Post:
    title: str
    organization: str  # expanded, '' when the post names none
    generic: bool  # the organization is a bare head (`Đảng ủy`) that belongs with the title
    country: str = ""  # a country the title names (`Tổng thống Mỹ`)
    head_of_state: bool = False  # a title of gazetteers/heads_of_state.txt


@dataclass(frozen=True)
class Name:
    """A person's name found next to posts."""

    person: str
    honorific: str | None
    start: int
    end: int


#: a full name at the end of a body, after a lower-case word (`… bất động sản Nguyễn Trọng Ninh`)
_TRAILING_PERSON = regex.compile(
    r"(?<![\p{L}\p{M}])(?P<before>\p{Ll}[\p{Ll}\p{M}]*)(?P<space>\s+)"
    r"(?P<person>\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){2,3})$"
)

#: … and a name of another language there: unmarked capitalized words after a lower-case one
_TRAILING_FOREIGN_NAME = regex.compile(
    r"(?<![\p{L}\p{M}])(?P<before>\p{Ll}[\p{Ll}\p{M}]*)(?P<space>\s+)"
    r"(?P<person>\p{Lu}[a-z]+(?:-\p{L}[a-z]*)*(?:\s+\p{Lu}[a-z]+(?: ?- ?\p{L}[a-z]*)*){1,2})$"
)


def person_text(written: str) -> str:
    """A name as the `person` column writes it: `NGUYỄN LÊ NINH` → `Nguyễn Lê Ninh`, `Bashar
    al - Assad` → `Bashar al-Assad`, `Peter O ' Neill` → `Peter O'Neill` (the release spaces its
    hyphens and apostrophes)."""
    written = _SPACED_ELISION.sub(r"\1", _SPACED_HYPHEN.sub("-", written))
    return written.title() if written.isupper() and len(written) > 1 else written


def _starts_with(name: str, phrases: Phrases) -> bool:
    """The name is, or starts with, one of the phrases."""
    return phrases.starts(name.split(" "))


def names_a_province(name: str, lexicon: Lexicon) -> bool:
    """The name is, or starts with, a province (`Đồng Hới`; `Bà Rịa` after a capitalized `Bà`)."""
    return _starts_with(name, lexicon.places.provinces)


def is_person(name: str, lexicon: Lexicon) -> bool:
    """Not a historical figure, nor a place that reads like a name (`Đồng Hới`, `Hoa Kỳ`)."""
    return (
        name not in lexicon.names.not_officials
        and not names_a_province(name, lexicon)
        and not _starts_with(name, lexicon.titles.countries)
    )


def _organization_after(
    text: str, org_start: int, name_start: int, lexicon: Lexicon
) -> tuple[str, bool, int | None]:
    """The body after a title (its name from `name_start`, past the spaces after `org_start`):
    (expanded name, whether it is a bare head, its end)."""
    head_end = head_at(text, name_start, lexicon)
    if (
        head_end
        and not _word_not_head(text, name_start, head_end, lexicon)
        and not _country_at(text, org_start, head_end, lexicon)
    ):
        scanned = scan_name(text, name_start, head_end, lexicon)
        end = _body_words(text, scanned.end, lexicon, continuing=True)
        end = _before_trailing_person(text, scanned.start, end, lexicon)
        organization = lexicon.bodies.expand(text[scanned.start : end])
        organization = with_level_word(organization, scanned.place, lexicon)
        head, entry = lexicon.bodies.head_of(organization)
        generic = organization == head and not (entry and entry.alone)
        return organization, generic, end
    # `Bí thư Hà Nội`: the province stands for its committee
    place = _PROVINCE_AFTER.match(text, org_start)
    if place and place.group(1) in lexicon.places.provinces:
        return place.group(1), False, place.end()
    return "", False, None


def _before_trailing_person(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a body read from `start` to `end` ends when the person the posts belong to was
    read into it: a full name of three syllables or more with a common family name, after a
    lower-case word of the body (`Cục Quản lý nhà và thị trường bất động sản | Nguyễn Trọng
    Ninh`). Not after a place word (`xã Lý Văn Lâm`) nor in a body named after a person
    (`Trường tiểu học Nguyễn Văn Trỗi`, gazetteers/heads_named_after_people.txt)."""
    found = _TRAILING_PERSON.search(text, start, end)
    if found is None:
        return _before_trailing_foreign_name(text, start, end, lexicon)
    names, bodies = lexicon.names, lexicon.bodies
    person = found.group("person")
    body = text[start:end].lower()
    if (
        found.group("before") in lexicon.places.level_words
        or person.split()[0] not in names.common_surnames
        or not names.person.fullmatch(person)
        or not is_person(person, lexicon)
        or any(body.startswith(head.lower()) for head in bodies.heads_named_after_people)
    ):
        # … or a name of another language, after its place (`đảng Cộng hòa bang Illinois |
        # Adam Kinzinger`)
        return _before_trailing_foreign_name(text, start, end, lexicon)
    return found.start("person") - len(found.group("space"))


def _before_trailing_foreign_name(text: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a body read from `start` to `end` ends when a name of another language of two
    words or more was read into it after a lower-case word of the body (`Đảng Cộng hoà |
    Lindsey Graham`, `đảng Dân chủ | Chris Murphy`). Only in a party's name: other bodies
    name themselves so (`Trung tâm Startup Cafe`, `Tập đoàn Dầu khí Petronas`), and a
    committee's place does (`Huyện ủy Ia Grai`). After a place word the place's name comes
    first, and the name starts at a given name common abroad that ends the words (`đảng Cộng
    hòa bang Illinois | Adam Kinzinger`; gazetteers/foreign_given_names.txt)."""
    found = _TRAILING_FOREIGN_NAME.search(text, start, end)
    if found is None:
        return end
    person_start = found.start("person")
    if found.group("before") in lexicon.places.level_words:
        person_start = next(
            (
                word.start()
                for word in _WORD_START.finditer(text, person_start + 1, end)
                if lexicon.names.holder_abroad_at(text, word.start()) == end
            ),
            end,
        )
    if person_start >= end or not lexicon.names.is_foreign(text[person_start:end]):
        return end
    head = lexicon.bodies.head_of(lexicon.bodies.expand(text[start:end]))[1]
    if head is None or head.type != "party" or not head.proper:
        return end
    cut = len(text[:person_start].rstrip())
    if lexicon.bodies.head_of(text[start:cut])[0].lower() == text[start:cut].lower():
        return end  # `đảng | Thai Raksa Chart`: the words after the bare head are its name
    return cut


def _word_not_head(text: str, start: int, head_end: int, lexicon: Lexicon) -> bool:
    """A one-syllable head that is the first syllable of a word (`Khoa học`, `Hội nghị`): the
    body, if any, has no head word here (`Bộ trưởng Khoa học Công nghệ Chu Ngọc Anh`)."""
    head = text[start:head_end]
    if " " in head:
        return False
    following = _NEXT_LOWER_WORD.match(text, head_end)
    return bool(following and f"{head.lower()} {following.group(1)}" in lexicon.bodies.words)


def _country_at(text: str, start: int, head_end: int, lexicon: Lexicon) -> bool:
    """A head word that opens a country's name (`Đài` of `Đài Loan`): after a title the
    country stays in the title, no body (`lãnh đạo Đài Loan Thái Anh Văn` → `Lãnh đạo Đài
    Loan`; guide, Round 3; gazetteers/countries.txt)."""
    read = lexicon.titles.country.match(text, start)
    return bool(read and read.start("country") <= head_end - 1 < read.end("country"))


def _with_head(title: str, body: str, lexicon: Lexicon) -> str:
    """`Nội vụ` after `Bộ trưởng` is `Bộ Nội vụ` (gazetteers/title_head_words.yml)."""
    head = lexicon.titles.head_words.get(title)
    opening = lexicon.bodies.head_of(body)[0]
    if head and (not opening or _word_not_head(body, 0, len(opening), lexicon)):
        return f"{head} {body}"
    return body


def parse_posts(
    text: str, start: int, lexicon: Lexicon, *, after_a_name: bool = True
) -> tuple[tuple[Post, ...], int]:
    """Posts from `start`: `Bí thư Đảng ủy, Giám đốc Sở GTVT` → two posts; returns the end.

    Before the name they belong to (`after_a_name` false), `và` ends the posts: `Bí thư Thành
    ủy TP HCM và Ngoại trưởng John Kerry` are two people. Several rules read the same chain
    (`ông A, Giám đốc Sở X` and `Giám đốc Sở X`): the chains of the sentences read last are
    kept."""
    return _parse_posts(text, start, lexicon, after_a_name)


def _with_prefixes(outer: str, found: regex.Match[str], title: str) -> str:
    """The canonical title with the prefixes written before it (`nguyên Phó Giám đốc`)."""
    prefix = found.group("prefix")
    return f"{outer}{prefix.lower()} {title}" if prefix else title


@functools.lru_cache(maxsize=512)
def _parse_posts(
    text: str, start: int, lexicon: Lexicon, after_a_name: bool
) -> tuple[tuple[Post, ...], int]:
    titles = lexicon.titles
    posts: list[Post] = []
    position, end = start, start
    while len(posts) < _MOST_POSTS:
        outer, found = _title_with_prefixes(text, position, lexicon)
        if not found:
            break
        if titles.unnamed_body.match(text, found.end()):
            break  # `Giám đốc một công ty vàng`: no named body, no post
        base = titles.canonical(found.group("title"))
        title = _with_prefixes(outer, found, base)
        org_start = found.end()
        written = found.group("title").lower()
        tail = next((t for t in titles.head_tails if written.endswith(" " + t.lower())), None)
        if tail and _SPACE_CAPITAL.match(text, found.end()):
            org_start = found.end() - len(tail)  # the title keeps its head word: Trưởng Ban
        name_start = _SPACES.match(text, org_start).end() if org_start == found.end() else org_start
        organization, generic, org_end = _organization_after(text, org_start, name_start, lexicon)
        if not organization and (seat := titles.lower_seat.match(text, found.end())):
            # `người phát ngôn điện Kremlin Dmitry Peskov`: the building named for its body,
            # written with a lower-case first word, is the body as the seat rule lists it
            written_seat = " ".join(seat.group("seat").split())
            organization, org_end = written_seat[0].upper() + written_seat[1:], seat.end()
        if not organization and (movement := titles.movement.match(text, found.end())):
            # `thủ lĩnh phong trào "ô dù"`: the movement its leader heads, by its quoted name
            named = " ".join(movement.group("movement").split())
            organization, org_end = named[0].upper() + named[1:], movement.end()
        owner = None
        if (
            not organization
            and org_start == found.end()
            and base not in titles.with_field
            and " " in written
            and base not in titles.public_body_ranks
        ):
            # `chủ tịch của Ủy ban Điều hành Ngân hàng Trung Quốc Quách Thụ Thanh`: the body
            # after `của` holds the post (an expert's field before it: below; a country after
            # it: further below, in the title); not after a title of one syllable, which may
            # end a word (`nhà giao dịch trưởng của …`), nor a staff word (`cán bộ của Hà Nội`),
            # nor before a bare head (`Viện trưởng của Viện`)
            owner = titles.owner_before_body.match(text, found.end())
            if owner is not None and not titles.country.match(text, owner.end()):
                at = owner.end()
                body_at = _SPACES.match(text, at).end()
                organization, generic, org_end = _organization_after(text, at, body_at, lexicon)
                if generic:
                    organization, generic, org_end = "", False, None
        if (
            not organization
            and base in titles.public_body_ranks
            and (commune := _commune_after_field(text, found.end(), lexicon))
        ):
            # `cán bộ địa chính xã Nghĩa Thái`: a commune's staff, their field between
            field_words, organization, org_end = commune
            title = f"{title} {field_words}"
        if not organization and base in titles.with_field:
            # `chuyên gia mô hình Viện Quy hoạch …`, `chuyên gia cao cấp của Ngân hàng thế giới`
            field = titles.field_before_body.match(text, found.end())
            if field is not None:
                at = field.end()
                organization, generic, org_end = _international_at(text, at, lexicon)
                if not organization:
                    organization, generic, org_end = _organization_after(text, at, at, lexicon)
                if organization in lexicon.places.regions or _a_place(organization, lexicon):
                    # `chuyên gia về … của ĐBSCL`: a region; `chuyên gia kinh tế tại TP HCM`:
                    # where the expert works or lives, a place, not a body (GUIDE.md)
                    organization, org_end = "", None
                if organization and field.group("field"):
                    title = f"{title} {field.group('field')}"
        before_post, end = end, max(found.end(), org_end or 0)
        country = ""
        if (
            base in titles.of_a_place_abroad
            and (not organization or generic)
            and (abroad := _place_abroad(text, found.end(), lexicon))
        ):
            # `Thị trưởng thành phố New York`, `Thống đốc bang Bắc Carolina Roy Cooper`: the
            # place stays in the title, no organization (GUIDE.md, Round 7)
            country, end = abroad
            title, organization, generic = f"{title} {country}", "", False
        direct = None if organization else lexicon.names.after_posts.match(text, found.end())
        if (
            not organization
            and not country
            and not (direct and is_person(direct.group("person"), lexicon))
        ):
            read = titles.country.match(text, owner.end() if owner else found.end())
            sector = titles.head_words.get(base) and titles.lower_sector.match(text, found.end())
            if sector:
                # `Bộ trưởng tài chính Canada Bill Morneau`: the ministry in lower case, then its
                # country (`Bộ Tài chính Canada`), which a name of another language may follow
                words = sector.group("sector")
                body, end = words[0].upper() + words[1:], sector.end()
                if held_in := titles.country.match(text, end):
                    country = " ".join(held_in.group("country").split())
                    body, end = f"{body} {country}", held_in.end("country")
                organization = _with_head(base, body, lexicon)
            elif read:
                # `Tổng thống đắc cử Ukraine`: the time word stays out of the title
                country = " ".join(text[read.start("country") : read.end()].split())
                title, end = f"{title} {country}", read.end()
            else:
                # `Trưởng ban tổ chức Trung ương`: the last word of the title opens the body
                body_start = found.end() - len(tail) if tail else name_start
                if owner is not None:
                    # `Người phát ngôn của | Điện Kremlin`, not the words of the sentence
                    # after it (`phát ngôn viên của FAA | thông tin thêm …`)
                    body_start = _SPACES.match(text, owner.end()).end()
                body_end = _body_words(text, body_start, lexicon, lower_start=bool(tail))
                if owner is not None and (
                    trailing := _LOWER_CASE_END.search(text, body_start, body_end)
                ):
                    body_end = trailing.start()
                body = lexicon.bodies.expand(text[body_start:body_end])
                taught = base in titles.bare_ranks and _starts_with(body, titles.subjects)
                if body_end > body_start and not taught:  # not `giáo viên Vật lý`
                    organization, end = _with_head(base, body, lexicon), body_end
        # `lãnh đạo Sở Y tế` is a body's leadership, no post; right after a name, a named
        # body's leader is one (`Kem Sokha, lãnh đạo đảng Cứu nguy Dân tộc Campuchia`), of a
        # name of another language only (gazetteers/titles_of_names_abroad.txt); not later in
        # the posts (`…, Chủ tịch UBND tỉnh Quảng Bình, lãnh đạo Bộ …` lists the next guests)
        if (
            base in titles.of_a_country
            and not country
            and not (after_a_name and organization and not posts)
        ):
            end = before_post
            break
        separator = titles.separator.match(text, end)
        following = separator and titles.title.match(text, separator.end())
        goes_on = bool(following) and not (
            (
                "," in separator.group()
                and titles.canonical(following.group("title")) in titles.list_starting
            )
            or (not after_a_name and separator.group().strip() == lexicon.titles.and_word)
        )
        if base in titles.bare_ranks and not organization and not (goes_on and after_a_name):
            # `Trưởng` is a post only with its body: `Trưởng CA xã Phước An`; before a name, the
            # next post set off after it is someone else's (`vượt quá dự báo của hầu hết nhà
            # phân tích, Tổng thống Philippines Rodrigo Duterte …`)
            break
        if base in titles.public_body_ranks and (
            _a_business(organization, lexicon) or _business_after(text, end, lexicon)
        ):
            # `cán bộ Ngân hàng …`, `cán bộ Phòng Công nghệ thông tin, Công ty Điện lực`:
            # staff of a business, no post
            break
        posts.append(Post(title, organization, generic, country, base in titles.heads_of_state))
        if separator is None or not goes_on:
            break
        position = separator.end()
    return tuple(posts), end


def _title_with_prefixes(
    text: str, position: int, lexicon: Lexicon
) -> tuple[str, regex.Match[str] | None]:
    """The title at `position`, after one prefix or two (`nguyên quyền Bí thư`): the outer
    prefix with its space ('' when there is one prefix or none), and the match of the rest."""
    titles = lexicon.titles
    found = titles.title.match(text, position)
    if found is not None:
        return "", found
    first = _FIRST_PREFIX.match(text, position)
    if first is None or first.group(1).lower() not in titles.prefixes:
        return "", None
    inner = titles.title.match(text, first.end())
    if inner is None or not inner.group("prefix"):
        return "", None
    return f"{first.group(1).lower()} ", inner


def _commune_after_field(text: str, start: int, lexicon: Lexicon) -> tuple[str, str, int] | None:
    """The field of a staff title and the commune after it (`cán bộ | địa chính | xã Nghĩa
    Thái`, `cán bộ tài chính của xã Mỹ Thuận`): (field, commune, its end); None when no field
    or no named commune follows (`cán bộ thuộc diện Bộ Chính trị` belongs to no body)."""
    field = lexicon.titles.field_before_body.match(text, start)
    if field is None or not field.group("field") or not text[field.end()].islower():
        return None
    at = field.end()
    end = _body_words(text, at, lexicon)
    if not _SPACE_CAPITAL.search(text, at, end):
        return None  # `cán bộ địa chính xã` names no commune
    return field.group("field"), lexicon.bodies.expand(text[at:end]), end


def _a_place(organization: str, lexicon: Lexicon) -> bool:
    """A place's name read as a body: a place word, then its name, with no head word of a body
    (`Thành phố Hồ Chí Minh`, `Tỉnh Đồng Nai`; not `Ủy ban nhân dân Thành phố …`)."""
    if lexicon.bodies.head_of(organization)[1] is not None:
        return False
    words = organization.split(" ")
    return any(" ".join(words[:width]) in lexicon.places.level_words for width in (1, 2))


def _place_abroad(text: str, start: int, lexicon: Lexicon) -> tuple[str, int] | None:
    """The city or the state a mayor's or a governor's title names at `start`, as written,
    and its end; None when a body or a name follows instead.

    A city of gazetteers/foreign_cities.txt is the place (`Thị trưởng Frankfurt Peter
    Feldmann`). Otherwise, after a place word (`thành phố`, `bang`), the capitalized words up
    to the holder's name: a Vietnamese full name (`Bắc Kinh Vương Kỳ Sơn`) or the last two
    words (`bang Bắc Carolina Roy Cooper`); with no place word, only before such a name, for a
    lone capitalized word after the title is the holder's (`Thị trưởng Gimenez trao …`)."""
    opening = lexicon.titles.place_level_abroad.match(text, start)
    if opening is None or head_at(text, opening.start("run"), lexicon):
        return None  # `Thống đốc Ngân hàng Nhà nước`
    run = list(_WORD.finditer(text, *opening.span("run")))
    names = lexicon.names
    place: list[regex.Match[str]] = []
    for size in (2, 1):
        if len(run) >= size and " ".join(w.group() for w in run[:size]) in names.foreign_cities:
            place = run[:size]
            break
    if not place:
        cut = next(
            (
                k
                for k in range(1, len(run) - 1)
                if run[k].group() in names.surnames
                and names.person.fullmatch(text, run[k].start(), run[-1].end())
            ),
            None,
        )
        if cut is None and len(run) >= 3:
            cut = len(run) - (3 if run[-2].group().islower() else 2)  # `… Bill de Blasio`
        if cut is None and opening.group("level") and run:
            cut = len(run)
        if not cut:
            return None
        place = run[:cut]
    if names_a_province(" ".join(w.group() for w in place), lexicon) or any(
        len(w.group()) > 1 and w.group().isupper() for w in place
    ):
        return None  # a Vietnamese province, a body's short name (`Phó Thống đốc NHNN …`)
    written = " ".join((opening.group("level") or "").split() + [w.group() for w in place])
    return written, place[-1].end()


def _international_at(text: str, start: int, lexicon: Lexicon) -> tuple[str, bool, int | None]:
    """An international body written at `start`, whatever its case (`Ngân hàng thế giới`), as
    `_organization_after` returns a body."""
    probe = text[start : start + 80].lower()
    for lower, name in lexicon.titles.international.items():
        if probe.startswith(lower) and not probe[len(lower) : len(lower) + 1].isalnum():
            return name, False, start + len(lower)
    return "", False, None


def _business_after(text: str, end: int, lexicon: Lexicon) -> bool:
    """A business set off by a comma right after a unit: the unit's parent (GUIDE.md, Round 3:
    `Cục X, Bộ Y`)."""
    comma = _COMMA.match(text, end)
    if comma is None:
        return False
    parent, _, _ = _organization_after(text, comma.end(), comma.end(), lexicon)
    return bool(parent) and _a_business(parent, lexicon)


def _a_business(organization: str, lexicon: Lexicon) -> bool:
    """A body whose name holds an enterprise's head word (`Công ty`, `Ngân hàng`,
    gazetteers/org_heads.yml) or that is a brand (`BIDV`)."""
    if organization in lexicon.bodies.brands:
        return True
    if organization.lower() in lexicon.titles.international:
        return False  # `Ngân hàng Thế giới`
    words = f" {organization.lower()} "
    return any(f" {head} " in words for head in _enterprise_heads(lexicon))


@functools.cache
def _enterprise_heads(lexicon: Lexicon) -> tuple[str, ...]:
    """The head words of enterprises, in lower case (once per rule set)."""
    bodies = lexicon.bodies
    return tuple(
        head
        for head, name in bodies.heads_by_lower.items()
        if bodies.heads[name].type == "enterprise"
    )


def _body_words(
    text: str, start: int, lexicon: Lexicon, *, continuing: bool = False, lower_start: bool = False
) -> int:
    """Where a body's name ends when it has no head word the scanner knows, read from `start`
    (`Tổng liên đoàn lao động`, `Trung ương Đảng`, `ITD`); `start` when there is none.

    It stops before a person's name (`… Mai Đức Chính`, `… Nirmala Sitharaman`), a title, an
    honorific or a rank, punctuation and the words of gazetteers/body_stop_words.txt. A body
    starts with a capitalized word, an abbreviation or a place word (`xã Đảng ủy La Ê`), or any
    word when the title's last word is its head (`lower_start`: `Trưởng ban tổ chức …`). After
    a body the scanner has read (`continuing`), only a joiner and the capitalized words after
    it (`Bộ NN & PTNT`, `Hội đồng Dân tộc của Quốc hội`) and the syllable that completes a
    capitalized word (`Quốc hội`) go on."""
    first = lexicon.places.token.match(text, start)
    if first is None:
        return start
    word = first.group(1)
    if (second := lexicon.places.token.match(text, first.end())) and (
        f"{word} {second.group(1)}" in lexicon.places.level_words
    ):
        word = f"{word} {second.group(1)}"  # `thành phố`
    if not _may_start_body(word, lexicon, continuing, lower_start):
        return start
    tokens, _ = _words_from(text, start, _MOST_BODY_WORDS + 1, lexicon)
    tokens = _place_words_joined(tokens, lexicon)
    end, i, placed = start, 0, False
    while i < min(len(tokens), _MOST_BODY_WORDS):
        word = tokens[i][0]
        if _stops_body(tokens, i, lexicon):
            break
        if _CAPITALIZED.match(word):
            if continuing and (
                i == 0 or not lexicon.titles.body_joiner.fullmatch(tokens[i - 1][0])
            ):
                break  # the scanner has read the capitalized words that belong to the name
            if _NAME_WITH_INITIAL.match(text, tokens[i][1]):
                break  # `Cựu tổng thống | George W. Bush`
            run = _capitalized_run(tokens, i)
            # … nor goes on over one (`Giám đốc FBI | James B. Comey`)
            run = next(
                (j for j in range(i + 1, run) if _NAME_WITH_INITIAL.match(text, tokens[j][1])), run
            )
            stop = _person_in_run(text, tokens, i, run, lexicon)
            stop = next(
                (
                    j
                    for j in range(i, stop)
                    if _title_at(text, tokens[j], lexicon)
                    and not _inside_a_country(tokens, i, j, lexicon)
                ),
                stop,
            )
            if stop > i:
                end = tokens[stop - 1][2]
            if stop < run:
                break
            i = run
            continue
        following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if lexicon.titles.body_joiner.fullmatch(word):
            after = _capitalized_run(tokens, i + 1)
            if (
                (end == start and not continuing)
                or not _CAPITALIZED.match(following)
                or _person_in_run(text, tokens, i + 1, after, lexicon) == i + 1
                or _title_at(text, tokens[i + 1], lexicon)
                or _stops_body(tokens, i + 1, lexicon)
                or following in lexicon.bodies.credit_words
            ):
                break
            i += 1
            continue
        level = word in lexicon.places.level_words
        if not (level or _LOWER.match(word)):
            break
        if placed or (level and not _CAPITALIZED.match(following)):
            # a place ends a body's name (`tỉnh Kiên Giang đi ôtô …`); `huyện thay ông …`
            if level and end == start and not continuing:
                end = tokens[i][2]
            break
        if continuing:  # `… của Quốc hội`: the syllable that completes a word read here
            before = tokens[i - 1][0] if i else ""
            if not (
                _TITLE_CASE.match(before) and f"{before.lower()} {word}" in lexicon.bodies.words
            ):
                break
        elif end == start and not lower_start and not level:
            break
        end = tokens[i][2]
        i += 1
        if level:  # the place's name follows, unless a body does (`xã Đảng ủy La Ê`)
            placed = (
                not continuing
                and _capitalized_run(tokens, i) > i
                and not head_at(text, tokens[i][1], lexicon)
            )
    return end


def _place_words_joined(
    tokens: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """The words with a place word of two syllables as one (`thành phố`, `thị xã`): `Chủ tịch
    thành phố Huỳnh Đức Thơ` as `Chủ tịch tỉnh …`."""
    levels = lexicon.places.level_words
    joined: list[tuple[str, int, int]] = []
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        if i + 1 < len(tokens) and f"{word} {tokens[i + 1][0]}" in levels:
            word, end, i = f"{word} {tokens[i + 1][0]}", tokens[i + 1][2], i + 1
        joined.append((word, start, end))
        i += 1
    return joined


def _may_start_body(word: str, lexicon: Lexicon, continuing: bool, lower_start: bool) -> bool:
    """Whether a body's words may start with `word` (see `_body_words`); most do not."""
    if continuing:
        return bool(lexicon.titles.body_joiner.fullmatch(word))
    return bool(
        _CAPITALIZED.match(word)
        or word in lexicon.places.level_words
        or (_LOWER.match(word) and lower_start)
    )


def parent_after(text: str, end: int, lexicon: Lexicon) -> int | None:
    """Where the parent of the last post's body ends, set off from it by a comma and followed
    by another comma (`Trưởng phòng Tài chính | , Sở Giáo dục Hà Nội | , ông Nguyễn Viết Cẩn`);
    None when no body starts right after the comma."""
    comma = _COMMA.match(text, end)
    if comma is None:
        return None
    organization, generic, body_end = _organization_after(text, comma.end(), comma.end(), lexicon)
    if not organization or generic or body_end is None or not _COMMA.match(text, body_end):
        return None
    return body_end


def lower_case_tail(text: str, end: int, lexicon: Lexicon) -> int | None:
    """Where a body's name ends when lower-case words the scanner stopped at go on to a place
    or a capitalized name and then to a person (`Trung tâm | chống ngập nước TP HCM | Nguyễn
    Ngọc Công`, `hội Tiêu chuẩn và Bảo vệ | người tiêu dùng tỉnh Hải Dương | - ông …`); None
    when they do not, or when the person follows the lower-case words at once (`Chủ tịch
    UBND tỉnh | khen thưởng | Nguyễn Văn A` is someone else)."""
    first = lexicon.places.token.match(text, end)
    if first is None or not _LOWER.match(first.group(1)):
        return None  # most posts are followed by punctuation or a verb
    tokens, _ = _words_from(text, end, _MOST_BODY_WORDS, lexicon)
    i = 0
    while i < min(len(tokens), _MOST_LOWER_WORDS) and _LOWER.match(tokens[i][0]):
        if _stops_body(tokens, i, lexicon) or _place_word_at(tokens, i, lexicon):
            break
        i += 1
    if i == 0 or i >= len(tokens):
        return None
    if tokens[i][0] in lexicon.places.level_words:
        i += 1  # `… tỉnh Hải Dương`
    if i >= len(tokens) or not _TITLE_CASE_OR_ABBREVIATION.match(tokens[i][0]):
        return None  # not `… bàn giao lại nhà 12 Nguyễn Chế Nghĩa` (a street)
    run = _capitalized_run(tokens, i)
    stop = _person_in_run(text, tokens, i, run, lexicon)
    if stop == i and _joined_lower_case_words(text, tokens, i, lexicon):
        return tokens[i - 1][2]  # `Bộ trưởng Lao động thương binh | và xã hội | Đào Ngọc Dung`
    if stop == i:
        return None
    return tokens[stop - 1][2]


def _words_from(
    text: str,
    position: int,
    most: int,
    lexicon: Lexicon,
    keep: Callable[[str], object] | None = None,
) -> tuple[list[tuple[str, int, int]], int]:
    """Up to `most` words from `position`, each with its offsets (the first word `keep` turns
    down ends them), and where the reading stopped."""
    tokens: list[tuple[str, int, int]] = []
    while len(tokens) < most:
        token = lexicon.places.token.match(text, position)
        if token is None or (keep is not None and not keep(token.group(1))):
            break
        tokens.append((token.group(1), token.start(1), token.end(1)))
        position = token.end()
    return tokens, position


def capitalized_tail(text: str, end: int, lexicon: Lexicon) -> int | None:
    """Where a body's name ends when a capitalized name the scanner stopped at goes on to a
    person (`Chủ tịch HĐQT | Vietcombank | Nghiêm Xuân Thành`, `Chủ tịch HĐQT | Quốc Cường Gia
    Lai | Nguyễn Thị Như Loan`): the person starts inside the run, after its first word."""
    tokens, _ = _words_from(text, end, _MOST_BODY_WORDS, lexicon, _CAPITALIZED.match)
    if len(tokens) < 3 or _title_at(text, tokens[0], lexicon):
        return None
    stop = _person_in_run(text, tokens, 0, len(tokens), lexicon)
    if stop in (0, len(tokens)):
        return None
    return tokens[stop - 1][2]


def tail_before_holder(text: str, end: int, lexicon: Lexicon) -> int | None:
    """Where the rest of a body's name ends when the holder of the posts follows it set off
    by a comma or a dash, after an honorific (`Chủ tịch Quốc hội | bang Hessen | - ông Boris
    Rhein`, `Chủ nhiệm | uỷ ban kiểm tra Tỉnh uỷ Long An | - ông Lê Thanh Nghiêm`): a few
    words the scanner stopped at, none a title or a word that starts the rest of the sentence
    (`cho biết`, `tại`, an honorific), the last one capitalized, as a name ends; None else."""
    tokens, position = _words_from(text, end, _MOST_TAIL_WORDS + 1, lexicon, _TAIL_WORD.fullmatch)
    if not tokens or len(tokens) > _MOST_TAIL_WORDS:
        return None
    if not _TITLE_CASE_OR_ABBREVIATION.match(tokens[-1][0]):
        return None
    set_off = _SET_OFF_HONORIFIC.match(text, position)
    if set_off is None or set_off.group(1).lower() not in lexicon.names.honorifics:
        return None
    if any(
        _stops_body(tokens, i, lexicon) or _title_at(text, tokens[i], lexicon)
        for i in range(len(tokens))
    ):
        return None
    return tokens[-1][2]


def _joined_lower_case_words(
    text: str, tokens: list[tuple[str, int, int]], i: int, lexicon: Lexicon
) -> bool:
    """The lower-case words before word `i` are the end of the body's name, joined to it by
    `và` (`… thương binh | và xã hội`), with no post, rank or degree among them (not `… và
    phó giám đốc`, `… và thiếu tướng`)."""
    words = [token[0].lower() for token in tokens[1:i]]
    leads = lexicon.names.leads
    return (
        i >= 3  # two syllables at least: not `và đc Trương Thị Bích Hạnh`
        and tokens[0][0] == lexicon.titles.and_word
        and not any(_title_at(text, token, lexicon) for token in tokens[1:i])
        and not any(
            " ".join(words[k : k + width]) in leads
            for k in range(len(words))
            for width in (1, 2, 3)
        )
    )


def _place_word_at(tokens: list[tuple[str, int, int]], i: int, lexicon: Lexicon) -> bool:
    """Word `i` is a place word before a place's name (`tỉnh Hải Dương`), not the first
    syllable of a lower-case word (`thương binh và xã hội Đào Ngọc Dung`)."""
    return tokens[i][0] in lexicon.places.level_words and (
        i + 1 >= len(tokens) or not _LOWER.match(tokens[i + 1][0])
    )


def _capitalized_run(tokens: list[tuple[str, int, int]], i: int) -> int:
    """The index after the capitalized words that start at `i`."""
    j = i
    while j < len(tokens) and _CAPITALIZED.match(tokens[j][0]):
        j += 1
    return j


def _title_at(text: str, token: tuple[str, int, int], lexicon: Lexicon) -> bool:
    """A title starts at this capitalized word and no body does (`Ban` is both)."""
    return bool(lexicon.titles.title.match(text, token[1])) and not head_at(text, token[1], lexicon)


def _stops_body(tokens: list[tuple[str, int, int]], i: int, lexicon: Lexicon) -> bool:
    """A stop word or phrase (`cho biết`, `khóa`), an honorific or a rank starts at word `i`,
    a rank of two words too (`Bộ Quốc phòng Việt Nam và | Thượng tướng Phạm Trường Long`)."""
    stops, names = lexicon.titles.body_stops, lexicon.names
    word = tokens[i][0]
    if word in names.honorifics or word.lower() in names.leads:
        return True
    if i + 1 < len(tokens) and f"{word} {tokens[i + 1][0]}".lower() in names.leads:
        return True
    if word.lower() not in stops.first_words:
        return False
    for width in stops.widths:
        words = " ".join([word.lower(), *(t[0] for t in tokens[i + 1 : i + width])])
        if i + width <= len(tokens) and words in stops:
            return True
    return False


def _person_in_run(
    text: str, tokens: list[tuple[str, int, int]], i: int, run: int, lexicon: Lexicon
) -> int:
    """Where a person's name starts among the capitalized words `i`…`run` (it ends the run);
    `run` when none does. A Vietnamese name starts at a common family name if one starts a
    name there (`Việt Nam Huỳnh Đảm`, `La Ê Đặng Đình Xuân`), else at the first family name
    that starts a name of three syllables or more, alone or after an abbreviation, a number or
    a word of another language (`ITD Lâm Thiếu Quân`, `quận 1 Đoàn Ngọc Hải`, `Vietcombank
    Nghiêm Xuân Thành`). Bodies are often named like people: two syllables that start the run
    (`Tổng công ty Hoàng Anh`, `Khu kinh tế mở Chu Lai`), a name after a capitalized word
    (`Huyện Đoàn Bình Chánh`) and the whole run right after a place word (`xã Lý Văn Lâm`) are
    not taken for a person. Failing a Vietnamese name, the last words may be a name of another
    language (`Ấn Độ Nirmala Sitharaman`), which never starts with a country (`Nga Sergey
    Ryabkov`)."""
    names = lexicon.names
    after_place = i > 0 and tokens[i - 1][0] in lexicon.places.level_words
    found: list[int] = []
    for k in range(i, run):
        word = tokens[k][0]
        if word not in names.surnames or (
            k == i and after_place and word not in names.common_surnames
        ):
            continue
        name = names.person.match(text, tokens[k][1])
        if not (name and name.end() == tokens[run - 1][2] and is_person(name.group(), lexicon)):
            continue
        if word in names.common_surnames:
            if run - k > 2 or k > i:  # `Tổng công ty Hoàng Anh` is a business
                return k
        elif (
            run - k > 2
            and (
                k == i
                or tokens[k - 1][0].isupper()
                or tokens[k - 1][0].isdigit()
                or names.is_foreign(tokens[k - 1][0])
                or _country_ends_at(tokens, i, k, lexicon)
            )
        ) or (
            run - k == 2
            and _foreign_country_ends_at(tokens, i, k, lexicon)
            and not names.spaced_given_tail.match(text, tokens[run - 1][2])
            and not _SPACED_CAPITAL_TAIL.match(text, tokens[run - 1][2])
        ):
            # after an abbreviation, a number, a brand's word or a country (`quận 1 Đoàn Ngọc
            # Hải`, `Vietcombank Nghiêm Xuân Thành`, `HAGL Agrico Đoàn Nguyên Đức`, `Quốc
            # phòng Trung Quốc Ngụy Phượng Hòa`); not `Tổng Công ty Thái Sơn`, `Huyện Đoàn Bình
            # Chánh`. A foreign country's body is not named after a person: two syllables after
            # it are its holder's Sino-Vietnamese name (`Ngoại giao Trung Quốc | Vương Nghị`),
            # not the start of a spaced East Asian one (`Triều Tiên | Kim Kye - Gwan`)
            found.append(k)
    if found:
        return found[0]
    # a given name common abroad starts the name of two words that ends the run (or of three),
    # after a body's own name of two words or more, a brand, a place's name or a body after
    # `của` (`Lockheed Martin | Carolyn Nelson`, `CEO Twitter | Jack Dorsey`, `Thượng nghị sĩ
    # bang Hawaii | Brian Schatz`, `nhà sáng lập của Atomic | Jack Abraham`); not inside one
    # name (`Thẩm phán Luis Carlos Valois`, `Bộ trưởng Tư pháp Tarek William Saab`)
    one_word_body = (
        after_place
        or _a_brand(tokens[i][0], lexicon)
        or bool(lexicon.titles.of_before_body.search(text, max(0, tokens[i][1] - 8), tokens[i][1]))
    )
    if tokens[i][0] not in names.foreign_given_names:
        for k in range(run - 2, i, -1):
            if (
                (k - i > 1 or one_word_body)
                and names.holder_abroad_at(text, tokens[k][1])
                and not _in_a_country(tokens, i, k, lexicon)
            ):
                return k
    # the run stops at a hyphen the release spaces inside a given name (`Triều Tiên Choe Son -
    # hui`): the name is judged whole, and it is an East Asian one of two words, a family name
    # and a given name (`Korean Air | Cho Yang - ho`, `Tổng thống Hàn | Moon Jae - in`), whose
    # family name may read as Vietnamese (`Cho`), perhaps after a given name common abroad
    # (`công tố viên | Marco Li Kwok - wai`)
    tail = names.spaced_given_tail.match(text, tokens[run - 1][2])
    given_tail = tail.group() if tail else ""
    first = run - 4
    if given_tail:
        first = run - 2
        if first - 1 >= i and tokens[first - 1][0] in names.foreign_given_names:
            first -= 1
    for k in range(max(i, first), run):
        words = [t[0] for t in tokens[k:run]]
        if (
            k == i + 1
            and run - k > 2
            and not names.is_foreign(tokens[i][0])
            and not _country_ends_at(tokens, i, k, lexicon)
        ):
            continue  # one Vietnamese word names no body: `Điện Kremlin | Dmitry Peskov`
        first_may_start = (
            k == i
            or bool(given_tail)
            or not names.syllable.fullmatch(words[0].lower())
            or words[0] in names.surnames
            or _country_ends_at(tokens, i, k, lexicon)  # `Campuchia | Kem Sokha`
        )
        if (
            first_may_start
            and all(_FOREIGN_WORD.fullmatch(w) for w in words)
            and names.is_foreign(" ".join(words) + given_tail)
            # `Thứ trưởng Ngoại giao Nga Sergey Ryabkov`: the country ends the body
            and not _in_a_country(tokens, i, k, lexicon)
        ):
            return k
    return run


def _a_brand(word: str, lexicon: Lexicon) -> bool:
    """A brand (`Boeing`, `Twitter`: gazetteers/brands.txt, listed_brands.txt) or an
    abbreviation: a body's whole name in one word."""
    bodies = lexicon.bodies
    return word in bodies.brands or word in bodies.listed_brands or word.isupper()


def _in_a_country(tokens: list[tuple[str, int, int]], i: int, k: int, lexicon: Lexicon) -> bool:
    """A country (`Nga`, `New Zealand`, `Sri Lanka`) starts at word `k` or spans it, begun
    at a word from `i` on: no name starts there."""
    countries = lexicon.titles.countries
    return any(
        j + starts_with(tokens, j, countries) > k
        for j in range(max(i, k - max(countries.widths) + 1), k + 1)
    )


def _foreign_country_ends_at(
    tokens: list[tuple[str, int, int]], i: int, k: int, lexicon: Lexicon
) -> bool:
    """A country other than the papers' own (home_country.txt) ends right before word `k`."""
    countries, home = lexicon.titles.countries, lexicon.places.home_country
    return any(
        (width := starts_with(tokens, j, countries))
        and j + width == k
        and " ".join(t[0] for t in tokens[j:k]) != home
        for j in range(max(i, k - max(countries.widths)), k)
    )


def _inside_a_country(tokens: list[tuple[str, int, int]], i: int, k: int, lexicon: Lexicon) -> bool:
    """A country begun at a word from `i` on, before word `k`, goes on over it: the title
    that starts there is the country's last syllable and a name's first (`Ngoại giao Trung
    Quốc | Vương Nghị`, not `Quốc vương`)."""
    countries = lexicon.titles.countries
    return any(
        j + starts_with(tokens, j, countries) > k
        for j in range(max(i, k - max(countries.widths) + 1), k)
    )


def _country_ends_at(tokens: list[tuple[str, int, int]], i: int, k: int, lexicon: Lexicon) -> bool:
    """A country begun at a word from `i` on ends right before word `k` (`Quốc phòng Campuchia
    | Kem Sokha`): a name may start there."""
    countries = lexicon.titles.countries
    return any(
        j + starts_with(tokens, j, countries) == k
        for j in range(max(i, k - max(countries.widths)), k)
    )


def _ends_with_place_word(text: str, end: int, lexicon: Lexicon) -> bool:
    """The posts end with a bare place word (`Chủ tịch Hội Nông dân xã`): what follows is the
    place's name, not a person (`… xã Lý Văn Lâm`)."""
    last = text[:end].rstrip().rsplit(" ", 1)[-1]
    return last in lexicon.places.level_words


def _holder_after_province_word(text: str, end: int, person: str, lexicon: Lexicon) -> bool:
    """After a bare place word of a province or a centrally-run city (`tỉnh`, `TP`), the posts
    already hold the place when it is one of provinces.txt or cities.txt; a run of three words
    or more that starts with any family name (surnames.txt), names no province or city and
    holds no second common family name is the holder: `Phó chủ tịch HĐND TP Trương Thị Ánh`,
    `Chủ tịch HĐND tỉnh Trịnh Văn Chiến`. Districts and communes keep the common-surname test:
    many are named after people (`xã Lý Văn Lâm`)."""
    places, names = lexicon.places, lexicon.names
    before = text[:end].rstrip()
    word = next(
        (w for w, level in places.levels.items() if level == "province" and before.endswith(w)),
        None,
    )
    if word is None or before[: -len(word)][-1:].isalpha():
        return False
    words = person.split()
    return (
        len(words) >= 3
        and words[0] in names.surnames
        and not any(w in names.common_surnames for w in words[1:])
        and not places.province.search(person)
        and not any(city in person for city in places.cities)
    )


def name_after_posts(
    text: str, end: int, posts: Sequence[Post], lexicon: Lexicon, *, tight: bool = False
) -> Name | None:
    """The person the posts ending at `end` belong to, written right after them. `tight`: not
    after a comma or `là` (after `ông A, Giám đốc Sở X`, `, bà B` is the next of a list; in
    `năm Thứ trưởng là ông …, ông …` the names are listed after the post)."""
    names = lexicon.names
    found = names.after_posts.match(text, end)
    if (
        found is not None
        and tight
        and lexicon.titles.loose_set_off.search(text, end, found.start("person"))
    ):
        return None
    if found is not None:
        person = found.group("person")
        if (
            _ends_with_place_word(text, end, lexicon)
            and person.split()[0] not in names.common_surnames
            and not _holder_after_province_word(text, end, person, lexicon)
        ):
            return None
        return Name(
            person_text(person), found.group("honorific"), found.start("person"), found.end()
        )
    found = names.foreign_after_posts.match(text, end)
    if found is None or _CAPITAL_WORD_AFTER.match(text, found.end()):
        return None
    if tight and lexicon.titles.loose_set_off.search(text, end, found.start("person")):
        return None
    person, honorific = person_text(found.group("person")), found.group("honorific")
    start = found.start("person")
    if person in names.foreign_cities:
        return None  # `thống đốc Saint Petersburg`
    if city := _city_before(person, names.foreign_cities):
        # `Thị trưởng Frankfurt Peter Feldmann`: the city is no part of the name
        person, start = person[len(city) + 1 :], start + len(city) + 1
        if " " not in person:
            return None  # `Thị trưởng New York Bill de Blasio`: the name goes on
    before = text[:start].rstrip().rsplit(" ", 1)[-1]
    # `bang Andhra Pradesh` is a place; the last word of a title of no body is not
    # (`thẩm phán liên bang Sergio Moro`)
    in_title = (
        bool(posts)
        and not posts[-1].organization
        and not text[end:start].strip()
        and posts[-1].title.lower().endswith(" " + before.lower())
    )
    if not in_title and (
        before in lexicon.titles.place_prepositions or before in lexicon.places.level_words
    ):
        return None
    if not (names.is_foreign(person) or (honorific and " " in person)):
        return None
    if ":" in text[end : found.start("person")]:
        return None  # `Đại sứ Mỹ: Trump …` is a headline
    last = posts[-1] if posts else None
    # … or the name is set off by commas on both sides (`Bộ trưởng Quốc phòng Nga, Sergei
    # Shoigu, cho biết`), or by one after it before a lower-case clause (`giám đốc Cơ quan
    # tình báo trung ương (CIA) Gina Haspel, theo đài CNN`), or a caption's bracket of
    # position closes it (`Bộ trưởng Quốc phòng Mỹ James Mattis (phải) và …`)
    goes_on = bool(
        _SENTENCE_GOES_ON.match(text, found.end())
        or lexicon.titles.photo_position.match(text, found.end())
    ) or (
        ("," in text[end:start] or _COMMA_THEN_LOWER.match(text, found.end()))
        and _set_off_before_clause(text, found.end(), lexicon)
    )
    if (
        honorific
        or (last is not None and last.head_of_state and not last.organization)
        or (last is not None and last.country and " " in person)
        or (last is not None and last.organization and " " in person and goes_on)
        or (
            # `HLV Park Hang Seo đã chia sẻ`, `Phó thị trưởng Stijin Steenbakkers, trao đổi`: a
            # post of no body, then a name of two words or more
            last is not None
            and not last.organization
            and _held_abroad(last.title, lexicon)
            and " " in person
            and names.is_foreign(person)
            and (goes_on or _NAME_SET_OFF.match(text, found.end()))
        )
    ):
        return Name(person, honorific, start, found.end())
    return None


def _set_off_before_clause(text: str, end: int, lexicon: Lexicon) -> bool:
    """A comma closes the name ending at `end`, and the clause after it is no next name of a
    list (`, và …`) nor its posts (`James Comey, cựu giám đốc FBI, Anthony Scaramucci, cựu Giám
    đốc truyền thông`)."""
    comma = _COMMA.match(text, end)
    if comma is None or not text.startswith(",", end):
        return False
    after = comma.end()
    first = _WORD.match(text, after)
    if first is None or lexicon.titles.list_joiner.fullmatch(first.group().lower()):
        return False
    if first.group().lower() in lexicon.titles.prefixes:
        after = _SPACES.match(text, first.end()).end()
    return not lexicon.titles.title.match(text, after)


def _city_before(person: str, cities: frozenset[str]) -> str | None:
    """The city of one or two words a longer run of capitalized words starts with, if any."""
    words = person.split()
    for size in (2, 1):
        if len(words) > size and " ".join(words[:size]) in cities:
            return " ".join(words[:size])
    return None


def _held_abroad(title: str, lexicon: Lexicon) -> bool:
    """`title`, past a prefix (`cựu`, `nguyên`), is a post a foreign name may follow bare."""
    return title_prefix(title.lower(), lexicon)[1] in lexicon.names.posts_held_abroad


def title_prefix(title: str, lexicon: Lexicon) -> tuple[str, str]:
    """A title's prefix (`nguyên`, `cựu`: gazetteers/title_prefixes.txt, in lower case) and
    the title without it; ("", title) when it has none."""
    first, _, rest = title.partition(" ")
    return (first, rest) if rest and first in lexicon.titles.prefixes else ("", title)


def expert_before_body(text: str, start: int, lexicon: Lexicon) -> tuple[Post, Name, int] | None:
    """`chuyên gia Mike Kofman ở Trung tâm phân tích hải quân Mỹ`, `giáo sư Alastair Hay của
    Đại học Leeds`: an expert's title and field (gazetteers/titles_with_field.txt), the name,
    then the body they work at (defines.yml BODY_AFTER_EXPERT_NAME): (the post, the name, the
    body's end). The title alone is no post (gazetteers/bare_ranks.txt), so the body must be
    named as after the field (`parse_posts`): not a city (`ở Bắc Kinh`), a region or a
    business (`Chuyên gia Jeffrey Halley của OANDA`)."""
    titles, names = lexicon.titles, lexicon.names
    outer, found = _title_with_prefixes(text, start, lexicon)
    if found is None or titles.canonical(found.group("title")) not in titles.with_field:
        return None
    field = titles.field_before_body.match(text, found.end())
    if field is None or titles.body_after_expert_name.search(text, found.end(), field.end()):
        return None  # the body right after the field: `parse_posts` reads it
    if titles.topic_opening.search(field.group("field") or ""):
        return None  # `chuyên gia về Trung Đông ở …`: a topic, no name
    written = names.after_posts.match(text, field.end()) or names.foreign_after_posts.match(
        text, field.end()
    )
    if written is None or written.start("person") != _SPACES.match(text, field.end()).end():
        return None
    person = person_text(written.group("person"))
    if " " not in person or not (names.is_foreign(person) or person.split()[0] in names.surnames):
        # `chuyên gia nghiên cứu công nghệ Lidar tại …`, `chuyên gia nghiên cứu Trung Đông tại
        # …`: a word or a topic, no name
        return None
    after = titles.body_after_expert_name.match(text, written.end())
    if after is None:
        return None
    organization, generic, org_end = _international_at(text, after.end(), lexicon)
    if not organization:
        at = after.end()
        organization, generic, org_end = _organization_after(text, at, at, lexicon)
    if (
        not organization
        or generic
        or org_end is None
        or organization in lexicon.places.regions
        or _a_business(organization, lexicon)
    ):
        return None
    title = _with_prefixes(outer, found, titles.canonical(found.group("title")))
    if field.group("field"):
        title = f"{title} {field.group('field')}"
    name = Name(person, written.group("honorific"), written.start("person"), written.end())
    return Post(title, organization, generic), name, org_end
