"""More model-rich dev articles, drawn after test-d was frozen (2026-11-30), seed 20261201:

    python3 corpus/gold/draw_round3b.py ../shared/corpus/articles

The gold held fewer than 120 models after round 3, so 50 more articles were drawn at random,
for dev only (`dev-i`), from those not yet in the gold set in which `mô hình` is followed
within three words by a capitalized word or an opening quote (names like `mô hình điểm
"Dân vận khéo"`, `mô hình Cánh đồng lớn`). Written to selection/dev-i.tsv in corpus order.
"""

import json
import random
import sys
import unicodedata
from pathlib import Path

import regex

SEED = 20261201
SIZE = 50
NET = regex.compile(r"(?<!\p{L})mô hình(?:[ \t]+[^\s\"“”]+){0,2}?[ \t]+(?:[\"“«]|\p{Lu})")
FILES = ("vietnews-political.jsonl", "vietnews-general.jsonl", "baobinhdinh.jsonl")


def main(articles_dir: Path) -> None:
    here = Path(__file__).resolve().parent
    taken = {line.split("\t")[1].strip() for path in (here / "selection").glob("*.tsv")
             for line in path.read_text().splitlines()}
    caught = []
    for name in FILES:
        for line in (articles_dir / name).open(encoding="utf-8"):
            record = json.loads(line)
            text = unicodedata.normalize("NFC", "\n".join(
                record.get(key) or "" for key in ("title", "lead", "text")))
            if record["id"] not in taken and NET.search(text):
                caught.append((name, record["id"]))
    chosen = set(random.Random(SEED).sample(caught, SIZE))
    members = [member for member in caught if member in chosen]
    (here / "selection" / "dev-i.tsv").write_text(
        "".join(f"{name}\t{article_id}\n" for name, article_id in members))
    print(f"dev-i: {len(members)} of {len(caught)} caught")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
