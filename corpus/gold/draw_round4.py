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
#: the random batches in the order they were drawn (this one first): a re-run of one draw does
#: not count the batches drawn after it as taken
DRAWN = (*(f"dev-{batch}" for batch in "klmnopqrst"), "dev-am")


def draw(articles_dir: Path, batch: str, seed: int, *, source: str = SOURCE, size: int = SIZE,
         min_chars: int = 0, max_chars: int = MAX_CHARS) -> None:
    """`size` articles of `source` of more than `min_chars` and at most `max_chars`, not in any
    selection but this batch's own and those drawn after it, seeded; written to
    selection/<batch>.tsv (an existing selection is the record of what was annotated: it is
    compared, not overwritten)."""
    here = Path(__file__).resolve().parent
    skipped = {f"{later}.tsv" for later in DRAWN[DRAWN.index(batch):]}
    taken = {line.split("\t")[1].strip() for path in (here / "selection").glob("*.tsv")
             if path.name not in skipped
             for line in path.read_text().splitlines()}
    candidates = []
    for line in (articles_dir / source).open(encoding="utf-8"):
        record = json.loads(line)
        chars = sum(len(record.get(key) or "") for key in ("title", "lead", "text"))
        if record["id"] not in taken and min_chars < chars <= max_chars:
            candidates.append(record["id"])
    drawn = random.Random(seed).sample(sorted(candidates), size)
    text = "".join(f"{source}\t{article_id}\n" for article_id in drawn)
    target = here / "selection" / f"{batch}.tsv"
    if target.exists():  # the record stays; a re-run only says whether it draws the same
        same = "the same batch as" if target.read_text() == text else "ANOTHER batch than"
        print(f"{batch}: {len(drawn)} of {len(candidates)} candidates, {same} {target.name}")
        return
    target.write_text(text)
    print(f"{batch}: {len(drawn)} of {len(candidates)} candidates")


if __name__ == "__main__":
    draw(Path(sys.argv[1]), "dev-k", SEED)
