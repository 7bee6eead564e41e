"""The rows of `bodies`, `people` and `positions`, gathered from every mention: what each names,
where and when it was seen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from pipeline.link.bodies import ArticleContext, BodyRef, Kind
from pipeline.link.places import Gazetteer

T = TypeVar("T")


@dataclass(slots=True)
class Seen:
    """Where and when something was seen: how many articles, the dates, an example article.
    An article's sightings come together (the stage reads article by article): it counts once.
    """

    n_articles: int = 0
    latest: str | None = None  # the article last counted
    first: date | None = None
    last: date | None = None
    example: tuple[int, int, str] | None = None  # (undated?, ordinal or order, article_id)

    def add(self, article_id: str, day: date | None, order: int) -> None:
        if article_id == self.latest:
            return
        self.n_articles += 1
        self.latest = article_id
        if day is not None:
            self.first = day if self.first is None or day < self.first else self.first
            self.last = day if self.last is None or day > self.last else self.last
        rank = (0, day.toordinal(), order) if day is not None else (1, order, order)
        candidate = (rank[0], rank[1] * 10**7 + rank[2], article_id)
        if self.example is None or candidate < self.example:
            self.example = candidate

    def columns(self) -> dict[str, Any]:
        return {"n_articles": self.n_articles, "first_seen": self.first, "last_seen": self.last}


#: a rank of a body's mention: (table, row number, post): the first mention has the smallest
Rank = tuple[int, int, int]


@dataclass(slots=True)
class BodyEntry:
    """What the mentions of one body say: its names, kinds and where they stand; `ref` and
    `example` (name, location, article) are those of its first mention in the run's order."""

    ref: BodyRef
    rank: Rank
    example: tuple[str, str | None, ArticleContext]
    names: dict[str, int] = field(default_factory=dict)  # name → mentions (a Counter is slower)
    kinds: dict[Kind, int] = field(default_factory=dict)
    seen: Seen = field(default_factory=Seen)


def body_row(entry: BodyEntry, places: Gazetteer) -> dict[str, Any]:
    """A body's row but its parent: its most written full name, kind, places then and now."""
    ref = entry.ref
    province_2025 = commune_2025 = None
    if ref.province:
        province_2025, commune_2025 = places.after_2025(ref.province, ref.district, ref.commune)
    org_type, level = most_common(entry.kinds) if entry.kinds else (None, None)
    return {
        "body_id": ref.body_id,
        "name": fullest(entry.names),
        "org_type": org_type,
        "level": level,
        "province": ref.province,
        "province_2025": province_2025,
        "commune_2025": commune_2025,
        **entry.seen.columns(),
    }


def people_and_positions(
    officials: Iterable[tuple[Any, ...]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One row per person and one per person × post × body, with their dates, from the
    official rows as the stage keeps them (`stage.OFFICIAL_ROWS`), in the run's order: each
    as (person id, article id, person, date, order, posts)."""
    people: dict[str, dict[str, Any]] = {}
    positions: dict[tuple[str, str, str], dict[str, Any]] = {}
    for person_id, article_id, name, published_on, order, posts in officials:
        if person_id is None:
            continue
        seen = (article_id, published_on, order)
        person = people.get(person_id)
        if person is None:
            person = people[person_id] = {
                "names": {},
                "seen": Seen(),
                "provinces": set(),
            }
        names = person["names"]
        names[name] = names.get(name, 0) + 1
        person["seen"].add(*seen)
        for post in posts:
            if post["province"]:
                person["provinces"].add(post["province"])
            key = (person_id, post["title"].casefold(), post["where"])
            entry = positions.get(key)
            if entry is None:
                entry = positions[key] = {
                    "titles": {},
                    "organizations": {},
                    "body_id": post["body_id"],
                    "seen": Seen(),
                }
            titles, organizations = entry["titles"], entry["organizations"]
            titles[post["title"]] = titles.get(post["title"], 0) + 1
            if post["organization"]:
                organizations[post["organization"]] = organizations.get(post["organization"], 0) + 1
            entry["seen"].add(*seen)
    people_rows = [
        {
            "person_id": person_id,
            "name": most_common(person["names"]),
            **person["seen"].columns(),
            "provinces": "; ".join(sorted(person["provinces"])) or None,
        }
        for person_id, person in people.items()
    ]
    names = {row["person_id"]: row["name"] for row in people_rows}
    position_rows = [
        {
            "person_id": person_id,
            "title": most_common(entry["titles"]),
            "body_id": entry["body_id"],
            "organization": most_common(entry["organizations"]) if entry["organizations"] else None,
            **entry["seen"].columns(),
            "article_id": entry["seen"].example[2],
        }
        for (person_id, _, _), entry in positions.items()
    ]
    people_rows.sort(key=lambda r: (r["name"].casefold(), r["person_id"]))
    position_rows.sort(
        key=lambda r: (
            names[r["person_id"]].casefold(),
            r["person_id"],
            r["first_seen"] or date.max,
            r["title"],
            r["body_id"] or "",
        )
    )
    return people_rows, position_rows


def most_common(counter: Mapping[T, int]) -> T:
    """The most frequent value; ties go to the smallest, so the choice never depends on order."""
    best = max(counter.values())
    return min((value for value, count in counter.items() if count == best), key=_sortable)


def fullest(names: Mapping[str, int]) -> str:
    """The name to show for a body: the most written among those no other name extends
    (`Ban Chỉ huy quân sự xã Thông Thụ`, not the `… xã` that stood for it in one sentence)."""
    words = {name: name.casefold().split() for name in names}
    full = {
        name: count
        for name, count in names.items()
        if not any(
            len(other) > len(words[name]) and other[: len(words[name])] == words[name]
            for other in words.values()
        )
    }
    return most_common(full or names)


def _sortable(value: Any) -> Any:
    return (
        tuple("" if v is None else str(v) for v in value)
        if isinstance(value, tuple)
        else str(value)
    )
