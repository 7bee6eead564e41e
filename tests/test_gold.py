"""The gold set checks itself: every `as_written` stands in its article, every amount in money
matches the figure written, and every normalized value is in the spelling the rules see."""

import json
import unicodedata
from pathlib import Path

import pytest
import regex

from pipeline.extract.numbers import parse_number
from pipeline.records import Article
from pipeline.text.normalize import normalize_phrase

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "corpus" / "gold").glob("*.jsonl"))
TABLES = ("documents", "money", "officials", "organizations", "models")


def _gold_records() -> list[tuple[str, dict]]:
    return [
        (f"{path.name}:{n}", json.loads(line))
        for path in GOLD
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip()
    ]


RECORDS = _gold_records()


@pytest.fixture(scope="module")
def articles(shared_articles) -> dict[str, Article]:
    found = {}
    paths = [
        *shared_articles.glob("*.jsonl"),
        *(ROOT / "corpus" / "articles").glob("*.jsonl"),
        *(ROOT / "corpus" / "gold" / "articles").glob("*.jsonl"),
    ]
    for path in paths:
        with path.open(encoding="utf-8", newline="\n") as lines:
            for line in lines:
                record = json.loads(line)
                found[record["id"]] = Article.from_record(record)
    return found


def test_the_gold_set_is_big_enough_and_split():
    ids = [record["id"] for _, record in RECORDS]
    assert len(ids) == len(set(ids)) >= 340
    tests = [name for name, _ in RECORDS if name.startswith("test-")]
    blind = [name for name in tests if name.startswith("test-d.jsonl:")]
    # held out: the old `test` (41) and the blind `test-d` (109, the issue asks for 60 or
    # more), 150 articles however large dev grows (a fifth of the gold until round 7)
    assert len(blind) >= 60
    assert 150 <= len(tests) <= len(RECORDS) * 0.6


def test_every_gold_file_is_in_exactly_one_split():
    from pipeline.evaluation.gold import splits

    named = [path.name for files in splits(ROOT / "corpus" / "gold").values() for path in files]
    assert sorted(named) == sorted(path.name for path in GOLD)


@pytest.mark.parametrize(("where", "record"), RECORDS, ids=[w for w, _ in RECORDS])
def test_gold_record(where, record, articles):
    article = articles[record["id"]]
    fields = [article.title or "", article.lead or "", article.text, *article.captions]
    for table in TABLES:
        for fact in record.get(table, []):
            written = fact.get("as_written")
            if written:
                assert any(written in field for field in fields), f"{where} {table}: {written!r}"
            for key in ("name", "person", "title", "organization", "owner", "doc_id"):
                value = fact.get(key)
                if value:
                    assert unicodedata.is_normalized("NFC", value), f"{where}: {value!r}"
                    assert normalize_phrase(value) == value, f"{where}: old spelling in {value!r}"
    for fact in record.get("money", []):
        written = fact.get("as_written") or ""
        in_vnd = fact.get("currency", "VND") == "VND" and fact.get("amount_vnd") is not None
        # `hàng ngàn tỉ đồng` has no digits to compare
        if in_vnd and regex.search(r"\d", written):
            assert fact["amount_vnd"] in _readings(written), f"{where}: {fact}"


def _readings(written: str) -> set[int]:
    """What the figures written can mean, whatever scale word follows: a check that the digits
    of `amount_vnd` are those of the text (`1,2 tỉ` is 1 200 000 000, not 12 000 000 000;
    `5,5 triệu tỷ` is 5,5 × 10^15); a decimal comma some texts write with a space after it is
    read both ways (`134, 4 tỷ đồng` is 134,4 tỷ: GUIDE.md Round 20)."""
    readings = set()
    joined = regex.sub(r"(?<=\d), (?=\d(?!\d))", ",", written)
    for number in regex.findall(r"\d[\d.,]*\d|\d", f"{written} {joined}"):
        value = parse_number(number)
        readings |= {round(value * 10**exponent) for exponent in range(0, 22, 3)}
    return readings
