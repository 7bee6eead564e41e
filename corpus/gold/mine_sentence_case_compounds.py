"""Mine rules/gazetteers/sentence_case_compounds.txt: the words of a body's name that writers
capitalize word by word (`Trung tâm Giáo dục Thường xuyên`, `Cục An toàn Thông tin`, `Sở Bưu
chính Viễn thông`) and also write in sentence case, the later word in lower case after the
capitalized one (`Trung tâm Giáo dục thường xuyên`, `Cục An toàn thông tin`).

Each entry is a word of the name (one or two syllables) and the two-syllable word after it
(Viet74K), lower case. Counted over the raw text (title, lead, text) of the given JSONL files:

- capitalized: after an organization's head (rules/gazetteers/org_heads.yml), in the run of
  capitalized words of its name, the later word written capitalized (`An toàn Thông tin`);
- sentence case: within a few words after a head, the first syllable capitalized and the rest
  in lower case (`An toàn thông tin`).

A pair is kept when it is written both ways in at least `--min-named` and
`--min-sentence-case` distinct articles. The articles of the gold's test splits (`test`,
`test-d`: corpus/gold/selection/test-*.tsv) are left out, so that no scored article's text
shapes the list. The list is then judged by hand (generic pairs after which the sentence may go
on are dropped).

    PYTHONPATH=. .venv/bin/python corpus/gold/mine_sentence_case_compounds.py FILE.jsonl ...
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import regex

from pipeline.engine.ruleset import alternation, load_gazetteers
from pipeline.extract.lexicon.common import common_vietnamese_words, vietnamese_words
from pipeline.text.normalize import normalize, normalize_phrase

_RULES = Path(__file__).resolve().parents[2] / "rules" / "gazetteers"
_TEST_SELECTIONS = Path(__file__).resolve().parent / "selection"
#: the words after a head in which a name's sentence-case compound is looked for
_WORDS_AFTER_HEAD = 6
_SYLLABLE = r"\p{L}+"
_COMMON = common_vietnamese_words()


def _heads() -> list[str]:
    gazetteers = load_gazetteers(_RULES)
    return [h for h in gazetteers["org_heads"] if h[:1].isupper()]


def _parse_capitalized(syllables: list[str], pairs: frozenset[str]) -> list[tuple[str, ...]]:
    """The words of a capitalized run (`Giáo dục Thường Xuyên`), each one or two syllables:
    two where the pair is a Vietnamese word, the first one capitalized."""
    words: list[tuple[str, ...]] = []
    k = 0
    while k < len(syllables) and syllables[k][:1].isupper():
        pair = syllables[k : k + 2]
        if len(pair) == 2 and " ".join(pair).lower() in pairs:
            words.append(tuple(pair))
            k += 2
        else:
            words.append((syllables[k],))
            k += 1
    return words


def _places() -> regex.Pattern[str]:
    """A place right after the words (`tỉnh Bình Định`, `Hà Nội`) or a bracket: the name,
    read to there, holds them."""
    gazetteers = load_gazetteers(_RULES)
    levels = alternation(gazetteers["place_levels"])
    provinces = alternation(gazetteers["provinces"])
    return regex.compile(rf" (?:(?:{levels}) (?:\p{{Lu}}|\d)|(?:{provinces})(?![\p{{L}}])|\()")


Counts = dict[str, set[str]]


def _name_word(word: tuple[str, ...], pairs: frozenset[str]) -> bool:
    """A word of a name's sectors: two syllables that make a word, or one common syllable."""
    return " ".join(word).lower() in pairs if len(word) == 2 else word[0].lower() in _COMMON


def _sentence_case(
    window: list[str], pairs: frozenset[str], levels: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Where a word of the name, its first syllable capitalized (`An toàn`, `Lọc`), is followed
    by a two-syllable word in lower case (`thông tin`), not a place word (`tỉnh`); the index
    of its first syllable and its width. A one-syllable word only where no capital is right
    before it (`Việt Nam | chi nhánh` is a proper name's end)."""
    for k, first in enumerate(window):
        if not first[:1].isupper() or (k and window[k - 1][:1].isupper()):
            continue
        for width in (1, 2):
            rest = window[k + 1 : k + width + 2]
            if len(rest) < width + 1 or not all(s.islower() for s in rest):
                continue
            before = (first, *rest[: width - 1])
            after = " ".join(rest[-2:])
            if _name_word(before, pairs) and after in pairs and rest[-2] not in levels:
                yield k, width


def _test_ids() -> frozenset[str]:
    """The ids of the articles the test splits score (selection/test-*.tsv: file, id)."""
    return frozenset(
        line.split("\t")[1].strip()
        for path in _TEST_SELECTIONS.glob("test-*.tsv")
        for line in path.open(encoding="utf-8")
        if "\t" in line
    )


def mine(files: list[Path]) -> tuple[Counts, Counts, Counts]:
    """The articles in which each compound is written capitalized, in sentence case, and in
    sentence case right before a place; the test splits' articles left out."""
    held_out = _test_ids()
    pairs = vietnamese_words()
    heads = regex.compile(r"(?<![\p{L}])(?:" + alternation(_heads()) + r")(?= )")
    places = _places()
    levels = frozenset(w.split()[0] for w in load_gazetteers(_RULES)["place_levels"])
    capitalized: dict[str, set[str]] = collections.defaultdict(set)
    sentence_case: dict[str, set[str]] = collections.defaultdict(set)
    closed: dict[str, set[str]] = collections.defaultdict(set)
    for path in files:
        for line in path.open(encoding="utf-8"):
            article = json.loads(line)
            if article.get("id") in held_out:
                continue
            key = str(article.get("id") or article.get("url") or hash(line))
            raw = "\n".join(str(article.get(f) or "") for f in ("title", "lead", "text"))
            text = normalize(raw).text
            for head in heads.finditer(text):
                after = regex.match(r"(?: " + _SYLLABLE + r")+", text[head.end() :])
                if after is None:
                    continue
                syllables = after.group().split()
                ends = [head.end() + m.end() for m in regex.finditer(_SYLLABLE, after.group())]
                words = _parse_capitalized(syllables, pairs)
                for before, word in itertools.pairwise(words):
                    if len(word) == 2 and _name_word(before, pairs):
                        compound = normalize_phrase(" ".join(before + word).lower())
                        capitalized[compound].add(key)
                for k, width in _sentence_case(syllables[:_WORDS_AFTER_HEAD], pairs, levels):
                    compound = normalize_phrase(" ".join(syllables[k : k + width + 2]).lower())
                    sentence_case[compound].add(key)
                    if places.match(text, ends[k + width + 1]):
                        closed[compound].add(key)
    return capitalized, sentence_case, closed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--min-named", type=int, default=2)
    parser.add_argument("--min-sentence-case", type=int, default=2)
    args = parser.parse_args()
    capitalized, sentence_case, closed = mine(args.files)
    kept = []
    for compound, articles in sentence_case.items():
        named = capitalized.get(compound, set()) | closed.get(compound, set())
        if len(articles) >= args.min_sentence_case and len(named) >= args.min_named:
            kept.append((compound, len(capitalized.get(compound, ())), len(named), len(articles)))
    sys.stdout.write("# compound\tcapitalized\tcapitalized or closed by a place\tsentence case\n")
    for compound, caps, named, lower in sorted(kept, key=lambda k: (-k[2], -k[3], k[0])):
        sys.stdout.write(f"{compound}\t{caps}\t{named}\t{lower}\n")


if __name__ == "__main__":
    main()
