"""Pages across articles: one per person and one per body, each with its timeline and links to
the articles that name it, and the lists of people and bodies (from the linking stage)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from html import escape as esc
from pathlib import Path
from typing import Any

from pipeline.outputs.diff import read_table
from pipeline.report import layout
from pipeline.report.charts import chart_timeline
from pipeline.report.mentions import Mention, Row, article_href


def person_href(person_id: str) -> str:
    """A person's page inside report/."""
    return f"people/{person_id}.html"


def body_href(body_id: str) -> str:
    """A body's page inside report/."""
    return f"bodies/{body_id}.html"


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else ""


class LinkedPages:
    """The people and bodies of a run, with what points at them."""

    def __init__(self, out_dir: Path, articles: dict[str, Row], mentions: dict[str, list[Mention]]):
        self.articles = articles
        self.people = {row["person_id"]: row for row in read_table(out_dir, "people")}
        self.bodies = {row["body_id"]: row for row in read_table(out_dir, "bodies")}
        self.positions = read_table(out_dir, "positions")
        self.by_person: dict[str, list[Row]] = defaultdict(list)
        self.held_at: dict[str, list[Row]] = defaultdict(list)
        for position in self.positions:
            self.by_person[position["person_id"]].append(position)
            if position["body_id"]:
                self.held_at[position["body_id"]].append(position)
        self.named: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        for table, column in (
            ("officials", "person_id"),
            ("organizations", "body_id"),
            ("documents", "issuer_body_id"),
        ):
            for mention in mentions.get(table, []):
                if mention.row.get(column):
                    self.named[(column, mention.row[column])].append(mention)
        self.children: dict[str, list[Row]] = defaultdict(list)
        for body in self.bodies.values():
            if body["parent_body_id"]:
                self.children[body["parent_body_id"]].append(body)

    def pages(self) -> Iterator[tuple[str, str]]:
        """(path inside report/, page) for the lists and every person and body."""
        yield "people.html", self._people_list()
        yield "bodies.html", self._bodies_list()
        for person_id in self.people:
            yield person_href(person_id), self._person(person_id)
        for body_id in self.bodies:
            yield body_href(body_id), self._body(body_id)

    # ---- links -----------------------------------------------------------------------------

    def _body_link(self, body_id: str | None, fallback: str | None, depth: int) -> str:
        body = self.bodies.get(body_id or "")
        if body is None:
            return esc(fallback or "")
        return f'<a href="{"../" * depth}{body_href(body["body_id"])}">{esc(body["name"])}</a>'

    def _person_link(self, person_id: str, depth: int) -> str:
        name = self.people.get(person_id, {}).get("name") or person_id
        return f'<a href="{"../" * depth}{person_href(person_id)}">{esc(name)}</a>'

    def _body_name(self, position: Row) -> str:
        body = self.bodies.get(position["body_id"] or "")
        return body["name"] if body else position["organization"] or ""

    def _article_link(self, article_id: str, depth: int, anchor: str = "") -> str:
        title = (self.articles.get(article_id) or {}).get("title") or article_id
        return f'<a href="{"../" * depth}{article_href(article_id)}{anchor}">{esc(title)}</a>'

    def _mentions_table(self, table_id: str, mentions: list[Mention]) -> str:
        rows = []
        for m in mentions:
            article = self.articles.get(m.row["article_id"]) or {}
            rows.append(
                [
                    self._article_link(m.row["article_id"], 1, f"#m-{m.mark_id}"),
                    esc(str(article.get("published_at") or "")[:10]),
                    esc(m.row["text"]),
                ]
            )
        return layout.table_html(table_id, ["article", "published", "as written"], rows)

    # ---- pages -----------------------------------------------------------------------------

    def _people_list(self) -> str:
        rows: list[list[layout.Cell]] = [
            [
                self._person_link(person_id, 0),
                (str(row["n_articles"]), row["n_articles"]),
                _day(row["first_seen"]),
                _day(row["last_seen"]),
                esc(row["provinces"] or ""),
            ]
            for person_id, row in self.people.items()
        ]
        body = f"<h1>People ({len(rows)})</h1>" + layout.table_html(
            "people", ["person", "#articles", "first seen", "last seen", "provinces"], rows
        )
        return layout.page_html("people", body, 0)

    def _bodies_list(self) -> str:
        rows: list[list[layout.Cell]] = [
            [
                self._body_link(body_id, None, 0),
                esc(row["province"] or ""),
                esc(row["province_2025"] or ""),
                esc(row["level"] or ""),
                (str(row["n_articles"]), row["n_articles"]),
                _day(row["first_seen"]),
                _day(row["last_seen"]),
            ]
            for body_id, row in self.bodies.items()
        ]
        headers = ["body", "province", "province 2025", "level", "#articles", "first", "last"]
        body = f"<h1>Bodies ({len(rows)})</h1>" + layout.table_html("bodies", headers, rows)
        return layout.page_html("bodies", body, 0)

    def _person(self, person_id: str) -> str:
        person = self.people[person_id]
        posts = sorted(
            self.by_person.get(person_id, []),
            key=lambda p: (p["first_seen"] is None, p["first_seen"] or 0, p["title"]),
        )
        bars = [
            (
                f"{p['title']} · {self._body_name(p)}",
                p["first_seen"],
                p["last_seen"],
                f"../{article_href(p['article_id'])}",
            )
            for p in posts
        ]
        rows: list[list[layout.Cell]] = [
            [
                esc(p["title"]),
                self._body_link(p["body_id"], p["organization"], 1),
                _day(p["first_seen"]),
                _day(p["last_seen"]),
                (str(p["n_articles"]), p["n_articles"]),
                self._article_link(p["article_id"], 1),
            ]
            for p in posts
        ]
        meta = [
            f"{person['n_articles']} articles",
            f"seen {_day(person['first_seen'])} – {_day(person['last_seen'])}"
            if person["first_seen"]
            else "undated",
            person["provinces"] or "",
        ]
        body = (
            f"<h1>{esc(person['name'])}</h1>"
            f'<p class="meta">{"".join(f"<span>{esc(m)}</span>" for m in meta if m)}</p>'
            "<h2>Posts over time</h2>"
            + chart_timeline(bars, "posts")
            + layout.table_html(
                "posts",
                ["post", "body", "from", "to", "#articles", "example article"],
                rows,
                filter_box=False,
            )
            + "<h2>Mentions</h2>"
            + self._mentions_table("person-mentions", self.named.get(("person_id", person_id), []))
        )
        return layout.page_html(person["name"], body, 1)

    def _body(self, body_id: str) -> str:
        body = self.bodies[body_id]
        held = sorted(
            self.held_at.get(body_id, []),
            key=lambda p: (p["first_seen"] is None, p["first_seen"] or 0, p["title"]),
        )
        bars = [
            (
                f"{p['title']} · {self.people.get(p['person_id'], {}).get('name', '')}",
                p["first_seen"],
                p["last_seen"],
                f"../{person_href(p['person_id'])}",
            )
            for p in held
        ]
        rows: list[list[layout.Cell]] = [
            [
                self._person_link(p["person_id"], 1),
                esc(p["title"]),
                _day(p["first_seen"]),
                _day(p["last_seen"]),
                (str(p["n_articles"]), p["n_articles"]),
            ]
            for p in held
        ]
        place = " · ".join(
            part
            for part in (
                body["province"] and f"province {body['province']}",
                body["province_2025"] and f"since 2025: {body['province_2025']}",
                body["commune_2025"] and f"commune since 2025: {body['commune_2025']}",
            )
            if part
        )
        parent = (
            f"<p>Part of {self._body_link(body['parent_body_id'], None, 1)}</p>"
            if body["parent_body_id"]
            else ""
        )
        children = self.children.get(body_id, [])
        inside = (
            "<p>Bodies within: "
            + ", ".join(self._body_link(c["body_id"], None, 1) for c in children)
            + "</p>"
            if children
            else ""
        )
        documents = self.named.get(("issuer_body_id", body_id), [])
        issued = (
            "<h2>Documents it issued</h2>"
            + layout.table_html(
                "issued",
                ["document", "issued on", "article"],
                [
                    [
                        esc(m.row["doc_id"] or m.row["as_written"]),
                        esc(m.row.get("issued_on") or ""),
                        self._article_link(m.row["article_id"], 1, f"#m-{m.mark_id}"),
                    ]
                    for m in documents
                ],
            )
            if documents
            else ""
        )
        meta = [body["org_type"] or "", body["level"] or "", f"{body['n_articles']} articles"]
        content = (
            f"<h1>{esc(body['name'])}</h1>"
            f'<p class="meta">{"".join(f"<span>{esc(m)}</span>" for m in meta if m)}</p>'
            f'<p class="meta">{esc(place or "unplaced: the articles do not say where")}</p>'
            + parent
            + inside
            + "<h2>Who held posts here</h2>"
            + chart_timeline(bars, "posts")
            + layout.table_html(
                "held", ["person", "post", "from", "to", "#articles"], rows, filter_box=False
            )
            + issued
            + "<h2>Mentions</h2>"
            + self._mentions_table("body-mentions", self.named.get(("body_id", body_id), []))
        )
        return layout.page_html(body["name"], content, 1)
