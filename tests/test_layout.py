"""The package's shape: no import cycle, no module importing another's private names, and the
stages in data-flow order (a stage never imports a later one)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
#: the stages in data-flow order; a module may import its own stage and earlier ones
STAGES = (
    "records",
    "locations",
    "text",
    "sources",
    "scrape",
    "ingest",
    "engine",
    "extract",
    "outputs",
    "link",
    "batch",
    "evaluation",
    "report",
    "cli",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Lines under `if TYPE_CHECKING:`: imports for the type checker, not run."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """Every `pipeline…` import a module runs, anywhere in it: (module, names, line)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_lines(tree)
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pipeline"):
                    found.append((alias.name, [], node.lineno))
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, names, _ in _imports(path):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in MODULES]
            graph[name].update(targets or ([module] if module in MODULES else []))
    return graph


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if target == node or target == node.rsplit(".", 1)[0]:
                continue  # a package's own __init__
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_no_module_imports_private_names_of_another():
    offenders = [
        f"{_module_name(path)}:{line} imports {name} from {module}"
        for path in MODULES.values()
        for module, names, line in _imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__") and module != _module_name(path)
    ]
    assert offenders == []


def _stage(module: str) -> int:
    part = module.split(".")[1] if "." in module else module
    return STAGES.index(part) if part in STAGES else -1


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_stage_imports_only_itself_and_earlier_stages(name):
    if name == "pipeline" or name.startswith("pipeline.__"):
        return
    own = _stage(name)
    later = [
        module
        for module, _, _ in _imports(MODULES[name])
        if module != "pipeline" and _stage(module) > own
    ]
    assert later == [], f"{name} (stage {STAGES[own]}) imports later stages: {later}"
