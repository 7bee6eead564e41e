"""A random dev batch of ordinary political news, drawn after test-d was scored (2026-11-30):

    python3 corpus/gold/draw_round4.py ../shared/corpus/articles

The blind test-d showed recall falling on new text (officials, organizations), while the
model-rich net had already taken every article it catches. This batch gives the rules more
ordinary articles to learn from: 40 articles of `vietnews-political.jsonl` not yet in the
gold set, drawn with a fixed seed among those whose title, lead and text hold at most 5,000
characters (long articles take an annotator too long for the time this round had), split in
order into `dev-k-1` and `dev-k-2`. Written to selection/dev-k.tsv.
"""

import json
import random
import sys
from pathlib import Path

SEED = 20261201
SIZE = 40
MAX_CHARS = 5000
SOURCE = "vietnews-political.jsonl"


def main(articles_dir: Path) -> None:
    here = Path(__file__).resolve().parent
    taken = {line.split("\t")[1].strip() for path in (here / "selection").glob("*.tsv")
             if path.name not in ("dev-k.tsv", "dev-l.tsv")  # itself, and batches drawn later
             for line in path.read_text().splitlines()}
    candidates = []
    for line in (articles_dir / SOURCE).open(encoding="utf-8"):
        record = json.loads(line)
        size = sum(len(record.get(key) or "") for key in ("title", "lead", "text"))
        if record["id"] not in taken and size <= MAX_CHARS:
            candidates.append(record["id"])
    drawn = random.Random(SEED).sample(sorted(candidates), SIZE)
    (here / "selection" / "dev-k.tsv").write_text(
        "".join(f"{SOURCE}\t{article_id}\n" for article_id in drawn))
    print(f"dev-k: {len(drawn)} of {len(candidates)} candidates")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
