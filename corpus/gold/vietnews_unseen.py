"""Round 8: model-rich articles nobody has seen, from the rest of the VietNews release (2026-12-01):

    python3 corpus/gold/vietnews_unseen.py ../shared/corpus/articles VIETNEWS_GIT_DIR \
        [--check] [--out DIR]

The models net of draw_round3.py has caught every article of ../shared/corpus it can: about half
are dev, the rest the blind `test-d`, and round 7's 80 random articles named no model. So the
models rules had no unseen text to be measured or improved on. The VietNews release (repository
ThanhChinhBK/vietnews, commit a20d9b7f, word-segmented), which ../shared/corpus's two VietNews
files come from, holds 150,704 articles; ../shared/corpus took 5,951 of them. This script reads
the others from a git clone of that commit (138,076 texts once repeats are dropped), re-joins
them as ../shared/corpus did (`--check` re-joins the 5,951 it took: 5,801 come out identical),
keeps those the net catches with at most 10,000 characters (2,481), and draws two batches of 20
with fixed seeds, before any models rule of round 8 changed:

- `dev-u` (seed 20261211): scored once as unseen text, then dev;
- `dev-v` (seed 20261212): held out while the round's models rules change, scored at the end.

Round 9 (2026-12-01) drew two more, before any rule of round 9 changed, held out while the
round's rules change and scored at its end (`--out DIR` writes them outside the gold folder
until then):

- `dev-w` (seed 20261213): 30 more articles the net catches, for the models table;
- `dev-x` (seed 20261214): 20 articles drawn from every unseen release text of 1,000 to 5,000
  characters, net or not, for the other tables.

Round 10 (2026-12-01) drew two more the same way, before any rule of round 10 changed:

- `dev-y` (seed 20261215): 30 more articles the net catches;
- `dev-z` (seed 20261216): 25 more random release texts of 1,000 to 5,000 characters.

Rounds 11 to 16 drew two more each the same way, before any rule of their round changed: 30 more
articles the net catches (`dev-aa`, `dev-ac`, `dev-ae`, `dev-ag`, `dev-ai`, `dev-ak`) and 25 more
random release texts of 1,000 to 5,000 characters (`dev-ab`, `dev-ad`, `dev-af`, `dev-ah`,
`dev-aj`, `dev-al`), seeds 20261217 to 20261228 in that pairing order (the `BATCHES` list).
Round 17 drew three: `dev-an` (seed 20261230, 30 the net catches), `dev-ao` (seed 20261231, 25
random) and `dev-ap` (seed 20261232, 30 more the net catches: the net's text is where `test-d`'s
organizations and models fall short).
Round 18 drew three the same way: `dev-aq` (seed 20261233, 30 the net catches), `dev-ar` (seed
20261234, 25 random) and `dev-as` (seed 20261235, 30 the net catches).
Round 19 drew three the same way: `dev-at` (seed 20261236, 30 the net catches), `dev-au` (seed
20261237, 25 random) and `dev-av` (seed 20261238, 30 the net catches).
Round 20 drew three the same way: `dev-aw` (seed 20261239, 30 the net catches), `dev-ax` (seed
20261240, 25 random) and `dev-ay` (seed 20261241, 30 the net catches).
Round 21 drew two: `dev-az` (seed 20261242, 30 the net catches) and `dev-ba` (seed 20261243, 25
random).

Their records go to articles/vietnews-unseen.jsonl (the design's article format, with the
release's path in `provenance`), the lists to selection/<batch>.tsv.
"""

import json
import random
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import regex

from draw_round3 import NET

