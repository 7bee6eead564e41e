"""A fetched page's bytes → text: the charset from the HTTP header, a BOM, the meta tag, UTF-8."""

from __future__ import annotations

import codecs
import re
import unicodedata

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def _codec(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip(" \"'").lower()).name
    except LookupError:
        return None


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    """Bytes → NFC text; charset from the HTTP header, a BOM, the meta tag, then UTF-8.

    Legacy `windows-1258` pages write tone marks as combining characters; NFC composes them.
    Raises ValueError when the body is empty.
    """
    if isinstance(body, str):
        return unicodedata.normalize("NFC", body)
    if not body:
        raise ValueError("empty page")
    candidates: list[str] = []
    if body.startswith(codecs.BOM_UTF8):
        candidates.append("utf-8-sig")
    if content_type and "charset=" in content_type.lower():
        label = content_type.lower().split("charset=")[-1].split(";")[0]
        candidates.append(_codec(label) or "")
    match = _META_CHARSET.search(body[:8192])
    if match:
        candidates.append(_codec(match.group(1).decode("ascii", "replace")) or "")
    candidates += ["utf-8", "cp1258"]
    for charset in dict.fromkeys(c for c in candidates if c):
        try:
            return unicodedata.normalize("NFC", body.decode(charset))
        except UnicodeDecodeError:
            continue
    return unicodedata.normalize("NFC", body.decode("utf-8", errors="replace"))
