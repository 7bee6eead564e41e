"""Where the rules are: the default rules shipped inside the package, or a folder of one's own.

The repository's top-level `rules/` folder is the one copy researchers edit. pyproject.toml
maps it into the package as `pipeline.rules`, so a wheel carries it as package data
(`site-packages/pipeline/rules/`) and an editable install resolves it to the repository
folder itself; `importlib.resources` finds it either way. `--rules DIR` (or `VNIE_RULES`)
chooses another folder, for instance one made by `vnie rules init DIR`.
"""

from __future__ import annotations

import logging
import shutil
from importlib import resources
from pathlib import Path

RULES_PACKAGE = "pipeline.rules"

logger = logging.getLogger(__name__)


def packaged_rules_dir() -> Path:
    """The folder of the default rules (and the default sources file) shipped with vnie: in a
    checkout, the `rules/` beside the `pipeline` imported, so that a second work tree run with
    another's install (`cd worktree && python -m pipeline`) reads its own rules with its own
    code."""
    beside = Path(__file__).resolve().parents[1] / "rules"
    if (beside / "__init__.py").is_file():
        return beside
    try:
        folder = resources.files(RULES_PACKAGE)
    except ModuleNotFoundError:  # not installed, nor a checkout with its rules: the same guess
        return beside
    if not isinstance(folder, Path):  # e.g. vnie imported from a zip file: no folder to read
        raise RuntimeError(f"the default rules are not a folder ({folder!r}): pass --rules DIR")
    return folder


DEFAULT_RULES_DIR = packaged_rules_dir()
DEFAULT_SOURCES_FILE = DEFAULT_RULES_DIR / "sources.yml"

#: What `copy_default_rules` leaves behind: the files that only make `rules/` a package.
_NOT_RULES = shutil.ignore_patterns("__init__.py", "__pycache__", "*.pyc")


def copy_default_rules(target: Path) -> list[Path]:
    """Copy the default rules into `target` (absent or empty); return the files copied."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target}: already exists and is not an empty folder")
    logger.debug("copying the default rules from %s to %s", DEFAULT_RULES_DIR, target)
    shutil.copytree(DEFAULT_RULES_DIR, target, ignore=_NOT_RULES, dirs_exist_ok=True)
    return sorted(path for path in target.rglob("*") if path.is_file())
