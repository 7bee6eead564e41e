"""Organizations: article-level behaviour that the rule files' own examples cannot state."""

from __future__ import annotations

from pipeline.engine.article import extract
from pipeline.records import Article


def _names(ruleset, text: str) -> list[str]:
    result = extract(Article(id="corpus-sentences", text=text), ruleset, tables=("organizations",))
    return sorted({m.values["name"] for m in result.mentions["organizations"]})


def test_a_business_named_short_later_is_the_row_of_its_full_name(ruleset):
    """vietnews-train-014469: `Công ty Housing Group`, then `liên danh Housing Group và HAIC`,
    is one business (GUIDE.md: a later short form of the same company is the same row)."""
    text = (
        "Cũng theo nữ luật sư, khi được tuyển dụng vào Công ty Housing Group làm việc, bị cáo "
        "Cương không hề được bà Nga bàn bạc.\nBên cạnh đó, các luật sư cũng kiến nghị UBND TP "
        "Hà Nội sớm phê duyệt dự án để liên danh Housing Group và HAIC thực hiện dự án B5 Cầu "
        "Diễn."
    )
    names = _names(ruleset, text)
    assert "Công ty Housing Group" in names
    assert "Housing Group" not in names


def test_a_brand_and_its_province_is_the_company_whose_name_ends_with_them(ruleset):
    """vietnews-val-019582: `Công ty TNHH Hưng nghiệp Formosa Hà Tĩnh`, then `Formosa Hà
    Tĩnh`, is one business, named by its full name."""
    text = (
        "Khoảng 6 tháng sau, Ban quản lý khu kinh tế Hà Tĩnh cấp Giấy chứng nhận đầu tư lần đầu "
        "cho Công ty TNHH Hưng nghiệp Formosa Hà Tĩnh với thời hạn 70 năm.\nTrước đó, quá trình "
        "xem xét đề nghị của Hà Tĩnh, Văn phòng Chính phủ đã có các công văn truyền đạt ý kiến "
        "của Thủ tướng đồng ý về chủ trương và nguyên tắc, không có nội dung nào về thời hạn đầu "
        "tư của Formosa Hà Tĩnh."
    )
    names = _names(ruleset, text)
    assert "Công ty TNHH Hưng nghiệp Formosa Hà Tĩnh" in names
    assert "Formosa Hà Tĩnh" not in names


def test_an_organ_of_the_united_nations_lists_it_and_its_short_name_is_the_same_body(ruleset):
    """vietnews-train-072092: `Hội đồng Bảo an Liên Hợp Quốc` names `Liên Hợp Quốc` too (a body
    named inside another's name is listed); a later bare `Hội đồng Bảo an` is the same organ."""
    text = (
        "Nhân dịp Việt Nam được bầu làm Uỷ viên không thường trực Hội đồng Bảo an Liên Hợp Quốc "
        "nhiệm kỳ 2020-2021, Thủ tướng Chính phủ Nguyễn Xuân Phúc có bài viết.\nTrong lần đầu "
        "tiên tham gia vào công việc của Hội đồng Bảo an nhiệm kỳ 2008-2009, Việt Nam đã nỗ lực "
        "rất cao."
    )
    names = _names(ruleset, text)
    assert "Liên Hợp Quốc" in names
    assert "Hội đồng Bảo an Liên Hợp Quốc" in names
    assert "Hội đồng Bảo an" not in names


def test_an_acronym_after_a_name_ending_with_the_united_nations_is_the_whole_name(ruleset):
    """vietnews-val-009380 (round 9 pool): `(UNESCO)` after `Tổ chức Giáo dục, Khoa học và Văn
    hoá Liên Hợp Quốc` names the agency, not `Liên Hợp Quốc`, the parent that ends its name."""
    text = (
        'Thủ tướng Netanyahu "hoan nghênh quyết định của Tổng thống Mỹ Donald Trump, rút khỏi Tổ '
        'chức Giáo dục, Khoa học và Văn hoá Liên Hợp Quốc (UNESCO)".\nÔng cáo buộc UNESCO đã '
        '"đi sai đường".'
    )
    result = extract(Article(id="corpus-sentences", text=text), ruleset, tables=("organizations",))
    short = {m.values["name"] for m in result.mentions["organizations"] if m.text == "UNESCO"}
    assert short == {"Tổ chức Giáo dục, Khoa học và Văn hóa Liên Hợp Quốc"}


