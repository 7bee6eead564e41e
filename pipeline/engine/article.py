"""The per-article pipeline: normalize → sentences → prefilter → rules → normalizers →
resolvers → mentions.

Character rules (regex, phrase lists) run on the normalized sentence text. Only a sentence
that a token rule's triggers select is segmented into words, once, and laid into a spaCy
`Doc`. Offsets flow back through the normalization map to the field as it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import ahocorasick
import regex

from pipeline.engine.contracts import ArticleText, Candidate, Match, Reject
from pipeline.engine.ruleset import Rule, RuleSet, alternation
from pipeline.records import FACT_TABLES, TEXT_FIELDS, Article, Mention
from pipeline.text.dates import iso_vn
from pipeline.text.nlp import Sentence, make_doc, split_sentences
from pipeline.text.normalize import NormalizedText, normalize


@dataclass
class ArticleResult:
    """What one article yields: its summary row and its mentions, per table."""

    article_row: dict[str, Any]
    mentions: dict[str, list[Mention]]


@dataclass(frozen=True)
class Rejection:
    """A match that its normalizer turned down, and why (for `vnie try --explain`)."""

    rule_id: str
    text: str
    reason: str
    detail: str


@dataclass(frozen=True)
class Drop:
    """A normalized match that did not reach the table, and what took it out (for
    `vnie try --explain`): a longer overlapping match of the same table, or the table's
    resolver, which reads the whole article."""

    rule_id: str
    text: str
    by: str


@dataclass
class Explanation:
    """What `--explain` collects while an article is read."""

    rejections: list[Rejection] = field(default_factory=list)
    drops: list[Drop] = field(default_factory=list)


_WORD_RE = regex.compile(r"[\p{L}\p{N}]+")


class CompiledRules:
    """Per-ruleset structures built once per process: the trigger automaton, phrase regexes,
    token matchers."""

    def __init__(self, ruleset: RuleSet):
        # rules with the same triggers (the officials' `@titles`, the money rules' units) share
        # the list of where those occur: a trigger found adds its place once per group, not
        # once per rule
        groups: dict[frozenset[str], int] = {}
        for rule in ruleset.rules:
            if rule.triggers:
                groups.setdefault(frozenset(rule.triggers), len(groups))
        #: every rule in file order with its trigger group (None: it has no triggers), so that
        #: the rules a sentence selects come out in file order without sorting them
        self.in_order = [
            (rule, groups[frozenset(rule.triggers)] if rule.triggers else None)
            for rule in sorted(ruleset.rules, key=lambda rule: rule.order)
        ]
        by_trigger: dict[str, list[int]] = {}
        for triggers, index in groups.items():
            for trigger in triggers:
                by_trigger.setdefault(trigger, []).append(index)
        # each trigger keeps how far its start lies before its last character, where the
        # automaton reports it
        self.automaton = ahocorasick.Automaton()
        for trigger, indices in by_trigger.items():
            self.automaton.add_word(trigger, (len(trigger) - 1, tuple(indices)))
        if by_trigger:
            self.automaton.make_automaton()
        self.phrase_res = {
            rule.id: regex.compile(
                r"(?<![\p{L}\p{N}])" + alternation(rule.pattern) + r"(?![\p{L}\p{N}])"
            )
            for rule in ruleset.rules
            if rule.kind == "phrases"
        }
        self._matchers: dict[str, Any] = {}

    def matcher(self, rule: Rule) -> Any:
        """A token rule's spaCy Matcher, built when the rule first meets a sentence."""
        if rule.id not in self._matchers:
            from spacy.matcher import Matcher

            from pipeline.text.nlp import vocab

            matcher = Matcher(vocab())
            matcher.add(rule.id, [rule.pattern], greedy="LONGEST")
            self._matchers[rule.id] = matcher
        return self._matchers[rule.id]

    def rules_for(self, sentence_text: str) -> list[tuple[Rule, list[int]]]:
        """The rules whose triggers occur in the sentence (and those with none), in file order,
        each with where its matches can start: where its triggers start (what an `anchored`
        rule is tried at), or where its `starts` regex finds something (read once for the
        rules that share it)."""
        found: dict[int, list[int]] = {}
        if len(self.automaton):
            for end, (reach, indices) in self.automaton.iter(sentence_text.lower()):
                for index in indices:
                    if index in found:
                        found[index].append(end - reach)
                    else:
                        found[index] = [end - reach]
        chosen: list[tuple[Rule, list[int]]] = []
        starts: dict[str, list[int]] = {}
        for rule, group in self.in_order:
            if group is not None and group not in found:
                continue
            if rule.starts is None:
                chosen.append((rule, [] if group is None else found[group]))
                continue
            source = rule.starts.pattern
            if source not in starts:
                starts[source] = [m.start() for m in rule.starts.finditer(sentence_text)]
            chosen.append((rule, starts[source]))
        return chosen


