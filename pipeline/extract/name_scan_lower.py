"""The steps of the name scan that read lower-case words (`Cục Quản lý đấu thầu`, `Hiệp hội
Thị trường trái phiếu Việt Nam`, `Ban Chỉ đạo Trung ương về phòng, chống tham nhũng`), and the
scan's word helpers: a base of `name_scan.NameScan`, which holds the state they read."""

from __future__ import annotations

from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_tokens import (
    LOW_RE,
    TITLE_CASE_RE,
    Token,
    head_at,
    level_width,
    opens_with,
    starts_with,
    word_run,
)

#: lower-case words that may stand between a capitalized name and its place
_MOST_LOWER_BEFORE_PLACE = 4
#: common words an item of a list inside a name has (`nước giải khát`, `dịch vụ y tế`)
_MOST_WORDS_IN_AN_ITEM = 2
#: the most lower-case words of a business's line between its legal form and its own name
_MOST_BUSINESS_LINE_WORDS = 7

#: the syllables of a level written without its seat (`Trung ương`, `Tối cao`)
_LEVEL_ALONE = 2


class LowerCaseSteps:
    """Lower-case words of a name: common words (Viet74K) up to a verb, a function word or a
    proper name; `tối cao`, `trung ương`; a committee's topic after `về`."""

    text: str
    head: str
    head_end: int
    tokens: list[Token]
    lexicon: Lexicon
    i: int
    end: int
    named: bool
    proper: bool
    lower_words: int
    last_lower: bool
    capital_words: int
    topic: bool
    end_before_lower: int | None
    lower_before_place: int
    completed: bool
    plural_from: int | None

    @property
    def titled_head(self) -> str:
        """The head as the gazetteers write it, however the writer capitalized it (`Ban chỉ
        đạo` is `Ban Chỉ đạo`: its name goes on in lower case as the capitalized one's does)."""
        titled = self.head[:1].upper() + self.head[1:]
        return self.lexicon.bodies.heads_by_lower.get(titled.lower(), titled)

    def word(self, offset: int = 0) -> str:
        at = self.i + offset
        return self.tokens[at][0] if at < len(self.tokens) else ""

    def take(self, count: int, *, lower: bool = False) -> None:
        """The next `count` tokens belong to the name (`lower`: a lower-case word of it)."""
        self.end = self.tokens[self.i + count - 1][2]
        self.i += count
        self.last_lower = lower

    def common_word_width(self, i: int, *, first_capitalized: bool = False) -> int:
        """How many lower-case tokens from `i` (up to four, one space apart) form the longest
        common word; 0 when none does. `first_capitalized`: its first syllable may be written
        capitalized (`Khu công nghiệp`)."""
        tokens, common = self.tokens, self.lexicon.bodies.common_words
        if first_capitalized and i < len(tokens) and TITLE_CASE_RE.match(tokens[i][0]):
            run = 1 + word_run(tokens, i + 1, 3, LOW_RE) if i + 1 < len(tokens) else 1
            if run > 1 and tokens[i + 1][1] != tokens[i][2] + 1:
                run = 1
            words = [tokens[i][0].lower(), *(t[0] for t in tokens[i + 1 : i + run])]
        else:
            run = word_run(tokens, i, 4, LOW_RE)
            words = [t[0] for t in tokens[i : i + run]]
        for width in range(run, 0, -1):
            if " ".join(words[:width]) in common:
                return width
        return 0

    def goes_on_lower(self, i: int) -> int:
        """The width of a common word at `i` that may go on a name in lower case, 0 when the
        word ends the name (a function word, a verb: rules/gazetteers/name_stop_words.txt)."""
        bodies = self.lexicon.bodies
        width = self.common_word_width(i)
        if not width or self.tokens[i][0] in bodies.function_words:
            return 0
        if starts_with(self.tokens, i, bodies.stop_words) >= width and not (
            # a word that names bodies goes on a description in lower case (`Trung tâm báo tin
            # động đất và cảnh báo sóng thần`), a verb after a capitalized name (`Tổ chức Ân xá
            # Quốc tế cảnh báo`)
            self.last_lower and starts_with(self.tokens, i, bodies.name_words) >= width
        ):
            # the function of the nation's one body, right after its scope word (`Hội đồng
            # quốc gia thẩm định …`): rules/gazetteers/national_scope_words.txt
            scope = starts_with(self.tokens, 0, bodies.national_scope_words)
            # the function of a body whose name goes on in lower case, right after its head
            # (`Hội đồng thẩm định giá đất`): rules/gazetteers/body_function_openings.txt
            function = (
                i == 0
                and starts_with(self.tokens, 0, bodies.function_openings) >= width
                and opens_with(self.titled_head, bodies.heads_with_lower_case_names)
            )
            if not (scope and i == scope) and not function:
                return 0
        return width

    # ------------------------------------------------------------------ steps, in order

    def verb_here(self, width: int) -> bool:
        """Whether the `width` words at the scan's position read as the verb after the name:
        a stop word that does not complete the word before it (`Công nghệ thông tin`)."""
        if starts_with(self.tokens, self.i, self.lexicon.bodies.stop_words) < width:
            return False
        words = " ".join(t[0] for t in self.tokens[max(0, self.i - 2) : self.i + width])
        return words.lower() not in self.lexicon.bodies.common_words

    def _head_in_a_word(self) -> bool:
        """Whether the head's last syllable and the words after it make one common word."""
        last = self.head.split()[-1].lower()
        common = self.lexicon.bodies.common_words
        if (
            self.head[:1].isupper()
            and " " in self.head
            and self.head.lower() in common
            and self.common_word_width(0) > 1
        ):
            # `Hội đồng tiền lương`: a capitalized head that is a word of its own, then a word
            # of two syllables or more, is not read as `đồng tiền` (in lower case `hội đồng nữ
            # sinh …` stays the common noun)
            return False
        return (
            any(
                " ".join([last, *(t[0] for t in self.tokens[:width])]) in common
                for width in (1, 2)
                if width <= len(self.tokens)
            )
            or f"{last} {self.word()}" in self.lexicon.bodies.words
        )

    def level_word(self) -> bool:
        """`tối cao`, `trung ương` close the name (`Viện Kiểm sát nhân dân tối cao`), and so does
        a high court's level and seat, its level written capitalized too (`TAND Cấp cao tại TP.
        HCM`: read as capitalized words, the name would end before `tại`):
        rules/gazetteers/name_level_words.txt."""
        levels = self.lexicon.bodies.level_words
        words = [token[0] for token in self.tokens[self.i : self.i + levels.widths[0]]]
        if not words:
            return False
        width = levels.leading([words[0].lower(), *words[1:]])
        if not width or (words[0][:1].isupper() and width <= _LEVEL_ALONE):
            # a capitalized level alone (`Bệnh viện Trung ương quân đội 108`) is a word of the
            # name the capitalized step reads on from; only a level with its seat ends it here
            return False
        self.take(width)
        self.named, self.proper = True, True
        self.capital_words += 1
        return True

    def sentence_case_compound(self) -> bool:
        """A word in lower case that the capitalized word just read goes on with, as the
        corpus writes it in sentence case and capitalized (`Cục An toàn thông tin`, `Trung tâm
        Giáo dục thường xuyên`, `Sở Bưu chính viễn thông`): part of the name even where no
        place closes it, unlike other lower-case words after capitals (`Sở Xây dựng tháo
        bỏ`): rules/gazetteers/sentence_case_compounds.txt."""
        tokens, i = self.tokens, self.i
        if self.last_lower or self.proper or self.end_before_lower is not None:
            return False
        if i + 1 >= len(tokens) or not LOW_RE.match(tokens[i + 1][0]):
            return False
        if any(tokens[k][1] != tokens[k - 1][2] + 1 for k in (i, i + 1)):
            return False
        if self.common_word_width(i) > 2:
            return False  # a longer common word, which the lower-case step reads
        word = f"{tokens[i][0]} {tokens[i + 1][0]}"
        for width in (2, 1):
            before = tokens[i - width : i] if i >= width else []
            if (
                before
                and TITLE_CASE_RE.match(before[0][0])
                and all(LOW_RE.match(t[0]) for t in before[1:])
                and all(before[k][1] == before[k - 1][2] + 1 for k in range(1, width))
                and f"{' '.join(t[0] for t in before).lower()} {word}"
                in self.lexicon.bodies.sentence_case_compounds
            ):
                self.lower_words += 1
                self.take(2, lower=True)
                return True
        return False

    def about(self) -> bool:
        """`về` and the topic after a committee's name (`Ủy ban Quốc gia về thanh niên Việt
        Nam`, `Ủy ban về các vấn đề xã hội`): rules/gazetteers/heads_with_topics.txt; `về` or
        `vì` and a field in title case after an institution's (`Trường Ford về Chính sách
        Công`) or a committee's: heads_with_titled_topics.txt."""
        bodies = self.lexicon.bodies
        if self.topic or not self.i < len(self.tokens):
            return False
        start = self.tokens[self.i][1]
        about = bodies.topic.match(self.text, start)
        head_words = self._topic_head_words(bodies.heads_with_topics)
        # an institution's field, or a committee's after `vì`, only in title case (`Trung tâm
        # Quốc gia về Ứng phó Thảm họa`; not `Viện Kinh tế về tình hình lạm phát`):
        # rules/gazetteers/heads_with_titled_topics.txt
        titled = about is None or head_words is None
        if titled:
            about = bodies.titled_topic.match(self.text, start)
            if head_words is None:
                head_words = self._topic_head_words(bodies.heads_with_titled_topics)
        if about is None or head_words is None:
            return False
        if self.capital_words - head_words > 1:
            return False  # `Ủy ban Thường vụ Quốc hội về nội dung …`: the name was complete
        skip = len(about.group().split())  # `về các vấn đề`
        # the topic may be capitalized as a name's words are (`Ủy ban Nhà nước về Hợp tác và
        # đầu tư`)
        if titled:
            if not self._capitalized_common_word(self.i + skip):
                return False
        elif not (
            self.goes_on_lower(self.i + skip)
            or self._sector_at(self.i + skip)
            or self._capitalized_common_word(self.i + skip)
        ):
            return False
        self.topic = self.named = True
        self.proper = False  # after `trung ương` (`Ban Chỉ đạo trung ương về phòng chống …`)
        self.take(skip, lower=True)
        return True

    def _topic_head_words(self, topic_heads: frozenset[str]) -> int | None:
        """How many capitalized words of the name read so far belong to a head of `topic_heads`
        (that takes a topic): 0 when the head matched is one, 1 when the head matched opens one
        with the words after it (`Ban` + `Chỉ đạo`, where the head was read before `trung ương`
        in lower case); None when no such head opens the name."""
        if self.head in topic_heads or self.titled_head in topic_heads:
            return 0
        start = self.head_end - len(self.head)
        for head in topic_heads:
            if (
                head.casefold().startswith(f"{self.head.casefold()} ")
                and start + len(head) < self.end
                and self.text[start : start + len(head)].casefold() == head.casefold()
            ):
                return 1
        return None

    def _sector_at(self, i: int) -> bool:
        """Whether a sector name with a comma starts at token `i` (`phòng, chống`)."""
        if i >= len(self.tokens) or self.tokens[i][0] not in self.lexicon.bodies.sector_first_words:
            return False
        return any(
            self.text.startswith(n, self.tokens[i][1]) for n in self.lexicon.bodies.sector_names
        )

    def comma_list(self) -> bool:
        """A list of lower-case words with commas inside a name that takes lower-case words
        (`Hiệp hội Bia, rượu, nước giải khát Việt Nam`, `hiệp hội Đại học, cao đẳng Việt Nam`,
        `phòng Quản lý vận tải, phương tiện và người lái`): read only when the list is closed,
        by `và` and its last item or by a province or a country; elsewhere the comma ends the
        name (`Sở Tài chính, kho bạc …`)."""
        if self.word() != "," or not self.named or self.proper:
            return False
        bodies = self.lexicon.bodies
        if not opens_with(self.titled_head, bodies.heads_with_lower_case_names) and not opens_with(
            self.titled_head, bodies.heads_with_sentence_case_names
        ):
            return False
        end = self._closed_list_end(self.i + 1)
        if end is None:
            return False
        self.lower_words += 1
        self.take(end - self.i, lower=True)
        return True

    def _closed_list_end(self, j: int) -> int | None:
        """Where a list of lower-case items from token `j` ends when `và` and a last item, or a
        province or a country, close it; None when it is not closed."""
        places = self.lexicon.places
        start = j
        while True:
            item_end = self._lower_run_end(j)
            if item_end is None:
                return None
            j = item_end
            word = self.tokens[j][0] if j < len(self.tokens) else ""
            if word == ",":
                j += 1
            elif word == self.lexicon.bodies.and_word:
                return self._lower_run_end(j + 1)
            elif (
                starts_with(self.tokens, j, places.provinces)
                or starts_with(self.tokens, j, places.countries)
            ) and not self._capitalized_common_word(start):
                # a capitalized item closed by a place may be a parent (`Tổng cục Chính trị,
                # Quân đội nhân dân Việt Nam`): only `và` closes a list of capitalized items
                return j
            else:
                return None

    def _lower_run_end(self, j: int) -> int | None:
        """The end of an item of a list: one or two common lower-case words from token `j`,
        not another body's head (`trường Việt Nam`); None when there is none."""
        if j >= len(self.tokens) or head_at(self.text, self.tokens[j][1], self.lexicon):
            return None
        start = j
        for _ in range(_MOST_WORDS_IN_AN_ITEM):
            width = self.goes_on_lower(j) or self._capitalized_common_word(j)
            if not width:
                break
            j += width
        return j if j > start and not self.goes_on_lower(j) else None

    def _capitalized_common_word(self, j: int) -> int:
        """The width of a common word written with its first syllable capitalized at token `j`,
        as an item of a name's list is (`Khoa học, Pháp lý và Kinh doanh`, `Giám sát, Điều hành
        Đô thị thông minh`); 0 when there is none or it is a proper name."""
        tokens = self.tokens
        if j + 1 >= len(tokens) or not TITLE_CASE_RE.match(tokens[j][0]):
            return 0
        word = f"{tokens[j][0].lower()} {tokens[j + 1][0]}"
        if not LOW_RE.match(tokens[j + 1][0]) or word not in self.lexicon.bodies.common_words:
            return 0
        return 0 if starts_with(tokens, j + 1, self.lexicon.bodies.stop_words) else 2

    def plural(self) -> bool:
        """`các` and the common words after it, in a name that goes on in lower case (`Ban Quản
        lý các khu công nghiệp tỉnh Bình Dương`, `Liên hiệp các hội Khoa học và Kỹ thuật Việt
        Nam`), tentatively: they stay only where the name reaches its place, as `lower_case`
        reads words that must; not before a level (`Hội đồng nhân dân các cấp`, `Sở Xây dựng
        các tỉnh`): rules/gazetteers/plural_markers.txt."""
        bodies = self.lexicon.bodies
        if self.word() not in bodies.plural_markers or self.proper or self.topic:
            return False
        if not (self.i == 0 or self.last_lower or self.completed):
            return False
        if self.i == 0 and self.head[:1].islower():
            return False  # `trung tâm các đô thị`: the centre of a place, not a body
        if not self._lower_case_named():
            return False
        # the noun after `các` is the object, even where it is also a verb (`các tổ chức`) or
        # capitalized (`các Khu công nghiệp`)
        width = self.common_word_width(self.i + 1, first_capitalized=True)
        if (
            not width
            or self.word(1) in bodies.function_words
            or level_width(self.tokens, self.i + 1, self.lexicon)
        ):
            return False
        if self.end_before_lower is None:
            self.end_before_lower = self.end
        self.plural_from = self.i
        self.lower_words += 1
        self.take(1 + width, lower=True)
        return True

    def _lower_case_named(self) -> bool:
        """Whether the name read so far opens with a head whose name goes on in lower case,
        as the head matched (`Liên hiệp`) or with the capitalized words after it (`Ban` +
        `Quản lý`): rules/gazetteers/heads_with_lower_case_names.txt."""
        bodies = self.lexicon.bodies
        if opens_with(self.titled_head, bodies.heads_with_lower_case_names):
            return True
        found = bodies.lower_case_named_head.match(self.text, self.head_end - len(self.head))
        return found is not None and self.head_end < found.end() <= self.end

    def business_line(self) -> bool:
        """The business's line in lower case between its legal form and its own capitalized
        name, whatever its words (`Công ty TNHH dịch vụ đòi nợ Đại Việt`, `Công ty TNHH thương
        mại và tổng hợp Hương Tích`): the name the capitals give closes it. A function word
        other than `và` ends it (`công ty TNHH MTV thuộc sở hữu của Đảng bộ`), as does a
        capital that opens another body or follows punctuation; after a head in lower case, a
        place alone is no business's name."""
        if (
            self.proper
            or not LOW_RE.match(self.word())
            or self.word() == self.lexicon.bodies.and_word
        ):
            return False
        endings = self.lexicon.bodies.legal_form_endings
        # case-folding maps each character to one or more: the longest ending's length of
        # characters read is enough to tell
        read = self.text[max(0, self.end - len(endings[0])) : self.end].casefold()
        if not read.endswith(endings):
            return False
        tokens, function_words = self.tokens, self.lexicon.bodies.function_words
        j = self.i
        while (
            j < len(tokens)
            and j - self.i < _MOST_BUSINESS_LINE_WORDS
            and LOW_RE.match(tokens[j][0])
            and (tokens[j][0] == self.lexicon.bodies.and_word or tokens[j][0] not in function_words)
            and (j == self.i or tokens[j][1] == tokens[j - 1][2] + 1)
        ):
            j += 1
        if (
            j >= len(tokens)
            or tokens[j][1] != tokens[j - 1][2] + 1
            or not TITLE_CASE_RE.match(tokens[j][0])
            or tokens[j - 1][0] == self.lexicon.bodies.and_word
            or head_at(self.text, tokens[j][1], self.lexicon) is not None
        ):
            return False
        places = self.lexicon.places
        if self.head[:1].islower() and (
            starts_with(tokens, j, places.countries) or starts_with(tokens, j, places.provinces)
        ):
            return False  # `ngân hàng TMCP lâu đời nhất Việt Nam`: a description, and a place
        self.lower_words += j - self.i
        self.take(j - self.i, lower=True)
        return True

    def _closed_by_capitals(self) -> bool:
        """Whether the two capitalized syllables just read close the name to lower-case words,
        which are then the sentence going on: a common word the writer capitalized syllable by
        syllable, as Vietnamese writes proper names (`Ngân hàng Đông Á | đại hội cổ đông`,
        `Công ty Điện lực Mỹ Đức | sửa chữa`, where a name's common words are capitalized on
        their first syllable only: `Tài nguyên`), not a legal form spelled out (`Cổ Phần`);
        and a level or the nation's scope capitalized after a capitalized word of the name,
        which it qualifies as a whole (`Bệnh viện Nhi Trung ương | chữa trị`, `Trung tâm Bão
        Quốc gia | dự báo`; right after the head it may open the name: `Bệnh viện Trung ương
        quân đội 108`): rules/gazetteers/name_level_words.txt, national_scope_words.txt."""
        tokens, i, bodies = self.tokens, self.i, self.lexicon.bodies
        if self.last_lower or i < 2 or i >= len(tokens):
            return False
        if starts_with(tokens, i, bodies.qualifiers) or bodies.branch.match(
            self.text, tokens[i - 1][2]
        ):
            return False  # a campus (`… Quốc gia cơ sở tại TP. HCM`), a branch (`chi nhánh`)
        first, second = tokens[i - 2][0], tokens[i - 1][0]
        if f"{second.lower()} {tokens[i][0]}" in bodies.common_words:
            return False  # `Hội Sinh viên`: the lower-case syllable completes a word
        if not (TITLE_CASE_RE.match(first) and tokens[i - 1][1] == tokens[i - 2][2] + 1):
            return False
        pair = f"{first} {second}".lower()
        if pair in bodies.level_words or pair in bodies.national_scope_words:
            # the word before is the name's own, not a body's head the level opens the name
            # of (`Văn phòng Ủy ban Quốc gia tìm kiếm cứu nạn`)
            before = i - 3 if i >= 3 and TITLE_CASE_RE.match(tokens[i - 3][0]) else i - 4
            word = " ".join(t[0] for t in tokens[max(before, 0) : i - 2])
            return (
                self.capital_words > 1 and before >= 0 and word.lower() not in bodies.heads_by_lower
            )
        if not (second[:1].isupper() and (len(second) == 1 or TITLE_CASE_RE.match(second))):
            return False
        endings = bodies.legal_form_endings
        spelled = self.text[max(0, self.end - len(endings[0])) : self.end].casefold()
        return pair in bodies.common_words and not spelled.endswith(endings)

    def lower_case(self) -> bool:
        """Common words in lower case go on a name whose last word is a common one (`Cục Quản
        lý đấu thầu`, `Hiệp hội Thị trường trái phiếu`), or right after a head that takes them
        (`Trạm nghiên cứu ứng dụng kỹ thuật nông nghiệp`:
        rules/gazetteers/heads_with_lower_case_names.txt), up to a word that ends it (a verb, a
        function word: name_stop_words.txt, name_function_words.txt) or a proper name."""
        bodies = self.lexicon.bodies
        # a number after a proper name (`công ty TNHH Đất Kinh Tuyến số 1`)
        numbered = self.word() in bodies.number_introducers and self.word(1).isdigit()
        if (self.proper and not numbered) or not LOW_RE.match(self.word()):
            return False
        if not numbered and self._closed_by_capitals():
            return False
        # the head as matched, not a longer head it opens (`Hội đồng`, `Ủy ban Kiểm tra`)
        before_place = self.titled_head in bodies.heads_described_before_place
        described = (
            self.topic
            or opens_with(self.titled_head, bodies.heads_with_lower_case_names)
            or (
                self.capital_words > 0
                and opens_with(self.titled_head, bodies.heads_with_sentence_case_names)
            )
        )
        # after a capitalized name (`Sở Giao thông Vận tải`, `Hội Tiêu chuẩn và Bảo vệ`),
        # lower-case words are the name's only when its place closes them (`… người tiêu dùng
        # Việt Nam`), not when the sentence goes on (`… xây dựng`)
        # a committee's topic after `về` is read whole (`Ủy ban về các vấn đề xã hội`)
        tentative = (before_place and not self.topic) or (
            self.capital_words > 0 and (not described or (self.capital_words > 1 and self.topic))
        )
        if not (described or tentative):
            return False
        if self.i == 0 and self._head_in_a_word():
            return False  # `Hội nghị`, `phòng ban`: the head is part of a word
        if tentative and self.lower_before_place >= _MOST_LOWER_BEFORE_PLACE:
            return False
        width = self.goes_on_lower(self.i)
        if not width:
            return False
        if tentative and self.end_before_lower is None:
            self.end_before_lower = self.end
        if self.end_before_lower is not None:
            self.lower_before_place += 1
        self.lower_words += 1
        self.take(width, lower=True)
        return True
