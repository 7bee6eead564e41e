"""Rule files as data: load `rules/*.yml` and the gazetteers, validate, compile once.

A rule file is written for a researcher who reads Vietnamese, not Python. Every error
names the file and the line, and says how to fix it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import regex

from pipeline.engine.rule_files import (
    RULE_FILE_SCHEMA,
    TABLES,
    RuleError,
    line_of,
    load_yaml,
    strip_lines,
)
from pipeline.text.normalize import normalize_phrase

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True)
class Example:
    text: str
    expect: dict[str, Any]
    match: str | None
    line: int | None


@dataclass
class Rule:
    """One compiled rule: its pattern, its normalizer and its own examples."""

    id: str
    table: str
    kind: str  # regex | tokens | phrases
    pattern: Any  # compiled regex, token patterns, or phrase list
    normalizer: Callable[..., Any]
    triggers: tuple[str, ...]
    examples: list[Example]
    #: text in which the rule finds nothing, or (text, what it must not find there)
    counterexamples: list[tuple[str, str | None]]
    path: str
    line: int | None
    order: int = 0
    #: a cheap regex the sentence must match before the rule runs (before segmentation, too)
    prefilter: Any = None


@dataclass
class RuleSet:
    """Every rule of every table, the gazetteers, and a hash that keys cached results."""

    rules: list[Rule]
    gazetteers: dict[str, Any]
    directory: Path
    rules_hash: str
    fixed_words: list[str] = field(default_factory=list)

    def for_table(self, table: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.table == table]


def load_gazetteers(directory: Path) -> dict[str, Any]:
    """`name.txt`: one entry a line (`#` comments); `name.yml`: a mapping. Entries in NFC."""
    gazetteers: dict[str, Any] = {}
    for path in sorted(directory.glob("*")):
        try:
            path.suffix in (".txt", ".yml", ".yaml") and path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RuleError(path, None, f"not UTF-8 (byte {exc.start})", "save as UTF-8") from None
        if path.suffix == ".txt":
            entries = []
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = line.split("#", 1)[0].strip()
                if entry:
                    entries.append(normalize_phrase(entry))
            gazetteers[path.stem] = entries
        elif path.suffix in (".yml", ".yaml"):
            data = strip_lines(load_yaml(path))
            if not isinstance(data, dict):
                raise RuleError(path, 1, "a gazetteer .yml must be a mapping", "write `KEY: value`")
            gazetteers[path.stem] = {normalize_phrase(str(k)): v for k, v in data.items()}
    return gazetteers


def alternation(entries: Any) -> str:
    """A regex alternation of literal entries, longest first (safe in verbose patterns)."""
    names = sorted(set(entries), key=lambda e: (-len(e), e))
    return "(?:" + "|".join(regex.escape(e, special_only=False) for e in names) + ")"


_REFERENCE_RE = regex.compile(r"(?<!\\[pP])\{(@?[A-Za-z_][A-Za-z0-9_]*)\}")


def expand_pattern(
    pattern: str,
    defines: dict[str, str],
    gazetteers: dict[str, Any],
    path: Path,
    line: int | None,
    depth: int = 0,
) -> str:
    """Replace `{NAME}` by a define and `{@gazetteer}` by an alternation of its entries."""
    if depth > 10:
        raise RuleError(
            path,
            line,
            "`define` entries refer to each other in a loop",
            "break the cycle between the defines",
        )

    def replace(match: regex.Match) -> str:
        name = match.group(1)
        if name.startswith("@"):
            if name[1:] not in gazetteers:
                raise RuleError(
                    path,
                    line,
                    f"unknown gazetteer {name}",
                    f"add rules/gazetteers/{name[1:]}.txt or use one of: "
                    + ", ".join("@" + g for g in sorted(gazetteers)),
                )
            return alternation(gazetteers[name[1:]])
        if name not in defines:
            if name.isupper():
                raise RuleError(
                    path,
                    line,
                    f"unknown define {{{name}}}",
                    "add it under `define:` at the top of the file",
                )
            return match.group(0)  # a regex quantifier such as {2} or text in braces
        return (
            "(?:" + expand_pattern(defines[name], defines, gazetteers, path, line, depth + 1) + ")"
        )

    return _REFERENCE_RE.sub(replace, pattern)


def _gazetteer_phrases(
    spec: Any, gazetteers: dict[str, Any], path: Path, line: int | None
) -> list[str]:
    if isinstance(spec, str):
        if spec[1:] not in gazetteers:
            raise RuleError(
                path,
                line,
                f"unknown gazetteer {spec}",
                "name a file of rules/gazetteers/ after the @",
            )
        return list(gazetteers[spec[1:]])
    return [normalize_phrase(p) for p in spec]


def _compile_rule(
    raw: dict[str, Any], table: str, defines: dict[str, str], gazetteers: dict[str, Any], path: Path
) -> Rule:
    from pipeline.extract import NORMALIZERS

    line = raw.get("__line__")
    rule_id = raw["id"]
    if not rule_id.startswith(table.rstrip("s") + ".") and not rule_id.startswith(table + "."):
        raise RuleError(
            path,
            line,
            f"rule id {rule_id!r} does not start with the table name",
            f"name it {table}.<what it matches>",
        )
    normalizer = NORMALIZERS.get(raw["normalizer"])
    if normalizer is None:
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: unknown normalizer {raw['normalizer']!r}",
            "use one of: " + ", ".join(sorted(NORMALIZERS)),
        )
    ((kind, spec),) = ((k, v) for k, v in raw["pattern"].items() if k != "__line__")
    if kind == "regex":
        pattern = _compile_regex(spec, rule_id, defines, gazetteers, path, line)
    elif kind == "tokens":
        from spacy.matcher import Matcher

        from pipeline.text.nlp import vocab

        pattern = strip_lines(spec)
        try:
            Matcher(vocab(), validate=True).add(rule_id, [pattern])
        except ValueError as exc:
            raise RuleError(
                path,
                line,
                f"rule {rule_id}: bad token pattern: {exc}",
                "see https://spacy.io/usage/rule-based-matching",
            ) from None
    else:
        pattern = _gazetteer_phrases(spec, gazetteers, path, line)
    triggers: list[str] = []
    for trigger in raw.get("triggers", []):
        triggers.extend(
            _gazetteer_phrases(trigger, gazetteers, path, line)
            if trigger.startswith("@")
            else [normalize_phrase(trigger)]
        )
    if kind == "phrases":
        triggers.extend(pattern)
    examples = [
        Example(e["text"], strip_lines(e.get("expect", {})), e.get("match"), e.get("__line__"))
        for e in raw.get("examples", [])
    ]
    return Rule(
        rule_id,
        table,
        kind,
        pattern,
        normalizer,
        tuple(t.lower() for t in triggers),
        examples,
        [
            (c, None) if isinstance(c, str) else (c["text"], c["not"])
            for c in strip_lines(raw.get("counterexamples", []))
        ],
        str(path),
        line,
        prefilter=_compile_regex(raw.get("prefilter"), rule_id, defines, gazetteers, path, line),
    )


def _compile_regex(
    pattern: str | None,
    rule_id: str,
    defines: dict[str, str],
    gazetteers: dict[str, Any],
    path: Path,
    line: int | None,
) -> Any:
    if pattern is None:
        return None
    source = expand_pattern(pattern, defines, gazetteers, path, line)
    try:
        return regex.compile(source, regex.VERBOSE | regex.V0)
    except regex.error as exc:
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: the regex does not compile: {exc}",
            "check brackets and escape literal dots as \\.",
        ) from None


def load_rule_file(path: Path, gazetteers: dict[str, Any]) -> list[Rule]:
    """Validate one rule file against the schema, then compile its rules."""
    document = load_yaml(path)
    validator = jsonschema.Draft202012Validator(RULE_FILE_SCHEMA)
    for error in sorted(validator.iter_errors(strip_lines(document)), key=lambda e: e.path):
        where = "/".join(str(p) for p in error.path) or "top level"
        raise RuleError(
            path,
            line_of(document, list(error.path)),
            f"{where}: {error.message}",
            "see the schema in pipeline/ruleset.py and the README's rule section",
        )
    table = document["table"]
    expected = path.stem
    if table != expected:
        raise RuleError(
            path,
            document.get("__line__"),
            f"file {path.name} declares table {table!r}",
            f"set `table: {expected}` or rename the file",
        )
    defines = strip_lines(document.get("define", {}))
    # a file's `triggers` serve every rule that names none of its own
    file_triggers = document.get("triggers", [])
    rules = [
        _compile_rule({"triggers": file_triggers, **raw}, table, defines, gazetteers, path)
        for raw in document["rules"]
    ]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(
                path, rule.line, f"duplicate rule id {rule.id}", "give each rule its own id"
            )
        seen.add(rule.id)
    return rules


def rules_hash(directory: Path) -> str:
    """A hash of every rule and gazetteer file and of the code that reads them: the cache key."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = [*sorted(directory.rglob("*.yml")), *sorted(directory.rglob("*.txt"))]
    for stage in ("text", "engine", "extract"):
        files += sorted((package / stage).glob("*.py"))
    for path in files:
        if path.name == "sources.yml":
            continue
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def load_ruleset(directory: Path = DEFAULT_RULES_DIR) -> RuleSet:
    """Load, validate and compile every rule file of `directory` (once per process)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise RuleError(directory, None, "no such rules folder", "pass --rules DIR")
    gazetteers = load_gazetteers(directory / "gazetteers")
    rules: list[Rule] = []
    for table in TABLES:
        path = directory / f"{table}.yml"
        if not path.exists():
            raise RuleError(
                path, None, "rule file missing", f"create {path.name} with `table: {table}`"
            )
        rules.extend(load_rule_file(path, gazetteers))
    for order, rule in enumerate(rules):
        rule.order = order
    fixed = sorted({w for w in gazetteers.get("fixed_words", []) if " " in w})
    return RuleSet(rules, gazetteers, directory, rules_hash(directory), fixed)