def compiled(ruleset: RuleSet) -> CompiledRules:
    """The ruleset's matching structures, built on first use in each process."""
    if ruleset.matching is None:
        ruleset.matching = CompiledRules(ruleset)
    matching: CompiledRules = ruleset.matching
    return matching


def read_article(article: Article, ruleset: RuleSet) -> ArticleText[Any]:
    """Normalize every field of an article and split it into sentences."""
    fields: dict[str, NormalizedText] = {}
    sentences: list[Sentence] = []
    for name in TEXT_FIELDS:
        source = article.field_text(name)
        if not source:
            continue
        fields[name] = normalize(source)
        sentences.extend(split_sentences(name, fields[name].text, len(sentences)))
    return ArticleText(article, ruleset.lexicon, fields, sentences)


def _matches(
    rule: Rule,
    sentence: Sentence,
    text: ArticleText[Any],
    comp: CompiledRules,
    anchors: list[int],
) -> list[Match]:
    if rule.kind == "tokens":
        return _token_matches(rule, sentence, text, comp)
    if rule.anchored or rule.starts is not None:
        return [
            Match.from_regex(sentence, m) for m in _anchored(rule.pattern, sentence.text, anchors)
        ]
    pattern = rule.pattern if rule.kind == "regex" else comp.phrase_res[rule.id]
    return [Match.from_regex(sentence, m) for m in pattern.finditer(sentence.text)]


def _anchored(pattern: Any, text: str, anchors: list[int]) -> list[Any]:
    """What `pattern.finditer(text)` finds when every match starts at one of `anchors`:
    the leftmost match at each anchor past the previous match, the rest of the text unread."""
    found = []
    reached = 0
    for position in sorted(set(anchors)):
        if position < reached:
            continue
        match = pattern.match(text, position)
        if match is not None and match.end() > match.start():
            found.append(match)
            reached = match.end()
    return found


def _token_matches(
    rule: Rule, sentence: Sentence, text: ArticleText[Any], comp: CompiledRules
) -> list[Match]:
    """A token rule's matches. Only the spans its prefilter finds, with a few words of context
    on each side, are segmented into words (`vào năm, ông Hải quyết tâm lấy`, not the whole
    sentence): word segmentation is the slowest step there is."""
    if rule.prefilter is None:
        windows = [(0, len(sentence.text))]
    else:
        windows = [
            _with_context(sentence.text, *m.span()) for m in rule.prefilter.finditer(sentence.text)
        ]
    matches = []
    for start, end in windows:
        key = (sentence.index, start, end)
        doc = text.docs.get(key)
        if doc is None:
            doc = text.docs[key] = make_doc(sentence.text[start:end])
        for _, first, last in comp.matcher(rule)(doc):
            span_end = doc[last - 1].idx + len(doc[last - 1])
            matches.append(Match.from_span(sentence, start + doc[first].idx, start + span_end, doc))
    return matches


#: words of context on each side of a span to segment: the segmenter's features reach two
#: syllables away, and a third keeps the tagging of the span as in the whole sentence
_CONTEXT_WORDS = 3
_CONTEXT_REACH = 200  # characters: three words of ordinary text fit in them
_WORDS_BEFORE = regex.compile(rf"(?:\S+\s+){{1,{_CONTEXT_WORDS}}}$")
_WORDS_AFTER = regex.compile(rf"(?:\s+\S+){{1,{_CONTEXT_WORDS}}}")


