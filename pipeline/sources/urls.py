"""URL canonicalization: one article is one URL, whatever tracking or fragment it came with."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

#: Query parameters that say where a reader came from, not which page they read.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "zarsrc", "_ga", "igshid", "mc_cid", "mc_eid"}
)
TRACKING_PREFIXES = ("utm_", "itm_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking(param: str) -> bool:
    """True for analytics parameters such as `utm_source` or `fbclid`."""
    name = param.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def host_key(host: str) -> str:
    """Host without `www.` so that `www.baolongan.vn` and `baolongan.vn` are one site."""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def canonical_url(url: str, base: str | None = None, prefer: str | None = None) -> str | None:
    """Absolute, lower-case scheme and host, no default port, fragment or tracking parameters.

    With `prefer` (the source's base URL), a URL on the same site takes its scheme and host
    spelling (`http://www.x.vn/a` → `https://x.vn/a` when the base is `https://x.vn/`).
    Returns None for what is not an http(s) URL (mailto:, javascript:, …).
    """
    url = url.strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if prefer:
        preferred = urlsplit(prefer)
        preferred_host = preferred.hostname
        if (
            preferred_host
            and host_key(preferred_host) == host_key(host)
            and (port in (None, DEFAULT_PORTS[scheme]) or port == preferred.port)
        ):
            scheme, host, port = preferred.scheme, preferred_host.lower(), preferred.port
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))
