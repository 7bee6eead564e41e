"""How the identity gold was drawn (run once, 2026-11-30, before any linking code was written).

    .venv/bin/vnie extract ../shared/corpus/articles --out /tmp/identity-run --workers 2
    .venv/bin/python corpus/gold/identity/draw_identity.py /tmp/identity-run

Reads the officials and organizations tables of a run over the whole shared corpus and writes
pairs of mentions from two different articles, each to be labelled by reading both articles:

officials.jsonl (170 pairs; same person name, compared case-insensitively)
  uniform   110 names drawn uniformly among the names that stand in two or more articles; for
            each, two of its articles at random, and one mention of the name in each
  split     60 more names drawn uniformly among those whose mentions name two different
            organizations (both non-empty) in two articles; for each, one such pair at random
            (the cases where a merging rule must decide)
bodies.jsonl (50 pairs)
  same      30 organization names (case-insensitive) drawn uniformly among those in two or more
            articles; two of their articles at random
  prefix    10 names that are the start of a longer name (`Sở Xây dựng`, `Sở Xây dựng tỉnh
            Khánh Hòa`), drawn uniformly, each with one of its longer names at random
  written   10 names that differ from another only in writing (case, place-level words `tỉnh`
            and `thành phố`, `và`, spaces, dashes), drawn uniformly, with one such name at
            random
(the pair's two mentions come from two different articles, at random).

A name drawn in one stratum is not drawn again in another. Everything is drawn with one seeded
generator, over rows sorted by (article_id, start), so the draw does not depend on row order.
The label fields are left empty here and filled by the annotator (corpus/gold/GUIDE.md).
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import regex

SEED = 20261130
COUNTS = {"uniform": 110, "split": 60, "same": 30, "prefix": 10, "written": 10}
KEEP = ("article_id", "field", "start", "end", "text")


def _rows(run: Path, table: str, columns: tuple[str, ...]) -> list[dict]:
    rows = pq.read_table(run / f"{table}.parquet", columns=[*KEEP, *columns]).to_pylist()
    return sorted(rows, key=lambda r: (r["article_id"], r["field"], r["start"]))


def _by_article(rows: list[dict], key: str) -> dict[str, dict[str, list[dict]]]:
    """name (case-folded) → article id → its mentions, for names in two or more articles."""
    grouped: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row[key]:
            grouped[row[key].casefold()][row["article_id"]].append(row)
    return {name: dict(arts) for name, arts in sorted(grouped.items()) if len(arts) >= 2}


def _pair(rng: random.Random, articles: dict[str, list[dict]]) -> tuple[dict, dict]:
    first, second = rng.sample(sorted(articles), 2)
    return rng.choice(articles[first]), rng.choice(articles[second])


def _record(stratum: str, a: dict, b: dict) -> dict:
    return {"stratum": stratum, "a": a, "b": b, "label": None, "reason": ""}


def draw_officials(rng: random.Random, run: Path) -> list[dict]:
    names = _by_article(_rows(run, "officials", ("person", "title", "organization")), "person")
    uniform = rng.sample(sorted(names), COUNTS["uniform"])
    pairs = [_record("uniform", *_pair(rng, names[n])) for n in uniform]
    splittable = {}
    for name, articles in names.items():
        if name in uniform:
            continue
        options = [
            (x, y)
            for i, art_x in enumerate(sorted(articles))
            for art_y in sorted(articles)[i + 1 :]
            for x in articles[art_x]
            for y in articles[art_y]
            if x["organization"] and y["organization"] and x["organization"] != y["organization"]
        ]
        if options:
            splittable[name] = options
    for name in rng.sample(sorted(splittable), COUNTS["split"]):
        pairs.append(_record("split", *rng.choice(splittable[name])))
    return pairs


def draw_bodies(rng: random.Random, run: Path) -> list[dict]:
    rows = _rows(run, "organizations", ("name", "org_type", "level", "location"))
    names = _by_article(rows, "name")
    same = rng.sample(sorted(names), COUNTS["same"])
    pairs = [_record("same", *_pair(rng, names[n])) for n in same]
    every: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        every[row["name"].casefold()][row["article_id"]].append(row)
    names_left = [name for name in sorted(every) if name not in same]
    for stratum, matches in (
        ("prefix", _prefix_matches(names_left)),
        ("written", _written_matches(names_left)),
    ):
        matches = {  # only names that stand in two different articles
            x: ys
            for x, y_all in matches.items()
            if (
                ys := [
                    y for y in y_all if set(every[x]) | set(every[y]) != {*every[x]} & {*every[y]}
                ]
            )
        }
        for x in rng.sample(sorted(matches), COUNTS[stratum]):
            y = rng.choice(matches[x])
            options = [
                (every[x][art_x][0], every[y][art_y][0])
                for art_x in sorted(every[x])
                for art_y in sorted(every[y])
                if art_x != art_y
            ]
            pairs.append(_record(stratum, *rng.choice(options)))
    return pairs


def _prefix_matches(names: list[str]) -> dict[str, list[str]]:
    """name → the longer names that begin with its words (`sở xây dựng` → `sở xây dựng tỉnh …`)."""
    known = set(names)
    matches: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        for cut in range(2, len(words)):
            shorter = " ".join(words[:cut])
            if shorter in known:
                matches[shorter].append(name)
    return dict(matches)


_WRITING = regex.compile(r"\b(?:tỉnh|thành phố|tp\.?|và)\b|[^\p{L}\p{N}]")


def _written_matches(names: list[str]) -> dict[str, list[str]]:
    """name → the names that differ from it only in writing: place-level words, `và`, spaces,
    dashes and punctuation (`sở tài nguyên - môi trường` → `sở tài nguyên và môi trường`)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[_WRITING.sub("", name)].append(name)
    return {
        name: [other for other in group if other != name]
        for group in groups.values()
        if len(group) > 1
        for name in group
    }


def main(run: Path) -> None:
    here = Path(__file__).resolve().parent
    rng = random.Random(SEED)
    for name, pairs in (("officials", draw_officials(rng, run)), ("bodies", draw_bodies(rng, run))):
        with (here / f"{name}.jsonl").open("w", encoding="utf-8") as stream:
            for number, pair in enumerate(pairs, 1):
                stream.write(json.dumps({"pair": number, **pair}, ensure_ascii=False) + "\n")
        print(f"{name}: {len(pairs)} pairs")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
