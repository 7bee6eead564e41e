"""Dates: publication times as sites write them, and the date a document was issued, read beside
its number in real sentences of the shared corpus."""

import pytest

from pipeline.text.dates import iso_vn, issued_date_after


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-10-22T19:25:52+07:00", "2025-10-22T19:25:52+07:00"),
        ("2025-10-22 12:25:52Z", "2025-10-22T19:25:52+07:00"),
        ("2025-04-22 15:17:00", "2025-04-22T15:17:00+07:00"),  # Báo Bình Định
        ("22/04/2025", "2025-04-22T00:00:00+07:00"),
        ("Thứ tư, 22/10/2025, 19:25 (GMT+7)", "2025-10-22T19:25:00+07:00"),
        ("05/12/2024 - 09:30", "2024-12-05T09:30:00+07:00"),
        ("Wed, 22 Oct 2025 12:25:52 GMT", "2025-10-22T19:25:52+07:00"),
        ("2024-12-05", "2024-12-05T00:00:00+07:00"),
        ("31/02/2025", None),
        ("không có ngày", None),
        ("", None),
    ],
)
def test_dates_become_iso_8601_at_plus_seven(written, iso):
    assert iso_vn(written) == iso


# (sentence, the document number as written, the date as written or None, issued_on)
ISSUED = [
    (
        "Triển khai thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học "
        "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "05-CT/TW",
        "15/5/2016",
        "2016-05-15",
    ),
    (
        "còn vi phạm nguyên tắc tập trung dân chủ trong việc ký Quyết định số 2230/QĐ-UBND, ngày "
        "21/7/2014 của UBND tỉnh chấp thuận chủ trương đầu tư dự án lấn sông Đồng Nai",
        "2230/QĐ-UBND",
        "21/7/2014",
        "2014-07-21",
    ),
    (
        "Sau công văn số 3988-CV/TU (ngày 12/4/2018) và 3546/UBND-VP (ngày 17-4-2018) ủng hộ về "
        "nguyên tắc kế hoạch khảo sát",
        "3546/UBND-VP",
        "17-4-2018",
        "2018-04-17",
    ),
    (
        "Theo Quyết định số 61/2017/QĐ-UBND ban hành ngày 15/9 của UBND tỉnh Quảng Ngãi về quy "
        "định tiêu chuẩn chức danh trưởng phòng",
        "61/2017/QĐ-UBND",
        "15/9",
        "2017-09-15",
    ),
    (
        "nhằm đánh giá việc triển khai Quyết định số 1468/QĐ-TTg của Thủ tướng Chính phủ ban hành "
        "ngày 29/9/2017 phê duyệt Đề án xử lý các dự án yếu kém",
        "1468/QĐ-TTg",
        "29/9/2017",
        "2017-09-29",
    ),
    (
        "Quyết định số 333/QĐ-UBND do ông Trần Văn Dũng, Chủ tịch UBND huyện Thới Bình ký ngày "
        "15/1/2019.",
        "333/QĐ-UBND",
        "15/1/2019",
        "2019-01-15",
    ),
    (
        "Theo quy định tại Nghị định 86/2015/NĐ-CP ngày 2 tháng 10 năm 2015 của Chính phủ, khung "
        "học phí đối với giáo dục đại trà",
        "86/2015/NĐ-CP",
        "2 tháng 10 năm 2015",
        "2015-10-02",
    ),
    (
        "Thông báo Kết luận số 50-TB/TW của Ban Bí thư ngày 17/7/2018; Kế hoạch số 129-KH/ĐĐHLGVN "
        "ngày 05/11/2018 của Đảng đoàn Hội Luật gia",
        "50-TB/TW",
        "17/7/2018",
        "2018-07-17",
    ),
    (
        "Theo đó, thực hiện Kế hoạch số 357-KH/ĐU, ngày 5 tháng 7 năm 2019 của Đảng uỷ cơ quan "
        "Trung ương Hội Luật gia Việt Nam",
        "357-KH/ĐU",
        "5 tháng 7 năm 2019",
        "2019-07-05",
    ),
    # the date after `và Quyết định số 68-QĐ/TW` is that document's, not the first one's
    (
        "thay thế Quyết định số 67-QĐ/TW và Quyết định số 68-QĐ/TW, ngày 4-7-2007 của Bộ Chính "
        "trị khoá X",
        "67-QĐ/TW",
        None,
        None,
    ),
    # no year in the date nor in the number: no date
    (
        "Ban Thường vụ Tỉnh uỷ Thái Nguyên đã ban hành quyết định số 2479-QĐ/TU ngày 22-4 về việc "
        "đình chỉ sinh hoạt Đảng",
        "2479-QĐ/TU",
        None,
        None,
    ),
    # a year alone is not a date
    ("nghị quyết 04-NQ/TU năm 2011 về công tác cán bộ", "04-NQ/TU", None, None),
    # the signer is named, but no date follows
    (
        "Quyết định 1408/QĐ-BCT do Bộ Trưởng Trần Tuấn Anh ký đơn giản hoá thủ tục hành chính",
        "1408/QĐ-BCT",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("sentence", "number", "written", "iso"), ISSUED)
def test_the_date_beside_a_document_number(sentence, number, written, iso):
    end = sentence.index(number) + len(number)
    year = int(number.split("/")[1]) if number.count("/") == 2 else None
    found = issued_date_after(sentence, end, year)
    if iso is None:
        assert found is None
    else:
        assert found is not None and found.iso == iso
        assert sentence[found.start : found.end] == written


def test_a_documents_date_is_found_and_located_in_the_field(ruleset):
    """The documents resolver gives `issued_on` and the date's offsets into the field as read
    (here with a non-breaking space after `số`, which normalization turns into a space)."""
    from pipeline.evaluation.rule_examples import find

    text = (
        "Triển khai thực hiện Chỉ thị số\u00a005-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy "
        "mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
    )
    (document,) = find(text, ruleset)["documents"]
    assert document.values["doc_id"] == "05-CT/TW"
    assert document.values["issued_on"] == "2016-05-15"
    start, end = document.values["issued_on_start"], document.values["issued_on_end"]
    assert text[start:end] == "15/5/2016"
    undated = find("thực hiện Kết luận số 01-KL/TW của Bộ Chính trị", ruleset)["documents"]
    assert undated[0].values["issued_on"] is None
