"""vnie as a user installs it: the wheel, in a fresh virtual environment, run from elsewhere.

The wheel is built offline with the build backend of this environment (`--no-build-isolation
--no-index`) from a copy of the sources, so no stale `build/` folder of the checkout leaks into
it. It goes into a fresh `venv` that has neither pip nor the checkout: only the wheel is
installed there (`pip --python`, `--no-deps --no-index`), and a `.pth` file lends it this
environment's site-packages for the third-party libraries. Installing those libraries anew
would download gigabytes; what this test is about — that the package, its default rules and
its sources file work without the repository — comes from the wheel alone (this environment
holds vnie only as an editable finder, whose `.pth` a lent folder does not run).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from pipeline import __version__

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "articles" / "seed-baolongan.jsonl"
SEED_GOLD = ROOT / "corpus" / "gold" / "seed-article-baolongan.gold.jsonl"
SENTENCE = "Chủ tịch UBND tỉnh Long An Nguyễn Văn Út phát biểu."
SOURCES = ("pyproject.toml", "README.md", "pipeline", "rules")
NOT_SOURCES = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def _run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(the source copy, the wheel, pip's verbose build log)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=NOT_SOURCES)
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    offline = ["--no-deps", "--no-build-isolation", "--no-index"]
    log = _run(
        [sys.executable, "-m", "pip", "wheel", "-v", *offline, "-w", work / "dist", src], work
    )
    (wheel,) = (work / "dist").glob("vnie-*.whl")
    return src, wheel, log


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed: its `bin/` folder."""
    _, wheel, _ = built
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "project_libraries.pth").write_text(sysconfig.get_path("purelib") + "\n")
    offline = ["--no-deps", "--no-index", "--disable-pip-version-check"]
    _run([sys.executable, "-m", "pip", "--python", python, "install", *offline, wheel], venv.parent)
    return venv / "bin"


@pytest.fixture
def elsewhere(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder outside the checkout, and an environment that points nowhere into it."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "VNIE_RULES")
    }
    return tmp_path, env


def test_building_the_wheel_gives_no_warning(built: tuple[Path, Path, str]) -> None:
    _, wheel, log = built
    warnings = [line for line in log.splitlines() if re.search(r"\w+Warning\b", line)]
    assert not warnings, "\n".join(warnings)
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"vnie-{__version__}.dist-info/METADATA").decode()
    assert f"\nVersion: {__version__}\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata


def test_the_wheel_holds_every_module_and_every_default_rule_file(
    built: tuple[Path, Path, str],
) -> None:
    src, wheel, _ = built
    expected = {f"{p.relative_to(src)}" for p in (src / "pipeline").rglob("*") if p.is_file()}
    expected |= {
        f"pipeline/{p.relative_to(src)}" for p in (src / "rules").rglob("*") if p.is_file()
    }
    with zipfile.ZipFile(wheel) as archive:
        packaged = {name for name in archive.namelist() if ".dist-info/" not in name}
    assert packaged == expected
    assert "pipeline/rules/sources.yml" in packaged
    assert "pipeline/rules/gazetteers/surnames.txt" in packaged


def test_installed_wheel_tries_checks_and_extracts_outside_the_checkout(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    vnie = installed / "vnie"
    rules = Path(_run([vnie, "rules", "path"], folder, env).strip())
    assert rules.is_relative_to(installed.parent) and rules.parts[-2:] == ("pipeline", "rules")

    check = _run([vnie, "rules", "check"], folder, env)
    assert check.startswith("ok: ") and str(rules) in check

    found = _run([vnie, "try", SENTENCE], folder, env)
    official = next(line for line in found.splitlines() if line.startswith("officials"))
    assert '"person": "Nguyễn Văn Út"' in official and '"title": "Chủ tịch"' in official
    assert '"organization": "Ủy ban nhân dân tỉnh Long An"' in official

    shutil.copy(SEED, folder / "seed.jsonl")
    _run([vnie, "extract", "seed.jsonl", "--out", "out", "--workers", "1"], folder, env)
    manifest = json.loads((folder / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rules_dir"] == str(rules) and manifest["vnie"] == __version__
    assert manifest["errors"] == 0 and manifest["articles"] == 1
    with (folder / "out" / "documents.csv").open(encoding="utf-8", newline="") as stream:
        doc_ids = {row["doc_id"] for row in csv.DictReader(stream) if row["doc_id"]}
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8").splitlines()[0])
    assert doc_ids == {document["doc_id"] for document in gold["documents"]}


def test_rules_init_copies_the_packaged_rules_for_a_researcher(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    vnie = installed / "vnie"
    _run([vnie, "rules", "init", "my-rules"], folder, env)
    mine = folder / "my-rules"
    assert (mine / "officials.yml").is_file() and (mine / "sources.yml").is_file()
    assert not (mine / "__init__.py").exists()
    with_env = {**env, "VNIE_RULES": str(mine)}
    assert _run([vnie, "rules", "path"], folder, with_env).strip() == str(mine)
    assert str(mine) in _run([vnie, "rules", "check"], folder, with_env)
    found = _run([vnie, "try", "--rules", mine, SENTENCE], folder, env)
    assert '"person": "Nguyễn Văn Út"' in found


def test_run_outside_a_checkout_says_what_to_do_and_writes_nothing_into_the_install(
    installed: Path, elsewhere: tuple[Path, dict[str, str]]
) -> None:
    folder, env = elsewhere
    done = subprocess.run(
        [installed / "vnie", "run"], cwd=folder, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "corpus/articles: no such folder" in done.stderr and "vnie extract" in done.stderr
    site = next((installed.parent / "lib").glob("python3*/site-packages"))
    assert not (site / "outputs").exists() and not (site / "corpus").exists()
    assert not (folder / "outputs").exists()
