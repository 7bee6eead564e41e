"""How well the extractor reads saved real pages: four measures over pages with expected output.

A page `NAME.html` counts when `NAME.expected.json` beside it has `title`, `published_at`,
`author`, `lead` and `body` (the shared corpus's format). The measures, as in issue 11:

- title exact: the extracted title equals the expected visible headline (after NFC and
  whitespace collapsing);
- time to the minute: the extracted `published_at` equals the expected one up to the minute,
  offset included (`2026-03-07T08:47` and `+07:00`);
- body similarity: see `body_similarity`; its mean over the pages, and the share of pages
  at 0.95 or more.

Run `python -m pipeline.sources.page_scores [DIR]` (default `../shared/corpus/html`, i.e.
the shared corpus beside the checkout) to print them, page by page and overall.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.sources.article_html import article_from_html

DEFAULT_PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "html"
PARAGRAPH_TOKEN = "¶"
_SPACES = re.compile(r"\s+")


def _tokens(text: str) -> list[str]:
    """NFC words of a body, with one `¶` between paragraphs (any run of line breaks)."""
    paragraphs = [p for p in re.split(r"\n+", unicodedata.normalize("NFC", text)) if p.strip()]
    tokens: list[str] = []
    for paragraph in paragraphs:
        if tokens:
            tokens.append(PARAGRAPH_TOKEN)
        tokens += paragraph.split()
    return tokens


def body_similarity(expected: str, extracted: str) -> float:
    """Similarity of two bodies in [0, 1]: difflib's ratio over word tokens.

    Both texts are NFC-normalized and split on whitespace into words; a paragraph break (one
    or more line breaks: the expected bodies use `\\n`, records `\\n\\n`) is one more token.
    The ratio is 2·M / (len(a) + len(b)), M the words in matching blocks
    (`difflib.SequenceMatcher`, `autojunk=False`): a missing or an extra paragraph of k words
    costs about k tokens, a split or merged paragraph one token.
    """
    a, b = _tokens(expected), _tokens(extracted)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_text(a: str | None, b: str | None) -> bool:
    """Equal after NFC and whitespace collapsing (None equals only None or '')."""

    def norm(text: str | None) -> str:
        return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()

    return norm(a) == norm(b)


def same_minute(expected: str | None, extracted: str | None) -> bool:
    """ISO 8601 times equal to the minute, offset included (`…T08:47` and `+07:00`)."""
    if not expected or not extracted:
        return expected == extracted
    return expected[:16] == extracted[:16] and expected[-6:] == extracted[-6:]


@dataclass(frozen=True)
class PageScore:
    """One page's extraction against its expected output."""

    name: str
    title_ok: bool
    time_ok: bool
    author_ok: bool
    similarity: float
    milliseconds: float
    record: dict[str, Any]
    expected: dict[str, Any]


def expected_pages(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(page, expected) for every page of the folder with an expected extraction in our format."""
    pages = []
    for expected_file in sorted(folder.glob("*.expected.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        if not {"title", "published_at", "body"} <= set(expected):
            continue  # another project's format (fundus): tested on its own
        page = expected_file.with_name(expected_file.name.replace(".expected.json", ".html"))
        if page.exists():
            pages.append((page, expected))
    return pages


def author_matches(expected: str | None, extracted: str | None) -> bool:
    """The byline as printed, or the expected one inside a longer printed one."""
    if same_text(expected, extracted):
        return True
    return bool(expected and extracted and same_text(expected, extracted[: len(expected)]))


def score_page(page: Path, expected: dict[str, Any]) -> PageScore:
    """Extract one page and compare it with its expected output."""
    body = page.read_bytes()
    started = time.perf_counter()
    record = article_from_html(body, url=expected.get("url"))
    elapsed = (time.perf_counter() - started) * 1000
    return PageScore(
        name=page.stem,
        title_ok=same_text(expected["title"], record["title"]),
        time_ok=same_minute(expected["published_at"], record["published_at"]),
        author_ok=author_matches(expected.get("author"), record["author"]),
        similarity=body_similarity(expected["body"], record["text"]),
        milliseconds=elapsed,
        record=record,
        expected=expected,
    )


def summary(scores: list[PageScore]) -> dict[str, float]:
    """The four measures of issue 11 (and the author's), over the pages scored."""
    n = len(scores) or 1
    return {
        "pages": len(scores),
        "title_exact": sum(s.title_ok for s in scores) / n,
        "time_to_the_minute": sum(s.time_ok for s in scores) / n,
        "author": sum(s.author_ok for s in scores) / n,
        "body_similarity_mean": sum(s.similarity for s in scores) / n,
        "share_body_at_least_0.95": sum(s.similarity >= 0.95 for s in scores) / n,
        "slowest_ms": max((s.milliseconds for s in scores), default=0.0),
    }


def main(argv: list[str] | None = None) -> int:
    """Print each page's scores and the four measures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_PAGES)
    args = parser.parse_args(argv)
    pages = expected_pages(args.folder)
    if not pages:
        print(f"no pages with expected output in {args.folder}", file=sys.stderr)
        return 2
    article_from_html(pages[0][0].read_bytes())  # warm up imports before timing
    scores = [score_page(page, expected) for page, expected in pages]
    print(f"{'page':38} title time author  body   ms")
    for s in scores:
        marks = " ".join("ok " if flag else "NO " for flag in (s.title_ok, s.time_ok, s.author_ok))
        print(f"{s.name:38} {marks}   {s.similarity:.3f} {s.milliseconds:5.1f}")
    for name, value in summary(scores).items():
        print(f"{name:28} {value:.3f}" if isinstance(value, float) else f"{name:28} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