def test_a_bare_district_body_is_of_the_district_whose_committee_the_article_names(ruleset):
    """vietnews-train-063843: `Quận uỷ Liên Chiểu` names the district, so a later bare `UBND
    quận` is `Ủy ban nhân dân quận Liên Chiểu`, as it is after `quận Liên Chiểu`."""
    text = (
        "Bí thư Quận uỷ Liên Chiểu (TP Đà Nẵng) cho hay, ông Quang phải tự tháo biệt thự của "
        'mình trước ngày 4/2/2016.\n" Nếu ông Quang không tháo dỡ thì UBND quận sẽ tiến hành '
        "cưỡng chế theo quy định của pháp luật."
    )
    assert "Ủy ban nhân dân quận Liên Chiểu" in _names(ruleset, text)


def test_a_brand_alone_is_the_company_not_a_board_of_it_named_elsewhere(ruleset):
    """vietnews-train-061211: `HĐQT VPBank`, then `VPBank` alone, is the bank itself, not its
    board (the unseen random pool read `Hội đồng quản trị VPBank` for every bare `VPBank`)."""
    text = (
        "Theo đó, HĐQT VPBank đã có quyết định bổ nhiệm chức danh Phó Tổng giám đốc Thường trực "
        "đối với ông Sanjeev Nanavati, bắt đầu từ ngày 16/7/2018.\nTrong vòng 2 tuần, VPBank đã "
        "bổ nhiệm hai Phó Tổng giám đốc."
    )
    names = _names(ruleset, text)
    assert "VPBank" in names
    assert "Hội đồng quản trị VPBank" in names


def test_a_bare_tinh_uy_in_a_city_article_is_of_the_province_named_in_its_section(ruleset):
    """vietnews-train-089368 (a digest about TP HCM and many provinces): a bare `Tỉnh ủy` is
    the one of the province its section names (`HĐND tỉnh Lào Cai`), not the one the article
    names most; a bare `Thành ủy` stays the city's."""
    text = (
        "Sáng 11/12, HĐND TP HCM bầu ông Nguyễn Thành Phong, Phó bí thư Thành uỷ TP HCM giữ "
        "chức Chủ tịch UBND thành phố nhiệm kỳ 2011-2016.\nThủ tướng cũng đã phê chuẩn việc bầu "
        "bổ sung chức vụ Chủ tịch UBND tỉnh Phú Yên đối với ông Hoàng Văn Trà, Phó bí thư Tỉnh "
        "uỷ; phê chuẩn miễn nhiệm chức vụ Chủ tịch UBND tỉnh Phú Yên đối với ông Phạm Đình Cự.\n"
        "Kỳ họp thứ 15 HĐND tỉnh Lào Cai đã bầu ông Đặng Xuân Phong, Phó bí thư, Phó chủ tịch "
        "làm Chủ tịch UBND tỉnh; ông Nguyễn Hữu Thể, Uỷ viên Ban Thường vụ Tỉnh uỷ làm Phó chủ "
        "tịch.\nÔng Lê Văn Khoa, Giám đốc Sở Công thương TP HCM, cho biết Thành uỷ đã đồng ý."
    )
    names = _names(ruleset, text)
    assert {"Ban Thường vụ Tỉnh ủy Lào Cai", "Tỉnh ủy Phú Yên"} <= set(names)
    assert "Ban Thường vụ Tỉnh ủy Phú Yên" not in names
    assert "Thành ủy Thành phố Hồ Chí Minh" in names


def test_a_body_named_inside_a_bare_one_takes_the_same_province(ruleset):
    """vietnews-train-105290 (a digest of provincial congresses): `Ban Thường vụ Tỉnh uỷ` after
    `Đảng bộ tỉnh Phú Thọ` is Phú Thọ's, and so is the `Tỉnh ủy` named inside it, not the
    province the article names most."""
    text = (
        "Ban Chấp hành Đảng bộ tỉnh Quảng Nam đã bầu ông Nguyễn Ngọc Quang làm Bí thư Tỉnh uỷ "
        "Quảng Nam.\nChủ tịch UBND tỉnh Quảng Nam cũng được bầu lại.\nĐại hội Đảng bộ tỉnh "
        "Phú Thọ lần thứ 18 nhiệm kỳ 2015-2020 tổ chức sáng 30/9 đã bầu Ban Thường vụ Tỉnh uỷ "
        "nhiệm kỳ 2015-2020 gồm 15 người."
    )
    names = _names(ruleset, text)
    assert {"Ban Thường vụ Tỉnh ủy Phú Thọ", "Tỉnh ủy Phú Thọ"} <= set(names)


