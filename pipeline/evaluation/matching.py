"""Whether two names, or two titles, are the same fact: the matching rules of the scorer.

- Names (persons, organizations, models) are compared normalized: NFC, modern tone marks
  through `pipeline.text.normalize.normalize_phrase`, casefolded, whitespace squashed.
- Organization and model names are then split into word tokens (letters and digits;
  punctuation dropped). Two names match when the Dice coefficient of their token sets,
  2·|A∩B| / (|A|+|B|), is ≥ 0.85, or when one name equals the other with an attached place
  removed (a trailing "tỉnh/thành phố/TP/huyện/quận/thị xã/xã/phường/thị trấn" followed by
  capitalized words, e.g. "Ủy ban nhân dân tỉnh Long An" vs "Ủy ban nhân dân"; the level word
  also capitalized, as in the standard name "Thành phố Hồ Chí Minh"). Matching is
  one-to-one, greedy by best score (exact 1.0, place rule 0.9, else Dice).
- A title is split into posts on ";". Two posts agree when, normalized and split into word
  tokens, they are equal, or one is a prefix of the other ("Chủ tịch" / "Chủ tịch Hội đồng
  nhân dân tỉnh"), or they overlap by at least half of the longer one (shared tokens /
  max(len)) ≥ 0.5, provided both or neither carry "phó" (deputy ≠ head). Titles match when
  any gold post agrees with any predicted post.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import regex

from pipeline.text.normalize import normalize_phrase

FUZZY_THRESHOLD = 0.85
TITLE_OVERLAP = 0.5
_SPACES_RE = regex.compile(r"\s+")
_TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_PLACE_RE = regex.compile(
    r"\s+(?:tỉnh|[tT]hành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)"
    r"(?:\s+[\p{Lu}\p{N}][\p{L}\p{M}\p{N}.]*)+$"
)


def normalize_name(name: Any) -> str:
    """A name for comparison: NFC, modern tone marks, casefolded, single spaces."""
    if not isinstance(name, str):
        return ""
    return _SPACES_RE.sub(" ", normalize_phrase(name)).strip().casefold()


def name_tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(normalize_name(text))


def _without_place(name: str) -> list[str]:
    return name_tokens(_PLACE_RE.sub("", normalize_phrase(name)))


def name_similarity(first: str, second: str) -> float:
    """Similarity of two organization / model names (see the module docstring); 0 to 1."""
    first_list, second_list = name_tokens(first), name_tokens(second)
    if first_list == second_list or (first_list and set(first_list) == set(second_list)):
        return 1.0
    if _without_place(first) == second_list or _without_place(second) == first_list:
        return 0.9
    first_tokens, second_tokens = set(first_list), set(second_list)
    total = len(first_tokens) + len(second_tokens)
    return 2 * len(first_tokens & second_tokens) / total if total else 0.0


def _post_agrees(gold_post: list[str], predicted_post: list[str]) -> bool:
    if not gold_post or not predicted_post:
        return False
    if ("phó" in gold_post) != ("phó" in predicted_post):
        return False
    shorter, longer = sorted((gold_post, predicted_post), key=len)
    if longer[: len(shorter)] == shorter:
        return True
    shared = sum(min(gold_post.count(t), predicted_post.count(t)) for t in set(gold_post))
    return shared / len(longer) >= TITLE_OVERLAP


def title_matches(gold_title: Any, predicted_title: Any) -> bool:
    """Whether a predicted title shares a post with the gold title (module docstring rule)."""
    if not isinstance(gold_title, str) or not isinstance(predicted_title, str):
        return False
    gold_posts = [name_tokens(post) for post in gold_title.split(";")]
    predicted_posts = [name_tokens(post) for post in predicted_title.split(";")]
    return any(_post_agrees(g, p) for g in gold_posts for p in predicted_posts)


def match_exact(
    gold_keys: Iterable[Hashable], predicted_keys: Iterable[Hashable]
) -> dict[Hashable, Hashable]:
    gold_set = set(gold_keys)
    return {key: key for key in predicted_keys if key in gold_set}


def match_fuzzy(
    gold_names: Mapping[str, str], predicted_names: Mapping[str, str]
) -> dict[str, str]:
    """One-to-one, greedy by best score: {predicted key: gold key}; names are {key: spelling}."""
    pairs = []
    for gold_key, gold_name in gold_names.items():
        for predicted_key, predicted_name in predicted_names.items():
            similarity = name_similarity(gold_name, predicted_name)
            if similarity >= FUZZY_THRESHOLD:
                pairs.append((-similarity, gold_key, predicted_key))
    pairs.sort()
    matched: dict[str, str] = {}
    used_gold: set[str] = set()
    for _, gold_key, predicted_key in pairs:
        if predicted_key not in matched and gold_key not in used_gold:
            matched[predicted_key] = gold_key
            used_gold.add(gold_key)
    return matched
