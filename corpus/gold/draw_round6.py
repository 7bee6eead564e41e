"""Round 6: a fourth unseen measure, then more dev text (drawn 2026-11-30, after round 5):

    python3 corpus/gold/draw_round6.py ../shared/corpus/articles

Drawn as rounds 4 and 5 were (the shared `draw` of draw_round4.py) with another seed, before
any rule of round 6 changed: 40 articles of `vietnews-political.jsonl` not yet in the gold
set, drawn with a fixed seed among those whose title, lead and text hold at most 5,000
characters, split in order into `dev-m-1` and `dev-m-2`; then, the same way with the next
seed, 40 more as `dev-n` (`dev-n-1`, `dev-n-2`), so that the unseen measure and the material
the rules learn from are twice as large. Both drawn before any rule of round 6 changed.
Scored once as unseen text, then they are dev. Written to selection/dev-m.tsv and
selection/dev-n.tsv.
"""

import sys
from pathlib import Path

from draw_round4 import draw

SEED = 20261203

if __name__ == "__main__":
    draw(Path(sys.argv[1]), "dev-m", SEED)
    draw(Path(sys.argv[1]), "dev-n", SEED + 1)
