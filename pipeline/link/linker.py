"""One linking pass, article by article: each mention's body and person sighting, counted into
per-body aggregates; then, once every article is read, bodies' parents and people's clusters.

Nothing here keeps a row: an article's rows are resolved, counted and handed back as link
values (see `stage`); what stays is one entry per body and one compact sighting per name per
article. The first mention of a body in the run's order (organizations, then officials, then
documents, then models, each in row order) gives its example, as when the tables were read
whole: the order of reading does not change a single output.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import regex

from pipeline.link.bodies import ARTICLE, NATIONAL, ArticleContext, BodyRef, BodyResolver, Kind
from pipeline.link.people import SightingDraft, name_key, sighting_row
from pipeline.link.posts import PostReader
from pipeline.link.rows import BodyEntry, Rank, body_row
from pipeline.link.stream import ArticleRows

_ISO_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}")
_SCHEME = regex.compile(r"^https?://(?:www\.)?")
#: the rank of each table's mentions: where a body's first mention is looked for first
_ORGANIZATIONS, _OFFICIALS, _DOCUMENTS, _MODELS = range(4)
#: an organizations mention: (name, location, text as written)
Mention = tuple[str, str | None, str]


class Linker:
    """Bodies and sightings of people, gathered one article at a time (`article`)."""

    def __init__(self, gazetteers: dict[str, Any], kinds: dict[str, Kind], n_articles: int):
        self.vocabulary = gazetteers["linking"]
        self.sources = gazetteers["source_provinces"]
        self.reader = PostReader(
            gazetteers["titles"],
            gazetteers["title_prefixes"],
            self.vocabulary["neutral_title_prefixes"],
        )
        self.unique_posts = set(self.vocabulary["unique_posts"])
        self.central = {title.casefold() for title in self.vocabulary["central_titles"]}
        self.resolver = BodyResolver(gazetteers, kinds)
        self.n_articles = n_articles  # the order of a fact row whose article row is missing
        #: the bodies placed in a province or nationwide, and those of the article being read
        self.bodies: dict[str, BodyEntry] = {}
        #: keys of the bodies of articles read (their rows are handed on when it is read)
        self.article_keys: set[str] = set()
        self._in_article: list[str] = []
        #: the names of the article being read resolved since its bodies are known (`body`)
        self._resolved: dict[tuple[str, str | None], BodyRef] = {}
        self._resolved_in: ArticleContext | None = None
        self.n_sightings = 0  # of the articles read, handed on with them (`article`)
        heads = sorted(self.vocabulary["parent_heads"], key=len, reverse=True)
        # a head opens a body's name before a capital, a place word or the end (`Bộ Xây dựng`,
        # `Công an tỉnh Nghệ An`, `Tỉnh ủy`; not `Bộ đội`)
        self._parent_starts = regex.compile(
            r"(?<=\s)(?:" + "|".join(regex.escape(h) for h in heads) + r")"
            r"(?=$|\s+(?:\p{Lu}|(?:"
            + "|".join(map(regex.escape, self.resolver.places.levels))
            + r")\b))"
        )

    def article(self, group: ArticleRows) -> dict[str, list[dict[str, Any]]]:
        """Link one article's rows: each fact table's link values, one dict per row in order
        (for officials, the row as `stage.OFFICIAL_ROWS` keeps it, its sighting's index); under
        `bodies` the rows of the bodies only this article can name (`_article_bodies`), under
        `sightings` its sightings of people (`people.SIGHTINGS`), numbered on from the last."""
        mentions: dict[Mention, list[int]] = defaultdict(list)
        for number, row in group.facts["organizations"]:
            mentions[(row["name"], row["location"], row["text"])].append(number)
        context = self._context(group, mentions)
        order = self.n_articles if group.order is None else group.order
        organizations = self._organizations(context, mentions, order)  # before: short names
        officials, sightings = self._officials(context, group, order)
        linked = {
            "organizations": organizations,
            "officials": officials,
            "sightings": sightings,
            "documents": [
                {
                    "issuer_body_id": _id(
                        self.body(row["issuer"], context, (_DOCUMENTS, n, 0), order)
                    )
                }
                for n, row in group.facts["documents"]
            ],
            "models": [
                {"owner_body_id": _id(self._owner(row["owner"], context, (_MODELS, n, 0), order))}
                for n, row in group.facts["models"]
            ],
        }
        linked["bodies"] = self._article_bodies()
        context.local.clear()  # the article is read: its short names matter no more
        return linked

    # ---- articles --------------------------------------------------------------------------

    def _context(self, group: ArticleRows, mentions: dict[Mention, list[int]]) -> ArticleContext:
        """The article's date and provinces: its paper's, else its own (as the rules read it)
        and those its bodies name in writing. An article whose bodies write other provinces'
        names as often as its own is about several: there, a place the extractor attached to a
        bare body is not trusted (see `mention`)."""
        row = group.row
        if row is None:  # fact rows whose article row is missing: linked alone
            return ArticleContext(group.article_id)
        counts: Counter[str] = Counter()
        for (name, location, text), numbers in mentions.items():
            province = self.resolver.read(name, location).place.province
            if province and self.resolver.written_in(province, text):
                counts[province] += len(numbers)
        host = _SCHEME.sub("", row["url"] or "").split("/")[0]
        paper = self.sources.get(row["source"] or "") or self.sources.get(host)
        own = self.resolver.places.province(row["province"])
        named = set(counts)
        others = sum(n for province, n in counts.items() if province != own)
        # about one province: its paper's, or the others it writes are fewer than its own
        single = paper is not None or others == 0 or (own is not None and counts[own] > others)
        return ArticleContext(
            group.article_id,
            _day(row["published_at"]),
            frozenset({paper} if paper else named | ({own} if own else set())),
            paper or (own if single else None),
            single,
            paper or own,
        )

    # ---- bodies ----------------------------------------------------------------------------

    def body(
        self,
        name: str | None,
        context: ArticleContext,
        rank: Rank,
        order: int,
        text: str | None = None,
    ) -> BodyRef | None:
        """Resolve one mention of a body (`text`: the mention as written) and count it. Called
        once the article's bodies are known (`_organizations`): a name resolves the same all
        through the article then, and is resolved once."""
        if not name:
            return None
        if self._resolved_in is not context:
            self._resolved, self._resolved_in = {}, context
        ref, name, location = self.mention(name, None, text, context, self._resolved)
        self._count(ref, name, location, context, 1, rank, order)
        return ref

    def mention(
        self,
        name: str,
        location: str | None,
        text: str | None,
        context: ArticleContext,
        resolved: dict[tuple[str, str | None], BodyRef] | None = None,
    ) -> tuple[BodyRef, str, str | None]:
        """The body a mention names, and the name and place it was read from. In an article
        about several provinces, a province the mention does not write, that the extractor
        attached to a bare body (`UBND tỉnh` → `UBND tỉnh Cần Thơ`), is dropped: the body
        stays unplaced rather than guessed. `resolved`: the article's names resolved so far,
        once its bodies are all known (a name resolves the same all through it then)."""
        ref = resolved.get((name, location)) if resolved is not None else None
        if ref is None:
            ref = self.resolver.resolve(name, location, context)
            if resolved is not None:
                resolved[(name, location)] = ref
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
        self,
        ref: BodyRef,
        name: str,
        location: str | None,
        context: ArticleContext,
        times: int,
        rank: Rank,
        order: int,
    ) -> None:
        entry = self.bodies.get(ref.key)
        if entry is None:
            key = sys.intern(ref.key)
            entry = self.bodies[key] = BodyEntry(ref, rank, (name, location, context))
            if not ref.placed:
                self._in_article.append(key)
        elif rank < entry.rank:  # an earlier mention in the run's order
            entry.ref, entry.rank, entry.example = ref, rank, (name, location, context)
        entry.names[name] = entry.names.get(name, 0) + times
        kind = self.resolver.kinds.get(name.casefold())
        if kind is not None:
            entry.kinds[kind] = entry.kinds.get(kind, 0) + times
        entry.seen.add(context.article_id, context.published_on, order)

    def _organizations(
        self, context: ArticleContext, mentions: dict[Mention, list[int]], order: int
    ) -> list[dict[str, Any]]:
        """Each distinct (name, place, text) of the article once: first every one, then the
        unplaced ones again, now that the article's placed bodies are known (a short name
        takes the article's full one)."""
        refs = {key: self.mention(*key, context) for key in mentions}
        for (name, _, _), (ref, _, _) in refs.items():
            context.local.setdefault(name.casefold(), ref)
        ids: dict[int, str] = {}
        for key, numbers in mentions.items():
            ref, read_name, read_location = refs[key]
            if not ref.placed:
                ref, read_name, read_location = self.mention(*key, context)
            rank = (_ORGANIZATIONS, numbers[0], 0)
            self._count(ref, read_name, read_location, context, len(numbers), rank, order)
            for number in numbers:
                ids[number] = ref.body_id
        return [{"body_id": ids[number]} for number in sorted(ids)]

    def _owner(
        self, owner: str | None, context: ArticleContext, rank: Rank, order: int
    ) -> BodyRef | None:
        """A model's owner is a body when the organizations table knows the name (else a
        person)."""
        folded = (owner or "").casefold()
        if folded and (folded in context.local or folded in self.resolver.kinds):
            return self.body(owner, context, rank, order)
        return None

    def _article_bodies(self) -> list[dict[str, Any]]:
        """The rows of the bodies of the article just read that no other article can name
        (scope: the article), now complete, out of memory: each with `sort_name` and the keys
        that may be its parent (`parent_keys`: the first one known when all articles are read
        is; see `parents`)."""
        keys, self._in_article = self._in_article, []
        self.article_keys.update(keys)
        rows = []
        for key in keys:
            entry = self.bodies.pop(key)
            candidates = []
            for ref in self._parent_candidates(key, entry):
                if ref.placed:
                    candidates.append(ref.key)
                elif ref.key in self.article_keys:  # the article's own: known now
                    candidates.append(ref.key)
                    break
            rows.append(self.kept_row(entry, candidates))
        return rows

    def kept_row(self, entry: BodyEntry, parent_keys: list[str]) -> dict[str, Any]:
        """A body's row as the stage keeps it (`stage.BODY_ROWS`): with its name for sorting
        and the keys of the bodies that may be its parent, the first the run named is."""
        row = body_row(entry, self.resolver.places)
        return {**row, "sort_name": row["name"].casefold(), "parent_keys": parent_keys}

    def parents(self) -> dict[str, str]:
        """Placed body's key → the key of the body named inside its name (the longest one)."""
        parents = {}
        for key, entry in self.bodies.items():
            for ref in self._parent_candidates(key, entry):
                if self.known(ref.key):
                    parents[key] = ref.key
                    break
        return parents

    def known(self, key: str) -> bool:
        """Whether a body of this key was named in the run."""
        return key in self.bodies or key in self.article_keys

    def _parent_candidates(self, key: str, entry: BodyEntry) -> Iterator[BodyRef]:
        """The bodies named inside a body's name, longest first (read in its first mention's
        article); a head alone (`Công an` in `Bộ Công an`) names one only with its place."""
        name, _, context = entry.example
        for found in self._parent_starts.finditer(name):
            ref = self.resolver.resolve(name[found.start() :], None, context, local=False)
            alone = found.end() == len(name)
            if alone and ref.scope in (NATIONAL, ARTICLE):
                continue
            if ref.key != key:
                yield ref

    # ---- people ----------------------------------------------------------------------------

    def _officials(
        self, context: ArticleContext, group: ArticleRows, order: int
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Each official row's body and posts, each post with its body, and its name's
        sighting's number; the article's sightings."""
        drafts: dict[str, SightingDraft] = {}
        numbers: dict[str, int] = {}  # name key → its sighting's number
        people_order = 0 if group.order is None else group.order
        rows = []
        for number, row in group.facts["officials"]:
            organization, text = row["organization"], row["text"]
            main = self.body(organization, context, (_OFFICIALS, number, 0), order, text)
            posts = [
                (
                    post,
                    main
                    if post.organization == organization
                    else self.body(
                        post.organization, context, (_OFFICIALS, number, at), order, text
                    ),
                )
                for at, post in enumerate(self.reader.posts(row["title"], organization), 1)
            ]
            sighting = None
            if row["person"]:
                key = sys.intern(name_key(row["person"]))
                draft = drafts.get(key)
                if draft is None:
                    numbers[key] = self.n_sightings + len(drafts)
                    draft = drafts[key] = SightingDraft(
                        key,
                        context.article_id,
                        people_order,
                        context.main_province,
                        context.own_province,
                    )
                self._sighted(draft, posts)
                sighting = numbers[key]
            rows.append(
                {
                    "sighting": sighting,
                    "body_id": _id(main),
                    "article_id": context.article_id,
                    "person": row["person"],
                    "published_on": context.published_on,
                    "order": people_order,
                    "posts": [
                        {
                            "title": post.title,
                            "organization": post.organization,
                            "body_id": _id(ref),
                            "where": ref.key if ref else (post.organization or "").casefold(),
                            "province": ref.province if ref else None,
                        }
                        for post, ref in posts
                    ],
                }
            )
        self.n_sightings += len(drafts)
        return rows, [sighting_row(draft.sighting()) for draft in drafts.values()]

    def _sighted(self, draft: SightingDraft, posts: list[tuple[Any, BodyRef | None]]) -> None:
        """What a mention's posts add to its name's sighting in the article."""
        for post, ref in posts:
            title = sys.intern(self.reader.base_title(post.title))
            folded = sys.intern(title.casefold())
            draft.titles.add(folded)
            if title in self.unique_posts:
                draft.unique_posts.add(title)
            placed = ref if ref is not None and ref.placed else None
            if folded in self.central:
                draft.central.add((folded, sys.intern(placed.key) if placed else None))
            if placed:
                draft.bodies.add(sys.intern(placed.key))
                if placed.province:
                    draft.provinces.add(placed.province)

    def related(self, parents: dict[str, str]) -> dict[str, set[str]]:
        """Body key → the bodies it belongs to (its parent) or is a longer form of (`Bộ Giao
        thông Vận tải` → `Bộ Giao thông`, both national): what `people.cluster_people` reads
        besides the sightings."""
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


def _id(ref: BodyRef | None) -> str | None:
    return ref.body_id if ref is not None else None


def _day(published_at: str | None) -> date | None:
    if published_at and _ISO_DATE.match(published_at):
        try:
            return date.fromisoformat(published_at[:10])
        except ValueError:
            return None
    return None
