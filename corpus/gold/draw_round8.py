"""Round 8: a held-out measure of round 8's rules (2026-12-01, after round 7, before any rule of
round 8 changed):

    python3 corpus/gold/draw_round8.py ../shared/corpus/articles

Drawn like round 7's held-out pair, with the shared `draw` of draw_round4.py: `dev-s`, 20
articles of `vietnews-political.jsonl` of at most 10,000 characters (seed 20261209), and
`dev-t`, 20 articles of `vietnews-general.jsonl` of at most 5,000 characters (seed 20261210).
They are annotated while the rules change without them, scored once at the end of the round
with the round's first and last rules, then they are dev. Written to selection/dev-s.tsv and
selection/dev-t.tsv.
"""

import sys
from pathlib import Path

from draw_round4 import draw
from draw_round7 import GENERAL

SEED = 20261209

if __name__ == "__main__":
    articles = Path(sys.argv[1])
    draw(articles, "dev-s", SEED, size=20, max_chars=10000)
    draw(articles, "dev-t", SEED + 1, source=GENERAL, size=20)
