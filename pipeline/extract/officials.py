"""Officials: a named person with a position, in `title - Name` or `ông Name, title` order.

The rules find a chain of posts next to a name; the normalizer splits the chain into posts
(title + organization, read by the organization scanner), picks the organization column and
writes the rest into `title` (annotation guide, officials).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from pipeline.engine.contracts import (
    ArticleText,
    Candidate,
    Found,
    Match,
    Reject,
    normalizer,
    resolver,
)
from pipeline.extract import org_names, places
from pipeline.extract.lexicon import Lexicon, Names, Titles
from pipeline.extract.org_names import head_at, scan_name
from pipeline.extract.places import attach_place, province_of

_SPACES = regex.compile(r"\s*")
_SPACE_CAPITAL = regex.compile(r"\s+\p{Lu}")
_PROVINCE_AFTER = regex.compile(r"\s+(\p{Lu}[\p{Ll}\p{M}]*(?:\s+\p{Lu}[\p{Ll}\p{M}]*)?)")
#: what reading posts and the names around them consults
GAZETTEERS = (*org_names.GAZETTEERS, *Names.GAZETTEERS, *Titles.GAZETTEERS)


@dataclass(frozen=True)
class Post:
    title: str
    organization: str  # expanded, '' when the post names none
    generic: bool  # the organization is a bare head (`Đảng ủy`) that belongs with the title


def _organization_after(
    text: str, org_start: int, name_start: int, lexicon: Lexicon
) -> tuple[str, bool, int | None]:
    """The body after a title (its name from `name_start`, past the spaces after `org_start`):
    (expanded name, whether it is a bare head, its end)."""
    head_end = head_at(text, name_start, lexicon)
    if head_end:
        scanned = scan_name(text, name_start, head_end, lexicon)
        organization = lexicon.bodies.expand(text[scanned.start : scanned.end])
        head, entry = lexicon.bodies.head_of(organization)
        generic = organization == head and not (entry and entry.alone)
        return organization, generic, scanned.end
    # `Bí thư Hà Nội`: the province stands for its committee
    place = _PROVINCE_AFTER.match(text, org_start)
    if place and place.group(1) in lexicon.places.provinces:
        return place.group(1), False, place.end()
    return "", False, None


def parse_posts(text: str, start: int, lexicon: Lexicon) -> tuple[list[Post], int]:
    """Posts from `start`: `Bí thư Đảng ủy, Giám đốc Sở GTVT` → two posts; returns the end."""
    titles = lexicon.titles
    posts: list[Post] = []
    position, end = start, start
    while True:
        found = titles.title.match(text, position)
        if not found:
            break
        title = titles.canonical(found.group("title"))
        if found.group("prefix"):
            title = f"{found.group('prefix').lower()} {title}"
        org_start = found.end()
        written = found.group("title").lower()
        tail = next((t for t in titles.head_tails if written.endswith(" " + t.lower())), None)
        if tail and _SPACE_CAPITAL.match(text, found.end()):
            org_start = found.end() - len(tail)  # the title keeps its head word: Trưởng Ban
        name_start = _SPACES.match(text, org_start).end() if org_start == found.end() else org_start
        organization, generic, org_end = _organization_after(text, org_start, name_start, lexicon)
        end = max(found.end(), org_end or 0)
        if title in titles.bare_ranks and not organization:
            break  # `Trưởng` is a post only with its body: `Trưởng CA xã Phước An`
        posts.append(Post(title, organization, generic))
        separator = titles.separator.match(text, end)
        if not separator or not titles.title.match(text, separator.end()):
            break
        position = separator.end()
    return posts, end


def officials_values(
    posts: list[Post], person: str, honorific: str | None, lexicon: Lexicon
) -> dict[str, Any]:
    """Pick the organization column (the last specific body) and write the other posts whole."""
    titles = lexicon.titles
    chosen = None
    for index, post in enumerate(posts):
        if post.organization and not post.generic and not post.title.startswith(titles.membership):
            chosen = index
    parts = []
    for index, post in enumerate(posts):
        if index == chosen or not post.organization:
            parts.append(post.title)
        else:
            parts.append(f"{post.title} {post.organization}")
    if chosen is not None:
        organization = posts[chosen].organization
    else:
        implied = titles.implied_body.get(
            posts[0].title.removeprefix("cựu ").removeprefix("nguyên ")
        )
        organization = implied or ""
    return {
        "person": person,
        "title": "; ".join(parts),
        "organization": organization,
        "honorific": honorific.lower() if honorific else None,
    }


def _is_person(name: str, lexicon: Lexicon) -> bool:
    """Not a historical figure, nor a place that reads like a name (`Đồng Hới`)."""
    return name not in lexicon.names.not_officials and not any(
        name == p or name.startswith(p + " ") for p in lexicon.places.provinces
    )


@normalizer("officials.title_then_name", groups=("chain",), gazetteers=GAZETTEERS)
def title_then_name(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Phó Bí thư Thường trực Tỉnh ủy - Nguyễn Thanh Hải`, `Bí thư Tỉnh ủy Hồ Quốc Dũng`.

    The name is read where the posts end, so a place that looks like a name (`Châu Thành`,
    `Tây Ninh`) stays with the organization."""
    sentence = match.sentence.text
    posts, end = parse_posts(sentence, match.spans["chain"][0], lexicon)
    if not posts:
        return Reject("no-post")
    name = lexicon.names.after_posts.match(sentence, end)
    if name is None:
        return Reject("no-name-after-posts")
    if not _is_person(name.group("person"), lexicon):
        return Reject("not-a-person", name.group("person"))
    values = officials_values(posts, name.group("person"), name.group("honorific"), lexicon)
    return [Found(match.start, name.end(), values)]


