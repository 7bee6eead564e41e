"""A fact row as the report sees it: its table, its key (what the fact is) and page paths."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,80}")

Row = dict[str, Any]


@dataclass
class Mention:
    """A fact row with its table, its place in the table (`data-m`) and its fact key."""

    table: str
    index: int
    row: Row
    key: str

    @property
    def mark_id(self) -> str:
        return f"{self.table}-{self.index}"


def fact_key(table: str, row: Row) -> str:
    """What a fact is, for grouping: the normalized name, doc_id, person or amount."""
    if table == "money":
        if row.get("amount_vnd") is not None:
            return f"{format_vnd(row['amount_vnd'])} đồng"
        if row.get("amount") is not None:
            return f"{row['amount']:g} {row.get('currency') or ''}".strip()
    column = {"officials": "person", "documents": "doc_id"}.get(table, "name")
    return str(row.get(column) or row.get("text") or "")


def format_vnd(amount: Any) -> str:
    return f"{int(amount):,}".replace(",", ".") if amount is not None else ""


def _slug(text: str, prefix: str = "") -> str:
    if prefix == "" and _SAFE_ID.fullmatch(text):
        return text
    return prefix + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def article_href(article_id: str) -> str:
    """The article page's path inside report/."""
    return f"articles/{_slug(article_id)}.html"


def fact_href(table: str, key: str) -> str:
    """The fact page's path inside report/."""
    return f"facts/{table}/{_slug(table + chr(0) + key, 'f')}.html"