def test_a_person_after_a_city_body_is_no_city(ruleset):
    """vietnews-test-014141, vietnews-val-003542: a city is named by the gazetteer or by no
    person's name of three syllables, so the name after `UBND TP`, `Thành ủy TP` is the
    official's, whatever title stands before the body (or none)."""
    text = (
        "Chánh Văn phòng UBND TP. HCM kiêm người phát ngôn của UBND TP Võ Văn Hoan nói SAGRI có "
        "2 sai phạm lớn trong quản lý đất đai và điều hành.\nVề vấn đề này, Trưởng Ban Tuyên "
        "giáo Thành ủy TP Phan Nguyễn Như Khuê nhận định: quản lý đô thị là thách thức."
    )
    names = _names(ruleset, text)
    assert "Ban Tuyên giáo Thành ủy thành phố Hồ Chí Minh" in names
    assert not [name for name in names if "Võ Văn Hoan" in name or "Như Khuê" in name]


def test_a_bare_party_board_is_the_same_board_the_article_names_in_full(ruleset):
    """vietnews-val-014249: `Ban thường vụ Đảng uỷ` and `Ban Thường vụ Đảng uỷ Tập đoàn` (whose
    `Tập đoàn` the article names in full) are the board of `Đảng ủy Tập đoàn Hóa chất Việt
    Nam`; no bare `Ban Thường vụ Đảng ủy` row is left."""
    text = (
        "Ông Nguyễn Anh Dũng, Bí thư Đảng uỷ Tập đoàn Hoá chất Việt Nam, chịu trách nhiệm chính "
        "về những vi phạm của Ban Thường vụ Đảng uỷ Tập đoàn nhiệm kỳ 2010-2015.\nUỷ ban Kiểm "
        "tra Trung ương có thông báo kết luận đối với Ban thường vụ Đảng uỷ và một số người."
    )
    names = _names(ruleset, text)
    assert "Ban Thường vụ Đảng ủy Tập đoàn Hóa chất Việt Nam" in names
    assert "Ban Thường vụ Đảng ủy" not in names
    assert "Ban Thường vụ Đảng ủy Tập đoàn" not in names


def test_a_bare_party_committee_of_the_passage_unit_stays_bare(ruleset):
    """seed-baolongan-2022-05-20: `UBKT Đảng ủy` at `Sở Tài nguyên và Môi trường` is the
    department's own committee's, not that of the `Đảng ủy khối` named before it (the gold keeps
    `Ủy ban Kiểm tra Đảng ủy`)."""
    text = (
        "Theo Bí thư Đảng ủy khối Cơ quan và Doanh nghiệp tỉnh - Phạm Huy Sơn, Ban Thường vụ Đảng "
        "ủy khối đã chỉ đạo cấp ủy.\nTại Sở Tài nguyên và Môi trường, định kỳ hàng năm, Đảng ủy "
        "và UBKT Đảng ủy có chương trình kiểm tra, giám sát."
    )
    assert "Ủy ban Kiểm tra Đảng ủy" in _names(ruleset, text)


def test_an_acronym_after_a_board_is_the_body_inside_it_when_it_starts_otherwise(ruleset):
    """vietnews-train-010596: `Ban Thường vụ Đảng uỷ Ngân hàng … Việt Nam (BIDV)`: BIDV is the
    bank, though it starts with the board's B; `Ngân hàng BIDV` and `Đảng uỷ BIDV` are the
    bank and its Party committee, not a bank of the board."""
    text = (
        "Uỷ ban Kiểm tra Trung ương đã kết luận vi phạm của Ban Thường vụ Đảng uỷ Ngân hàng "
        "Thương mại cổ phần Đầu tư và Phát triển Việt Nam (BIDV).\nĐiều đó ảnh hưởng đến người "
        "lao động Ngân hàng BIDV.\nÔng Hà, nguyên bí thư Đảng uỷ BIDV, chịu trách nhiệm chính."
    )
    bank = "Ngân hàng Thương mại cổ phần Đầu tư và Phát triển Việt Nam"
    names = _names(ruleset, text)
    assert bank in names
    assert f"Đảng ủy {bank}" in names
    assert not [name for name in names if "Ban Thường vụ" in name[1:] and " Ban " in name]


