"""The command line, as a user types it."""

import json
import shutil
from pathlib import Path

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


def test_try_explain_says_why_a_match_was_turned_down():
    sentence = "Đà Nẵng muốn xây dựng khu công nghệ thông tin theo mô hình Thung lũng Silicon."
    plain = runner.invoke(app, ["try", sentence])
    assert plain.exit_code == 0 and "models" not in plain.output
    explained = runner.invoke(app, ["try", "--explain", sentence])
    assert explained.exit_code == 0, explained.output
    line = next(line for line in explained.output.splitlines() if "models.named" in line)
    assert line.startswith("turned down") and "a-form-of-organization (Thung lũng Silicon)" in line


def test_try_explain_says_what_took_a_match_out():
    """A name that another sentence calls a contest is no model: the models resolver, which
    reads the whole article, drops it, and a shorter match inside a longer one loses to it."""
    # (not `“Solo cùng Bolero”`: a genre in its own name makes that one a contest alone)
    named = 'Minzy, Đức Phúc và Erik đang tham gia chương trình "Cặp đôi hoàn hảo" năm 2017.'
    contest = 'Cuộc thi "Cặp đôi hoàn hảo" năm nay sẽ xoay quanh chủ đề nhạc trữ tình và Bolero.'
    alone = runner.invoke(app, ["try", named])
    assert "models.quoted" in alone.output and "Cặp đôi hoàn hảo" in alone.output
    explained = runner.invoke(app, ["try", "--explain", f"{named} {contest}"])
    assert explained.exit_code == 0, explained.output
    lines = explained.output.splitlines()
    assert not any(line.startswith("models ") for line in lines)
    dropped = next(line for line in lines if line.startswith("dropped") and "models" in line)
    assert "Cặp đôi hoàn hảo" in dropped and dropped.endswith("by the models resolver")
    credited = "Theo báo Tuổi Trẻ, chiều 18/7, Bộ Tài nguyên và môi trường đã yêu cầu báo cáo."
    overlap = runner.invoke(app, ["try", "--explain", credited]).output.splitlines()
    lost = next(line for line in overlap if line.startswith("dropped"))
    assert "«Tuổi Trẻ»" in lost and lost.endswith("by organizations.head «báo Tuổi Trẻ»")


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


def test_a_formula_in_an_article_is_neutralized_in_csv_unless_raw(tmp_path, seed_record):
    title = '=HYPERLINK("http://example.invalid","Bấm vào đây")'
    archive = tmp_path / "in.jsonl"
    archive.write_text(
        json.dumps(dict(seed_record, title=title), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for flags, expected in (([], "'" + title), (["--raw"], title)):
        out = tmp_path / f"out{len(flags)}"
        result = runner.invoke(
            app, ["extract", str(archive), "--out", str(out), "--workers", "1", *flags]
        )
        assert result.exit_code == 0, result.output
        csv_title = pd.read_csv(out / "articles.csv", keep_default_na=False)["title"][0]
        assert csv_title == expected
        assert pd.read_parquet(out / "articles.parquet")["title"][0] == title
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["csv"]["formula_guard"] is (not flags)


def test_eval_scores_the_seed_article_against_its_gold(tmp_path):
    gold = "corpus/gold/seed-article-baolongan.gold.jsonl"
    articles = "corpus/articles/seed-baolongan.jsonl"
    out = tmp_path / "eval"
    result = runner.invoke(
        app, ["eval", "--gold", gold, "--articles", articles, "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    tables = json.loads(result.output)["vnie"]["tables"]
    assert tables["documents"]["f1"] == 1.0 and tables["money"]["f1"] == 1.0
    assert tables["officials"]["recall"] == 1.0
    assert tables["organizations"]["recall"] >= 0.8
    # a second call scores the output folder as it is, and --against shows no change
    again = runner.invoke(
        app,
        ["eval", "--gold", gold, "--articles", articles, "--out", str(out), "--against", str(out)],
    )
    assert again.exit_code == 0
    comparison = again.output.split("before")[-1].splitlines()
    line = next(x for x in comparison if x.startswith("documents "))
    assert line.split()[1:] == ["1.000", "1.000"]


def test_eval_on_an_existing_run_says_when_it_is_stale(tmp_path):
    """Scoring a folder that already holds a run scores it as it is: after a rule change, or for
    gold articles the run never read, the user is told so (on stderr, the figures unchanged)."""
    gold = "corpus/gold/seed-article-baolongan.gold.jsonl"
    articles = "corpus/articles/seed-baolongan.jsonl"
    out = tmp_path / "eval"
    first = runner.invoke(app, ["eval", "--gold", gold, "--articles", articles, "--out", str(out)])
    assert first.exit_code == 0 and "note:" not in first.stderr
    again = runner.invoke(app, ["eval", "--gold", gold, "--articles", articles, "--out", str(out)])
    assert again.exit_code == 0 and "note:" not in again.stderr

    rules = tmp_path / "rules"
    shutil.copytree("rules", rules)
    with (rules / "gazetteers" / "not_officials.txt").open("a", encoding="utf-8") as stream:
        stream.write("Nguyễn Văn Út\n")
    # a second gold article, the seed under another id, that the run in `out` never read
    record = json.loads(Path(articles).read_text(encoding="utf-8").splitlines()[0])
    truth = json.loads(Path(gold).read_text(encoding="utf-8").splitlines()[0])
    (tmp_path / "articles.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in (record, {**record, "id": "bản-sao"})),
        encoding="utf-8",
    )
    (tmp_path / "gold.jsonl").write_text(
        "\n".join(json.dumps(t, ensure_ascii=False) for t in (truth, {**truth, "id": "bản-sao"})),
        encoding="utf-8",
    )
    stale = runner.invoke(
        app,
        [
            "eval",
            "--gold",
            str(tmp_path / "gold.jsonl"),
            "--articles",
            str(tmp_path / "articles.jsonl"),
            "--out",
            str(out),
            "--rules",
            str(rules),
        ],
    )
    assert stale.exit_code == 0, stale.output
    assert "holds a run made with other rules" in stale.stderr
    assert "1 of 2 gold articles are not in the run" in stale.stderr and "bản-sao" in stale.stderr
