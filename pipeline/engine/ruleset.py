"""Rule files as data: load `rules/*.yml`, the shared defines and the gazetteers, hold every
rule to its normalizer's contract, compile once.

A rule file is written for a researcher who reads Vietnamese, not Python. Every error
names the file and the line, and says how to fix it.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, cast

import regex

from pipeline.engine import cache
from pipeline.engine.contracts import PATTERN_KINDS, Normalizer, Registry
from pipeline.engine.rule_files import (
    RULE_FILE_SCHEMA,
    RuleError,
    line_of,
    load_yaml,
    strip_lines,
)
from pipeline.records import FACT_TABLES as TABLES
from pipeline.text.normalize import normalize_phrase

SHARED_DEFINES = "defines.yml"


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
    normalizer: Normalizer[Any]
    triggers: tuple[str, ...]
    examples: list[Example]
    #: text in which the rule finds nothing, or (text, what it must not find there)
    counterexamples: list[tuple[str, str | None]]
    path: str
    line: int | None
    order: int = 0
    #: a cheap regex the sentence must match before the rule runs (before segmentation, too)
    prefilter: Any = None
    #: every match starts where a trigger occurs: the pattern is tried only there
    anchored: bool = False
    #: a cheap regex that finds every place where a match can start: the pattern is tried
    #: only there (for a rule whose matches start with no one word, such as a person's name)
    starts: Any = None


@dataclass
class RuleSet:
    """Every rule of every table, the lexicon its normalizers read, and the rules' hash."""

    rules: list[Rule]
    gazetteers: dict[str, Any]
    lexicon: Any
    registry: Registry[Any]
    directory: Path
    rules_hash: str
    #: the matching structures (`engine.article.CompiledRules`), built on first use
    matching: Any = field(default=None, repr=False, compare=False)

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
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except UnicodeDecodeError as exc:
                raise RuleError(path, None, f"not UTF-8 text: {exc}", "save it as UTF-8") from None
            entries = []
            for line in lines:
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
    r"""A regex that matches the longest of the literal entries at a position, as a trie.

    `(?:Ban|Ban Chấp hành|Bộ)` becomes `(?:B(?:an(?:\ Chấp\ hành)?|ộ))`: the regex engine then
    follows one path instead of trying every entry at every position (three times faster on
    the head words). At each branch the deeper continuation comes first, so the longest entry
    wins, as in a longest-first alternation. Safe in verbose patterns."""
    return _alternation(frozenset(entries))


@functools.lru_cache(maxsize=512)
def _alternation(entries: frozenset[str]) -> str:
    trie: dict[str, Any] = {}
    for entry in entries:
        node = trie
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie_pattern(trie)[0] + ")"


def _trie_pattern(node: dict[str, Any]) -> tuple[str, int]:
    """The pattern of a trie node and the depth of its deepest entry."""
    children = [(key, *_trie_pattern(child)) for key, child in node.items() if key]
    if not children:
        return "", 0
    children.sort(key=lambda child: (-child[2], child[0]))
    parts = [regex.escape(key) + pattern for key, pattern, _ in children]
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return (f"(?:{body})?" if "" in node else body), 1 + children[0][2]


_REFERENCE_RE = regex.compile(r"(?<!\\[pP])\{(@?[A-Za-z_][A-Za-z0-9_]*)\}")


def expand_pattern(
    pattern: str,
    defines: Mapping[str, str],
    gazetteers: Mapping[str, Any],
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

    def replace(match: regex.Match[str]) -> str:
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
                    f"add it under `define:` at the top of the file or in rules/{SHARED_DEFINES}",
                )
            return match.group(0)  # a regex quantifier such as {2} or text in braces
        return (
            "(?:" + expand_pattern(defines[name], defines, gazetteers, path, line, depth + 1) + ")"
        )

    return _REFERENCE_RE.sub(replace, pattern)


