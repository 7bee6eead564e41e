"""The linking stage over a finished run: read the fact tables, resolve every body and person,
write `bodies`, `people` and `positions`, and fill the link columns of the fact tables.

It reads only the tables the run wrote, in their order (input order), so its output is the same
whatever the worker count or engine, and a resumed or incremental run links its whole output.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import regex

from pipeline.link.bodies import (
    ARTICLE,
    NATIONAL,
    ArticleContext,
    BodyRef,
    BodyResolver,
    Kind,
)
from pipeline.link.people import Sighting, cluster_people, name_key
from pipeline.link.posts import PostReader
from pipeline.link.rows import BodyEntry, RowPosts, body_rows, most_common, people_and_positions
from pipeline.outputs.tables import LINK_COLUMNS, TableWriter, replace_columns

#: the gazetteers of rules/gazetteers/ the linking stage reads
GAZETTEERS = (
    "linking",
    "place_levels",
    "abbreviations",
    "titles",
    "title_prefixes",
    "source_provinces",
)

_ISO_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}")
#: the columns the stage reads from each table the run wrote
_READ = {
    "articles": ("article_id", "source", "url", "published_at", "province"),
    "organizations": ("article_id", "text", "name", "location", "org_type", "level"),
    "officials": ("article_id", "text", "person", "title", "organization"),
    "documents": ("article_id", "issuer"),
    "models": ("article_id", "owner"),
}


class _Linker:
    """One linking pass over an out dir (see the module docstring)."""

    def __init__(self, out_dir: Path, gazetteers: dict[str, Any]):
        self.out_dir = out_dir
        self.vocabulary = gazetteers["linking"]
        self.sources = gazetteers["source_provinces"]
        self.reader = PostReader(
            gazetteers["titles"],
            gazetteers["title_prefixes"],
            self.vocabulary["neutral_title_prefixes"],
        )
        self.unique_posts = set(self.vocabulary["unique_posts"])
        self.tables = {
            name: _rows(_columns(out_dir / f"{name}.parquet", columns))
            for name, columns in _READ.items()
            if name != "organizations"
        }
        self.order = {row["article_id"]: i for i, row in enumerate(self.tables["articles"])}
        # the largest table, read by columns: its rows are only grouped and counted
        column = _columns(out_dir / "organizations.parquet", _READ["organizations"])
        self.n_organizations = len(column["article_id"])
        #: (article, name, location, text as written) → the organizations rows that say it
        self.organizations: dict[tuple[str, str, str | None, str], list[int]] = defaultdict(list)
        mentions = zip(
            column["article_id"], column["name"], column["location"], column["text"], strict=True
        )
        for index, key in enumerate(mentions):
            self.organizations[key].append(index)
        kinds: dict[str, Counter[Kind]] = defaultdict(Counter)
        for name, org_type, level in zip(
            column["name"], column["org_type"], column["level"], strict=True
        ):
            kinds[name.casefold()][(org_type, level)] += 1
        self.resolver = BodyResolver(
            gazetteers, {name: most_common(c) for name, c in kinds.items()}
        )
        self.contexts = self._contexts()
        self.bodies: dict[str, BodyEntry] = {}

    # ---- articles --------------------------------------------------------------------------

    def _contexts(self) -> dict[str, ArticleContext]:
        """Each article's date and provinces: its paper's, else its own (as the rules read it)
        and those its bodies name in writing. An article whose bodies write other provinces'
        names as often as its own is about several: there, a place the extractor attached to a
        bare body is not trusted (see `mention`)."""
        written: dict[str, Counter[str]] = defaultdict(Counter)
        for (article_id, name, location, text), indices in self.organizations.items():
            province = self.resolver.read(name, location).place.province
            if province and self.resolver.written_in(province, text):
                written[article_id][province] += len(indices)
        contexts = {}
        for row in self.tables["articles"]:
            article_id = row["article_id"]
            host = regex.sub(r"^https?://(?:www\.)?", "", row["url"] or "").split("/")[0]
            paper = self.sources.get(row["source"] or "") or self.sources.get(host)
            own = self.resolver.places.province(row["province"])
            counts = written.get(article_id, Counter())
            named = set(counts)
            others = sum(n for province, n in counts.items() if province != own)
            # about one province: its paper's, or the others it writes are fewer than its own
            single = paper is not None or others == 0 or (own is not None and counts[own] > others)
            contexts[article_id] = ArticleContext(
                article_id,
                _day(row["published_at"]),
                frozenset({paper} if paper else named | ({own} if own else set())),
                paper or (own if single else None),
                single,
                paper or own,
            )
        return contexts

    def context(self, article_id: str) -> ArticleContext:
        """The article's context (a fact row without an article row gets an empty one)."""
        context = self.contexts.get(article_id)
        if context is None:  # a fact row whose article row is missing: link it alone
            context = self.contexts[article_id] = ArticleContext(article_id)
        return context

    # ---- bodies ----------------------------------------------------------------------------

    def body(
        self, name: str | None, location: str | None, article_id: str, text: str | None = None
    ) -> BodyRef | None:
        """Resolve one mention of a body (`text`: the mention as written) and count it."""
        if not name:
            return None
        context = self.context(article_id)
        ref, name, location = self.mention(name, location, text, context)
        self._count(ref, name, location, context, 1)
        return ref

    def mention(
        self, name: str, location: str | None, text: str | None, context: ArticleContext
    ) -> tuple[BodyRef, str, str | None]:
        """The body a mention names, and the name and place it was read from. In an article
        about several provinces, a province the mention does not write, that the extractor
        attached to a bare body (`UBND tỉnh` → `UBND tỉnh Cần Thơ`), is dropped: the body
        stays unplaced rather than guessed."""
        ref = self.resolver.resolve(name, location, context)
        attached = (
            ref.province and text is not None and not self.resolver.written_in(ref.province, text)
        )
        if attached and not context.single_province:
            assert ref.province is not None
            bare = self.resolver.strip_place(name, ref.province, location)
            if bare != name:
                return self.resolver.resolve(bare, None, context), bare, None
        return ref, name, location

    def _count(
        self, ref: BodyRef, name: str, location: str | None, context: ArticleContext, times: int
    ) -> None:
        entry = self.bodies.get(ref.key)
        if entry is None:
            entry = self.bodies[ref.key] = BodyEntry(ref, example=(name, location, context))
        entry.names[name] += times
        kind = self.resolver.kinds.get(name.casefold())
        if kind is not None:
            entry.kinds[kind] += times
        entry.seen.add(context, self.order.get(context.article_id, len(self.order)))

    def link_organizations(self) -> list[BodyRef | None]:
        """Each distinct (article, name, place) once: first every one, then the unplaced ones
        again, now that their article's placed bodies are known (a short name takes the
        article's full one)."""
        mentions = self.organizations
        refs = {key: self.mention(key[1], key[2], key[3], self.context(key[0])) for key in mentions}
        for (article_id, name, _, _), (ref, _, _) in refs.items():
            self.context(article_id).local.setdefault(name.casefold(), ref)
        out: list[BodyRef | None] = [None] * self.n_organizations  # all filled: a row is a mention
        for key, indices in mentions.items():
            article_id, name, location, text = key
            context = self.context(article_id)
            ref, read_name, read_location = refs[key]
            if not ref.placed:
                ref, read_name, read_location = self.mention(name, location, text, context)
            self._count(ref, read_name, read_location, context, len(indices))
            for index in indices:
                out[index] = ref
        return out

    def parents(self) -> dict[str, str]:
        """Body key → the key of the body named inside its name (the longest one)."""
        heads = sorted(self.vocabulary["parent_heads"], key=len, reverse=True)
        # a head opens a body's name before a capital, a place word or the end (`Bộ Xây dựng`,
        # `Công an tỉnh Nghệ An`, `Tỉnh ủy`; not `Bộ đội`)
        starts = regex.compile(
            r"(?<=\s)(?:" + "|".join(regex.escape(h) for h in heads) + r")"
            r"(?=$|\s+(?:\p{Lu}|(?:"
            + "|".join(map(regex.escape, self.resolver.places.levels))
            + r")\b))"
        )
        parents = {}
        for key, entry in self.bodies.items():
            assert entry.example is not None
            name, _, context = entry.example
            for found in starts.finditer(name):
                ref = self.resolver.resolve(name[found.start() :], None, context, local=False)
                # a head alone (`Công an` in `Bộ Công an`) names a body only with its place
                alone = found.end() == len(name)
                if alone and ref.scope in (NATIONAL, ARTICLE):
                    continue
                if ref.key != key and ref.key in self.bodies:
                    parents[key] = ref.key
                    break
        return parents

    # ---- people ----------------------------------------------------------------------------

    def link_officials(self) -> tuple[list[RowPosts], list[BodyRef | None]]:
        """Each official row's body and posts, each post with its body."""
        row_posts: list[RowPosts] = []
        row_bodies: list[BodyRef | None] = []
        for row in self.tables["officials"]:
            article_id, organization = row["article_id"], row["organization"]
            main = self.body(organization, None, article_id, row["text"])
            row_bodies.append(main)
            row_posts.append(
                [
                    (
                        post,
                        main
                        if post.organization == organization
                        else self.body(post.organization, None, article_id, row["text"]),
                    )
                    for post in self.reader.posts(row["title"], organization)
                ]
            )
        return row_posts, row_bodies

    def person_ids(self, row_posts: list[RowPosts], parents: dict[str, str]) -> list[str | None]:
        """Every official row's person id: sightings per article and name, then clustered."""
        related = self._related(parents)
        central = {title.casefold() for title in self.vocabulary["central_titles"]}
        sightings: dict[tuple[str, str], Sighting] = {}
        row_sightings: list[tuple[str, str] | None] = []
        for row, posts in zip(self.tables["officials"], row_posts, strict=True):
            article_id = row["article_id"]
            if not row["person"]:
                row_sightings.append(None)
                continue
            context = self.context(article_id)
            who = (article_id, name_key(row["person"]))
            sighting = sightings.get(who)
            if sighting is None:
                sighting = sightings[who] = Sighting(
                    who[1],
                    article_id,
                    self.order.get(article_id, 0),
                    context.main_province,
                    context.own_province,
                )
            for post, ref in posts:
                title = self.reader.base_title(post.title)
                sighting.titles.add(title.casefold())
                if title in self.unique_posts:
                    sighting.unique_posts.add(title)
                placed = ref if ref is not None and ref.placed else None
                if title.casefold() in central:
                    sighting.central.add((title.casefold(), placed.key if placed else None))
                if placed:
                    sighting.bodies.add(placed.key)
                    sighting.related.update(related.get(placed.key, ()))
                    if placed.province:
                        sighting.provinces.add(placed.province)
            row_sightings.append(who)
        for sighting in sightings.values():  # no placed body: the article's own province
            if not sighting.bodies and sighting.main_province:
                sighting.provinces.add(sighting.main_province)
        keys = list(sightings)
        ids = dict(zip(keys, cluster_people([sightings[k] for k in keys]), strict=True))
        return [ids[who] if who else None for who in row_sightings]

    def _related(self, parents: dict[str, str]) -> dict[str, set[str]]:
        """Body key → the bodies it belongs to (its parent) or is a longer form of (`Bộ Giao
        thông Vận tải` → `Bộ Giao thông`, both national)."""
        national = {
            key.rsplit("|", 1)[0]
            for key, entry in self.bodies.items()
            if entry.ref.scope == NATIONAL
        }
        related: dict[str, set[str]] = defaultdict(set)
        for key, entry in self.bodies.items():
            if key in parents:
                related[key].add(parents[key])
            if entry.ref.scope == NATIONAL:
                words = key.rsplit("|", 1)[0].split()
                for cut in range(2, len(words)):
                    shorter = " ".join(words[:cut])
                    if shorter in national:
                        related[key].add(f"{shorter}|{NATIONAL}")
        return related


