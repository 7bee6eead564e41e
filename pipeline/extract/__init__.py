"""The extractors: normalizers named by rule files, and per-article resolvers per table.

A normalizer turns one pattern match into normalized values (or rejects it with None). A
resolver sees all of one table's candidates of an article at once: it links short
references to full ones, attaches places, merges repetitions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.engine.article import ArticleText
    from pipeline.engine.ruleset import Rule, RuleSet
    from pipeline.text.nlp import Sentence

NORMALIZERS: dict[str, Callable[..., Any]] = {}
RESOLVERS: dict[str, Callable[[list[Candidate], ArticleText], list[Candidate]]] = {}


def normalizer(name: str) -> Callable:
    """Register a normalizer under the name rule files use."""

    def register(function: Callable) -> Callable:
        NORMALIZERS[name] = function
        return function

    return register


def resolver(table: str) -> Callable:
    """Register the per-article resolver of a table."""

    def register(function: Callable) -> Callable:
        RESOLVERS[table] = function
        return function

    return register


@dataclass(frozen=True)
class Found:
    """A normalizer's output: a span of the sentence (it may narrow the match) and values."""

    start: int
    end: int
    values: dict[str, Any]


@dataclass
class Match:
    """One pattern match in a sentence, as a normalizer sees it."""

    sentence: Sentence
    start: int
    end: int
    groups: dict[str, str | None]
    spans: dict[str, tuple[int, int]]
    ruleset: RuleSet
    doc: Any = None

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]

    @property
    def gazetteers(self) -> dict[str, Any]:
        return self.ruleset.gazetteers

    def group(self, name: str) -> str | None:
        return self.groups.get(name)

    @classmethod
    def from_regex(cls, sentence: Sentence, match: Any, ruleset: RuleSet) -> Match:
        groups = match.groupdict()
        spans = {name: match.span(name) for name, value in groups.items() if value is not None}
        return cls(sentence, match.start(), match.end(), groups, spans, ruleset)

    @classmethod
    def from_span(
        cls,
        sentence: Sentence,
        start: int,
        end: int,
        groups: dict[str, Any],
        ruleset: RuleSet,
        doc: Any = None,
    ) -> Match:
        return cls(sentence, start, end, groups, {}, ruleset, doc)

    def normalized(self, function: Callable[..., Any]) -> Iterator[tuple[int, int, dict]]:
        """Call the normalizer; a dict covers the whole match, a list of `Found` its own spans."""
        result = function(self)
        if result is None:
            return
        if isinstance(result, dict):
            yield self.start, self.end, result
            return
        for found in result:
            yield found.start, found.end, found.values


@dataclass
class Candidate:
    """A normalized match waiting for the article-level resolver."""

    rule: Rule
    sentence: Sentence
    start: int
    end: int
    values: dict[str, Any]

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


# Importing the modules registers their normalizers and resolvers.
from pipeline.extract import (  # noqa: E402
    documents,
    models,
    money,
    officials,
    organizations,
)

__all__ = ["documents", "models", "money", "officials", "organizations"]
