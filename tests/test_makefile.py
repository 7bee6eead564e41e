"""The Makefile as a researcher without root meets it: `make test` must not stop at Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_browser_step_without_apt_get_succeeds_and_says_the_browser_test_will_skip(
    tmp_path: Path,
) -> None:
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    bin_dir = tmp_path / "bin"  # a PATH with neither chromium nor apt-get
    bin_dir.mkdir()
    os.symlink(shutil.which("id") or "/usr/bin/id", bin_dir / "id")
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    done = subprocess.run(
        [make, "--no-print-directory", "-C", ROOT, "browser"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Chromium is not installed" in done.stdout
    assert "no apt-get" in done.stdout and "browser test will skip" in done.stdout
