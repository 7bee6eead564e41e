"""Sentences and words: underthesea splits and segments, a spaCy `Doc` carries the result.

Offsets are the single source of truth: every sentence knows its span in the normalized
field, and every `Doc` is built so that `doc.text` equals the sentence text exactly.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

import regex

from pipeline.text.sentence_ends import sent_tokenize

if TYPE_CHECKING:  # spaCy is imported only when a token rule needs words (it takes ~0.5 s)
    from spacy.tokens import Doc
    from spacy.vocab import Vocab


@dataclass(frozen=True)
class Sentence:
    """A sentence of one field: `start`/`end` index the field's normalized text."""

    field: str
    index: int  # running number over the whole article (title first)
    start: int
    end: int
    text: str


@functools.cache
def vocab() -> Vocab:
    """The shared spaCy vocabulary (a blank Vietnamese pipeline, no pyvi needed)."""
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}}).vocab


@functools.cache
def underthesea_function(pipeline: str) -> Callable[..., Any]:
    """underthesea's `pipeline.<pipeline>.<pipeline>` function, without importing the rest.

    `import underthesea` runs every pipeline's module (POS, NER, chunking, classification:
    about 0.3 s, a third of `vnie try`). Here the package is registered without running its
    `__init__`, and only the pipelines asked for are imported (in the package's own order:
    `text_normalize` before `word_tokenize`, which import each other). The first attribute
    anyone else asks of the package (`from underthesea import ner`) runs the real `__init__`,
    so the package is whole for every other user in the process; should a later underthesea
    lay its modules out otherwise, the whole package is imported as usual.
    """
    if "underthesea" not in sys.modules:
        spec = importlib.util.find_spec("underthesea")
        if spec is None or spec.loader is None:
            raise ModuleNotFoundError("underthesea is not installed", name="underthesea")
        package = importlib.util.module_from_spec(spec)
        loader = spec.loader

        def complete(name: str) -> Any:
            del package.__dict__["__getattr__"]
            loader.exec_module(package)
            return getattr(package, name)

        package.__dict__["__getattr__"] = complete
        sys.modules["underthesea"] = package
    try:
        for name in ("text_normalize", pipeline):
            module: ModuleType = importlib.import_module(f"underthesea.pipeline.{name}")
        function: Callable[..., Any] = getattr(module, pipeline)
    except (ImportError, AttributeError):
        function = getattr(importlib.import_module("underthesea"), pipeline)
    return function


@functools.cache
def sentence_abbreviations() -> frozenset[str]:
    """The words underthesea's sentence splitter never ends a sentence after (`tp`, `ths`,
    single letters…), from its model."""
    underthesea_function("sent_tokenize")("Khởi động.")  # loads the model
    module = importlib.import_module("underthesea.pipeline.sent_tokenize")
    return frozenset(module.sentence_tokenizer.abbrev_types)


def split_sentences(field: str, text: str, first_index: int = 0) -> list[Sentence]:
    """Paragraphs (newlines) then underthesea's sentence splitter (its decisions, taken by
    `sentence_ends.sent_tokenize`), its cuts after an abbreviation and inside a quotation
    joined back, with offsets into `text`."""
    abbreviations = sentence_abbreviations()
    sentences: list[Sentence] = []
    cursor = 0
    for paragraph in text.split("\n"):
        paragraph_start = cursor
        cursor += len(paragraph) + 1
        if not paragraph.strip():
            continue
        position = 0
        pieces = _rejoin_abbreviations(sent_tokenize(paragraph, abbreviations))
        for piece in _rejoin_quotations(paragraph, pieces):
            found = paragraph.find(piece, position)
            if found < 0:  # the splitter changed the text: keep the rest as one sentence
                break
            position = found + len(piece)
            sentences.append(
                _sentence(field, first_index + len(sentences), paragraph_start, found, piece)
            )
        rest = paragraph[position:]
        if rest.strip():
            offset = position + len(rest) - len(rest.lstrip())
            sentences.append(
                _sentence(
                    field, first_index + len(sentences), paragraph_start, offset, rest.strip()
                )
            )
    return sentences


_ABBREVIATION_END = regex.compile(
    r"(?:(?<![\p{L}])(?:TP|Tp|Q|P|TX|TT|ThS|TS|PGS|GS|BS|Th\.S|UVT|T|Co)"
    r"|(?<![\p{L}])\p{Lu})\.$"
)


_DOMAIN_END = regex.compile(r"^(?:vn|com|net|org|gov|edu)(?![\p{L}])")


def _rejoin_abbreviations(pieces: list[str]) -> list[str]:
    """underthesea ends a sentence after `TP.` in `TP. HCM`, and inside a site's name
    (`chinhphu.vn`, `binhdinh.gov.vn`): join such pieces back."""
    joined: list[str] = []
    for piece in pieces:
        if (
            joined
            and joined[-1].endswith(".")
            and joined[-1][-2:-1].isalnum()
            and _DOMAIN_END.match(piece)
        ):
            joined[-1] = joined[-1] + piece
        elif joined and _ABBREVIATION_END.search(joined[-1]):
            joined[-1] = joined[-1] + " " + piece
        else:
            joined.append(piece)
    return joined


#: the longest quotation (quote to quote) that may hold a sentence end yet name one thing
#: (`"Bố ơi! Mình đi đâu thế?"`, 25 characters); longer ones are speech of several sentences
_QUOTED_NAME_LENGTH = 60

