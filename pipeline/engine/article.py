"""The per-article pipeline: normalize → sentences → prefilter → rules → normalizers → mentions.

Character rules (regex, phrase lists) run on the normalized sentence text. Only a sentence
that a token rule's triggers select is segmented into words, once, and laid into a spaCy
`Doc`. Offsets flow back through the normalization map to the field as it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ahocorasick
import regex

from pipeline.engine.ruleset import TABLES, Rule, RuleSet, alternation
from pipeline.extract import RESOLVERS, Candidate, Match
from pipeline.records import TEXT_FIELDS, Article, Mention
from pipeline.text.dates import iso_vn
from pipeline.text.nlp import Sentence, make_doc, split_sentences
from pipeline.text.normalize import NormalizedText, normalize


@dataclass
class ArticleText:
    """The normalized fields of an article and their sentences."""

    article: Article
    ruleset: RuleSet
    fields: dict[str, NormalizedText]
    sentences: list[Sentence]
    docs: dict[int, Any] = field(default_factory=dict)
    #: each table's resolved candidates, for resolvers of later tables (models read owners)
    resolved: dict[str, list] = field(default_factory=dict)
    #: what several resolvers read about the article, worked out once (its province)
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass
class ArticleResult:
    """What one article yields: its summary row and its mentions, per table."""

    article_row: dict[str, Any]
    mentions: dict[str, list[Mention]]


_WORD_RE = regex.compile(r"[\p{L}\p{N}]+")


class _Compiled:
    """Per-ruleset structures built once per process: the trigger automaton, phrase regexes."""

    def __init__(self, ruleset: RuleSet):
        self.always = [rule for rule in ruleset.rules if not rule.triggers]
        self.automaton = ahocorasick.Automaton()
        by_trigger: dict[str, list[Rule]] = {}
        for rule in ruleset.rules:
            for trigger in rule.triggers:
                by_trigger.setdefault(trigger, []).append(rule)
        for trigger, rules in by_trigger.items():
            self.automaton.add_word(trigger, rules)
        if by_trigger:
            self.automaton.make_automaton()
        self.phrase_res = {
            rule.id: regex.compile(
                r"(?<![\p{L}\p{N}])" + alternation(rule.pattern) + r"(?![\p{L}\p{N}])"
            )
            for rule in ruleset.rules
            if rule.kind == "phrases"
        }
        self.matchers = {}
        token_rules = [rule for rule in ruleset.rules if rule.kind == "tokens"]
        if token_rules:
            from spacy.matcher import Matcher

            from pipeline.text.nlp import vocab

            for rule in token_rules:
                matcher = Matcher(vocab())
                matcher.add(rule.id, [rule.pattern], greedy="LONGEST")
                self.matchers[rule.id] = matcher

    def rules_for(self, sentence_text: str) -> list[Rule]:
        """The rules whose triggers occur in the sentence (and those with none), in file order."""
        selected = {rule.id: rule for rule in self.always}
        if len(self.automaton):
            for _, rules in self.automaton.iter(sentence_text.lower()):
                for rule in rules:
                    selected[rule.id] = rule
        return sorted(selected.values(), key=lambda r: r.order)


_COMPILED: dict[int, tuple[RuleSet, _Compiled]] = {}


def compiled(ruleset: RuleSet) -> _Compiled:
    """The ruleset's matching structures, built on first use in each process."""
    entry = _COMPILED.get(id(ruleset))
    if entry is None or entry[0] is not ruleset:
        entry = _COMPILED[id(ruleset)] = (ruleset, _Compiled(ruleset))
    return entry[1]


def read_article(article: Article, ruleset: RuleSet) -> ArticleText:
    """Normalize every field of an article and split it into sentences."""
    fields: dict[str, NormalizedText] = {}
    sentences: list[Sentence] = []
    for name in TEXT_FIELDS:
        source = article.field_text(name)
        if not source:
            continue
        fields[name] = normalize(source)
        sentences.extend(split_sentences(name, fields[name].text, len(sentences)))
    return ArticleText(article, ruleset, fields, sentences)


def _run_rule(
    rule: Rule, sentence: Sentence, text: ArticleText, ruleset: RuleSet, comp: _Compiled
) -> list[Candidate]:
    if rule.kind == "tokens":
        doc = text.docs.get(sentence.index)
        if doc is None:
            doc = text.docs[sentence.index] = make_doc(sentence.text, ruleset.fixed_words)
        spans = [
            (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), {})
            for _, start, end in comp.matchers[rule.id](doc)
        ]
        matches = [Match.from_span(sentence, s, e, g, ruleset, doc) for s, e, g in spans]
    else:
        pattern = rule.pattern if rule.kind == "regex" else comp.phrase_res[rule.id]
        matches = [Match.from_regex(sentence, m, ruleset) for m in pattern.finditer(sentence.text)]
    found: list[Candidate] = []
    for match in matches:
        for start, end, values in match.normalized(rule.normalizer):
            found.append(Candidate(rule, sentence, start, end, values))
    return found


def _drop_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Within a table and a sentence, keep the longest match; ties go to the earlier rule."""
    kept: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), c.rule.order, c.start))
    for cand in ordered:
        if all(
            cand.end <= k.start or cand.start >= k.end
            for k in kept
            if k.sentence.index == cand.sentence.index
        ):
            kept.append(cand)
    return sorted(kept, key=lambda c: (c.sentence.index, c.start, c.end))


def extract(article: Article, ruleset: RuleSet, tables: tuple[str, ...] = TABLES) -> ArticleResult:
    """Run every rule of `tables` over one article and return its rows."""
    text = read_article(article, ruleset)
    comp = compiled(ruleset)
    per_table: dict[str, list[Candidate]] = {table: [] for table in tables}
    for sentence in text.sentences:
        for rule in comp.rules_for(sentence.text):
            if rule.table in per_table and (
                rule.prefilter is None or rule.prefilter.search(sentence.text)
            ):
                per_table[rule.table].extend(_run_rule(rule, sentence, text, ruleset, comp))
    mentions: dict[str, list[Mention]] = {}
    for table in tables:
        candidates = _drop_overlaps(per_table[table])
        resolver = RESOLVERS.get(table)
        if resolver is not None:
            candidates = resolver(candidates, text)
        text.resolved[table] = candidates
        mentions[table] = [_to_mention(c, text) for c in candidates]
    n_words = sum(len(_WORD_RE.findall(s.text)) for s in text.sentences)
    return ArticleResult(_article_row(article, text, n_words), mentions)


def _to_mention(cand: Candidate, text: ArticleText) -> Mention:
    field_name = cand.sentence.field
    norm = text.fields[field_name]
    start, end = norm.to_source(cand.sentence.start + cand.start, cand.sentence.start + cand.end)
    source = text.article.field_text(field_name)
    return Mention(
        cand.rule.table,
        text.article.id,
        field_name,
        cand.sentence.index,
        start,
        end,
        source[start:end],
        cand.rule.id,
        cand.values,
    )


def _article_row(article: Article, text: ArticleText, n_words: int) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published_at": iso_vn(article.published_at),
        "published_raw": article.published_at,
        "author": article.author,
        "province": text.facts.get("province"),
        "n_chars": sum(len(article.field_text(f)) for f in TEXT_FIELDS),
        "n_sentences": len(text.sentences),
        "n_words": n_words,
    }
