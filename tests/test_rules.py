"""Rule files: the examples are the rules' own test suite; mistakes name file and line."""

import shutil
from pathlib import Path

import pytest

from pipeline.engine.ruleset import RuleError, load_ruleset
from pipeline.evaluation.rule_examples import run_examples
from pipeline.extract.registry import REGISTRY, load_rules
from pipeline.locations import DEFAULT_RULES_DIR

RESULTS = list(run_examples(load_rules()))


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
            "    starts: '{NAME_START}'",
            "    starts: '{NAME_START}'\n    anchored: true",
            "- id: officials.name_then_title",
            "`starts` needs a regex pattern, and no `anchored`",
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
        load_ruleset(rules, REGISTRY)
    message = str(error.value)
    assert says in message and "fix:" in message
    line = _line_of(rules, file, needle)
    assert f"{rules / file}:" in message
    reported = int(message.split(f"{rules / file}:")[1].split(":")[0])
    assert abs(reported - line) <= 2, message


def test_a_starts_regex_that_misses_where_matches_begin_fails_the_rules_examples(tmp_path):
    # names only at a capital: `ông Nguyễn Hữu Tín, …` is then matched from `Nguyễn`, without
    # its honorific, and the examples that expect one say so
    rules = _broken_copy(
        tmp_path,
        "defines.yml",
        "(?<![\\p{L}])(?=\\p{Lu}|(?:{@honorifics}|hai|ba|các)\\s)\n",
        "(?<![\\p{L}])(?=\\p{Lu})\n",
    )
    results = list(run_examples(load_ruleset(rules, REGISTRY)))
    failed = {r.rule_id for r in results if not r.passed}
    assert "officials.name_then_title" in failed
    assert all(r.passed for r in RESULTS if r.rule_id == "officials.name_then_title")


def test_an_unknown_gazetteer_is_named(tmp_path):
    rules = _broken_copy(tmp_path, "defines.yml", "{@surnames}", "{@surname}")
    with pytest.raises(RuleError, match=r"unknown gazetteer @surname.*\n  fix: .*@surnames"):
        load_ruleset(rules, REGISTRY)


# --------------------------------------------------------------- the normalizers' contracts


def _error_at(rules: Path, file: str, needle: str) -> RuleError:
    with pytest.raises(RuleError) as error:
        load_ruleset(rules, REGISTRY)
    message = str(error.value)
    assert f"{rules / file}:" in message, message
    reported = int(message.split(f"{rules / file}:")[1].split(":")[0])
    assert abs(reported - _line_of(rules, file, needle)) <= 2, message
    return error.value


def test_a_renamed_group_fails_the_check_at_its_rule(tmp_path):
    rules = _broken_copy(
        tmp_path,
        "officials.yml",
        "(?P<chain>{TITLE_PREFIX}?{TITLE})(?![\\p{L}])'",
        "(?P<posts>{TITLE_PREFIX}?{TITLE})(?![\\p{L}])'",
    )
    error = _error_at(rules, "officials.yml", "- id: officials.title_then_name")
    assert "needs the named group chain" in str(error) and "fix:" in str(error)


def test_a_rule_pointed_at_a_normalizer_that_needs_other_groups(tmp_path):
    rules = _broken_copy(tmp_path, "money.yml", "normalizer: money.range", "normalizer: money.pair")
    error = _error_at(rules, "money.yml", "- id: money.range")
    assert "normalizer money.pair needs the named groups first, second" in str(error)


def test_a_normalizer_given_a_pattern_kind_it_cannot_read(tmp_path):
    rules = _broken_copy(
        tmp_path,
        "organizations.yml",
        "normalizer: organizations.phrase",
        "normalizer: organizations.head",
    )
    error = _error_at(rules, "organizations.yml", "- id: organizations.phrase")
    assert "reads regex patterns, not phrases" in str(error)


@pytest.mark.parametrize(
    ("gazetteer", "rule_file", "rule"),
    [
        ("not_officials.txt", "officials.yml", "- id: officials.title_then_name"),
        ("well_known_documents.yml", "documents.yml", "- id: documents.party"),
        ("model_forms.txt", "models.yml", "- id: models.named"),
    ],
)
def test_a_deleted_gazetteer_fails_the_check_at_the_first_rule_that_reads_it(
    tmp_path, gazetteer, rule_file, rule
):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "gazetteers" / gazetteer).unlink()
    error = str(_error_at(rules, rule_file, rule))
    name = gazetteer.rsplit(".", 1)[0]
    assert (
        f"gazetteer `{name}`, which is missing" in error
        and f"rules/gazetteers/{gazetteer}" in error
    )


def test_a_gazetteer_of_the_wrong_shape_is_named(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES_DIR, rules)
    (rules / "gazetteers" / "cities.txt").rename(rules / "gazetteers" / "cities.yml")
    (rules / "gazetteers" / "cities.yml").write_text("Hà Nội: thủ đô\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"gazetteer `cities`, which is not a list \(\.txt\)"):
        load_ruleset(rules, REGISTRY)


def test_a_deleted_shared_define_is_named(tmp_path):
    rules = _broken_copy(tmp_path, "defines.yml", "  MODEL_OWNER_LEAD:", "  OWNER_LEAD:")
    with pytest.raises(RuleError, match=r"defines.yml.*MODEL_OWNER_LEAD.*\n  fix:"):
        load_ruleset(rules, REGISTRY)


def test_every_gazetteer_the_lexicon_reads_is_declared_by_a_normalizer_or_resolver():
    declared = {name for spec in REGISTRY.normalizers.values() for name in spec.gazetteers}
    declared |= {name for spec in REGISTRY.resolvers.values() for name in spec.gazetteers}
    assert declared == set(REGISTRY.gazetteer_shapes)


def test_every_gazetteer_file_is_read():
    """No list in rules/gazetteers/ that nothing reads: each is named by a rule or the lexicon."""
    files = {p.stem for p in (DEFAULT_RULES_DIR / "gazetteers").iterdir()}
    patterns = "".join(p.read_text(encoding="utf-8") for p in DEFAULT_RULES_DIR.glob("*.yml"))
    from pipeline.link.stage import GAZETTEERS as LINKING

    named = {name for name in files if "@" + name in patterns}
    assert files - named - set(REGISTRY.gazetteer_shapes) - set(LINKING) == set()


def test_lazy_patterns_are_read_back_compiled_from_the_stored_ones(monkeypatch):
    """A pattern kept compiled on disk (`LazyRegex._stored`) is read back, not compiled
    again, and matches as the compiled pattern does; a damaged entry is compiled again."""
    import pickle

    import regex

    from pipeline.engine.ruleset import LazyRegex

    source = r"(?<![\p{L}])(?P<name>Long\s+An)(?![\p{L}])"
    flags = LazyRegex(source).flags
    compiled = regex.compile(source, flags)
    text = "tỉnh Long An, Long  An và Long Anh"
    monkeypatch.setattr(LazyRegex, "_stored", {(source, flags): pickle.dumps(compiled)})
    read_back = LazyRegex(source)
    assert (
        [m.span("name") for m in read_back.finditer(text)]
        == [m.span("name") for m in compiled.finditer(text)]
        == [(5, 12), (14, 22)]
    )
    # the stored entry is what is read: one stored under another source shows it
    monkeypatch.setattr(LazyRegex, "_stored", {(source, flags): pickle.dumps(regex.compile("x"))})
    assert LazyRegex(source).pattern == "x"
    monkeypatch.setattr(LazyRegex, "_stored", {(source, flags): b"damaged"})
    assert LazyRegex(source).pattern == source