def test_a_brand_alone_is_not_another_company_whose_name_ends_with_it(ruleset):
    """vietnews-train-065807 (random pool 13): `ngân hàng TMCP Xăng dầu Petrolimex (PGBank)` is
    the bank the group founded, not `Petrolimex`; vietnews-train-066731 (shared pool):
    `Công ty cổ phần bất động sản Sabeco (Sabeco Land)` is a subsidiary, and `Sabeco` alone is
    `Tổng công ty Sabeco`, the one company of the article named by the brand alone."""
    text = (
        "Công ty con Petrolimex vung 200 tỷ mua Nàng tiên cá Phương đông.\nHĐQT công ty cũng đã "
        "quyết định vay vốn ngân hàng TMCP Xăng dầu Petrolimex (PGBank) để bổ sung vốn đầu tư "
        "mua tàu biển."
    )
    names = _names(ruleset, text)
    assert "Petrolimex" in names
    text = (
        "Năm 2004, Sabeco xin chủ trương đầu tư xây dựng nhà cao tầng tại khu đất này.\nHĐQT "
        "Sabeco có nghị quyết thành lập Công ty cổ phần bất động sản Sabeco (Sabeco Land).\nKhu "
        "đất chính thức không còn hình bóng của Tổng công ty Sabeco."
    )
    names = _names(ruleset, text)
    assert "Tổng công ty Sabeco" in names
    assert "Hội đồng quản trị Tổng công ty Sabeco" in names
    assert "Hội đồng quản trị Công ty cổ phần bất động sản Sabeco" not in names


def test_a_bare_party_body_listed_with_a_district_s_people_is_the_district_s_again_later(ruleset):
    """binhdinhnews-63 (a provincial paper): `Đảng bộ, chính quyền và nhân dân huyện Tuy Phước`
    is the district's Đảng bộ, not the paper's province's, and so is `Đảng bộ` written bare
    later in the article."""
    text = (
        "Đảng bộ, chính quyền và nhân dân huyện Tuy Phước đang tiến hành rà soát từng chỉ tiêu.\n"
        "Ông Huỳnh Nam, Chủ tịch UBND huyện Tuy Phước, cho hay: Với sự quyết tâm của Đảng bộ, "
        "chính quyền và người dân, chúng tôi tin tưởng sẽ hoàn thành mục tiêu."
    )
    names = _names(ruleset, text)
    assert "Đảng bộ huyện Tuy Phước" in names
    assert not any(name.startswith("Đảng bộ tỉnh") or name == "Đảng bộ" for name in names)


def test_lower_case_words_after_a_name_capitalized_as_proper_are_the_sentence(ruleset):
    """Unseen random pool (round 20): a common word capitalized syllable by syllable is a
    proper name (`Đông Á`, `Mỹ Đức`), and a level capitalized after the name's own word closes
    it (`Nhi Trung ương`): the lower-case words after them are the sentence; not a campus, a
    branch, a word the syllable completes or a committee's scope right after its head."""
    assert _names(ruleset, "Ngân hàng Đông Á đại hội cổ đông bất thường sau 4 năm.") == [
        "Ngân hàng Đông Á"
    ]
    assert "Công ty Điện lực Mỹ Đức" in _names(
        ruleset, "Các công nhân Công ty Điện lực Mỹ Đức sửa chữa đường điện."
    )
    assert "Bệnh viện Nhi Trung ương" in _names(
        ruleset, "Gia đình đưa cháu tới Bệnh viện Nhi Trung ương chữa trị."
    )
    names = _names(
        ruleset,
        "Ông Tiến, Phó chánh Văn phòng Ủy ban Quốc gia tìm kiếm cứu nạn, cho biết. Đơn vị thi "
        "công là Công ty Duyên Hải chi nhánh miền Trung.",
    )
    assert "Văn phòng Ủy ban Quốc gia tìm kiếm cứu nạn" in names
    assert "Công ty Duyên Hải chi nhánh miền Trung" in names
