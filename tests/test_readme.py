"""The README's copy-paste examples work as written (paths moved into a temporary folder)."""

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# lines that need the shared corpus, the network, a long run or make itself; installs from a
# wheel (tests/test_wheel.py does those)
SKIPPED = ("make ", "scrape", "../shared", "more/", "/data/", " eval ", "pip ", "vnie-env")


def _commands() -> list[str]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#") and not any(s in f" {line} " for s in SKIPPED):
                commands.append(line)
    return commands


def _localized(command: str, tmp: Path) -> list[str]:
    command = command.replace("/tmp/", f"{tmp}/").replace("'outputs/", f"'{tmp}/outputs/")
    words = shlex.split(command)
    if words[0] == ".venv/bin/vnie":
        return [sys.executable, "-m", "pipeline", *words[1:]]
    if words[0] == ".venv/bin/python":
        return [sys.executable, *words[1:]]
    return words


@pytest.fixture(scope="module")
def sample_outputs(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("readme")
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--out", str(tmp / "outputs"), "--workers", "1"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return tmp


def test_the_readme_has_examples_for_each_user():
    commands = _commands()
    assert any("read_parquet" in c for c in commands)
    assert any("duckdb" in c for c in commands)
    assert any(" diff " in c for c in commands) and any(" try " in c for c in commands)


@pytest.mark.parametrize("command", _commands())
def test_readme_command(command, sample_outputs):
    result = subprocess.run(
        _localized(command, sample_outputs), cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    if "read_parquet" in command:
        assert "05-CT/TW" in result.stdout
    if "officials_with_organizations" in command:
        assert "Nguyễn Thanh Hải" in result.stdout
    if "positions_timeline" in command:
        assert "Nguyễn Thanh Hải" in result.stdout and "2022-05-20" in result.stdout
    if "province_2025" in command:
        assert "Long An" in result.stdout and "Tây Ninh" in result.stdout
    if "documents_cited" in command:
        assert "05-CT/TW" in result.stdout and "Bộ Chính trị" in result.stdout
