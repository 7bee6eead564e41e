"""People across articles: which mentions of one name are one person.

Vietnamese names repeat (there are many `Nguyễn Văn Hùng`), so a name is never enough. Within
one article a name is one person. Across articles, two sightings of the same name (compared
case-insensitively, tone-mark style aside) are one person only when their posts say so:

1. they name the same body, or one names the body another's belongs to (`Ban Tuyên giáo Thành
   ủy Cần Thơ` and `Thành ủy Cần Thơ`) or a short form of a national body (`Bộ Giao thông`);
2. their bodies stand in the same province (a cadre's career stays in a province far more often
   than two namesakes both hold office there); a sighting that names no placed body counts in
   the province its article is about, when the article is mainly about one (its paper's, or
   its bodies write that province's name more often than all others together);
3. they hold the same title in the same province, a sighting without a placed body being in
   its article's province (the one it names most, when it names several);
4. they hold a post that only one person holds at a time (`Tổng Bí thư`, `Thủ tướng`);
5. they hold the same central title (`Thứ trưởng`, `Vụ trưởng`: rules/gazetteers/linking.yml)
   and only one person of that name holds it at a named body (mentions without a body join
   that person; with none, they join each other).

A move is the chain these rules make: a sighting that names both the old and the new post
(`Chủ tịch UBND tỉnh Hà Tĩnh`, then `Bí thư Tỉnh ủy Hà Giang` in one article) joins the
sightings of each. Nothing else merges: two namesakes in different provinces with no body in
common stay two people, even when they are one (a wrong merge is worse than a missed one).
"""

from __future__ import annotations

import functools
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.link.bodies import stable_id
from pipeline.link.stream import read_tuples
from pipeline.text.normalize import normalize_phrase


@functools.lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """How names are compared: NFC, one tone-mark style, case and spacing ignored."""
    return " ".join(normalize_phrase(name).casefold().split())


@dataclass(frozen=True, slots=True)
class Sighting:
    """One name in one article, with everything its posts say. A run holds one per name per
    article, so its sets are kept as tuples (a tuple of one is a fifth of a set of one)."""

    name_key: str
    article_id: str
    order: int  # the article's place in the run's input order
    main_province: str | None  # the article's province, when it is mainly about one
    own_province: str | None  # the article's province, as the rules read it
    bodies: tuple[str, ...]  # keys of placed bodies
    provinces: tuple[str, ...]  # provinces of those bodies (or the article's)
    titles: tuple[str, ...]  # titles, `nguyên`/`cựu`/`quyền` aside
    unique_posts: tuple[str, ...]
    #: central titles held (case-folded), each with the placed body named for it, or None
    central: tuple[tuple[str, str | None], ...]


@dataclass(slots=True)
class SightingDraft:
    """A sighting while its article is read (the fields of `Sighting`)."""

    name_key: str
    article_id: str
    order: int
    main_province: str | None
    own_province: str | None
    bodies: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    unique_posts: set[str] = field(default_factory=set)
    central: set[tuple[str, str | None]] = field(default_factory=set)

    def sighting(self) -> Sighting:
        """The finished sighting; one that names no placed body counts in its article's main
        province (rule 2)."""
        if not self.bodies and self.main_province:
            self.provinces.add(self.main_province)
        return Sighting(
            self.name_key,
            self.article_id,
            self.order,
            self.main_province,
            self.own_province,
            tuple(self.bodies),
            tuple(self.provinces),
            tuple(self.titles),
            tuple(self.unique_posts),
            tuple(self.central),
        )


#: a sighting as the stage keeps it until every article is read (`Linker.article`)
SIGHTINGS = pa.schema(
    [
        ("name_key", pa.string()),
        ("article_id", pa.string()),
        ("order", pa.int64()),
        ("main_province", pa.string()),
        ("own_province", pa.string()),
        *((column, pa.list_(pa.string())) for column in ("bodies", "provinces", "titles")),
        ("unique_posts", pa.list_(pa.string())),
        ("central", pa.list_(pa.list_(pa.string()))),  # [title, body or None]
    ]
)


def sighting_row(sighting: Sighting) -> dict[str, Any]:
    """A sighting as a row of `SIGHTINGS`."""
    return {
        "name_key": sighting.name_key,
        "article_id": sighting.article_id,
        "order": sighting.order,
        "main_province": sighting.main_province,
        "own_province": sighting.own_province,
        "bodies": sighting.bodies,
        "provinces": sighting.provinces,
        "titles": sighting.titles,
        "unique_posts": sighting.unique_posts,
        "central": [list(held) for held in sighting.central],
    }


