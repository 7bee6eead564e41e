"""underthesea's sentence splitter, the same sentences at a tenth of its cost.

underthesea (9.x) splits with a Punkt-style scan written as a Python loop over every
character of a paragraph (a third of reading an article). Its loop does nothing at a
character other than `.`, `?` and `!` but step to the next one, so here the standard
library's `re` jumps from one such character to the next, and at each the same decisions are
taken, in the same order, with underthesea's own abbreviation list (`pipeline.text.nlp`
hands it in). `tests/test_nlp.py`
checks the sentences equal underthesea's over the shared corpus.
"""

from __future__ import annotations

import re

_END_CHAR = re.compile(r"[.?!]")
_END_CHARS = re.compile(r"[.?!]*")
_DOTS = re.compile(r"\.*")
_SPACES_TABS = re.compile(r"[ \t]*")
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def sent_tokenize(text: str, abbreviations: frozenset[str]) -> list[str]:
    """The sentences of `text`, as `underthesea.sent_tokenize(text)` gives them when
    `abbreviations` are its tokenizer's (lower case)."""
    if not text or not text.strip():
        return []
    sentences: list[str] = []
    n = len(text)
    start = i = 0
    while (found := _END_CHAR.search(text, i)) is not None:
        i = found.start()
        if text[i] == ".":
            dot_end = _DOTS.match(text, i).end()  # type: ignore[union-attr]
            if dot_end - i >= 3:  # an ellipsis ends a sentence before a capital or the end
                after = _SPACES_TABS.match(text, dot_end).end()  # type: ignore[union-attr]
                if after >= n or text[after].isupper():
                    sentence = text[start:dot_end].strip()
                    if sentence:
                        sentences.append(sentence)
                    start = _WHITESPACE.match(text, dot_end).end()  # type: ignore[union-attr]
                i = dot_end
                continue
            if not _period_ends(text, i, abbreviations):
                i += 1
                continue
        end = _END_CHARS.match(text, i + 1).end()  # type: ignore[union-attr]
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = i = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
    final = text[start:].strip()
    if final:
        sentences.append(final)
    return sentences


def _period_ends(text: str, pos: int, abbreviations: frozenset[str]) -> bool:
    """Whether the period at `pos` ends a sentence: not between two digits (`1.500`), not
    after an abbreviation (the letters, digits and periods before it)."""
    if pos > 0 and text[pos - 1].isdigit() and pos + 1 < len(text) and text[pos + 1].isdigit():
        return False
    word_start = pos - 1
    while word_start >= 0 and (text[word_start].isalnum() or text[word_start] == "."):
        word_start -= 1
    word = text[word_start + 1 : pos]
    return not (word and word.lower() in abbreviations)