def _columns(path: Path, names: Sequence[str]) -> dict[str, list[Any]]:
    """Columns of a table as lists in which equal strings are one object: a name or an article
    id said a thousand times is stored once, which keeps the stage's memory near the number of
    distinct values rather than of rows (a tenth of it over the shared corpus ten times)."""
    table = pq.read_table(path, columns=list(names), read_dictionary=list(names))
    columns: dict[str, list[Any]] = {}
    for name in names:
        values: list[Any] = []
        for chunk in table.column(name).chunks:
            if not isinstance(chunk, pa.DictionaryArray):
                values.extend(chunk.to_pylist())
                continue
            uniques = [*chunk.dictionary.to_pylist(), None]  # index -1: a null
            values.extend(uniques[i] for i in chunk.indices.fill_null(-1).to_pylist())
        columns[name] = values
    return columns


def _rows(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _day(published_at: str | None) -> date | None:
    if published_at and _ISO_DATE.match(published_at):
        try:
            return date.fromisoformat(published_at[:10])
        except ValueError:
            return None
    return None


def link_outputs(
    out_dir: Path, gazetteers: dict[str, Any], csv_options: dict[str, bool] | None = None
) -> dict[str, Any]:
    """Link a finished run in `out_dir`: write bodies, people, positions and fill the fact
    tables' link columns (CSV + Parquet, atomically). Returns row counts and seconds."""
    clock = time.perf_counter()
    csv_options = csv_options or {}
    linker = _Linker(Path(out_dir), gazetteers)
    organization_refs = linker.link_organizations()
    row_posts, official_refs = linker.link_officials()
    issuer_refs = [
        linker.body(row["issuer"], None, row["article_id"]) for row in linker.tables["documents"]
    ]
    owner_refs = [
        linker.body(row["owner"], None, row["article_id"]) if _names_a_body(linker, row) else None
        for row in linker.tables["models"]
    ]
    parents = linker.parents()
    person_ids = linker.person_ids(row_posts, parents)
    bodies = body_rows(linker.bodies, parents, linker.resolver.places)
    people_rows, position_rows = people_and_positions(
        linker.tables["officials"], person_ids, row_posts, linker.context, linker.order
    )
    counts = {}
    for table, rows in (
        ("bodies", bodies),
        ("people", people_rows),
        ("positions", position_rows),
    ):
        counts[table] = _write(out_dir, table, rows, csv_options)
    #: each fact table's link columns: a body (its id is written), a person id, or None
    links: dict[str, dict[str, Sequence[BodyRef | str | None]]] = {
        "organizations": {"body_id": organization_refs},
        "officials": {"person_id": person_ids, "body_id": official_refs},
        "documents": {"issuer_body_id": issuer_refs},
        "models": {"owner_body_id": owner_refs},
    }
    assert {table: tuple(columns) for table, columns in links.items()} == LINK_COLUMNS
    for table, columns in links.items():
        replace_columns(
            Path(out_dir),
            table,
            {
                column: [v.body_id if isinstance(v, BodyRef) else v for v in values]
                for column, values in columns.items()
            },
            excel=csv_options.get("excel", False),
        )
    return {"rows": counts, "seconds": round(time.perf_counter() - clock, 3)}


def _names_a_body(linker: _Linker, row: dict[str, Any]) -> bool:
    """A model's owner is a body when the organizations table knows the name (else a person)."""
    owner = (row["owner"] or "").casefold()
    context = linker.context(row["article_id"])
    return bool(owner) and (owner in context.local or owner in linker.resolver.kinds)


def _write(
    out_dir: Path, table: str, rows: list[dict[str, Any]], csv_options: dict[str, bool]
) -> int:
    writer = TableWriter(Path(out_dir), table, **csv_options)
    for row in rows:
        writer.add(row)
    writer.close()
    return writer.count