def _sightings(path: Path) -> Iterator[tuple[int, Sighting]]:
    """The sightings kept in a file, with their numbers, a batch at a time."""
    for index, row in enumerate(read_tuples(path, SIGHTINGS.names)):
        name, article_id, order, main, own, bodies, provinces, titles, unique, central = row
        yield (
            index,
            Sighting(
                name,
                article_id,
                order,
                main,
                own,
                tuple(bodies),
                tuple(provinces),
                tuple(titles),
                tuple(unique),
                tuple((title, body) for title, body in central),
            ),
        )


class _UnionFind:
    def __init__(self, size: int):
        self.parent = array("q", range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _buckets(
    sighting: Sighting, related: Mapping[str, AbstractSet[str]]
) -> Iterable[tuple[str, ...]]:
    """The evidence a sighting offers; two sightings sharing a bucket are one person. `related`:
    body key → the bodies it belongs to or is a short form of (rule 1)."""
    bodies = set(sighting.bodies)
    for body in sighting.bodies:
        bodies.update(related.get(body, ()))
    for body in bodies:
        yield ("body", body)
    for province in sighting.provinces:
        yield ("province", province)
    own = {sighting.own_province} if sighting.own_province is not None else set()
    for province in sighting.provinces if sighting.bodies else own:
        for title in sighting.titles:
            yield ("title", title, province)
    for post in sighting.unique_posts:
        yield ("post", post)


def cluster_people(path: Path, count: int, related: Mapping[str, AbstractSet[str]]) -> list[str]:
    """The person id of each of the `count` sightings kept in `path` (same order). Ids are
    hashes of the name and of the person's smallest body key (or first article when none), so
    the same input always gives the same ids, whatever order the articles were processed in.

    The file is read three times, a batch at a time: what stays in memory is a number per
    sighting and one entry per piece of evidence and per person, not the sightings."""
    groups = _UnionFind(count)
    first_in_bucket: dict[tuple[str, ...], int] = {}
    central = _CentralTitles()
    for index, sighting in _sightings(path):
        for bucket in _buckets(sighting, related):
            keyed = (sighting.name_key, *bucket)
            if keyed in first_in_bucket:
                groups.union(first_in_bucket[keyed], index)
            else:
                first_in_bucket[keyed] = index
        central.add(index, sighting)
    del first_in_bucket
    central.join(groups)
    anchors: dict[int, str] = {}
    for index, (bodies, article_id) in enumerate(read_tuples(path, ("bodies", "article_id"))):
        root = groups.find(index)
        anchor = min(bodies) if bodies else f"article:{article_id}"
        if root not in anchors or _before(anchor, anchors[root]):
            anchors[root] = anchor
    one: dict[tuple[str, str], str] = {}  # each person's id, one string for all its sightings
    ids = []
    for index, (name,) in enumerate(read_tuples(path, ("name_key",))):
        key = (name, anchors[groups.find(index)])
        if key not in one:
            one[key] = stable_id("person", *key)
        ids.append(one[key])
    return ids


class _CentralTitles:
    """Rule 5: per name and central title, the sightings that name no body join the one person
    who holds the title at a named body, or each other when nobody does; never when two do.
    Titles are taken in the order of their first sighting by name, then article."""

    def __init__(self) -> None:
        self.named: dict[tuple[str, str], list[int]] = defaultdict(list)  # held at a body
        self.unnamed: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.first: dict[tuple[str, str], tuple[str, int, int]] = {}

    def add(self, index: int, sighting: Sighting) -> None:
        for at, (title, body) in enumerate(sighting.central):
            key = (sighting.name_key, title)
            if body is not None:
                self.named[key].append(index)
                continue
            self.unnamed[key].append(index)
            rank = (sighting.name_key, sighting.order, at)
            if key not in self.first or rank < self.first[key]:
                self.first[key] = rank

    def join(self, groups: _UnionFind) -> None:
        holding = {key: {groups.find(i) for i in indices} for key, indices in self.named.items()}
        for key in sorted(self.unnamed, key=self.first.__getitem__):
            holders = {groups.find(root) for root in holding.get(key, ())}
            if len(holders) > 1:
                continue
            indices = self.unnamed[key]
            target = next(iter(holders)) if holders else indices[0]
            for index in indices:
                groups.union(target, index)


def _before(anchor: str, other: str) -> bool:
    """Bodies anchor a person before articles do; then the smaller key."""
    return (anchor.startswith("article:"), anchor) < (other.startswith("article:"), other)
