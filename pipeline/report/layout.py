"""Page parts shared by every page of the site: the frame with its nav, and sortable tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape as esc

from pipeline.records import FACT_TABLES


def page_html(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    nav = (
        f'<a class="brand" href="{up}index.html">vnie report</a>'
        f'<a href="{up}articles.html">articles</a>'
        + "".join(f'<a href="{up}{t}.html">{t}</a>' for t in (*FACT_TABLES, "people", "bodies"))
    )
    return (
        f'<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><title>{esc(title)}</title>'
        f'<link rel="stylesheet" href="{up}assets/report.css"></head>\n'
        f'<body><header class="top">{nav}</header><main>\n{body}\n</main>'
        f'<script src="{up}assets/report.js"></script></body></html>\n'
    )


Cell = str | tuple[str, object]  # ready HTML, or (ready HTML, sort key: any value, str()-ed)


def _td(cell: Cell, numeric: bool) -> str:
    css = ' class="num"' if numeric else ""
    if isinstance(cell, tuple):
        return f'<td{css} data-sort="{esc(str(cell[1]))}">{cell[0]}</td>'
    return f"<td{css}>{cell}</td>"


def table_html(
    table_id: str,
    headers: list[str],
    rows: Iterable[Sequence[Cell]],
    row_ids: list[str] | None = None,
    filter_box: bool = True,
    scroll: bool = True,
) -> str:
    """A sortable table; cells are ready HTML (escape before); a header '#x' is numeric."""
    head = "".join(f"<th>{esc(h.lstrip('#'))}</th>" for h in headers)
    numeric = [h.startswith("#") for h in headers]
    body = "\n".join(
        (f'<tr id="{row_ids[n]}">' if row_ids else "<tr>")
        + "".join(_td(c, numeric[i]) for i, c in enumerate(cells))
        + "</tr>"
        for n, cells in enumerate(rows)
    )
    tools = (
        (
            f'<div class="tools"><input class="filter" type="search" data-for="{table_id}" '
            f'placeholder="Filter…" aria-label="Filter rows"><span class="count" '
            f'data-for="{table_id}"></span></div>'
        )
        if filter_box
        else ""
    )
    wrap = ' class="scroll"' if scroll else ""
    return (
        f'{tools}<div{wrap}><table class="data" id="{table_id}"><thead><tr>{head}</tr>'
        f"</thead><tbody>\n{body}\n</tbody></table></div>"
    )