# a closing quote that begins a piece: the quote, then a space, a sign or the paragraph's end
_CLOSING_QUOTE = regex.compile(r'"(?=[\s\p{P}]|$)')
# a quote that opens a quotation: at the start or after a space or sign, a word right after
_OPENING_QUOTE = regex.compile(r'(?:^|(?<=[\s\p{P}]))"(?=[\p{L}\p{N}])')


def _rejoin_quotations(paragraph: str, pieces: list[str]) -> list[str]:
    """underthesea ends a sentence at `?`, `!`, `...` or `.` even inside a quotation: in
    `chương trình "Bác sĩ ơi, tại sao?" phát sóng …` the closing quote and the rest of the
    sentence become a piece of their own. A piece that ends with a quotation still open (an
    odd number of quotes in the paragraph so far) takes back the closing quote that begins
    the next piece, and the rest of that piece too unless it begins a sentence of its own
    (`"Sao họ không đầu tư?" Ông A hỏi.`). A short quotation that goes on past a `?` or
    `!` (`"Bố ơi! Mình đi đâu thế?"`) is one name: its pieces are joined. Only within a
    paragraph, and a quote that never closes joins nothing.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for piece in pieces:
        found = paragraph.find(piece, position)
        if found < 0:  # the splitter changed the text: leave the pieces as they are
            return pieces
        position = found + len(piece)
        start, end = found, position
        if spans and _quotation_open(paragraph, spans[-1][1]):
            previous_start, previous_end = spans[-1]
            closing = _CLOSING_QUOTE.match(paragraph, start)
            if closing:
                rest = paragraph[closing.end() : end].lstrip()
                if rest and (rest[0].isupper() or rest[0].isdigit() or rest[0] == '"'):
                    spans[-1] = (previous_start, closing.end())
                    start = end - len(rest)
                else:
                    spans[-1] = (previous_start, end)
                    continue
            elif _short_quotation_goes_on(paragraph, previous_start, previous_end):
                spans[-1] = (previous_start, end)
                continue
        spans.append((start, end))
    return [paragraph[start:end] for start, end in spans]


def _quotation_open(paragraph: str, end: int) -> bool:
    """Whether a sentence piece ending at `end` ends with its mark inside a quotation."""
    return paragraph[end - 1 : end] in ".?!…" and paragraph.count('"', 0, end) % 2 == 1


def _short_quotation_goes_on(paragraph: str, start: int, end: int) -> bool:
    """Whether the piece `paragraph[start:end]`, ending at `?`, `!` or an ellipsis, opened a
    quotation that closes within `_QUOTED_NAME_LENGTH` characters."""
    if paragraph[end - 1] == "." and not paragraph.endswith("...", 0, end):
        return False
    opening = paragraph.rfind('"', start, end)
    if opening < 0 or not _OPENING_QUOTE.match(paragraph, opening):
        return False
    closing = paragraph.find('"', end)
    return closing >= 0 and closing - opening <= _QUOTED_NAME_LENGTH


def _sentence(field: str, index: int, base: int, offset: int, text: str) -> Sentence:
    start = base + offset
    return Sentence(field, index, start, start + len(text), text)


def segment(text: str) -> list[str]:
    """underthesea word segmentation, the text left as written (no token normalization)."""
    word_tokenize = underthesea_function("word_tokenize")
    words: list[str] = word_tokenize(text, use_token_normalize=False)
    return words


def align(text: str, words: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Character spans of `words` in `text`; text the segmenter skipped becomes its own span."""
    cursor = 0
    for word in words:
        found = text.find(word, cursor)
        if found < 0:
            continue
        if text[cursor:found].strip():
            yield cursor + _lead(text[cursor:found]), found - _trail(text[cursor:found])
        yield found, found + len(word)
        cursor = found + len(word)
    if text[cursor:].strip():
        yield cursor + _lead(text[cursor:]), len(text) - _trail(text[cursor:])


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip())


def _trail(s: str) -> int:
    return len(s) - len(s.rstrip())


def make_doc(text: str) -> Doc:
    """A spaCy `Doc` of underthesea words whose `doc.text == text`."""
    from spacy.tokens import Doc

    words, spaces = _layout(text)
    doc = Doc(vocab(), words=list(words), spaces=list(spaces))
    assert doc.text == text, "word alignment lost characters"
    return doc


#: windows of text laid out lately: the same few words recur across a corpus (`Theo ông
#: Hải`: one window in seven on the political news), and segmenting them is the slow step
_LAYOUTS_KEPT = 4096


@functools.lru_cache(maxsize=_LAYOUTS_KEPT)
def _layout(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The words of `text` as the segmenter splits it, and whether a space follows each."""
    spans = list(align(text, segment(text)))
    words, spaces = [], []
    for i, (start, end) in enumerate(spans):
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        gap = text[end:next_start]
        # A segmenter's word may hold inner spaces; a gap of several spaces stays a token.
        words.append(text[start:end])
        spaces.append(gap == " ")
        if gap not in ("", " "):
            words.append(gap[1:] if gap.startswith(" ") else gap)
            spaces[-1] = gap.startswith(" ")
            spaces.append(False)
    leading = text[: spans[0][0]] if spans else text
    if leading:
        words.insert(0, leading)
        spaces.insert(0, False)
    return tuple(words), tuple(spaces)
