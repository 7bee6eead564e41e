"""Round 7: a fifth unseen measure, from text rounds 4–6 did not draw (2026-12-01, after round 6):

    python3 corpus/gold/draw_round7.py ../shared/corpus/articles

Rounds 4–6 drew short VietNews political articles (at most 5,000 characters), while the blind
`test-d` also holds long feature articles and general news. So, with the shared `draw` of
draw_round4.py and before any rule of round 7 changed: `dev-o`, 20 articles of
`vietnews-political.jsonl` of more than 5,000 and at most 10,000 characters (seed 20261205),
annotated in two batches of 10 (`dev-o-1`, `dev-o-2`); and `dev-p`, 20 articles of
`vietnews-general.jsonl` of at most 5,000 characters (seed 20261206). Scored once as unseen
text, then they are dev. Written to selection/dev-o.tsv and selection/dev-p.tsv.

Then, the same day and also before any rule of round 7 changed, a held-out measure of the
round's rules: `dev-q`, 20 articles of `vietnews-political.jsonl` of at most 10,000 characters
(seed 20261207), and `dev-r`, 20 articles of `vietnews-general.jsonl` of at most 5,000
characters (seed 20261208), annotated while the rules were changed without them, scored once
at the end of the round, then dev. Written to selection/dev-q.tsv and selection/dev-r.tsv.
"""

import sys
from pathlib import Path

from draw_round4 import draw

SEED = 20261205
GENERAL = "vietnews-general.jsonl"

if __name__ == "__main__":
    articles = Path(sys.argv[1])
    draw(articles, "dev-o", SEED, size=20, min_chars=5000, max_chars=10000)
    draw(articles, "dev-p", SEED + 1, source=GENERAL, size=20)
    draw(articles, "dev-q", SEED + 2, size=20, max_chars=10000)
    draw(articles, "dev-r", SEED + 3, source=GENERAL, size=20)
