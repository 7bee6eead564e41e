"""The rule file format: YAML read with the line of every mapping, a JSON schema, and errors
that name the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipeline.records import FACT_TABLES as TABLES

RULE_FILE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["table", "rules"],
    "additionalProperties": False,
    "properties": {
        "table": {"enum": list(TABLES)},
        "description": {"type": "string"},
        "define": {"type": "object", "additionalProperties": {"type": "string"}},
        "triggers": {"type": "array", "items": {"type": "string"}},
        "rules": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "pattern", "normalizer"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z_]+\.[a-z0-9_.]+$"},
                    "description": {"type": "string"},
                    "pattern": {
                        "type": "object",
                        "minProperties": 1,
                        "maxProperties": 1,
                        "additionalProperties": False,
                        "properties": {
                            "regex": {"type": "string"},
                            "tokens": {"type": "array", "items": {"type": "object"}},
                            "phrases": {
                                "oneOf": [
                                    {"type": "array", "items": {"type": "string"}},
                                    {"type": "string", "pattern": "^@"},
                                ]
                            },
                        },
                    },
                    "triggers": {"type": "array", "items": {"type": "string"}},
                    "prefilter": {"type": "string"},
                    "anchored": {"type": "boolean"},
                    "starts": {"type": "string"},
                    "normalizer": {"type": "string"},
                    "examples": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["text"],
                            "additionalProperties": False,
                            "properties": {
                                "text": {"type": "string"},
                                "match": {"type": "string"},
                                "expect": {"type": "object"},
                            },
                        },
                    },
                    "counterexamples": {
                        "type": "array",
                        "items": {
                            "oneOf": [
                                {"type": "string"},
                                {
                                    "type": "object",
                                    "required": ["text", "not"],
                                    "additionalProperties": False,
                                    "properties": {
                                        "text": {"type": "string"},
                                        "not": {"type": "string"},
                                    },
                                },
                            ]
                        },
                    },
                },
            },
        },
    },
}


class RuleError(ValueError):
    """A mistake in a rule file, with its place and the fix."""

    def __init__(self, path: Path | str, line: int | None, message: str, fix: str = ""):
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}" + (f"\n  fix: {fix}" if fix else ""))


# libyaml's parser where it is installed (about forty times faster), pure Python otherwise
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):  # type: ignore[misc]
    """A YAML loader that remembers the line of every mapping as `__line__`."""


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def line_of(document: Any, path: list[Any]) -> int | None:
    """The line of the deepest mapping on a jsonschema error path."""
    line, node = None, document
    for key in path:
        if isinstance(node, dict):
            line = node.get("__line__", line)
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict):
        line = node.get("__line__", line)
    return line


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; syntax errors name the file and line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleError(
            path,
            line,
            f"not valid YAML: {exc.problem}",
            "check indentation and quote patterns that contain ': ' or '#'",
        ) from None
