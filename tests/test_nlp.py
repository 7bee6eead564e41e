"""Sentences and words from underthesea, imported only as far as extraction needs."""

import json
import subprocess
import sys
import textwrap
from itertools import islice
from pathlib import Path

from pipeline.text.nlp import segment, sentence_abbreviations, split_sentences
from pipeline.text.sentence_ends import sent_tokenize


def test_sentences_keep_offsets_into_the_field() -> None:
    text = "Ông Nguyễn Văn Út dự họp.\nBà Trần Thị Hoa phát biểu. UBND tỉnh Long An chủ trì."
    sentences = split_sentences("text", text)
    assert [s.text for s in sentences] == [
        "Ông Nguyễn Văn Út dự họp.",
        "Bà Trần Thị Hoa phát biểu.",
        "UBND tỉnh Long An chủ trì.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_words_are_underthesea_segmentation() -> None:
    assert segment("Chủ tịch UBND tỉnh Long An") == ["Chủ tịch", "UBND", "tỉnh", "Long An"]


def test_extraction_imports_two_pipelines_and_the_package_stays_whole() -> None:
    """A fresh process: segmenting leaves NER and POS tagging unimported; the first use of
    the package by anyone else (`from underthesea import ner`) still finds all of it."""
    script = textwrap.dedent(
        """
        import sys
        from pipeline.text.nlp import segment, split_sentences
        split_sentences("text", "Ông A đến. Bà B đi.")
        assert segment("Bộ Công Thương") == ["Bộ", "Công Thương"]
        assert "underthesea.pipeline.ner" not in sys.modules
        assert "underthesea.pipeline.pos_tag" not in sys.modules
        import underthesea
        from underthesea import ner, word_tokenize
        from underthesea.pipeline.word_tokenize import word_tokenize as the_function
        assert word_tokenize is the_function
        labels = [token[-1] for token in ner("Ông Nguyễn Văn Út đến Long An")]
        assert "B-PER" in labels, labels
        assert callable(underthesea.pos_tag)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_foreign_company_s_legal_form_does_not_end_a_sentence() -> None:
    """`Co.` in `Ota Floriculture Auction Co., Ltd` (vietnews-test-018219) is an abbreviation."""
    text = "Trong đó có Ota Floriculture Auction Co., Ltd (Nhật Bản) và một công ty Hàn Quốc."
    assert [s.text for s in split_sentences("text", text)] == [text]


def _underthesea_sentences(text: str) -> list[str]:
    from pipeline.text.nlp import underthesea_function

    sentences: list[str] = underthesea_function("sent_tokenize")(text)
    return sentences


def test_the_sentence_splitter_takes_underthesea_s_decisions() -> None:
    """Ellipses, numbers, abbreviations, runs of marks: the same sentences as underthesea's."""
    abbreviations = sentence_abbreviations()
    for text in (
        "Giá 1.500.000 đồng. Ông A nói... Rồi về.",
        "TP. HCM có 24 quận, huyện... và nhiều xã.",
        "PGS.TS Nguyễn Văn A nói: Thật sao?! Vâng..",
        "Đoàn đi Mỹ, Nhật, v.v... Chuyến đi kết thúc.",
        "Ths. Lê B và Th.S Trần C... \tD.",
        "Nguồn: binhdinh.gov.vn. Tin khác...",
        "...",
        "   ",
    ):
        assert sent_tokenize(text, abbreviations) == _underthesea_sentences(text), text


def test_the_sentence_splitter_matches_underthesea_over_the_corpus(
    shared_articles: Path,
) -> None:
    abbreviations = sentence_abbreviations()
    with (shared_articles / "vietnews-political.jsonl").open(encoding="utf-8") as lines:
        for line in islice(lines, 300):
            for paragraph in json.loads(line)["text"].split("\n"):
                expected = _underthesea_sentences(paragraph)
                assert sent_tokenize(paragraph, abbreviations) == expected, paragraph
