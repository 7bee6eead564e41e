"""The contracts between rule files and the Python that normalizes their matches.

A rule file names a normalizer; the normalizer declares what it reads — the named groups of
the rule's pattern, the kinds of pattern it understands, the gazetteers — so that `vnie rules
check` can hold every rule to it (as spaCy's components declare what they require). A
resolver sees all of one table's candidates of an article and declares the tables it needs
resolved first. Neither registers itself: `pipeline.extract.registry` lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from pipeline.engine.ruleset import Rule
    from pipeline.records import Article
    from pipeline.text.nlp import Sentence
    from pipeline.text.normalize import NormalizedText

Values = dict[str, Any]
L = TypeVar("L")  # the lexicon type of the normalizers that a registry holds


@dataclass(frozen=True)
class Found:
    """A normalizer's output: a span of the sentence (it may narrow the match) and values."""

    start: int
    end: int
    values: Values


@dataclass(frozen=True)
class Reject:
    """Why a normalizer found nothing in a match: a short reason name, shown by `--explain`."""

    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Match:
    """One pattern match in a sentence, as a normalizer sees it."""

    sentence: Sentence
    start: int
    end: int
    groups: Mapping[str, str | None]
    spans: Mapping[str, tuple[int, int]]
    doc: Any = None

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]

    def group(self, name: str) -> str | None:
        return self.groups.get(name)

    @classmethod
    def from_regex(cls, sentence: Sentence, match: Any) -> Match:
        groups = match.groupdict()
        spans = {name: match.span(name) for name, value in groups.items() if value is not None}
        return cls(sentence, match.start(), match.end(), groups, spans)

    @classmethod
    def from_span(cls, sentence: Sentence, start: int, end: int, doc: Any = None) -> Match:
        return cls(sentence, start, end, {}, {}, doc)


@dataclass
class Candidate:
    """A normalized match waiting for the article-level resolver."""

    rule: Rule
    sentence: Sentence
    start: int
    end: int
    values: Values

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


@dataclass
class ArticleText(Generic[L]):
    """An article as the resolvers see it: normalized fields, sentences, the lexicon, and the
    candidates of the tables resolved before (only those a resolver declared it requires)."""

    article: Article
    lexicon: L
    fields: dict[str, NormalizedText]
    sentences: list[Sentence]
    #: word-segmented spans of sentences: (sentence index, start, end) → spaCy Doc
    docs: dict[tuple[int, int, int], Any] = field(default_factory=dict)
    resolved: dict[str, list[Candidate]] = field(default_factory=dict)
    #: what several resolvers read about the article, worked out once (its province)
    facts: dict[str, Any] = field(default_factory=dict)

    def full_text(self) -> str:
        """Every sentence, joined by spaces (for article-wide word tests)."""
        return " ".join(sentence.text for sentence in self.sentences)


Normalized = Values | list[Found] | Reject
NormalizeFunction = Callable[[Match, L], Normalized]
ResolveFunction = Callable[[list[Candidate], ArticleText[L]], list[Candidate]]
PATTERN_KINDS = ("regex", "tokens", "phrases")


@dataclass(frozen=True)
class Normalizer(Generic[L]):
    """A normalizer and its contract: the groups it needs, the pattern kinds it reads, the
    gazetteers it consults."""

    name: str
    function: NormalizeFunction[L]
    groups: frozenset[str]
    optional_groups: frozenset[str]
    kinds: frozenset[str]
    gazetteers: frozenset[str]

    def __call__(self, match: Match, lexicon: L) -> Normalized:
        return self.function(match, lexicon)


@dataclass(frozen=True)
class Resolver(Generic[L]):
    """The per-article resolver of one table, with the tables it reads and its gazetteers."""

    table: str
    function: ResolveFunction[L]
    requires: tuple[str, ...]
    gazetteers: frozenset[str]

    def __call__(self, candidates: list[Candidate], text: ArticleText[L]) -> list[Candidate]:
        return self.function(candidates, text)


def normalizer(
    name: str,
    *,
    groups: Iterable[str] = (),
    optional: Iterable[str] = (),
    kinds: Iterable[str] = ("regex",),
    gazetteers: Iterable[str] = (),
) -> Callable[[NormalizeFunction[L]], Normalizer[L]]:
    """Declare a normalizer: the name rule files use and what a rule must give it."""

    def declare(function: NormalizeFunction[L]) -> Normalizer[L]:
        return Normalizer(
            name,
            function,
            frozenset(groups),
            frozenset(optional),
            frozenset(kinds),
            frozenset(gazetteers),
        )

    return declare


def resolver(
    table: str, *, requires: Iterable[str] = (), gazetteers: Iterable[str] = ()
) -> Callable[[ResolveFunction[L]], Resolver[L]]:
    """Declare a table's resolver and the tables that must be resolved before it."""

    def declare(function: ResolveFunction[L]) -> Resolver[L]:
        return Resolver(table, function, tuple(requires), frozenset(gazetteers))

    return declare


@dataclass(frozen=True)
class Registry(Generic[L]):
    """Every normalizer and resolver, and how to build the lexicon they read."""

    normalizers: Mapping[str, Normalizer[L]]
    resolvers: Mapping[str, Resolver[L]]
    #: gazetteers (name → entries) and shared defines (name → pattern) → the lexicon
    build_lexicon: Callable[[Mapping[str, Any], Mapping[str, str]], L]
    #: the gazetteers the lexicon reads, with the shape each must have (list or dict)
    gazetteer_shapes: Mapping[str, type]

    @classmethod
    def of(
        cls,
        normalizers: Iterable[Normalizer[L]],
        resolvers: Iterable[Resolver[L]],
        build_lexicon: Callable[[Mapping[str, Any], Mapping[str, str]], L],
        gazetteer_shapes: Mapping[str, type],
    ) -> Registry[L]:
        by_name: dict[str, Normalizer[L]] = {}
        for spec in normalizers:
            if spec.name in by_name:
                raise ValueError(f"two normalizers named {spec.name}")
            by_name[spec.name] = spec
        by_table = {spec.table: spec for spec in resolvers}
        return cls(by_name, by_table, build_lexicon, gazetteer_shapes)

    def resolution_order(self, tables: Iterable[str]) -> list[str]:
        """`tables` ordered so that each resolver runs after the tables it requires."""
        wanted = list(tables)
        ordered: list[str] = []
        visiting: set[str] = set()

        def visit(table: str) -> None:
            if table in ordered:
                return
            if table in visiting:
                raise ValueError(f"resolvers require each other in a loop at {table}")
            visiting.add(table)
            spec = self.resolvers.get(table)
            for required in spec.requires if spec else ():
                visit(required)
            visiting.discard(table)
            ordered.append(table)

        for table in wanted:
            visit(table)
        return ordered
