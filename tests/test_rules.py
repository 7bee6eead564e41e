"""Rule files: the examples are the rules' own test suite; mistakes name file and line."""

import shutil
from pathlib import Path

import pytest

from pipeline.engine.rules_location import DEFAULT_RULES_DIR
from pipeline.engine.ruleset import RuleError, load_ruleset
from pipeline.evaluation.rule_examples import run_examples

RESULTS = list(run_examples(load_ruleset()))


def test_there_are_at_least_80_examples_and_counterexamples():
    assert len(RESULTS) >= 80
    assert {r.rule_id.split(".")[0] for r in RESULTS} == {
        "documents",
        "money",
        "officials",
        "organizations",
        "models",
    }


@pytest.mark.parametrize("result", RESULTS, ids=lambda r: f"{r.rule_id}:{r.kind}:{r.text[:40]}")
def test_rule_example(result):
    assert result.passed, f"{result.where}: {result.text}\n{result.detail}"


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    text = (rules / file).read_text(encoding="utf-8")
    assert old in text
    (rules / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return rules


def _line_of(rules: Path, file: str, needle: str) -> int:
    lines = (rules / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "says"),
    [
        (
            "money.yml",
            "normalizer: money.range",
            "normalizer: money.rnage",
            "- id: money.range",
            "unknown normalizer 'money.rnage'",
        ),
        (
            "documents.yml",
            "normalizer: documents.short_reference",
            "normalizer: documents.short_reference\n    colour: red",
            "- id: documents.short_reference",
            "colour",
        ),
        (
            "models.yml",
            "regex: |\n        (?<![\\p{L}])(?i:mô",
            "regex: |\n        ((?<![\\p{L}])(?i:mô",
            "- id: models.named",
            "does not compile",
        ),
        (
            "officials.yml",
            "normalizer: officials.short_reference",
            "normalizer: officials.short_reference\n    triggers: [ông, bà",
            "triggers: [ông, bà",
            "not valid YAML",
        ),
    ],
)
def test_a_mistake_names_the_file_and_the_line(tmp_path, file, old, new, needle, says):
    rules = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(RuleError) as error:
        load_ruleset(rules)
    message = str(error.value)
    assert says in message and "fix:" in message
    line = _line_of(rules, file, needle)
    assert f"{rules / file}:" in message
    reported = int(message.split(f"{rules / file}:")[1].split(":")[0])
    assert abs(reported - line) <= 2, message


def test_an_unknown_gazetteer_is_named(tmp_path):
    rules = _broken_copy(tmp_path, "officials.yml", "{@surnames}", "{@surname}")
    with pytest.raises(RuleError, match=r"unknown gazetteer @surname.*\n  fix: .*@surnames"):
        load_ruleset(rules)
