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
    assert {"officials.name_then_title", "officials.names_then_verb"} <= with_starts
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