def _gazetteer_phrases(
    spec: Any, gazetteers: Mapping[str, Any], path: Path, line: int | None
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


def _gazetteer_problem(
    name: str, gazetteers: Mapping[str, Any], shapes: Mapping[str, type]
) -> tuple[str, str] | None:
    """Why gazetteer `name` cannot be read as the lexicon expects, and the fix; None if it can."""
    shape = shapes.get(name, list)
    if name not in gazetteers:
        kind = "one entry a line" if shape is list else "a mapping `KEY: value`"
        suffix = "txt" if shape is list else "yml"
        return (
            f"gazetteer `{name}`, which is missing",
            f"add rules/gazetteers/{name}.{suffix} ({kind})",
        )
    if not isinstance(gazetteers[name], shape):
        wanted = "a list (.txt)" if shape is list else "a mapping (.yml)"
        return f"gazetteer `{name}`, which is not {wanted}", f"write it as {wanted}"
    return None


def _check_contract(
    rule_id: str,
    spec: Normalizer[Any],
    kind: str,
    pattern: Any,
    gazetteers: Mapping[str, Any],
    registry: Registry[Any],
    path: Path,
    line: int | None,
) -> None:
    """The rule gives its normalizer what the normalizer declares it reads."""
    if kind not in spec.kinds:
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: normalizer {spec.name} reads {', '.join(sorted(spec.kinds))}"
            f" patterns, not {kind}",
            f"write the pattern as {' or '.join(sorted(spec.kinds))}, or pick another normalizer",
        )
    groups = set(pattern.groupindex) if kind == "regex" else set()
    missing = sorted(spec.groups - groups)
    if missing:
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: normalizer {spec.name} needs the named group"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}, which the pattern lacks",
            "name the parts of the pattern with (?P<" + missing[0] + ">…)",
        )
    for name in sorted(spec.gazetteers):
        problem = _gazetteer_problem(name, gazetteers, registry.gazetteer_shapes)
        if problem:
            raise RuleError(
                path, line, f"rule {rule_id}: normalizer {spec.name} reads {problem[0]}", problem[1]
            )


def _compile_rule(
    raw: dict[str, Any],
    table: str,
    defines: Mapping[str, str],
    gazetteers: Mapping[str, Any],
    registry: Registry[Any],
    path: Path,
    verify: bool = True,
) -> Rule:
    line = raw.get("__line__")
    rule_id = raw["id"]
    if not rule_id.startswith(table.rstrip("s") + ".") and not rule_id.startswith(table + "."):
        raise RuleError(
            path,
            line,
            f"rule id {rule_id!r} does not start with the table name",
            f"name it {table}.<what it matches>",
        )
    spec = registry.normalizers.get(raw["normalizer"])
    if spec is None:
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: unknown normalizer {raw['normalizer']!r}",
            "use one of: " + ", ".join(sorted(registry.normalizers)),
        )
    ((kind, body),) = ((k, v) for k, v in raw["pattern"].items() if k != "__line__")
    assert kind in PATTERN_KINDS
    pattern: Any
    if kind == "regex":
        pattern = _compile_regex(body, rule_id, defines, gazetteers, path, line, verify)
    elif kind == "tokens":
        pattern = strip_lines(body)
        if verify:
            _check_token_pattern(pattern, rule_id, path, line)
    else:
        pattern = _gazetteer_phrases(body, gazetteers, path, line)
    if verify:
        _check_contract(rule_id, spec, kind, pattern, gazetteers, registry, path, line)
    triggers: list[str] = []
    for trigger in raw.get("triggers", []):
        triggers.extend(
            _gazetteer_phrases(trigger, gazetteers, path, line)
            if trigger.startswith("@")
            else [normalize_phrase(trigger)]
        )
    if kind == "phrases":
        triggers.extend(pattern)
    if raw.get("anchored") and (kind != "regex" or not triggers):
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: `anchored` needs a regex pattern and triggers",
            "give the rule the triggers every match starts with, or drop `anchored`",
        )
    if raw.get("starts") and (kind != "regex" or raw.get("anchored")):
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: `starts` needs a regex pattern, and no `anchored`",
            "drop `starts`, or `anchored` (a trigger already says where matches start)",
        )
    examples = [
        Example(e["text"], strip_lines(e.get("expect", {})), e.get("match"), e.get("__line__"))
        for e in raw.get("examples", [])
    ]
    return Rule(
        rule_id,
        table,
        kind,
        pattern,
        spec,
        tuple(t.lower() for t in triggers),
        examples,
        [
            (c, None) if isinstance(c, str) else (c["text"], c["not"])
            for c in strip_lines(raw.get("counterexamples", []))
        ],
        str(path),
        line,
        prefilter=_compile_regex(
            raw.get("prefilter"), rule_id, defines, gazetteers, path, line, verify
        ),
        anchored=bool(raw.get("anchored")),
        starts=_compile_regex(raw.get("starts"), rule_id, defines, gazetteers, path, line, verify),
    )


