"""The site over an out dir: what is read, the pages built from it, and the atomic write."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape as esc
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.outputs.diff import input_paths, read_articles, read_table, sentence_bounds
from pipeline.outputs.tables import LINK_TABLES, MENTION_COLUMNS
from pipeline.records import FACT_TABLES, TEXT_FIELDS, Article
from pipeline.report.charts import chart_by_month, chart_top, month_of
from pipeline.report.highlight import highlight
from pipeline.report.layout import Cell, page_html, table_html
from pipeline.report.linked import LinkedPages
from pipeline.report.mentions import Mention, Row, article_href, fact_href, fact_key, format_vnd

TOP = 20


@dataclass
class _Data:
    out_dir: Path
    articles: dict[str, Row]  # article id → articles.csv row
    records: dict[str, Article]  # article id → the article record, when its input is found
    mentions: dict[str, list[Mention]]  # table → mentions
    by_article: dict[str, list[Mention]]
    by_fact: dict[tuple[str, str], list[Mention]]
    manifest: dict[str, Any]


def _load(out_dir: Path, articles_paths: list[Path] | None) -> _Data:
    articles = {row["article_id"]: row for row in read_table(out_dir, "articles")}
    paths = list(articles_paths) if articles_paths else input_paths(out_dir)
    records = read_articles(paths, set(articles)) if paths else {}
    mentions: dict[str, list[Mention]] = {}
    by_article: dict[str, list[Mention]] = defaultdict(list)
    by_fact: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for table in FACT_TABLES:
        mentions[table] = [
            Mention(table, i, row, fact_key(table, row))
            for i, row in enumerate(read_table(out_dir, table))
        ]
        for mention in mentions[table]:
            by_article[mention.row["article_id"]].append(mention)
            by_fact[(table, mention.key)].append(mention)
    manifest_path = out_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    return _Data(out_dir, articles, records, mentions, by_article, by_fact, manifest)


def _values_text(row: Row) -> str:
    return "; ".join(
        f"{k}: {v}" for k, v in row.items() if k not in MENTION_COLUMNS and v not in (None, "")
    )


def _article_link(data: _Data, article_id: str, depth: int, anchor: str = "") -> str:
    title = (data.articles.get(article_id) or {}).get("title") or article_id
    return f'<a href="{"../" * depth}{article_href(article_id)}{anchor}">{esc(title)}</a>'


def _article_page(data: _Data, article_id: str) -> str:
    row = data.articles.get(article_id) or {"article_id": article_id}
    record = data.records.get(article_id)
    mentions = data.by_article.get(article_id, [])
    meta = [esc(str(row.get(k))) for k in ("source", "published_at", "author") if row.get(k)]
    url = str(row.get("url") or "")
    if url.startswith(("http://", "https://")):
        meta.append(f'<a href="{esc(url)}" rel="noreferrer">original</a>')
    counts = Counter(m.table for m in mentions)
    toggles = "".join(
        f'<label class="swatch k-{t}"><input type="checkbox" class="kind-toggle" data-kind="{t}" '
        f"checked> {t} ({counts[t]})</label>"
        for t in FACT_TABLES
    )
    parts = [
        f"<h1>{esc(str(row.get('title') or article_id))}</h1>",
        f'<p class="meta">{"".join(f"<span>{m}</span>" for m in meta)}</p>',
        f'<div class="legend">{toggles}</div>',
    ]
    bad: set[str] = set()
    if record is None:
        parts.append(
            '<p class="warn">The article record was not found in the run\'s inputs: '
            "only its mentions are listed.</p>"
        )
    else:
        for field in TEXT_FIELDS:
            text = record.field_text(field)
            if not text:
                continue
            here = [m for m in mentions if m.row["field"] == field]
            bad.update(
                m.mark_id for m in here if text[m.row["start"] : m.row["end"]] != m.row["text"]
            )
            good = [m for m in here if m.mark_id not in bad]
            css = "doc title-field" if field == "title" else "doc"
            parts.append(
                f'<h3>{field}</h3><div class="{css}" data-field="{field}">'
                f"{highlight(text, good)}</div>"
            )
    rows, row_ids = [], []
    for m in sorted(
        mentions,
        key=lambda m: (
            TEXT_FIELDS.index(m.row["field"]) if m.row["field"] in TEXT_FIELDS else 9,
            m.row["start"],
        ),
    ):
        row_ids.append(f"row-{m.mark_id}")
        text = esc(m.row["text"]) + (
            ' <span class="warn">(offsets do not match)</span>' if m.mark_id in bad else ""
        )
        rows.append(
            [
                f'<span class="swatch k-{m.table}">{m.table}</span>',
                f'<a href="#m-{m.mark_id}">{text}</a>',
                f'<a href="../{fact_href(m.table, m.key)}">{esc(m.key)}</a>',
                f'<span class="values">{esc(_values_text(m.row))}</span>',
                esc(m.row["rule_id"]),
                esc(m.row["field"]),
                str(m.row["start"]),
            ]
        )
    table = table_html(
        "mentions",
        ["kind", "as written", "fact", "normalized", "rule", "field", "#start"],
        rows,
        row_ids,
    )
    parts += [f"<h2>Mentions ({len(mentions)})</h2>", table]
    return page_html(str(row.get("title") or article_id), "\n".join(parts), 1)


def _fact_page(data: _Data, table: str, key: str, mentions: list[Mention]) -> str:
    articles = {m.row["article_id"] for m in mentions}
    rows = []
    for m in mentions:
        record = data.records.get(m.row["article_id"])
        start, end = m.row["start"], m.row["end"]
        sentence = f"<mark>{esc(m.row['text'])}</mark>"
        text = record.field_text(m.row["field"]) if record is not None else ""
        if text[start:end] == m.row["text"]:
            left, right = sentence_bounds(text, start, end)
            sentence = (
                f"{esc(text[left:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:right])}"
            )
        article = data.articles.get(m.row["article_id"]) or {}
        rows.append(
            [
                _article_link(data, m.row["article_id"], 2, f"#m-{m.mark_id}"),
                esc(str(article.get("source") or "")),
                esc(str(article.get("published_at") or "")),
                esc(m.row["text"]),
                esc(m.row["rule_id"]),
                f'<span class="sentence">{sentence}</span>',
            ]
        )
    body = (
        f'<p class="meta"><span class="swatch k-{table}">{table}</span> '
        f"{len(mentions)} mentions in {len(articles)} articles</p><h1>{esc(key)}</h1>"
        + table_html(
            "fact-mentions",
            ["article", "source", "published", "as written", "rule", "sentence"],
            rows,
        )
    )
    return page_html(f"{table}: {key}", body, 2)


def _fact_rows(data: _Data, table: str, limit: int | None, depth: int) -> list[list[str]]:
    facts = [(key, ms) for (t, key), ms in data.by_fact.items() if t == table]
    facts.sort(key=lambda item: (-len(item[1]), item[0]))
    return [
        [
            f'<a href="{"../" * depth}{fact_href(table, key)}">{esc(key)}</a>',
            str(len(ms)),
            str(len({m.row["article_id"] for m in ms})),
        ]
        for key, ms in facts[:limit]
    ]


def _index_page(data: _Data) -> str:
    counts = {t: len(ms) for t, ms in data.mentions.items()}
    errors = sum(1 for _ in read_table(data.out_dir, "errors"))
    cards = [
        f'<div class="card"><a href="articles.html"><b>{len(data.articles)}</b>articles</a></div>'
    ]
    cards += [
        f'<div class="card"><a href="{t}.html"><b>{counts[t]}</b>{t}</a></div>' for t in FACT_TABLES
    ]
    for linked in LINK_TABLES[:2]:  # bodies, people: across articles
        count = len(read_table(data.out_dir, linked))
        cards.append(f'<div class="card"><a href="{linked}.html"><b>{count}</b>{linked}</a></div>')
    cards.append(f'<div class="card"><a href="../errors.csv"><b>{errors}</b>errors</a></div>')
    run = data.manifest
    meta = [
        f"rules {run['rules_hash']}" if run.get("rules_hash") else "",
        f"run {run['started_at']}" if run.get("started_at") else "",
        f"vnie {run['vnie']}" if run.get("vnie") else "",
    ]
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    article_source = {aid: str(row.get("source") or "—") for aid, row in data.articles.items()}
    for source in article_source.values():
        per_source[source]["articles"] += 1
    per_month: dict[str, Counter[str]] = defaultdict(Counter)
    months = {aid: month_of(row.get("published_at")) for aid, row in data.articles.items()}
    for table, mentions in data.mentions.items():
        for m in mentions:
            aid = m.row["article_id"]
            per_source[article_source.get(aid, "—")][table] += 1
            if month := months.get(aid):
                per_month[month][table] += 1
    source_rows = [
        [esc(s), *(str(c[k]) for k in ("articles", *FACT_TABLES))]
        for s, c in sorted(per_source.items(), key=lambda i: -i[1]["articles"])
    ]
    top_docs = [
        (key, len(ms), fact_href("documents", key))
        for (t, key), ms in sorted(data.by_fact.items(), key=lambda i: (-len(i[1]), i[0][1]))
        if t == "documents"
    ][:15]
    parts = [
        "<h1>What the rules found</h1>",
        f'<p class="meta">{"".join(f"<span>{esc(m)}</span>" for m in meta if m)}</p>',
        f'<div class="cards">{"".join(cards)}</div>',
        "<h2>Per source</h2>",
        table_html(
            "sources",
            ["source", "#articles", *(f"#{t}" for t in FACT_TABLES)],
            source_rows,
            filter_box=False,
            scroll=False,
        ),
        "<h2>Mentions per month</h2>",
        chart_by_month(per_month),
        f'<p class="meta">{sum(1 for m in months.values() if not m)} articles have no '
        "parseable publication date and are left out.</p>",
        "<h2>Top documents</h2>",
        chart_top(top_docs, "documents"),
        f"<h2>Most frequent facts (top {TOP})</h2>",
        '<div class="grid">',
    ]
    for table in ("organizations", "officials", "documents", "models"):
        parts.append(
            f'<div><h3><a href="{table}.html">{table}</a></h3>'
            + table_html(
                f"top-{table}",
                [table, "#mentions", "#articles"],
                _fact_rows(data, table, TOP, 0),
                filter_box=False,
                scroll=False,
            )
            + "</div>"
        )
    parts += ["</div>", "<h2>Money by article</h2>", _money_table(data)]
    return page_html("vnie report", "\n".join(parts), 0)


def _money_table(data: _Data) -> str:
    totals: dict[str, list[Mention]] = defaultdict(list)
    for m in data.mentions["money"]:
        totals[m.row["article_id"]].append(m)
    rows: list[tuple[int, list[Cell]]] = []  # (total, cells)
    for aid, ms in totals.items():
        total = sum(m.row.get("amount_vnd") or 0 for m in ms)
        largest = max((m.row.get("amount_vnd") or 0 for m in ms), default=0)
        rows.append(
            (
                total,
                [
                    _article_link(data, aid, 0),
                    esc(str((data.articles.get(aid) or {}).get("source") or "")),
                    str(len(ms)),
                    (format_vnd(total), total),
                    (format_vnd(largest), largest),
                ],
            )
        )
    rows.sort(key=lambda item: -item[0])
    table = table_html(
        "money-by-article",
        ["article", "source", "#figures", "#total (đồng)", "#largest (đồng)"],
        [cells for _, cells in rows],
    )
    return table + '<p class="meta">Ranges count their low end; other currencies count 0.</p>'


def _articles_page(data: _Data) -> str:
    rows = []
    for aid, row in data.articles.items():
        counts = Counter(m.table for m in data.by_article.get(aid, []))
        rows.append(
            [
                _article_link(data, aid, 0),
                esc(str(row.get("source") or "")),
                esc(str(row.get("published_at") or "")),
                *(str(counts[t]) for t in FACT_TABLES),
            ]
        )
    body = f"<h1>Articles ({len(rows)})</h1>" + table_html(
        "articles", ["title", "source", "published", *(f"#{t}" for t in FACT_TABLES)], rows
    )
    return page_html("articles", body, 0)


def _facts_page(data: _Data, table: str) -> str:
    rows = _fact_rows(data, table, None, 0)
    body = f"<h1>{table} ({len(rows)} distinct)</h1>" + table_html(
        f"facts-{table}", [table, "#mentions", "#articles"], rows
    )
    return page_html(table, body, 0)


def build_report(out_dir: Path, articles_paths: list[Path] | None = None) -> Path:
    """Write out_dir/report/: index, one page per article, per fact, per person and per body;
    returns index.html."""
    out_dir = Path(out_dir)
    data = _load(out_dir, articles_paths)
    tmp = out_dir / ".report.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "assets").mkdir(parents=True)
    for table in FACT_TABLES:
        (tmp / "facts" / table).mkdir(parents=True)
    for folder in ("articles", "people", "bodies"):
        (tmp / folder).mkdir()
    assets = resources.files("pipeline.report") / "assets"
    for name in ("report.css", "report.js"):
        (tmp / "assets" / name).write_text((assets / name).read_text("utf-8"), "utf-8")

    def write(relative: str, page: str) -> None:
        (tmp / relative).write_text(page, encoding="utf-8")

    write("index.html", _index_page(data))
    write("articles.html", _articles_page(data))
    for table in FACT_TABLES:
        write(f"{table}.html", _facts_page(data, table))
    for article_id in data.articles:
        write(article_href(article_id), _article_page(data, article_id))
    for (table, key), mentions in data.by_fact.items():
        write(fact_href(table, key), _fact_page(data, table, key, mentions))
    for relative, linked_page in LinkedPages(out_dir, data.articles, data.mentions).pages():
        write(relative, linked_page)
    target = out_dir / "report"
    old = out_dir / ".report.old"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        for kept in target.glob("*.png"):  # screenshots taken of an earlier build
            shutil.copy2(kept, tmp / kept.name)
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)
    return target / "index.html"
