"""Normalization: one spelling for the rules, every character mapped back to its source."""

import unicodedata

import regex

from pipeline.text.normalize import _normalize_clusters, _normalize_composed, normalize

SEED_SENTENCE = (
    "Năm qua, thực hiện Kết luận số\u00a001-KL/TW của Bộ Chính trị về tiếp tục thực hiện "
    "Chỉ thị số 05-CT/TW, Ban Thường vụ Tỉnh ủy Long An tập trung lãnh, chỉ đạo."
)


def assert_maps_back(source: str) -> None:
    """Every word of the normalized text maps to a source span that normalizes to it."""
    normalized = normalize(source)
    for word in regex.finditer(r"\S+", normalized.text):
        start, end = normalized.to_source(*word.span())
        assert normalize(source[start:end]).text == word.group()


def test_nbsp_inside_a_document_number_becomes_a_space():
    normalized = normalize(SEED_SENTENCE)
    assert "Kết luận số 01-KL/TW" in normalized.text
    start = normalized.text.index("số 01")
    src_start, src_end = normalized.to_source(start, start + len("số 01"))
    assert SEED_SENTENCE[src_start:src_end] == "số\u00a001"


def test_decomposed_text_is_composed_and_offsets_point_into_the_nfd_source():
    source = unicodedata.normalize("NFD", SEED_SENTENCE)
    normalized = normalize(source)
    assert normalized.text == normalize(SEED_SENTENCE).text
    start = normalized.text.index("Tỉnh ủy Long An")
    src = source[slice(*normalized.to_source(start, start + len("Tỉnh ủy Long An")))]
    assert unicodedata.normalize("NFC", src) == "Tỉnh ủy Long An"
    assert_maps_back(source)


def test_old_style_tone_marks_move_to_the_modern_place():
    normalized = normalize("Ban Thường vụ Tỉnh uỷ, cụ thể hoá, THUỶ LỢI, hoà bình")
    assert normalized.text == "Ban Thường vụ Tỉnh ủy, cụ thể hóa, THỦY LỢI, hòa bình"
    start = normalized.text.index("ủy")
    assert normalized.to_source(start, start + 2) == (start, start + 2)


def test_syllables_with_a_final_consonant_or_after_q_are_left_alone():
    for word in ("hoàng", "toán", "quý", "quỳnh", "khuya", "thuyền"):
        assert normalize(word).text == word


def test_quotes_dashes_zero_width_and_spaces():
    source = "mô hình “Dân vận khéo”\u200b  do   Hội Nông dân – xã chủ trì"
    normalized = normalize(source)
    assert normalized.text == 'mô hình "Dân vận khéo" do Hội Nông dân - xã chủ trì'
    assert_maps_back(source)


def test_text_that_needs_nothing_keeps_the_identity_map():
    normalized = normalize("Sở Giao thông Vận tải được đánh giá là đơn vị tiêu biểu.")
    assert normalized.starts is None
    assert normalized.to_source(4, 13) == (4, 13)


def test_windows_line_ends_become_newlines():
    normalized = normalize("Dòng một\r\nDòng hai")
    assert normalized.text == "Dòng một\nDòng hai"
    start = normalized.text.index("Dòng hai")
    assert normalized.to_source(start, start + 8) == (10, 18)


def test_the_fast_path_for_composed_text_agrees_with_the_cluster_path():
    """Most pages are composed; their fast path must give what the general path gives."""
    sources = [
        SEED_SENTENCE,
        "Ông  Nguyễn\u00a0Văn A –  “Bí thư Tỉnh uỷ”\r\nhoà \u200b  bình\r",
        " \u00a0 đầu dòng\n  \n\u200b\u200b cuối ",
    ]
    for source in sources:
        fast, general = _normalize_composed(source), _normalize_clusters(source)
        assert fast.text == general.text
        for word in regex.finditer(r"\S+", fast.text):
            assert fast.to_source(*word.span()) == general.to_source(*word.span())


def test_a_mark_joins_the_plain_letter_before_it_in_half_decomposed_text():
    """Pages that mix composed and decomposed letters: the plain letters between are copied
    in runs, and a run gives up its last letter to the mark that follows it."""
    source = (
        "Ban Thu\u031bo\u031b\u0300ng vu\u0323 Ti\u0309nh u\u0309y Long An hoa\u0300 bi\u0300nh"
    )
    normalized = normalize(source)
    assert normalized.text == "Ban Thường vụ Tỉnh ủy Long An hòa bình"
    start = normalized.text.index("ủy")
    assert source[slice(*normalized.to_source(start, start + 1))] == "u\u0309"
    start = normalized.text.index("hòa")
    assert source[slice(*normalized.to_source(start, start + 3))] == "hoa\u0300"
    assert_maps_back(source)


def test_a_cluster_that_does_not_compose_keeps_its_whole_span_inside_a_decomposed_word():
    """A decomposed run is composed whole only where each cluster gives one character; a mark
    with no composed letter (`x̃`, a typing slip) sends its run back cluster by cluster."""
    source = unicodedata.normalize("NFD", "Tỉnh ủy Long An họp") + " x\u0303a\u0300"
    normalized = normalize(source)
    assert normalized.text == "Tỉnh ủy Long An họp x\u0303à"
    mark = normalized.text.index("\u0303")
    assert normalized.to_source(mark - 1, mark) == normalized.to_source(mark, mark + 1)
    assert source[slice(*normalized.to_source(mark - 1, mark + 2))] == "x\u0303a\u0300"
    assert_maps_back(source)
