"""Round 16: a held-out batch of the shared corpus's own political news (2026-12-02, before any
rule of round 16 changed):

    python3 corpus/gold/draw_round16.py ../shared/corpus/articles

Rounds 8 to 15 held out text from outside `../shared/corpus`; this batch measures the round on
the shared corpus's own political news, the source of `test-d`'s random stratum (most of
`test-d` is the models net's catch, which gold now holds in full), drawn with the shared `draw`
of draw_round4.py: `dev-am`, 25 articles of `vietnews-political.jsonl` of at
most 5,000 characters in no gold file (seed 20261229). Annotated while the rules change without
it, scored once at the end of the round with the round's first and last rules, then dev.
Written to selection/dev-am.tsv.
"""

import sys
from pathlib import Path

from draw_round4 import draw

SEED = 20261229

if __name__ == "__main__":
    draw(Path(sys.argv[1]), "dev-am", SEED, size=25)
