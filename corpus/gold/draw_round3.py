"""How the third round of gold articles was drawn (run once, 2026-11-30, before any rule change).

    python3 corpus/gold/draw_round3.py ../shared/corpus/articles

Strata, all excluding articles already in the gold set:
  net   every article of the shared corpus in which a models trigger (mô hình, phong trào,
        cuộc vận động, chương trình, đề án, sáng kiến) is followed within three words by an
        opening quote, or `mô hình` is followed directly by a capitalized word
  bd    every other Báo Bình Định article
  pol   20 other vietnews-political articles, drawn at random
Within each stratum the articles are shuffled with a fixed seed and 40% (rounded) go to the
blind split test-d, the rest to dev (dev-g for the net, dev-h for the others). The lists are
written to selection/{dev-g,dev-h,test-d}.tsv in corpus order.
"""

import json
import random
import sys
import unicodedata
from pathlib import Path

import regex

SEED = 20261130
TEST_SHARE = 0.4
RANDOM_POLITICAL = 20
TRIGGER = r"(?<!\p{L})(?:mô hình|phong trào|cuộc vận động|chương trình|đề án|sáng kiến)(?!\p{L})"
NET = regex.compile(
    rf"{TRIGGER}(?:[ \t]+[^\s\"“”]+){{0,3}}?[ \t]*[:,]?[ \t]*[\"“«]"
    r"|(?<!\p{L})mô hình[ \t]+\p{Lu}"
)
FILES = ("vietnews-political.jsonl", "vietnews-general.jsonl", "baobinhdinh.jsonl",
         "provincial-excerpts.jsonl")


def main(articles_dir: Path) -> None:
    here = Path(__file__).resolve().parent
    taken = {line.split("\t")[1].strip() for path in (here / "selection").glob("*.tsv")
             if path.stem[:5] in ("dev-a", "dev-b", "dev-c", "dev-d", "dev-e", "dev-f",
                                  "test-")
             and path.stem != "test-d" for line in path.read_text().splitlines()}
    strata: dict[str, list[tuple[str, str]]] = {"net": [], "bd": [], "pol": []}
    for name in FILES:
        for line in (articles_dir / name).open(encoding="utf-8"):
            record = json.loads(line)
            if record["id"] in taken:
                continue
            text = unicodedata.normalize("NFC", "\n".join(
                record.get(key) or "" for key in ("title", "lead", "text")))
            if NET.search(text):
                strata["net"].append((name, record["id"]))
            elif name == "baobinhdinh.jsonl":
                strata["bd"].append((name, record["id"]))
            elif name == "vietnews-political.jsonl":
                strata["pol"].append((name, record["id"]))
    rng = random.Random(SEED)
    strata["pol"] = rng.sample(strata["pol"], RANDOM_POLITICAL)
    order = {key: n for n, key in enumerate(
        (name, article_id) for stratum in strata.values() for name, article_id in stratum)}
    split: dict[str, list[tuple[str, str]]] = {"dev-g": [], "dev-h": [], "test-d": []}
    for stratum, members in strata.items():
        shuffled = members[:]
        rng.shuffle(shuffled)
        n_test = round(len(shuffled) * TEST_SHARE)
        split["test-d"] += shuffled[:n_test]
        split["dev-g" if stratum == "net" else "dev-h"] += shuffled[n_test:]
    for part, members in split.items():
        members.sort(key=order.__getitem__)
        (here / "selection" / f"{part}.tsv").write_text(
            "".join(f"{name}\t{article_id}\n" for name, article_id in members))
        print(part, len(members), {s: sum(m in strata[s] for m in members) for s in strata})


if __name__ == "__main__":
    main(Path(sys.argv[1]))
