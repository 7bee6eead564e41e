"""The command line, as a user types it."""

import json

import pandas as pd
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
TRY_SENTENCE = (
    "Thông qua mô hình Vạn tấm lòng vàng, Mặt trận Tổ quốc xã Thạnh Lợi vận động "
    "tặng gần 10.000 phần quà trị giá trên 4 tỉ đồng"
)


def test_try_shows_the_model_the_organization_and_the_money_with_rule_ids():
    result = runner.invoke(app, ["try", TRY_SENTENCE])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    model = next(line for line in lines if line.startswith("models"))
    assert "models.named" in model and '"name": "Vạn tấm lòng vàng"' in model
    assert '"owner": "Mặt trận Tổ quốc xã Thạnh Lợi"' in model
    org = next(line for line in lines if line.startswith("organizations"))
    assert "organizations.head" in org and "«Mặt trận Tổ quốc xã Thạnh Lợi»" in org
    money = [line for line in lines if line.startswith("money")]
    assert len(money) == 1, "10.000 phần quà is a count of gifts, not money"
    assert "money.amount" in money[0] and '"amount_vnd": 4000000000' in money[0]
    assert '"qualifier": "over"' in money[0]


def test_rules_check_and_rules_test_pass():
    check = runner.invoke(app, ["rules", "check"])
    assert check.exit_code == 0 and check.output.startswith("ok:")
    test = runner.invoke(app, ["rules", "test"])
    assert test.exit_code == 0, test.output
    assert test.output.strip().endswith("0 failed")


def test_extract_writes_six_tables_errors_and_a_manifest(tmp_path, seed_record):
    archive = tmp_path / "in.jsonl"
    broken = dict(seed_record, id="no-text")
    del broken["text"]
    archive.write_text(
        json.dumps(seed_record, ensure_ascii=False)
        + "\n"
        + json.dumps(broken, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(archive), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    for table in ("articles", "organizations", "officials", "documents", "models", "money"):
        assert (out / f"{table}.csv").exists() and (out / f"{table}.parquet").exists()
        csv_rows = pd.read_csv(out / f"{table}.csv", keep_default_na=False)
        assert len(csv_rows) == len(pd.read_parquet(out / f"{table}.parquet"))
    errors = pd.read_csv(out / "errors.csv")
    assert list(errors["origin"]) == [f"{archive}:2"] and "'text'" in errors["message"][0]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["articles"] == 2 and manifest["errors"] == 1
    assert manifest["rows"]["documents"] == len(pd.read_csv(out / "documents.csv"))
    money = pd.read_parquet(out / "money.parquet")
    assert money["amount_vnd"].dtype == "int64"
    assert sorted(money["amount_vnd"]) == [1_200_000_000, 4_000_000_000]
    readme = (out / "README.md").read_text()
    assert all(f"## {table}\n" in readme for table in ("articles", "money", "errors"))
