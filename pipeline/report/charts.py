"""The index page's charts, as inline SVG (no script, no CDN): mentions per month, top facts."""

from __future__ import annotations

import re
from collections import Counter
from html import escape as esc
from typing import Any

from pipeline.records import FACT_TABLES

COLORS = {
    "organizations": "#7aecec",
    "officials": "#aa9cfc",
    "documents": "#feca74",
    "models": "#bfe1d9",
    "money": "#c9cf9a",
}
_MONTH = (re.compile(r"^\s*(\d{4})-(\d{1,2})"), re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"))


def month_of(published_at: Any) -> str | None:
    """'YYYY-MM' from an ISO or day/month/year date, None when there is none."""
    if not published_at:
        return None
    iso = _MONTH[0].match(str(published_at))
    if iso:
        year, month = int(iso.group(1)), int(iso.group(2))
    else:
        dmy = _MONTH[1].search(str(published_at))
        if not dmy:
            return None
        year, month = int(dmy.group(3)), int(dmy.group(2))
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 < year < 2200 else None


def _month_range(months: list[str]) -> list[str]:
    """Every month from the first to the last (up to 30 years), so gaps show as gaps."""
    if not months:
        return []
    first, last = (int(m[:4]) * 12 + int(m[5:]) - 1 for m in (months[0], months[-1]))
    if last - first > 360:
        return months
    return [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(first, last + 1)]


def chart_by_month(per_month: dict[str, Counter[str]]) -> str:
    """Stacked bars: mentions per month, one colour per table."""
    months = _month_range(sorted(per_month))
    if not months:
        return '<p class="meta">No parseable publication dates.</p>'
    gap, left, top, height = 4, 48, 12, 180
    bar = max(6, min(40, 700 // len(months) - gap))
    width = left + len(months) * (bar + gap) + 20
    peak = max(sum(c.values()) for c in per_month.values()) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="Mentions per month" '
        f'viewBox="0 0 {width} {height + 60}" width="{width}" height="{height + 60}">'
    ]
    for tick in range(5):
        value = round(peak * tick / 4)
        y = top + height - height * value / peak
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#eee"/><text x="{left - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{value}</text>'
        )
    step = max(1, len(months) // 24)
    for i, month in enumerate(months):
        x = left + i * (bar + gap)
        base: float = top + height  # the top of the bars stacked so far
        for table in FACT_TABLES:
            count = per_month.get(month, Counter())[table]
            if not count:
                continue
            size = height * count / peak
            base -= size
            parts.append(
                f'<rect x="{x}" y="{base:.1f}" width="{bar}" height="{size:.1f}" '
                f'fill="{COLORS[table]}"><title>{esc(month)} {table}: {count}</title>'
                f"</rect>"
            )
        if i % step == 0:
            parts.append(
                f'<text x="{x + bar / 2}" y="{top + height + 12}" text-anchor="end" '
                f'transform="rotate(-45 {x + bar / 2} {top + height + 12})">'
                f"{esc(month)}</text>"
            )
    parts.append("</svg>")
    legend = "".join(f'<span class="swatch k-{t}">{t}</span>' for t in FACT_TABLES)
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def chart_top(items: list[tuple[str, int, str]], label: str) -> str:
    """Horizontal bars of (name, count, link), largest first."""
    if not items:
        return f'<p class="meta">No {esc(label)}.</p>'
    row, left, width = 22, 190, 640
    peak = max(count for _, count, _ in items) or 1
    height = row * len(items) + 10
    parts = [
        f'<svg class="chart" role="img" aria-label="{esc(label)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
    ]
    for i, (name, count, href) in enumerate(items):
        y, size = 5 + i * row, (width - left - 50) * count / peak
        short = name if len(name) <= 28 else name[:27] + "…"
        parts.append(
            f'<a href="{esc(href)}"><text x="{left - 6}" y="{y + 14}" text-anchor="end">'
            f'{esc(short)}</text><rect x="{left}" y="{y + 2}" width="{size:.1f}" '
            f'height="{row - 6}" fill="{COLORS["documents"]}"><title>{esc(name)}: '
            f'{count}</title></rect><text x="{left + size + 4:.1f}" y="{y + 14}">'
            f"{count}</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_timeline(bars: list[tuple[str, Any, Any, str]], label: str) -> str:
    """Horizontal bars on a time axis: (label, first date, last date, link) each; a post seen
    on one day is a dot. Rows without a date are left out (the table beside lists them)."""
    dated = [(name, first, last or first, href) for name, first, last, href in bars if first]
    if not dated:
        return f'<p class="meta">No dated {esc(label)}: the articles give no publication date.</p>'
    start = min(first for _, first, _, _ in dated).toordinal()
    end = max(last for _, _, last, _ in dated).toordinal()
    span = max(end - start, 1)
    row, left, width = 22, 260, 760
    plot = width - left - 20
    height = row * len(dated) + 30
    parts = [
        f'<svg class="chart" role="img" aria-label="{esc(label)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
    ]
    shown = -100.0
    for tick, text in _ticks(start, end):
        x = left + plot * (tick - start) / span
        if x - shown < 56:  # no label over the last one
            continue
        shown = x
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height - 18}" stroke="#eee"/>'
            f'<text x="{x:.1f}" y="{height - 4}">{text}</text>'
        )
    for i, (name, first, last, href) in enumerate(dated):
        y = 4 + i * row
        x1 = left + plot * (first.toordinal() - start) / span
        x2 = left + plot * (last.toordinal() - start) / span
        short = name if len(name) <= 40 else name[:39] + "…"
        tip = f"{name}: {first.isoformat()} – {last.isoformat()}"
        parts.append(
            f'<a href="{esc(href)}"><text x="{left - 6}" y="{y + 14}" text-anchor="end">'
            f"{esc(short)}</text>"
            f'<rect x="{x1:.1f}" y="{y + 3}" width="{max(x2 - x1, 4):.1f}" height="{row - 8}" '
            f'rx="3" fill="{COLORS["officials"]}"><title>{esc(tip)}</title></rect></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(start: int, end: int) -> list[tuple[int, str]]:
    """Axis marks between two ordinal days: months over less than two years, else years."""
    from datetime import date

    first, last = date.fromordinal(start), date.fromordinal(end)
    if end - start < 730:
        months = (last.year - first.year) * 12 + last.month - first.month
        days = [
            date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1)
            for n in range(months + 1)
        ]
        return [(max(d.toordinal(), start), f"{d.year}-{d.month:02d}") for d in days]
    return [
        (max(date(year, 1, 1).toordinal(), start), str(year))
        for year in range(first.year, last.year + 1)
    ]