def _with_context(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened by up to three words on each side."""
    # the words before: looked for near the span only, or a long sentence is read again and
    # again from its start (quadratic in the number of spans)
    before = _WORDS_BEFORE.search(text, max(0, start - _CONTEXT_REACH), start)
    after = _WORDS_AFTER.match(text, end)
    return (before.start() if before else start), (after.end() if after else end)


def _run_rule(
    rule: Rule,
    sentence: Sentence,
    text: ArticleText[Any],
    comp: CompiledRules,
    anchors: list[int],
    explanation: Explanation | None,
) -> list[Candidate]:
    found: list[Candidate] = []
    for match in _matches(rule, sentence, text, comp, anchors):
        result = rule.normalizer(match, text.lexicon)
        if isinstance(result, Reject):
            if explanation is not None:
                explanation.rejections.append(
                    Rejection(rule.id, match.text, result.reason, result.detail)
                )
        elif isinstance(result, dict):
            found.append(Candidate(rule, sentence, match.start, match.end, result))
        else:
            found.extend(Candidate(rule, sentence, f.start, f.end, f.values) for f in result)
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


def extract(
    article: Article,
    ruleset: RuleSet,
    tables: tuple[str, ...] = FACT_TABLES,
    explanation: Explanation | None = None,
) -> ArticleResult:
    """Run every rule of `tables` (and of the tables their resolvers need) over one article."""
    text = read_article(article, ruleset)
    comp = compiled(ruleset)
    order = ruleset.registry.resolution_order(tables)
    per_table: dict[str, list[Candidate]] = {table: [] for table in order}
    for sentence in text.sentences:
        for rule, anchors in comp.rules_for(sentence.text):
            # a token rule reads its prefilter's matches anyway (the spans it segments)
            if rule.table in per_table and (
                rule.prefilter is None
                or rule.kind == "tokens"
                or rule.prefilter.search(sentence.text)
            ):
                found = _run_rule(rule, sentence, text, comp, anchors, explanation)
                per_table[rule.table].extend(found)
    resolved: dict[str, list[Candidate]] = {}
    for table in order:
        longest = _drop_overlaps(per_table[table])
        resolver = ruleset.registry.resolvers.get(table)
        if resolver is None:
            resolved[table] = longest
        else:
            text.resolved = {required: resolved[required] for required in resolver.requires}
            resolved[table] = resolver(longest, text)
        if explanation is not None:
            _note_drops(explanation, per_table[table], longest, resolved[table])
    mentions = {table: [_to_mention(c, text) for c in resolved[table]] for table in tables}
    n_words = sum(len(_WORD_RE.findall(s.text)) for s in text.sentences)
    return ArticleResult(_article_row(article, text, n_words), mentions)


def _note_drops(
    explanation: Explanation,
    found: list[Candidate],
    longest: list[Candidate],
    table: list[Candidate],
) -> None:
    """Each match its normalizer took that did not reach the table, and what took it out: a
    longer match (the one in `longest` over it), else the table's resolver. A match the
    resolver trimmed (the same rule over part of it) or that came back in the table (a body
    named inside a longer one) is no drop."""

    def overlap(a: Candidate, b: Candidate) -> bool:
        return a.sentence.index == b.sentence.index and a.start < b.end and b.start < a.end

    for cand in found:
        if any(
            (k.sentence.index, k.start, k.end) == (cand.sentence.index, cand.start, cand.end)
            or (k.rule.id == cand.rule.id and overlap(k, cand))
            for k in table
        ):
            continue
        if any(k is cand for k in longest):
            by = f"the {cand.rule.table} resolver"
        else:
            winner = next(k for k in longest if overlap(k, cand))
            by = f"{winner.rule.id} «{winner.text}»"
        explanation.drops.append(Drop(cand.rule.id, cand.text, by))


def _to_mention(cand: Candidate, text: ArticleText[Any]) -> Mention:
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


def _article_row(article: Article, text: ArticleText[Any], n_words: int) -> dict[str, Any]:
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
