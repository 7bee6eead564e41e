"""Sentences and words from underthesea, imported only as far as extraction needs."""

import json
import subprocess
import sys
import textwrap
from itertools import islice
from pathlib import Path

from pipeline.text.nlp import segment, sentence_abbreviations, split_sentences
from pipeline.text.normalize import normalize
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


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences("text", normalize(text).text)]


def test_a_quotation_ending_in_a_question_or_exclamation_stays_in_its_sentence() -> None:
    """underthesea ends a sentence at `!`/`?` inside quotes; the name, the closing quote and
    the speaker come back (vietnews-train-007137, vietnews-val-003727, vietnews-train-060098)."""
    for text in (
        'Ở tập 1 chương trình "Bố ơi! Mình đi đâu thế?" phát sóng ngày 19/8, các cặp bố con '
        "bị nhốt trong phòng kín 3 tiếng, nhiều bé sợ hãi đòi về nhà.",
        "\"Tại sao Vũ 'nhôm' mua được nhiều đất công mà không phải người khác?\" - ông Trương "
        "Quang Nghĩa, bí thư Thành uỷ Đà Nẵng, đặt câu hỏi này khi làm việc với Câu lạc bộ "
        "Thái Phiên chiều 3-1.",
        "Một chiếc xe cứu thương đỏ nhấp nháy đèn dừng gấp bên đường, tài xế nhảy xuống hỏi: "
        '"Người bị thương đâu?"',
        "Tối ngày 22/11, trong chương trình “Ai là triệu phú”, một nữ kỹ sư đến từ Hà Nội đã "
        "khiến nhiều người lắc lầu ngán ngẩm vì sử dụng tới hai quyền trợ giúp cho hai câu "
        "hỏi: “El Nino là gì?” và “Người ta thường nấu canh cua với thứ gì?”",
    ):
        assert _sentences(text) == [normalize(text).text], text


def test_a_quoted_sentence_followed_by_a_new_sentence_keeps_its_end() -> None:
    """The closing quote goes back to the question; the capital after it begins the next
    sentence, even with a stray quote left open at the paragraph's end
    (vietnews-train-005424)."""
    text = (
        "Trao đổi với pv, trước câu hỏi: “Có phải năm nay anh sẽ tham gia chương trình Táo "
        "quân – Gặp nhau cuối năm không?” NSƯT Xuân Hinh cho biết: “Không phải đâu, bức ảnh "
        "tôi đưa lên trang cá nhân là ảnh lưu niệm mấy anh em nghệ sĩ trong lúc giải lao khi "
        "cùng nhau tập tiểu phẩm cho Gala cười cuối năm của VFC, chương trình được ghi hình "
        "và phát vào ngày mùng 2 Tết Nguyên đán 2017 thôi."
    )
    sentences = _sentences(text)
    assert len(sentences) == 2
    assert sentences[0].endswith('Gặp nhau cuối năm không?"')
    assert sentences[1].startswith("NSƯT Xuân Hinh cho biết")


def test_speech_of_several_sentences_and_a_stray_quote_join_nothing() -> None:
    """A quotation longer than a name (vietnews-train-019731), a quote that never closes in
    its paragraph (vietnews-train-099363, a real paragraph ending with a sentence of ours),
    and a quotation closed only in the next paragraph."""
    for text, expected in (
        (
            '"Tại sao người ta nói quan hệ, tiền tệ, hậu duệ, cuối cùng mới là trí tuệ? Đều '
            'liên quan đến đánh giá cán bộ cả" - Tổng bí thư Nguyễn Phú Trọng nói.',
            2,
        ),
        (
            '" Trong khi đó chúng ta dẫn đầu nhiều thứ nhưng không đáng dẫn đầu như tội phạm, '
            "ô nhiễm môi trường, giao thông... Chúng ta đã nỗ lực hết sức chưa? Thanh tra, "
            "kiểm tra xử phạt nghiêm.",
            3,
        ),
        ('Ông hỏi: "Vì sao?\n" Không ai trả lời.', 2),
    ):
        assert len(_sentences(text)) == expected, text
