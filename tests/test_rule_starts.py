"""A rule's `starts` regex finds every place where the rule's pattern matches, on real
sentences: the pattern tried only there finds what it finds when tried everywhere."""

import json
from itertools import islice

from pipeline.engine.article import compiled, read_article
from pipeline.records import Article


def test_rules_with_starts_find_what_their_pattern_finds_everywhere(shared_articles, ruleset):
    with (shared_articles / "vietnews-political.jsonl").open(encoding="utf-8") as lines:
        articles = [Article.from_record(json.loads(line)) for line in islice(lines, 150)]
    comp = compiled(ruleset)
    with_starts = {rule.id for rule in ruleset.rules if rule.starts is not None}
    assert {
        "officials.name_then_title",
        "officials.names_then_verb",
        "officials.foreign_name_set_off",
    } <= with_starts
    tried = found = 0
    for article in articles:
        for sentence in read_article(article, ruleset).sentences:
            for rule, anchors in comp.rules_for(sentence.text):
                if rule.id not in with_starts:
                    continue
                # every match starts at an anchor: then trying the pattern only there, left
                # to right past each match, finds the same matches
                everywhere = [m.start() for m in rule.pattern.finditer(sentence.text)]
                assert set(everywhere) <= set(anchors), (rule.id, sentence.text)
                tried += 1
                found += len(everywhere)
    assert tried > 500 and found > 100


def test_rule_prefilters_pass_every_sentence_their_pattern_matches(shared_articles, ruleset):
    """A regex rule's `prefilter` is a part of what every match contains: a sentence it turns
    away is one where the pattern finds nothing (on real sentences and the rules' examples)."""
    with (shared_articles / "vietnews-political.jsonl").open(encoding="utf-8") as lines:
        articles = [Article.from_record(json.loads(line)) for line in islice(lines, 150)]
    filtered = [r for r in ruleset.rules if r.kind == "regex" and r.prefilter is not None]
    assert {
        "officials.title_then_list",
        "officials.short_name_then_verb",
        "officials.foreign_name_then_title",
        "organizations.defined_body",
        "documents.party_spaced",
        "documents.short_reference",
    } <= {rule.id for rule in filtered}
    sentences = [s.text for a in articles for s in read_article(a, ruleset).sentences]
    found = dict.fromkeys((rule.id for rule in filtered), 0)
    for rule in filtered:
        for text in [*sentences, *(example.text for example in rule.examples)]:
            if rule.pattern.search(text) is not None:
                assert rule.prefilter.search(text) is not None, (rule.id, text)
                found[rule.id] += 1
    assert all(found.values()), found  # each pattern found something
