"""`vnie diff`: a rule changed in a copy of rules/, the seed article re-extracted, and the diff
must name exactly the facts whose rows changed — the expected set is computed from the two CSVs
here, independently of pipeline.outputs.diff."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch.runner import run_extract
from pipeline.outputs.diff import diff_outputs, diff_to_json, format_diff, sentence_around
from pipeline.outputs.tables import FACT_TABLES, MENTION_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "articles" / "seed-baolongan.jsonl"
KEY = ["article_id", "field", "start", "end"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: pick another edit for this test"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def out_dirs(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("diff")
    rules = base / "rules"
    shutil.copytree(ROOT / "rules", rules)
    # a gazetteer value (issuer name), a gazetteer entry removed, a phrase dropped from a rule
    _edit(
        rules / "gazetteers" / "issuers.yml",
        "TW: {name: Trung ương, party: true}",
        "TW: {name: Trung ương Đảng, party: true}",
    )
    _edit(rules / "gazetteers" / "money_qualifiers.yml", "trên: over\n", "")
    _edit(rules / "organizations.yml", "phrases: [Bộ Chính trị, ", "phrases: [")
    old, new = base / "old", base / "new"
    run_extract([str(SEED)], old, ROOT / "rules", workers=1)
    run_extract([str(SEED)], new, rules, workers=1)
    return old, new


def _frame(out: Path, table: str) -> pd.DataFrame:
    frame = pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False)
    assert not frame.duplicated(KEY).any(), "the test assumes one row per span"
    return frame.set_index(KEY)


def expected_changes(old: Path, new: Path) -> set[tuple]:
    """(kind, table, article_id, field, start, end) from the two CSVs, with pandas."""
    found = set()
    for table in FACT_TABLES:
        before, after = _frame(old, table), _frame(new, table)
        compared = [c for c in before.columns if c not in MENTION_COLUMNS or c == "rule_id"]
        for kind, keys in (
            ("appeared", after.index.difference(before.index)),
            ("disappeared", before.index.difference(after.index)),
        ):
            found |= {(kind, table, a, f, int(s), int(e)) for a, f, s, e in keys}
        both = before.index.intersection(after.index)
        differs = (before.loc[both, compared] != after.loc[both, compared]).any(axis=1)
        found |= {("changed", table, a, f, int(s), int(e)) for a, f, s, e in both[differs]}
    return found


def test_diff_reports_exactly_the_changed_facts(out_dirs: tuple[Path, Path]) -> None:
    old, new = out_dirs
    result = diff_outputs(old, new)
    got = {(c.kind, c.table, c.article_id, c.field, c.start, c.end) for c in result.changes}
    expected = expected_changes(old, new)
    assert got == expected
    kinds = {kind for kind, *_ in expected}
    assert kinds == {"appeared", "disappeared", "changed"}, "the edits should show all three"


def test_changes_carry_values_rules_and_sentences(out_dirs: tuple[Path, Path]) -> None:
    result = diff_outputs(*out_dirs)
    documents = [c for c in result.changes if c.table == "documents"]
    assert documents and all(c.kind == "changed" for c in documents)
    assert all(
        c.changed_values() == {"issuer": ("Trung ương", "Trung ương Đảng")} for c in documents
    )
    lost = [c for c in result.changes if c.kind == "disappeared" and c.table == "money"]
    assert [c.text for c in lost] == ["trên 4 tỉ đồng"]
    assert "4 tỉ đồng" in {c.text for c in result.changes if c.kind == "appeared"}
    for change in result.changes:
        assert change.text in change.sentence
    sentence = next(c.sentence for c in documents if c.start == 122)
    assert sentence.startswith("Năm qua, thực hiện Kết luận số")  # then a no-break space
    assert sentence.endswith("thực hiện.")


def test_format_groups_by_table_and_rule(out_dirs: tuple[Path, Path]) -> None:
    result = diff_outputs(*out_dirs)
    text = format_diff(result)
    assert "documents: 9 → 9 rows (+0 -0 ~" in text
    assert "  documents.party: " in text and "issuer: 'Trung ương' → 'Trung ương Đảng'" in text
    assert "- «trên 4 tỉ đồng»" in text and "│ " in text
    data = diff_to_json(result)
    assert len(data["changes"]) == len(result.changes)


def test_csv_only_out_dirs_give_the_same_diff(out_dirs: tuple[Path, Path], tmp_path: Path) -> None:
    copies = []
    for out in out_dirs:
        copy = tmp_path / out.name
        shutil.copytree(out, copy)
        for parquet in copy.glob("*.parquet"):
            parquet.unlink()
        copies.append(copy)
    via_parquet = {(c.kind, c.table, c.start, c.end) for c in diff_outputs(*out_dirs).changes}
    via_csv = {(c.kind, c.table, c.start, c.end) for c in diff_outputs(*copies).changes}
    assert via_csv == via_parquet


def test_same_output_means_no_changes(out_dirs: tuple[Path, Path]) -> None:
    old, _ = out_dirs
    result = diff_outputs(old, old)
    assert result.is_empty()
    assert "no facts changed" in format_diff(result)


def test_sentence_around_stops_at_sentence_ends() -> None:
    text = (
        "Năm qua, tỉnh đạt nhiều kết quả. Chuyên đề này được đồng chí Bí thư Tỉnh ủy quán "
        "triệt. Qua đó, góp phần nâng cao nhận thức.\nĐoạn sau."
    )
    start = text.index("Tỉnh ủy")
    assert sentence_around(text, start, start + 7) == (
        "Chuyên đề này được đồng chí Bí thư Tỉnh ủy quán triệt."
    )
