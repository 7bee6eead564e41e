"""`vnie --verbose` / `--quiet`: what the commands log on stderr, and what they keep quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLES = ROOT / "corpus" / "articles" / "seed-baolongan.jsonl"
SEED_GOLD = ROOT / "corpus" / "gold" / "seed-article-baolongan.gold.jsonl"
runner = CliRunner()


@pytest.fixture(scope="module")
def gold_with_a_missing_article(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(a run over the seed article, a gold file naming it and an article nobody has)."""
    folder = tmp_path_factory.mktemp("logging")
    out = folder / "out"
    done = runner.invoke(app, ["extract", str(SEED_ARTICLES), "--out", str(out), "--workers", "1"])
    assert done.exit_code == 0, done.output
    gold = folder / "gold.jsonl"
    absent = {"id": "baolongan-bai-da-go", "documents": [], "money": [], "officials": []}
    gold.write_text(
        SEED_GOLD.read_text(encoding="utf-8").strip() + "\n" + json.dumps(absent) + "\n",
        encoding="utf-8",
    )
    return out, gold


def _eval(options: list[str], out: Path, gold: Path) -> tuple[int, str, str]:
    args = [*options, "eval", "--gold", str(gold), "--articles", str(SEED_ARTICLES)]
    result = runner.invoke(app, [*args, "--out", str(out)])
    return result.exit_code, result.stdout, result.stderr


def test_a_warning_is_a_log_line_on_stderr_and_quiet_hides_it(
    gold_with_a_missing_article: tuple[Path, Path],
) -> None:
    out, gold = gold_with_a_missing_article
    code, stdout, stderr = _eval([], out, gold)
    assert code == 0
    assert "warning: 1 gold articles not found: baolongan-bai-da-go" in stderr
    assert "not found" not in stdout and "documents" in stdout
    code, stdout, stderr = _eval(["--quiet"], out, gold)
    assert code == 0 and "documents" in stdout
    assert "not found" not in stderr


def test_verbose_names_the_rules_used_and_the_module_that_says_so() -> None:
    quiet = runner.invoke(app, ["rules", "check"])
    assert quiet.exit_code == 0 and "debug" not in quiet.stderr
    verbose = runner.invoke(app, ["--verbose", "rules", "check"])
    assert verbose.exit_code == 0, verbose.output
    line = next(x for x in verbose.stderr.splitlines() if x.startswith("debug [pipeline.cli]"))
    assert "rules: " in line and "hash " in line


def test_verbose_and_quiet_together_is_an_error() -> None:
    result = runner.invoke(app, ["--verbose", "--quiet", "rules", "path"])
    assert result.exit_code == 2
    assert "choose one" in result.stderr