def _check_token_pattern(body: Any, rule_id: str, path: Path, line: int | None) -> None:
    """spaCy's own validation of a Matcher pattern (it imports spaCy: half a second)."""
    from spacy.matcher import Matcher

    from pipeline.text.nlp import vocab

    try:
        Matcher(vocab(), validate=True).add(rule_id, [body])
    except ValueError as exc:
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: bad token pattern: {exc}",
            "see https://spacy.io/usage/rule-based-matching",
        ) from None


#: how rule patterns are compiled (verbose: rule files lay long patterns out on lines)
_REGEX_FLAGS = regex.VERBOSE | regex.V0


class LazyRegex:
    """A regex compiled when first used. Rules checked before (same rules hash) are loaded
    without compiling them, and so are the lexicon's patterns: a command that needs a few of
    them starts at once. Each attribute asked for (`finditer`, `match`…) is the compiled
    pattern's own, kept on the instance, so that later calls cost what a pattern's do."""

    #: every pattern made in this process, for `compile_all`
    _made: ClassVar[weakref.WeakSet[LazyRegex]] = weakref.WeakSet()
    #: patterns compiled before, kept on disk with the rules (`load_ruleset`): by source and
    #: flags, the pickled compiled pattern, read back in a fiftieth of the time compiling
    #: takes (`regex` pickles a pattern's compiled code, not only its source)
    _stored: ClassVar[dict[tuple[str, int], bytes]] = {}

    def __init__(self, source: str, flags: int = _REGEX_FLAGS):
        self.source, self.flags = source, flags
        LazyRegex._made.add(self)

    @classmethod
    def compile_all(cls) -> None:
        """Compile every pattern of this process not compiled yet: before a process forks its
        workers, so that they share the patterns instead of each compiling them (~1 s)."""
        for pattern in list(cls._made):
            pattern.match  # noqa: B018 (compiles it)

    @classmethod
    def pickled_all(cls) -> dict[tuple[str, int], bytes]:
        """Every pattern of this process, compiled and pickled, by source and flags."""
        made = list(cls._made)
        for pattern in made:
            pattern.match  # noqa: B018 (compiles it)
        return {(p.source, p.flags): pickle.dumps(p.__dict__["_compiled"]) for p in made}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # copy and pickle probe for these before __init__ ran
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = self._compile()
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value

    def _compile(self) -> Any:
        stored = LazyRegex._stored.get((self.source, self.flags))
        if stored is not None:
            try:
                return pickle.loads(stored)
            except Exception:  # a damaged entry: compiled again
                pass
        return regex.compile(self.source, self.flags)

    def __reduce__(self) -> tuple[type[LazyRegex], tuple[str, int]]:
        return (LazyRegex, (self.source, self.flags))


