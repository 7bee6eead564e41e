"""A board written bare (`bầu Ban Thường vụ gồm 19 đồng chí`) completed with the body the same
sentence names (GUIDE.md Round 6: a bare party board is completed with its committee only when
the sentence names the committee): rules/gazetteers/boards_of_named_bodies.yml."""

from __future__ import annotations

from typing import NamedTuple

import regex

from pipeline.engine.contracts import Match
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.org_names import opens_with, scan_name

#: a capitalized word right after the board: its own name goes on
_NAME_GOES_ON = regex.compile(r"\s+\p{Lu}")


class NamedBoard(NamedTuple):
    """A board's full name and the place of the body it belongs to."""

    name: str
    place_level: str | None
    place: str | None


def board_of_named_body(match: Match, end: int, board: str, lexicon: Lexicon) -> NamedBoard | None:
    """`Ban Thường vụ` → `Ban Thường vụ Tỉnh ủy Thái Bình` where the sentence names `Tỉnh uỷ
    Thái Bình` (the body the board is written with elsewhere in the sentence, or else the
    nearest body it may belong to), or None; `end` is where the board's
    written name ends."""
    bodies = lexicon.bodies
    parents = bodies.boards_of_named_bodies.get(board)
    if not parents:
        return None
    text = match.sentence.text
    if _NAME_GOES_ON.match(text, end):
        return None  # `Ban Chấp hành Trung ương Hội …`: a name the scan did not read
    nearest: tuple[int, NamedBoard] | None = None
    for found in bodies.head.finditer(text):
        if match.start <= found.start() < end:
            continue
        written = found.group()
        full = bodies.abbreviations.get(written, written)
        parent = bodies.heads_by_lower.get(full.lower(), full)
        if parent not in parents:
            continue
        scanned = scan_name(text, found.start(), found.end(), lexicon)
        entry = bodies.heads.get(parent)
        if not (scanned.named or scanned.place_level or (entry and entry.alone)):
            continue  # `Hội` of which association?
        name = bodies.expand(text[scanned.start : scanned.end])
        if name in bodies.not_organizations or opens_with(name, bodies.not_openings):
            continue  # `Hội An`: a city named like an association
        distance = abs(found.start() - match.start)
        if text[: found.start()].rstrip().lower().endswith(board.lower()):
            distance = -1  # `Ban Thường vụ Tỉnh uỷ … vào Ban Thường vụ`: the board named before
        if nearest is None or distance < nearest[0]:
            named = NamedBoard(f"{board} {name}", scanned.place_level, scanned.place)
            nearest = (distance, named)
    return nearest[1] if nearest else None
