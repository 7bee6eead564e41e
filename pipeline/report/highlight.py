"""Mentions marked in an article's text: nested, displaCy-style `<mark>`s, one colour per kind."""

from __future__ import annotations

import heapq
from html import escape as esc

from pipeline.outputs.tables import MENTION_COLUMNS
from pipeline.report.mentions import Mention

LABELS = {
    "organizations": "org",
    "officials": "per",
    "documents": "doc",
    "models": "mô hình",
    "money": "tiền",
}


def _tooltip(mention: Mention) -> str:
    lines = [f"{mention.table} · {mention.row['rule_id']}"]
    lines += [
        f"{k}: {v}"
        for k, v in mention.row.items()
        if k not in MENTION_COLUMNS and v not in (None, "")
    ]
    return "\n".join(lines)


def highlight(text: str, mentions: list[Mention]) -> str:
    """The field's text as HTML with nested <mark>s; a mark crossing another's end is cut."""
    heap = [
        (m.row["start"], -m.row["end"], n, m, False)
        for n, m in enumerate(mentions)
        if 0 <= m.row["start"] < m.row["end"] <= len(text)
    ]
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[int] = []
    position = 0
    while heap:
        start, negative_end, order, mention, continued = heapq.heappop(heap)
        end = -negative_end
        while stack and stack[-1] <= start:
            closing = stack.pop()
            out.append(esc(text[position:closing]) + "</mark>")
            position = closing
        cut = bool(stack) and end > stack[-1]
        if cut:  # the rest of this mark opens again where the enclosing one closes
            heapq.heappush(heap, (stack[-1], negative_end, order, mention, True))
            end = stack[-1]
        out.append(esc(text[position:start]))
        position = start
        classes = f"ent k-{mention.table}" + " cont" * continued + " cut" * cut
        anchor = "" if continued else f' id="m-{mention.mark_id}"'
        out.append(
            f'<mark class="{classes}"{anchor} data-m="{mention.mark_id}" '
            f'data-label="{esc(LABELS[mention.table])}" title="{esc(_tooltip(mention))}">'
        )
        stack.append(end)
    while stack:
        closing = stack.pop()
        out.append(esc(text[position:closing]) + "</mark>")
        position = closing
    out.append(esc(text[position:]))
    return "".join(out)