REPO = "ThanhChinhBK/vietnews"
COMMIT = "a20d9b7f5d37b95f39f28f08999092f9fa400983"
SHARED_FILES = ("vietnews-political.jsonl", "vietnews-general.jsonl")
TRIGGERS = ("mô hình", "phong trào", "cuộc vận động", "chương trình", "đề án", "sáng kiến")
MAX_CHARS = 10000
#: (batch, seed, size, drawn from the net's catch or from every text of RANDOM_CHARS), in order
BATCHES = (("dev-u", 20261211, 20, True), ("dev-v", 20261212, 20, True),
           ("dev-w", 20261213, 30, True), ("dev-x", 20261214, 20, False),
           ("dev-y", 20261215, 30, True), ("dev-z", 20261216, 25, False),
           ("dev-aa", 20261217, 30, True), ("dev-ab", 20261218, 25, False),
           ("dev-ac", 20261219, 30, True), ("dev-ad", 20261220, 25, False),
           ("dev-ae", 20261221, 30, True), ("dev-af", 20261222, 25, False),
           ("dev-ag", 20261223, 30, True), ("dev-ah", 20261224, 25, False),
           ("dev-ai", 20261225, 30, True), ("dev-aj", 20261226, 25, False),
           ("dev-ak", 20261227, 30, True), ("dev-al", 20261228, 25, False),
           ("dev-an", 20261230, 30, True), ("dev-ao", 20261231, 25, False),
           ("dev-ap", 20261232, 30, True),
           ("dev-aq", 20261233, 30, True), ("dev-ar", 20261234, 25, False),
           ("dev-as", 20261235, 30, True),
           ("dev-at", 20261236, 30, True), ("dev-au", 20261237, 25, False),
           ("dev-av", 20261238, 30, True),
           ("dev-aw", 20261239, 30, True), ("dev-ax", 20261240, 25, False),
           ("dev-ay", 20261241, 30, True),
           ("dev-az", 20261242, 30, True), ("dev-ba", 20261243, 25, False))
RANDOM_CHARS = (1000, 5000)
OUTPUT = "vietnews-unseen.jsonl"

_SPACE_BEFORE = regex.compile(r"\s+([,.;:!?…%)\]}”])")
_SPACE_AFTER = regex.compile(r"([(\[{“])\s+")
_DOUBLE_QUOTED = regex.compile(r'(?:^|(?<=\s))"\s+(.*?)\s+"(?=\s|[,.;:!?]|$)')
_SINGLE_QUOTED = regex.compile(r"(?:^|(?<=\s))'\s+(.*?)\s+'(?=\s|[,.;:!?]|$)")
_SLASH = regex.compile(r"\s+/\s+")
#: `102 - QĐ/TW`, `116/NĐ - CP`: a document number's dash (not `V.I`, not `1/2/2017 - tức`)
_CODE_DASH = regex.compile(
    r"(?<=\d)\s+-\s+(?=\p{Lu}+/)|(?<=/\p{Lu}[\p{Lu}\p{Ll}]*)\s+-\s+(?=\p{Lu}\p{L}*(?![.\p{L}]))"
)
_NUMBER_DASH = regex.compile(r"(\d)\s+-\s+(\d)")


def rejoin(line: str) -> str:
    """One line of the word-segmented release as running text."""
    text = line.replace("_", " ")
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = _DOUBLE_QUOTED.sub(r'"\1"', text)
    text = _SINGLE_QUOTED.sub(r"'\1'", text)
    text = _SLASH.sub("/", text)
    text = _CODE_DASH.sub("-", text)
    return _NUMBER_DASH.sub(r"\1-\2", text).strip()


def _lines(block: str) -> str:
    return "\n".join(rejoin(line) for line in block.split("\n") if line.strip())


def article(path: str, segmented: str) -> dict:
    """A release file (title, summary, body, captions: blocks parted by a blank line) as an
    article record; `data/test_tokenized/000102.txt.seg` is `vietnews-test-000102`."""
    blocks = segmented.split("\n\n")
    split = path.split("/")[1].removesuffix("_tokenized")
    return {
        "id": f"vietnews-{split}-{Path(path).name.split('.')[0]}",
        "url": None, "source": "vietnews", "title": rejoin(blocks[0]),
        "published_at": None, "author": None, "section": None,
        "lead": rejoin(blocks[1]) if len(blocks) > 1 else "",
        "text": _lines(blocks[2]) if len(blocks) > 2 else "",
        "captions": [_lines(block) for block in blocks[3:] if block.strip()],
        "provenance": {"repo": REPO, "path": path, "commit": COMMIT,
                       "note": "re-joined from the word-segmented release by "
                               "corpus/gold/vietnews_unseen.py; not in ../shared/corpus"},
    }


