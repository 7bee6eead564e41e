"""The linking stage: bodies keyed across spellings and placed (then and after 2025), people
merged only on evidence, posts over time. Names are written as the extractor writes them in the
shared corpus; the end-to-end tests run real articles of the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from batch_archives import SHARED_ARTICLES, table_bytes, write_jsonl

from pipeline.batch.runner import run_extract
from pipeline.link.bodies import ArticleContext, BodyResolver
from pipeline.link.posts import PostReader, WrittenPost


@pytest.fixture(scope="module")
def resolver(ruleset) -> BodyResolver:
    kinds = {
        "công ty tân thuận": ("enterprise", None),
        "công ty cổ phần": ("enterprise", None),
        "bộ tài chính": ("state", "central"),
        "bộ công thương": ("state", "central"),  # as the organizations table reads it
    }
    return BodyResolver(ruleset.gazetteers, kinds)


NOWHERE = ArticleContext("vietnews-train-000001")
LONG_AN_PAPER = ArticleContext(
    "seed-baolongan-2022-05-20", None, frozenset({"Long An"}), "Long An", True, "Long An"
)

# (name, location, name, location): one body, whatever the spelling
SAME_BODY = [
    ("Ủy ban nhân dân tỉnh Long An", "Long An", "Ủy ban nhân dân Long An", None),
    ("Thành ủy Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Thành ủy TP HCM", None),
    ("Ủy ban nhân dân tỉnh Đăk Lăk", "Đăk Lăk", "Ủy ban nhân dân tỉnh Đắk Lắk", "Đắk Lắk"),
    (
        "Sở Quy hoạch - Kiến trúc thành phố Hà Nội",
        "Hà Nội",
        "Sở Quy hoạch và Kiến trúc Hà Nội",
        None,
    ),
    ("Tỉnh ủy tỉnh Hà Tĩnh", "Hà Tĩnh", "Tỉnh ủy Hà Tĩnh", "Hà Tĩnh"),
    (
        "Ủy ban nhân dân huyện Đức Huệ",
        "Đức Huệ",
        "Ủy ban nhân dân huyện Đức Huệ tỉnh Long An",
        None,
    ),
    ("Bộ Công Thương", None, "Bộ Công thương", None),
]

# (name, location, name, location): two bodies, though the names look alike
DIFFERENT_BODY = [
    ("Hội đồng nhân dân thành phố Tây Ninh", "Tây Ninh", "Hội đồng nhân dân tỉnh Tây Ninh", None),
    (
        "Cơ quan Cảnh sát điều tra Công an thành phố Bạc Liêu",
        "Bạc Liêu",
        "Cơ quan Cảnh sát điều tra Công an tỉnh Bạc Liêu",
        "Bạc Liêu",
    ),
    ("Hội đồng nhân dân tỉnh Kon Tum", "Kon Tum", "Hội đồng nhân dân thành phố Kon Tum", None),
    ("Sở Nội vụ Đà Nẵng", None, "Sở Nội vụ tỉnh Quảng Ngãi", "Quảng Ngãi"),
]


@pytest.mark.parametrize(("name_a", "where_a", "name_b", "where_b"), SAME_BODY)
def test_spellings_of_one_body_share_its_id(resolver, name_a, where_a, name_b, where_b):
    first = resolver.resolve(name_a, where_a, NOWHERE)
    second = resolver.resolve(name_b, where_b, ArticleContext("vietnews-train-000002"))
    assert first.placed and first.body_id == second.body_id


@pytest.mark.parametrize(("name_a", "where_a", "name_b", "where_b"), DIFFERENT_BODY)
def test_bodies_that_only_look_alike_keep_apart(resolver, name_a, where_a, name_b, where_b):
    first = resolver.resolve(name_a, where_a, NOWHERE)
    second = resolver.resolve(name_b, where_b, NOWHERE)
    assert first.body_id != second.body_id


# (name, location, province then, province after July 2025, commune after July 2025)
PLACED = [
    ("Ủy ban nhân dân huyện Đức Huệ", "Đức Huệ", "Long An", "Tây Ninh", None),
    ("Tỉnh ủy Bình Định", "Bình Định", "Bình Định", "Gia Lai", None),
    ("Huyện ủy Quảng Xương", None, "Thanh Hóa", "Thanh Hóa", None),
    ("Thành ủy Hội An", None, "Quảng Nam", "Đà Nẵng", None),
    ("Ban Chấp hành Đảng bộ tỉnh Thừa Thiên - Huế", None, "Thừa Thiên Huế", "Huế", None),
    (
        "Ủy ban nhân dân xã Mỹ Thạnh Đông huyện Đức Huệ tỉnh Long An",
        None,
        "Long An",
        "Tây Ninh",
        "Xã Đông Thành",
    ),
    ("Sở Giao thông Vận tải TP HCM", None, "Hồ Chí Minh", "Hồ Chí Minh", None),
]


@pytest.mark.parametrize(("name", "where", "province", "province_2025", "commune_2025"), PLACED)
def test_a_body_is_placed_then_and_after_2025(
    resolver, name, where, province, province_2025, commune_2025
):
    ref = resolver.resolve(name, where, NOWHERE)
    assert ref.province == province
    converted = resolver.places.after_2025(ref.province, ref.district, ref.commune)
    assert converted == (province_2025, commune_2025)


def test_a_bare_department_stays_in_its_article(resolver):
    """GUIDE.md: `Sở Tài chính` without a place stays unplaced, even in a provincial paper;
    a bare `Tỉnh ủy` there is the paper's province's."""
    in_long_an = resolver.resolve("Sở Tài chính", None, LONG_AN_PAPER)
    elsewhere = resolver.resolve("Sở Tài chính", None, NOWHERE)
    assert not in_long_an.placed and in_long_an.body_id != elsewhere.body_id
    committee = resolver.resolve("Tỉnh ủy", None, LONG_AN_PAPER)
    assert committee.province == "Long An"
    assert committee.body_id == resolver.resolve("Tỉnh ủy Long An", "Long An", NOWHERE).body_id
    assert not resolver.resolve("Tỉnh ủy", None, NOWHERE).placed


def test_national_bodies_and_named_companies_are_one_nationwide(resolver):
    for name in ("Bộ Tài chính", "Ban Chấp hành Trung ương Đảng", "Công ty Tân Thuận"):
        assert resolver.resolve(name, None, NOWHERE).scope == "vn", name
    assert not resolver.resolve("Công ty cổ phần", None, NOWHERE).placed


def test_a_short_name_takes_its_articles_only_full_form(resolver):
    context = ArticleContext("vietnews-test-003307")
    full = resolver.resolve("Sở Nội vụ tỉnh Quảng Ngãi", "Quảng Ngãi", context)
    context.local["sở nội vụ tỉnh quảng ngãi"] = full
    assert resolver.resolve("Sở Nội vụ", None, context) == full
    context.local["sở nội vụ thành phố đà nẵng"] = resolver.resolve(
        "Sở Nội vụ thành phố Đà Nẵng", "Đà Nẵng", context
    )
    assert not resolver.resolve("Sở Nội vụ", None, context).placed  # two: no guess


def test_an_officials_posts_each_keep_their_body(ruleset):
    reader = PostReader(
        ruleset.gazetteers["titles"],
        ruleset.gazetteers["title_prefixes"],
        ruleset.gazetteers["linking"]["neutral_title_prefixes"],
    )
    assert reader.posts(
        "Ủy viên Ban Thường vụ Tỉnh ủy; Phó Chủ tịch", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
    ) == [
        WrittenPost("Ủy viên Ban Thường vụ", "Tỉnh ủy"),
        WrittenPost("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"),
    ]
    assert reader.posts("tân Bí thư", "Tỉnh ủy Hà Giang") == [
        WrittenPost("Bí thư", "Tỉnh ủy Hà Giang")
    ]
    assert reader.posts("nguyên Phó Bí thư Tỉnh ủy; nguyên Chủ tịch", "UBND tỉnh Khánh Hòa")[0] == (
        WrittenPost("nguyên Phó Bí thư", "Tỉnh ủy")
    )
    assert reader.base_title("nguyên Thứ trưởng") == "Thứ trưởng"


# ---- end to end, on real articles of the shared corpus ----------------------------------------

ARTICLES = {
    "vietnews-val-013490": "Chủ tịch UBND tỉnh Hà Tĩnh Đặng Quốc Khánh",
    "vietnews-train-068969": "Đặng Quốc Khánh, from Hà Tĩnh to Bí thư Tỉnh ủy Hà Giang",
    "vietnews-val-003637": "Nguyễn Văn Dương, the gambling ring's boss",
    "vietnews-train-086634": "Nguyễn Văn Dương, Chủ tịch UBND tỉnh Đồng Tháp",
    "vietnews-train-074925": "a bare Sở GD-ĐT in a TP HCM article",
    "vietnews-val-003042": "a bare Sở GD-ĐT in a Thanh Hóa article",
    "binhdinhnews-10": "Bí thư Tỉnh ủy Hồ Quốc Dũng, 30 March 2025",
    "binhdinhnews-1": "Bí thư Tỉnh ủy Hồ Quốc Dũng, 22 April 2025",
    "pages-992fce0342bd": "HĐND thành phố Tây Ninh",
    "pages-b131336772d6": "HĐND tỉnh Tây Ninh",
}


@pytest.fixture(scope="module")
def linked(shared_articles: Path, tmp_path_factory) -> Path:
    records = {}
    for path in sorted(shared_articles.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record["id"] in ARTICLES:
                    records[record["id"]] = record
    assert set(records) == set(ARTICLES)
    folder = tmp_path_factory.mktemp("link")
    archive = write_jsonl(folder / "articles.jsonl", [records[i] for i in ARTICLES])
    run_extract([str(archive)], folder / "out", workers=1)
    return folder / "out"


def _rows(out: Path, table: str) -> list[dict]:
    return pq.read_table(out / f"{table}.parquet").to_pylist()


def _positions(out: Path, person: str) -> set[tuple]:
    people = {r["person_id"] for r in _rows(out, "people") if r["name"] == person}
    bodies = {r["body_id"]: r for r in _rows(out, "bodies")}
    return {
        (r["person_id"], r["title"], (bodies.get(r["body_id"]) or {}).get("province"))
        for r in _rows(out, "positions")
        if r["person_id"] in people
    }


def test_a_move_written_in_one_article_joins_the_posts(linked):
    posts = _positions(linked, "Đặng Quốc Khánh")
    assert len({person for person, _, _ in posts}) == 1
    assert {("Chủ tịch", "Hà Tĩnh"), ("Bí thư", "Hà Giang")} <= {p[1:] for p in posts}


def test_namesakes_in_different_provinces_stay_two_people(linked):
    officials = [r for r in _rows(linked, "officials") if r["person"] == "Nguyễn Văn Dương"]
    assert {r["article_id"] for r in officials} == {"vietnews-val-003637", "vietnews-train-086634"}
    assert len({r["person_id"] for r in officials}) == 2


def test_positions_carry_the_dates_of_the_articles(linked):
    people = [r for r in _rows(linked, "people") if r["name"] == "Hồ Quốc Dũng"]
    assert len(people) == 1 and people[0]["n_articles"] == 2
    assert (str(people[0]["first_seen"]), str(people[0]["last_seen"])) == (
        "2025-03-30",
        "2025-04-22",
    )
    bodies = {r["body_id"]: r for r in _rows(linked, "bodies")}
    secretary = [
        r
        for r in _rows(linked, "positions")
        if r["person_id"] == people[0]["person_id"] and r["title"] == "Bí thư"
    ]
    assert [bodies[r["body_id"]]["name"] for r in secretary] == ["Tỉnh ủy Bình Định"]
    assert bodies[secretary[0]["body_id"]]["province_2025"] == "Gia Lai"


def test_bare_departments_of_two_articles_are_two_bodies(linked):
    """`Sở GD-ĐT` in a TP HCM article that names its full form takes it; in a Thanh Hóa article
    that does not, it stays unplaced: never one body."""
    bodies = {r["body_id"]: r for r in _rows(linked, "bodies")}
    departments = {
        r["article_id"]: bodies[r["body_id"]]
        for r in _rows(linked, "organizations")
        if r["text"] == "Sở GD-ĐT"
    }
    hcm, thanh_hoa = departments["vietnews-train-074925"], departments["vietnews-val-003042"]
    assert hcm["province"] == "Hồ Chí Minh" and thanh_hoa["province"] is None
    assert hcm["body_id"] != thanh_hoa["body_id"]


def test_a_citys_council_is_not_its_provinces(linked):
    by_name = {r["name"].casefold(): r for r in _rows(linked, "bodies")}
    city = by_name["hội đồng nhân dân thành phố tây ninh"]
    province = by_name["hội đồng nhân dân tỉnh tây ninh"]
    assert city["body_id"] != province["body_id"]
    assert city["province"] == province["province"] == "Tây Ninh"


def test_a_body_named_inside_another_is_its_parent(linked):
    bodies = {r["body_id"]: r for r in _rows(linked, "bodies")}
    inner = [
        b for b in bodies.values() if b["name"] == "Ban Tuyên giáo và Dân vận Tỉnh ủy Bình Định"
    ]
    assert [bodies[b["parent_body_id"]]["name"] for b in inner] == ["Tỉnh ủy Bình Định"]


def test_every_link_column_points_at_a_row(linked):
    ids = {
        "bodies": {r["body_id"] for r in _rows(linked, "bodies")},
        "people": {r["person_id"] for r in _rows(linked, "people")},
    }
    references = [
        ("organizations", "body_id", "bodies"),
        ("officials", "body_id", "bodies"),
        ("officials", "person_id", "people"),
        ("documents", "issuer_body_id", "bodies"),
        ("positions", "body_id", "bodies"),
        ("positions", "person_id", "people"),
        ("bodies", "parent_body_id", "bodies"),
    ]
    for table, column, target in references:
        values = {r[column] for r in _rows(linked, table)} - {None}
        assert values and values <= ids[target], (table, column)
    officials = _rows(linked, "officials")
    assert all(r["person_id"] for r in officials if r["person"])
    assert all(r["body_id"] for r in _rows(linked, "organizations"))


def test_ids_are_the_same_in_a_second_run(linked, tmp_path):
    run_extract(json.loads((linked / ".vnie" / "run.json").read_text())["inputs"], tmp_path)
    assert table_bytes(tmp_path) == table_bytes(linked)


@pytest.mark.skipif(not SHARED_ARTICLES.exists(), reason="../shared/corpus is absent")
def test_the_gold_pairs_name_mentions_of_the_corpus():
    gold = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "identity"
    ids = set()
    for path in SHARED_ARTICLES.glob("*.jsonl"):
        with path.open(encoding="utf-8") as lines:
            ids.update(json.loads(line)["id"] for line in lines)
    for kind in ("officials", "bodies"):
        for line in (gold / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines():
            pair = json.loads(line)
            assert pair["a"]["article_id"] != pair["b"]["article_id"]
            assert {pair["a"]["article_id"], pair["b"]["article_id"]} <= ids
            assert pair["label"] in ("same", "different", "not_person", "not_body")
            assert pair["reason"]


def test_a_gold_mention_whose_edges_a_rule_moved_is_still_found(tmp_path):
    """The identity gold names mentions by offsets of the run it was drawn from; a later rule
    that trims a verb off the name (`Thanh tra Chính phủ thông tin`) must not lose the pair."""
    import pyarrow as pa

    from pipeline.evaluation.identity import score_identity

    rows = [
        ("a", "text", 10, 29, "Thanh tra Chính phủ", "body-1"),
        ("b", "caption", 163, 182, "Thanh tra Chính phủ", "body-1"),
        ("c", "text", 0, 19, "Thanh tra Chính phủ", "body-1"),
        ("d", "text", 50, 60, "Sở Tư pháp", "body-2"),
    ]
    names = ["article_id", "field", "start", "end", "name", "body_id"]
    pq.write_table(
        pa.table(list(map(list, zip(*rows, strict=True))), names=names),
        tmp_path / "organizations.parquet",
    )

    def mention(article, field, start, end, name):
        return {"article_id": article, "field": field, "start": start, "end": end, "name": name}

    pairs = [
        # B was drawn as `Thanh tra Chính phủ thông tin`, now read without the verb
        (
            1,
            mention("a", "text", 10, 29, "Thanh tra Chính phủ"),
            mention("b", "caption", 163, 192, "Thanh tra Chính phủ thông tin"),
            "same",
        ),
        # a mention that shares only a word with the row is not that row
        (
            2,
            mention("c", "text", 15, 40, "phủ và các bộ ngành"),
            mention("d", "text", 50, 60, "Sở Tư pháp"),
            "different",
        ),
    ]
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "bodies.jsonl").write_text(
        "".join(
            json.dumps(
                {"pair": n, "a": a, "b": b, "label": label, "reason": "test"}, ensure_ascii=False
            )
            + "\n"
            for n, a, b, label in pairs
        ),
        encoding="utf-8",
    )
    score = score_identity(gold, tmp_path, "bodies")
    assert (score.tp, score.fn, score.unmatched) == (1, 0, [2])


def test_linking_in_tiny_batches_gives_the_same_tables(linked, ruleset, tmp_path, monkeypatch):
    """The stage reads an article's rows across batch ends, and rewrites the link columns
    from its own files: three rows a batch, the tables are those of the run."""
    import shutil

    from pipeline.link import stream
    from pipeline.link.stage import link_outputs

    copy = tmp_path / "generation"
    shutil.copytree(linked / ".vnie" / "current", copy)
    monkeypatch.setattr(stream, "BATCH_ROWS", 3)
    link_outputs(copy, ruleset.gazetteers)
    assert table_bytes(copy) == table_bytes(linked)
    assert not (copy / ".link").exists()  # the stage's own files go when it ends


def test_linking_with_a_process_pool_gives_the_same_tables(linked, ruleset, tmp_path):
    """Given the run's pool, the stage fills tables, writes bodies and clusters people on its
    workers; and does it all itself when the pool is gone: the tables are the run's."""
    import shutil
    from concurrent.futures import ProcessPoolExecutor

    from pipeline.link.stage import link_outputs

    for case in ("pool", "closed pool"):
        copy = tmp_path / case
        shutil.copytree(linked / ".vnie" / "current", copy)
        with ProcessPoolExecutor(2) as pool:
            if case == "closed pool":
                pool.shutdown()
            link_outputs(copy, ruleset.gazetteers, {}, pool)
        assert table_bytes(copy) == table_bytes(linked), case
        assert not (copy / ".link").exists()


def test_the_stage_leaves_nothing_for_the_cycle_collector(linked, ruleset, tmp_path):
    """The stage runs with the cyclic garbage collector off (`stage.link_outputs`): all it
    makes is freed as it goes, so a collection after it finds nothing, and it is on again."""
    import gc
    import shutil

    from pipeline.link.stage import link_outputs

    copy = tmp_path / "generation"
    shutil.copytree(linked / ".vnie" / "current", copy)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what any collection finds is kept in gc.garbage
    try:
        link_outputs(copy, ruleset.gazetteers)
        assert gc.isenabled()
        gc.collect()
        found = [type(thing).__name__ for thing in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert found == []