def _after_a_place_word(match: Match, lexicon: Lexicon) -> bool:
    """`… tại Đồng Hới, Phó Thủ tướng …`: after `tại`, `ở`, `về` a name is a place."""
    before = match.sentence.text[: match.spans["person"][0]].rstrip().rsplit(" ", 1)[-1]
    return before.lower() in lexicon.titles.place_prepositions


@normalizer(
    "officials.name_then_title",
    groups=("person", "chain"),
    optional=("honorific",),
    gazetteers=GAZETTEERS,
)
def name_then_title(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`ông Nguyễn Hữu Tín, SN 1957, cựu Phó Chủ tịch UBND TP. HCM`, `Hồ Quốc Dũng - Bí thư`.

    In `Bí thư Nguyễn Thiện Nhân, Giám đốc Học viện … Trần Hoàng Ngân` the second posts
    belong to the name after them, not to the one before."""
    posts, end = parse_posts(match.sentence.text, match.spans["chain"][0], lexicon)
    person = match.group("person") or ""
    if not posts:
        return Reject("no-post")
    if not _is_person(person, lexicon):
        return Reject("not-a-person", person)
    if _after_a_place_word(match, lexicon):
        return Reject("a-place-name", person)
    if lexicon.names.after_posts.match(match.sentence.text, end):
        return Reject("posts-of-the-next-name")
    values = officials_values(posts, person, match.group("honorific"), lexicon)
    return [Found(match.start, end, values)]


@normalizer("officials.short_reference", kinds=("tokens", "regex"))
def short_reference(match: Match, lexicon: Lexicon) -> dict[str, Any]:
    """`ông Tín`: the given name alone, resolved against the article's full names."""
    words = match.text.split()
    return {
        "person": None,
        "given": words[-1],
        "title": None,
        "organization": None,
        "honorific": words[0].lower(),
    }


@normalizer(
    "officials.names_then_verb",
    groups=("names", "chain"),
    optional=("honorific",),
    gazetteers=GAZETTEERS,
)
def names_then_verb(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`Hai ông Phạm Biên Cương, Vương Bình Thạnh được bầu làm Phó Bí thư Tỉnh ủy An Giang`:
    every name listed takes the posts after the verb."""
    sentence = match.sentence.text
    posts, end = parse_posts(sentence, match.spans["chain"][0], lexicon)
    if not posts:
        return Reject("no-post")
    if lexicon.names.after_posts.match(sentence, end):
        return Reject("posts-of-the-next-name")
    names_start, names_end = match.spans["names"]
    found = []
    for name in lexicon.names.person.finditer(sentence, names_start, names_end):
        if _is_person(name.group(), lexicon):
            values = officials_values(posts, name.group(), match.group("honorific"), lexicon)
            found.append(Found(name.start(), name.end(), values))
    return found or Reject("not-a-person")


@resolver("officials", gazetteers=places.GAZETTEERS)
def resolve_officials(candidates: list[Candidate], text: ArticleText[Lexicon]) -> list[Candidate]:
    """A later `ông Tín` becomes Nguyễn Hữu Tín with his posts; unresolved ones are dropped.

    A bare provincial body takes the article's province (`Tỉnh ủy` → `Tỉnh ủy Long An`)."""
    province = province_of(text)
    full = [c for c in candidates if c.values.get("person")]
    for cand in full:
        organization, _ = attach_place(cand.values["organization"], province, {}, text.lexicon)
        cand.values = {**cand.values, "organization": organization}
    out = []
    for cand in candidates:
        given = cand.values.pop("given", None)
        if given is None:
            out.append(cand)
            continue
        earlier = [
            c
            for c in full
            if c.values["person"].split()[-1] == given and c.sentence.index <= cand.sentence.index
        ]
        if earlier:
            known = earlier[-1].values
            cand.values = {**known, "honorific": cand.values["honorific"]}
            out.append(cand)
    return out