def lazy_compile(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile`, deferred to the pattern's first use (see `LazyRegex`)."""
    return cast("regex.Pattern[str]", LazyRegex(source, flags))


def _compile_regex(
    pattern: str | None,
    rule_id: str,
    defines: Mapping[str, str],
    gazetteers: Mapping[str, Any],
    path: Path,
    line: int | None,
    verify: bool = True,
) -> Any:
    if pattern is None:
        return None
    source = expand_pattern(pattern, defines, gazetteers, path, line)
    if not verify:
        return LazyRegex(source)
    try:
        return regex.compile(source, _REGEX_FLAGS)
    except regex.error as exc:
        raise RuleError(
            path,
            line,
            f"rule {rule_id}: the regex does not compile: {exc}",
            "check brackets and escape literal dots as \\.",
        ) from None


def _validated(path: Path, verify: bool = True) -> Any:
    """A rule file's YAML, checked against the schema unless this version of the rules was
    checked before (jsonschema is then not even imported: it is a tenth of `vnie try`)."""
    document = load_yaml(path)
    if not verify:
        return document
    import jsonschema

    validator = jsonschema.Draft202012Validator(RULE_FILE_SCHEMA)
    for error in sorted(validator.iter_errors(strip_lines(document)), key=lambda e: e.path):
        where = "/".join(str(p) for p in error.path) or "top level"
        raise RuleError(
            path,
            line_of(document, list(error.path)),
            f"{where}: {error.message}",
            "see the schema in pipeline/engine/rule_files.py and the README's rule section",
        )
    return document


def load_shared_defines(directory: Path, gazetteers: Mapping[str, Any]) -> dict[str, str]:
    """`rules/defines.yml`: patterns every rule file may use, each expanded in full."""
    path = directory / SHARED_DEFINES
    if not path.exists():
        return {}
    document = load_yaml(path)
    raw = document.get("define") if isinstance(document, dict) else None
    if not isinstance(raw, dict):
        raise RuleError(
            path, 1, "expected a `define:` mapping", "write `define:` then NAME: pattern"
        )
    defines = {k: v for k, v in strip_lines(raw).items()}
    return {
        name: expand_pattern(body, defines, gazetteers, path, raw.get("__line__"))
        for name, body in defines.items()
    }


def load_rule_file(
    path: Path,
    gazetteers: Mapping[str, Any],
    shared: Mapping[str, str],
    registry: Registry[Any],
    verify: bool = True,
) -> list[Rule]:
    """Validate one rule file against the schema and its rules against their contracts."""
    document = _validated(path, verify)
    table = document["table"]
    expected = path.stem
    if table != expected:
        raise RuleError(
            path,
            document.get("__line__"),
            f"file {path.name} declares table {table!r}",
            f"set `table: {expected}` or rename the file",
        )
    own = strip_lines(document.get("define", {}))
    twice = sorted(set(own) & set(shared))
    if twice:
        raise RuleError(
            path,
            document["define"].get("__line__"),
            f"define {twice[0]} is also in rules/{SHARED_DEFINES}",
            "define each pattern once: rename it here or use the shared one",
        )
    defines = {**shared, **own}
    # a file's `triggers` serve every rule that names none of its own
    file_triggers = document.get("triggers", [])
    rules = [
        _compile_rule(
            {"triggers": file_triggers, **raw},
            table,
            defines,
            gazetteers,
            registry,
            path,
            verify,
        )
        for raw in document["rules"]
    ]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(
                path, rule.line, f"duplicate rule id {rule.id}", "give each rule its own id"
            )
        seen.add(rule.id)
    resolver = registry.resolvers.get(table)
    for name in sorted(resolver.gazetteers if resolver else ()):
        problem = _gazetteer_problem(name, gazetteers, registry.gazetteer_shapes)
        if problem:
            raise RuleError(path, None, f"the {table} resolver reads {problem[0]}", problem[1])
    return rules


def rules_hash(directory: Path) -> str:
    """A hash of every rule and gazetteer file and of the code that reads them: the cache key."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    files = [*sorted(directory.rglob("*.yml")), *sorted(directory.rglob("*.txt"))]
    for stage in ("text", "engine", "extract"):
        files += sorted((package / stage).rglob("*.py"))
    for path in files:
        if path.name == "sources.yml":
            continue
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def load_ruleset(directory: Path, registry: Registry[Any]) -> RuleSet:
    """Load, validate and compile every rule file of `directory` against `registry`."""
    directory = Path(directory)
    if not directory.is_dir():
        raise RuleError(directory, None, "no such rules folder", "pass --rules DIR")
    digest = rules_hash(directory)
    # a version of the rules (and of the code) is checked in full once: patterns compiled,
    # token patterns validated by spaCy, every rule held to its contract; later loads trust it
    # and compile each pattern when it is first used
    verify = not cache.has("rules-checked", digest)
    gazetteers = load_gazetteers(directory / "gazetteers")
    shared = load_shared_defines(directory, gazetteers)
    rules: list[Rule] = []
    for table in TABLES:
        path = directory / f"{table}.yml"
        if not path.exists():
            raise RuleError(
                path, None, "rule file missing", f"create {path.name} with `table: {table}`"
            )
        rules.extend(load_rule_file(path, gazetteers, shared, registry, verify))
    for order, rule in enumerate(rules):
        rule.order = order
    try:
        lexicon = registry.build_lexicon(gazetteers, shared)
    except KeyError as exc:
        raise RuleError(
            directory / SHARED_DEFINES,
            None,
            f"the define or gazetteer {exc} that the normalizers read is missing",
            f"restore it in rules/{SHARED_DEFINES} or rules/gazetteers/",
        ) from None
    if verify:
        cache.store("rules-checked", digest, True)
    else:
        # the patterns, compiled once for this version of the rules and of `regex` (~1.2 s of
        # CPU in every process that uses them all), then read back compiled
        version = f"{digest}-{regex.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
        LazyRegex._stored.update(cache.cached("patterns", version, LazyRegex.pickled_all))
    return RuleSet(rules, gazetteers, lexicon, registry, directory, digest)
