"""The scorer on hand-made cases from the seed article (Báo Long An, 20 May 2022)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from pipeline.evaluation.score import (
    format_comparison,
    format_report,
    gold_files,
    load_gold,
    load_predictions,
    name_similarity,
    report_to_json,
    score,
    title_matches,
)

SEED = "seed-baolongan-2022-05-20"
COMMON = ["article_id", "rule_id", "text", "field", "start", "end", "sentence_id"]

GOLD = {
    "id": SEED,
    "documents": [
        {"doc_id": "05-CT/TW", "doc_type": "Chỉ thị", "as_written": "Chỉ thị số 05/CT-TW"},
        {"doc_id": "01-KL/TW", "doc_type": "Kết luận", "as_written": "Kết luận số 01-KL/TW"},
    ],
    "money": [
        {
            "amount_vnd": 4000000000,
            "amount": 4,
            "currency": "VND",
            "qualifier": "over",
            "as_written": "trên 4 tỉ đồng",
        },
        {
            "amount_vnd": 1200000000,
            "amount": 1.2,
            "currency": "VND",
            "qualifier": "nearly",
            "as_written": "gần 1,2 tỉ đồng",
        },
    ],
    "officials": [
        {
            "person": "Nguyễn Thanh Hải",
            "title": "Phó Bí thư Thường trực",
            "organization": "Tỉnh ủy Long An",
        },
        {
            "person": "Phạm Huy Sơn",
            "title": "Bí thư",
            "organization": "Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh",
        },
    ],
    "organizations": [
        {"name": "Tỉnh ủy Long An", "as_written": "Tỉnh ủy Long An"},
        {"name": "Sở Tài nguyên và Môi trường", "as_written": "Sở Tài nguyên và Môi trường"},
        {"name": "Ủy ban nhân dân tỉnh Long An", "as_written": "UBND tỉnh Long An"},
    ],
    "models": [
        {"name": "Vạn tấm lòng vàng", "owner": "Ủy ban Mặt trận Tổ quốc Việt Nam xã Thạnh Lợi"},
    ],
}


def write_table(out_dir: Path, table: str, rows: list[dict]) -> None:
    """One output table as the extractor writes it: CSV with the common columns."""
    frame = pd.DataFrame(rows)
    for column in COMMON:
        if column not in frame:
            frame[column] = ""
    frame.to_csv(out_dir / f"{table}.csv", index=False)


def row(rule_id: str, text: str, **columns) -> dict:
    return {"article_id": SEED, "rule_id": rule_id, "text": text, "field": "text", **columns}


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    write_table(
        tmp_path,
        "documents",
        [
            row("documents.party", "Chỉ thị số 05-CT/TW", doc_id="05-CT/TW", doc_type="Chỉ thị"),
            row("documents.party", "Chỉ thị số 05-CT/TW", doc_id="05-CT/TW", doc_type="Chỉ thị"),
            row("documents.state", "Kết luận số 01", doc_id="01/KL-TW", doc_type="Kết luận"),
            row(
                "documents.unnumbered", "Nghị quyết Đại hội XIII", doc_id="", doc_type="Nghị quyết"
            ),
            {
                "article_id": "not-in-gold",
                "rule_id": "documents.party",
                "text": "Chỉ thị 05",
                "doc_id": "99-CT/TW",
            },
        ],
    )
    write_table(
        tmp_path,
        "money",
        [
            row(
                "money.ti",
                "gần 1,2 tỉ đồng",
                amount_vnd=1200000000,
                amount=1200000000,
                currency="VND",
                qualifier="nearly",
                amount_max_vnd=None,
            ),
            row(
                "money.ti",
                "2 tỉ đồng",
                amount_vnd=2000000000,
                amount=2000000000,
                currency="VND",
                qualifier="exact",
                amount_max_vnd=None,
            ),
        ],
    )
    write_table(
        tmp_path,
        "officials",
        [
            row(
                "officials.title_dash_name",
                "Phó Bí thư Thường trực Tỉnh ủy - Nguyễn Thanh Hải",
                person="Nguyễn Thanh Hải",
                title="Phó Bí thư Thường trực Tỉnh ủy",
                organization="Tỉnh ủy Long An",
                honorific="",
            ),
            row(
                "officials.title_dash_name",
                "Phó Bí thư Phạm Huy Sơn",
                person="Phạm Huy Sơn",
                title="Phó Bí thư",
                organization="",
                honorific="",
            ),
            row(
                "officials.honorific_name",
                "ông Bác",
                person="Bác",
                title="",
                organization="",
                honorific="ông",
            ),
        ],
    )
    write_table(
        tmp_path,
        "organizations",
        [
            row(
                "organizations.party",
                "Tỉnh uỷ Long An",
                name="Tỉnh uỷ Long An",
                abbreviation="",
                org_type="party",
                level="province",
                location="Long An",
            ),
            row(
                "organizations.party",
                "TỈNH ỦY LONG AN",
                name="TỈNH ỦY LONG AN",
                abbreviation="",
                org_type="party",
                level="province",
                location="Long An",
            ),
            row(
                "organizations.state",
                "Sở Tài nguyên",
                name="Sở Tài nguyên",
                abbreviation="NA",
                org_type="state",
                level="province",
                location="",
            ),
            row(
                "organizations.state",
                "UBND",
                name="Ủy ban nhân dân",
                abbreviation="UBND",
                org_type="state",
                level="province",
                location="",
            ),
        ],
    )
    return tmp_path


@pytest.fixture
def gold() -> dict:
    return {SEED: json.loads(json.dumps(GOLD, ensure_ascii=False))}


def table(report, name: str):
    return next(t for t in report.tables if t.table == name)


def test_documents_one_right_one_wrong(out_dir: Path, gold: dict) -> None:
    documents = table(score(gold, load_predictions(out_dir)), "documents")
    # the repeated 05-CT/TW counts once; the empty doc_id row and the other article are ignored
    assert (documents.tp, documents.fp, documents.fn) == (1, 1, 1)
    assert documents.precision == 0.5 and documents.recall == 0.5 and documents.f1 == 0.5


def test_money_exact_amount_vnd(out_dir: Path, gold: dict) -> None:
    money = table(score(gold, load_predictions(out_dir)), "money")
    assert (money.tp, money.fp, money.fn) == (1, 1, 1)


def test_officials_person_and_title(out_dir: Path, gold: dict) -> None:
    report = score(gold, load_predictions(out_dir))
    officials = table(report, "officials")
    assert (officials.tp, officials.fp, officials.fn) == (2, 1, 0)
    assert officials.precision == pytest.approx(2 / 3) and officials.recall == 1.0
    titled = table(report, "officials_title")
    # Nguyễn Thanh Hải's title is right; Phạm Huy Sơn is Bí thư, not Phó Bí thư
    assert (titled.tp, titled.fp, titled.fn) == (1, 2, 1)
    assert [e.value for e in report.misses if e.table == "officials_title"] == [
        "Phạm Huy Sơn — Bí thư"
    ]


def test_organizations_fuzzy_one_to_one(out_dir: Path, gold: dict) -> None:
    report = score(gold, load_predictions(out_dir))
    organizations = table(report, "organizations")
    # "Tỉnh uỷ Long An" and "TỈNH ỦY LONG AN" are one fact matching "Tỉnh ủy Long An";
    # "Ủy ban nhân dân" is the gold name without its place; "Sở Tài nguyên" is too short
    assert (organizations.tp, organizations.fp, organizations.fn) == (2, 1, 1)
    assert [e.value for e in report.misses if e.table == "organizations"] == [
        "Sở Tài nguyên và Môi trường"
    ]


def test_rules_count_rows(out_dir: Path, gold: dict) -> None:
    rules = {
        (r.table, r.rule_id): (r.true_hits, r.false_hits)
        for r in score(gold, load_predictions(out_dir)).rules
    }
    assert rules[("documents", "documents.party")] == (2, 0)
    assert rules[("documents", "documents.state")] == (0, 1)
    assert ("documents", "documents.unnumbered") not in rules
    assert rules[("organizations", "organizations.party")] == (2, 0)
    assert rules[("officials", "officials.honorific_name")] == (0, 1)


def test_tables_not_predicted_are_not_scored(out_dir: Path, gold: dict) -> None:
    report = score(gold, load_predictions(out_dir))
    assert [t.table for t in report.tables] == [
        "documents",
        "money",
        "officials",
        "officials_title",
        "organizations",
    ]


def test_nothing_to_find_nothing_found_is_perfect(tmp_path: Path) -> None:
    write_table(tmp_path, "models", [])
    gold = {SEED: {"id": SEED, "models": []}}
    models = table(score(gold, load_predictions(tmp_path)), "models")
    assert (models.precision, models.recall, models.f1) == (1.0, 1.0, 1.0)


def test_article_ids_restrict_the_slice(out_dir: Path, gold: dict) -> None:
    report = score(gold, load_predictions(out_dir), article_ids=["not-in-gold"])
    assert report.n_articles == 0
    assert all(t.tp == t.fp == t.fn == 0 for t in report.tables)


def test_model_names_with_quotes_and_case(tmp_path: Path, gold: dict) -> None:
    write_table(
        tmp_path,
        "models",
        [
            row(
                "models.quoted", 'mô hình "Vạn Tấm Lòng Vàng"', name='"Vạn Tấm Lòng Vàng"', owner=""
            ),
        ],
    )
    models = table(score(gold, load_predictions(tmp_path)), "models")
    assert (models.tp, models.fp, models.fn) == (1, 0, 0)


def test_load_predictions_keeps_text_and_parses_numbers(out_dir: Path) -> None:
    predictions = load_predictions(out_dir)
    assert "models" not in predictions
    organizations = predictions["organizations"][SEED]
    assert organizations[2]["abbreviation"] == "NA"
    assert organizations[0]["location"] == "Long An"
    assert predictions["documents"][SEED][3]["doc_id"] == ""
    money = predictions["money"][SEED][0]
    assert money["amount_vnd"] == 1200000000 and isinstance(money["amount_vnd"], int)
    assert money["amount_max_vnd"] is None
    assert predictions["documents"][SEED][0]["start"] is None


def test_load_gold_nfc_and_unique_ids(tmp_path: Path) -> None:
    path = tmp_path / "dev-a.jsonl"
    decomposed = unicodedata.normalize("NFD", json.dumps(GOLD, ensure_ascii=False))
    path.write_text(decomposed + "\n", encoding="utf-8")
    gold = load_gold([path])
    assert gold[SEED]["officials"][0]["person"] == "Nguyễn Thanh Hải"
    assert unicodedata.is_normalized("NFC", gold[SEED]["officials"][0]["person"])
    with pytest.raises(ValueError, match="already in"):
        load_gold([path, path])


def test_gold_files_splits(tmp_path: Path) -> None:
    names = ("dev-a.jsonl", "dev-b.jsonl", "test-a.jsonl", "test-d.jsonl", "seed.gold.jsonl")
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "splits.yml").write_text(
        "dev: [seed.gold.jsonl, dev-*.jsonl]\ntest: [test-a.jsonl]\ntest-d: [test-d.jsonl]\n",
        encoding="utf-8",
    )
    assert [p.name for p in gold_files(tmp_path, "dev")] == [
        "dev-a.jsonl",
        "dev-b.jsonl",
        "seed.gold.jsonl",
    ]
    assert [p.name for p in gold_files(tmp_path, "test")] == ["test-a.jsonl"]
    assert [p.name for p in gold_files(tmp_path, "test-d")] == ["test-d.jsonl"]
    assert len(gold_files(tmp_path, "all")) == 5
    with pytest.raises(ValueError, match="use dev, test, test-d, all"):
        gold_files(tmp_path, "train")


@pytest.mark.parametrize(
    ("gold_title", "predicted_title", "matches"),
    [
        ("Phó Bí thư Thường trực", "Phó Bí thư Thường trực Tỉnh ủy", True),
        ("Phó Bí thư Thường trực", "phó bí thư thường trực", True),
        ("Bí thư", "Phó Bí thư", False),
        ("Bí thư Đảng ủy; Giám đốc", "Giám đốc Sở Giao thông Vận tải", True),
        ("Ủy viên Ban Thường vụ Tỉnh ủy; Phó Chủ tịch Thường trực", "Phó Chủ tịch", True),
        ("Phó Bí thư Thường trực", "Chủ tịch", False),
        ("Phó Bí thư Thường trực", "", False),
    ],
)
def test_title_matches(gold_title: str, predicted_title: str, matches: bool) -> None:
    assert title_matches(gold_title, predicted_title) is matches


def test_name_similarity() -> None:
    assert name_similarity("Tỉnh uỷ Long An", "Tỉnh ủy Long An") == 1.0
    assert name_similarity("Ủy ban nhân dân tỉnh Long An", "Ủy ban nhân dân") == 0.9
    assert name_similarity("Sở Y tế Thành phố Hồ Chí Minh", "Sở Y tế") == 0.9
    assert name_similarity("Sở Y tế thành phố Cần Thơ", "Sở Y tế") == 0.9
    assert name_similarity("Ban Tuyên giáo Tỉnh ủy Long An", "Ban Tuyên giáo") < 0.85
    # "xã hội" is not a place: only capitalized words after the level word are
    assert name_similarity("Bộ Lao động - Thương binh và xã hội", "Bộ Lao động") < 0.85
    assert name_similarity("Sở Tài nguyên và Môi trường", "Sở Tài nguyên") < 0.85


def test_format_and_json(out_dir: Path, gold: dict) -> None:
    report = score(gold, load_predictions(out_dir))
    text = format_report(report, show="documents")
    assert "documents         0.500  0.500  0.500" in text
    assert "01-KL/TW" in text and "Kết luận số 01-KL/TW" in text
    assert "Chỉ thị 05" not in text  # the article outside gold
    with pytest.raises(ValueError):
        format_report(report, show="people")
    data = report_to_json(report)
    json.dumps(data, ensure_ascii=False)
    assert data["tables"]["documents"]["f1"] == 0.5
    assert data["misses"]["documents"][0]["value"] == "01-KL/TW"
    side_by_side = format_comparison({"vnie": report, "underthesea": report})
    assert side_by_side.splitlines()[1].split() == ["documents", "0.500", "0.500"]
    assert side_by_side.splitlines()[-1].split() == ["models", "—", "—"]


def test_underthesea_baseline_offsets() -> None:
    from pipeline.evaluation.baseline import underthesea_baseline

    article = {
        "id": SEED,
        "title": "Long An: Học tập và làm theo gương Bác",
        "lead": None,
        "text": "Phó Bí thư Thường trực Tỉnh ủy - Nguyễn Thanh Hải nhận định, việc đưa nội dung"
        " học tập vào chương trình đã tạo những chuyển biến.",
        "captions": [],
    }
    predictions = underthesea_baseline([article])
    assert set(predictions) == {"organizations", "officials"}
    people = predictions["officials"][SEED]
    assert "Nguyễn Thanh Hải" in [p["person"] for p in people]
    for p in people:
        assert p["title"] == "" and p["rule_id"] == "underthesea.ner.PER"
        assert article[p["field"]][p["start"] : p["end"]] == p["text"]


def test_a_party_regulation_written_qdi_is_the_one_written_qd(tmp_path: Path) -> None:
    """The annotation guide: a Party Quy định is written `QĐ` or, since 2018, `QĐi`; both
    name the same document and the scorer treats them as one."""
    write_table(
        tmp_path,
        "documents",
        [
            row("documents.party", "Quy định 08-QĐi/TW", doc_id="08-QĐI/TW", doc_type="Quy định"),
            row("documents.short_reference", "Quy định số 102", doc_id="102-QĐ/TW"),
            row("documents.state", "Quyết định 265/QĐ-TTg", doc_id="265/QĐ-TTG"),
        ],
    )
    gold = {
        SEED: {
            "id": SEED,
            "documents": [
                {"doc_id": "08-QĐ/TW"},
                {"doc_id": "102-QĐI/TW"},
                {"doc_id": "265/QĐI-TTG"},
            ],
        }
    }
    documents = table(score(gold, load_predictions(tmp_path)), "documents")
    assert (documents.tp, documents.fp, documents.fn) == (2, 1, 1)
