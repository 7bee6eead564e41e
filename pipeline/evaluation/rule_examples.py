"""The rules' own test suite: every example must be found, every counterexample must not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.engine.article import Explanation, extract
from pipeline.engine.ruleset import Rule, RuleSet
from pipeline.records import Article, Mention


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    where: str  # file:line of the example
    kind: str  # example | counterexample
    text: str
    passed: bool
    detail: str


def find(
    text: str, ruleset: RuleSet, explanation: Explanation | None = None
) -> dict[str, list[Mention]]:
    """Every table's mentions in one piece of text (an article of one paragraph)."""
    return extract(Article(id="example", text=text), ruleset, explanation=explanation).mentions


def _agrees(expected: Any, found: Any) -> bool:
    if isinstance(expected, float | int) and isinstance(found, float | int):
        return expected == found
    return expected == found or (expected is not None and str(expected) == str(found))


def _check_example(rule: Rule, example: Any, mentions: list[Mention]) -> tuple[bool, str]:
    own = [m for m in mentions if m.rule_id == rule.id]
    if example.match is not None:
        own = [m for m in own if m.text == example.match]
    for mention in own:
        wrong = {
            k: mention.values.get(k)
            for k, v in example.expect.items()
            if not _agrees(v, mention.values.get(k))
        }
        if not wrong:
            return True, ""
    if not own:
        found = ", ".join(f"{m.rule_id} «{m.text}»" for m in mentions) or "nothing"
        return (
            False,
            f"rule found no match{' «' + example.match + '»' if example.match else ''}"
            f"; the table has: {found}",
        )
    got = "; ".join(str({k: m.values.get(k) for k in example.expect}) for m in own)
    return False, f"expected {example.expect}, got {got}"


def run_examples(ruleset: RuleSet) -> Iterator[ExampleResult]:
    """Check each rule's examples and counterexamples against the whole rule set."""
    for rule in ruleset.rules:
        for example in rule.examples:
            mentions = find(example.text, ruleset)[rule.table]
            passed, detail = _check_example(rule, example, mentions)
            yield ExampleResult(
                rule.id, f"{rule.path}:{example.line}", "example", example.text, passed, detail
            )
        for text, unwanted in rule.counterexamples:
            own = [m for m in find(text, ruleset)[rule.table] if m.rule_id == rule.id]
            if unwanted is not None:  # only that one must not be found
                own = [m for m in own if unwanted in (m.text, m.values.get("name"))]
            detail = "; ".join(f"matched «{m.text}» → {m.values}" for m in own)
            yield ExampleResult(
                rule.id, f"{rule.path}:{rule.line}", "counterexample", text, not own, detail
            )
