"""The run's driver writes its tables without loading pandas (45 MB it has no use for)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from conftest import SEED_ARTICLES

ROOT = Path(__file__).resolve().parents[1]

_RUN = """
import sys
from pathlib import Path
from pipeline.batch.runner import run_extract
summary = run_extract([sys.argv[1]], Path(sys.argv[2]), workers=1)
assert summary.counts["organizations"] > 0, summary.counts
print("pandas loaded" if "pandas" in sys.modules else "pandas not loaded")
import pyarrow.parquet as pq
frame = pq.read_table(Path(sys.argv[2]) / "articles.parquet").to_pandas()
print(frame["title"][0])
"""


def test_a_run_writes_its_tables_without_pandas_and_arrow_still_converts(
    tmp_path: Path, seed_record: dict
) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(SEED_ARTICLES), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    said = done.stdout.splitlines()
    assert said[0] == "pandas not loaded"
    # asked for explicitly afterwards, Arrow's pandas conversion still works
    assert said[1] == seed_record["title"]
    assert pd.read_parquet(out / "articles.parquet")["title"][0] == seed_record["title"]