def read_files(git_dir: Path, paths: list[str]) -> Iterator[tuple[str, str]]:
    """(path, text) of each release file at COMMIT, in pack order: one `git cat-file` pass over
    every object (asking for 150,000 files by name resolves their deltas one by one, for an hour)."""
    listing = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "-r", COMMIT, "data/"],
                             capture_output=True, text=True, check=True).stdout
    wanted = set(paths)
    paths_of: dict[str, list[str]] = {}  # a text may stand in several files
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        if path in wanted:
            paths_of.setdefault(meta.split()[2], []).append(path)
    done = subprocess.run(["git", "-C", str(git_dir), "cat-file", "--batch-all-objects",
                           "--batch", "--unordered"], capture_output=True, check=True)
    out, position = done.stdout, 0
    while position < len(out):
        end = out.index(b"\n", position)
        sha, _, size = out[position:end].split()
        start, position = end + 1, end + 1 + int(size) + 1
        for path in paths_of.get(sha.decode(), ()):
            yield path, out[start:position - 1].decode("utf-8")


def check(shared: list[dict], git_dir: Path) -> None:
    """How many of the shared corpus's VietNews records `article` gives back identical."""
    by_path = {record["provenance"]["path"]: record for record in shared}
    same = sum(
        all(article(path, text)[key] == (by_path[path][key] or ([] if key == "captions" else ""))
            for key in ("title", "lead", "text", "captions"))
        for path, text in read_files(git_dir, list(by_path)))
    print(f"{same} of {len(shared)} shared corpus records re-joined identical")


def main(articles_dir: Path, git_dir: Path, out: Path) -> None:
    shared = [json.loads(line) for name in SHARED_FILES
              for line in (articles_dir / name).open(encoding="utf-8")]
    if "--check" in sys.argv:
        check(shared, git_dir)
        return
    taken = {record["provenance"]["path"] for record in shared}
    listing = subprocess.run(["git", "-C", str(git_dir), "ls-tree", "-r", COMMIT, "data/"],
                             capture_output=True, text=True, check=True).stdout
    files = [(meta.split()[2], path) for meta, path in
             (line.split("\t", 1) for line in listing.splitlines()) if path.endswith(".seg")]
    # the release repeats some articles under several names: a text ../shared/corpus holds under
    # any name is not unseen, and a text is drawn under its first name only
    seen = {sha for sha, path in files if path in taken}
    paths = []
    for sha, path in sorted(files, key=lambda file: file[1]):
        if sha not in seen:
            seen.add(sha)
            paths.append(path)
    caught, plain = {}, {}  # the net's catch; every text of RANDOM_CHARS
    for path, text in read_files(git_dir, paths):
        record = article(path, text)
        body = "\n".join((record["title"], record["lead"], record["text"]))
        if RANDOM_CHARS[0] < len(body) <= RANDOM_CHARS[1]:
            plain[record["id"]] = record
        if (len(body) <= MAX_CHARS and any(word in unicodedata.normalize("NFC", body)
                                           for word in TRIGGERS)
                and NET.search(unicodedata.normalize("NFC", body))):
            caught[record["id"]] = record
    print(f"{len(paths)} release files not in ../shared/corpus; the net catches {len(caught)} "
          f"of at most {MAX_CHARS} characters; {len(plain)} hold {RANDOM_CHARS[0]:,} to "
          f"{RANDOM_CHARS[1]:,}")
    drawn: list[str] = []
    for batch, seed, size, from_net in BATCHES:
        pool = caught if from_net else plain
        chosen = random.Random(seed).sample(sorted(set(pool) - set(drawn)), size)
        (out / "selection").mkdir(parents=True, exist_ok=True)
        (out / "selection" / f"{batch}.tsv").write_text(
            "".join(f"{OUTPUT}\t{article_id}\n" for article_id in chosen))
        drawn += chosen
        print(f"{batch}: {len(chosen)} articles")
    (out / "articles").mkdir(parents=True, exist_ok=True)
    with (out / "articles" / OUTPUT).open("w", encoding="utf-8") as stream:
        for article_id in drawn:
            record = caught.get(article_id) or plain[article_id]
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--check"]
    target = Path(arguments[arguments.index("--out") + 1]) if "--out" in arguments else \
        Path(__file__).resolve().parent
    main(Path(arguments[0]), Path(arguments[1]), target)
