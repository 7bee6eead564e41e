"""Posts of an official's mention: the `title` column split into (title, body as written).

The officials table writes the main post's title bare, with its body in `organization`, and the
other posts whole (`Ủy viên Ban Thường vụ Tỉnh ủy; Phó Chủ tịch` + `UBND tỉnh Nghệ An`). Each
part is read here as the longest known title (rules/gazetteers/titles.yml) and the rest, which
names the post's body; the last bare part is the main post and takes `organization`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import regex


class WrittenPost(NamedTuple):
    """One post of a mention: its title (a kept prefix included) and its body as written."""

    title: str
    organization: str | None


class PostReader:
    """Splits a mention's posts, knowing the titles, the words that may stand before a title
    (rules/gazetteers/title_prefixes.txt) and which of those change nothing."""

    def __init__(
        self, titles: Iterable[str], prefixes: Iterable[str], neutral_prefixes: Iterable[str]
    ):
        self.prefixes = frozenset(prefix.casefold() for prefix in prefixes)
        ordered = sorted(set(titles), key=lambda title: (-len(title), title))
        self.canonical = {title.casefold(): title for title in ordered}
        self.neutral = {prefix.casefold() for prefix in neutral_prefixes}
        self._read: dict[tuple[str | None, str | None], list[WrittenPost]] = {}
        self._parts: dict[str, tuple[str, str | None]] = {}  # see `_part`
        self.pattern = regex.compile(
            r"(?:(?P<prefix>"
            + "|".join(regex.escape(prefix) for prefix in sorted(self.prefixes))
            + r")\s+)?(?P<title>"
            + "|".join(regex.escape(title) for title in ordered)
            + r")(?![\p{L}])\s*(?P<rest>.*)$",
            regex.IGNORECASE,
        )

    def posts(self, title: str | None, organization: str | None) -> list[WrittenPost]:
        """The posts of one mention, in the order written."""
        posts = self._read.get((title, organization))
        if posts is None:
            posts = self._read[(title, organization)] = self._posts(title, organization)
        return posts

    def _posts(self, title: str | None, organization: str | None) -> list[WrittenPost]:
        parts = [part.strip() for part in (title or "").split(";") if part.strip()]
        read = [self._part(part) for part in parts]
        bare = [i for i, (_, rest) in enumerate(read) if not rest]
        main = bare[-1] if bare else None
        return [
            WrittenPost(name, rest or (organization or None if i == main else None))
            for i, (name, rest) in enumerate(read)
        ]

    def _part(self, part: str) -> tuple[str, str | None]:
        """One part's (title, body as written), read once per distinct part."""
        read = self._parts.get(part)
        if read is None:
            read = self._parts[part] = self._read_part(part)
        return read

    def _read_part(self, part: str) -> tuple[str, str | None]:
        found = self.pattern.match(part)
        if found is None:
            return part, None
        title = self.canonical.get(found.group("title").casefold(), found.group("title"))
        prefix = (found.group("prefix") or "").casefold()
        if prefix and prefix not in self.neutral:
            title = f"{prefix} {title}"
        return title, found.group("rest") or None

    def base_title(self, title: str) -> str:
        """The title without `nguyên`, `cựu`, `quyền` (to compare posts held at any time)."""
        first, _, rest = title.partition(" ")
        return rest if first.casefold() in self.prefixes and rest else title
