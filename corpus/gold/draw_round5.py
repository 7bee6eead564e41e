"""Round 5: a third unseen measure, then more dev text (drawn 2026-11-30, after round 4):

    python3 corpus/gold/draw_round5.py ../shared/corpus/articles

Drawn as round 4's dev-k (draw_round4.py) with another seed, before any rule of round 5
changed: 40 articles of `vietnews-political.jsonl` not yet in the gold set, drawn with a
fixed seed among those whose title, lead and text hold at most 5,000 characters, split in
order into `dev-l-1` and `dev-l-2`. Scored once as unseen text, then it is dev. Written to
selection/dev-l.tsv.

As it happened: the batch annotated (selection/dev-l.tsv as committed) was drawn while
selection/dev-k.tsv had been overwritten by a re-run of draw_round4.py (the scripts then
counted their own earlier output as taken, so a re-run drew another batch; fixed in the same
commit). The candidates therefore differed from the intended ones by about forty articles,
and one drawn article, vietnews-train-093884, was already in dev-k: it is left out of
dev-l.jsonl (39 articles; its two annotations, a round apart, differ only in the case of two
words). Run now, it says so (it draws another batch): the committed selection is the record.
"""

import sys
from pathlib import Path

from draw_round4 import draw

SEED = 20261202

if __name__ == "__main__":
    draw(Path(sys.argv[1]), "dev-l", SEED)
