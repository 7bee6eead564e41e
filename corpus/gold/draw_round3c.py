"""The last model-rich articles of the shared corpus, drawn for dev (2026-11-30):

    python3 corpus/gold/draw_round3c.py ../shared/corpus/articles

After round 3 and dev-i the gold held 115 models. Every article not yet in the gold set in
which `mô hình`, `phong trào`, `cuộc vận động` or `chương trình` is followed within six words
by an opening quote, or `mô hình` within four words by a capitalized word, goes to `dev-j`
(no sampling: the net catches few articles now). Written to selection/dev-j.tsv.
"""

import json
import sys
import unicodedata
from pathlib import Path

import regex

TRIGGER = r"(?<!\p{L})(?:mô hình|phong trào|cuộc vận động|chương trình)"
NET = regex.compile(
    rf"{TRIGGER}(?:[ \t]+[^\s\"“”]+){{0,6}}?[ \t]*[:,]?[ \t]*[\"“«]"
    r"|(?<!\p{L})mô hình(?:[ \t]+[^\s\"“”]+){0,3}?[ \t]+\p{Lu}"
)
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
    (here / "selection" / "dev-j.tsv").write_text(
        "".join(f"{name}\t{article_id}\n" for name, article_id in caught))
    print(f"dev-j: {len(caught)} articles")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
