"""Stable identities for articles.

    canonical_url("HTTPS://www.Example.com/a/?utm_source=x#top") == "https://example.com/a"
    article_id(url, text)  "a_" + 16 hex digits of sha256(canonical URL), or of the normalised text
                           when there is no URL
    content_hash(text)     sha256 hex of the normalised text (NFKC, whitespace collapsed,
                           lower case)

Identity comes from the URL when there is one and from the text otherwise; an ``id`` field given in
a JSON line is ignored, so the same input always yields the same ids whichever way it arrives.
"""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only track the reader and never select the content.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "ocid", "smid", "smtyp", "spm",
        "xtor", "at_medium", "at_campaign", "at_custom1", "ito", "s_cid", "sr_share", "wt_mc",
        "__twitter_impression", "mkt_tok", "oly_anon_id", "oly_enc_id", "rss", "feedtype",
    }
)  # fmt: skip
#: Prefixes of tracking parameter families (utm_source, utm_medium, hsa_ad, mtm_campaign...).
TRACKING_PREFIXES = ("utm_", "hsa_", "mtm_", "pk_", "ga_", "vero_")

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The form of ``url`` used for identity: scheme and host lower case, no "www.", no user
    info, no default port, no fragment, no tracking parameters, remaining parameters sorted, no
    trailing slash. The path keeps its case."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the URL's netloc as written
        port = None
    netloc = host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query = urlencode(sorted(query_pairs))
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def url_domain(url: str) -> str | None:
    """The host of ``url`` without "www.", lower case; None when there is none."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def normalise_text(text: str) -> str:
    """NFKC, whitespace runs collapsed to one space, lower case: the form hashed for identity."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).lower()


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    """sha256 hex digest of ``normalise_text(text)``."""
    return _sha256(normalise_text(text))


def article_id(url: str | None, text: str, text_hash: str | None = None) -> str:
    """``"a_"`` + the first 16 hex digits of sha256 of the canonical URL, or of the normalised text
    when ``url`` is empty (``text_hash``, if given, is ``content_hash(text)`` computed already)."""
    if url:
        return "a_" + _sha256(canonical_url(url))[:16]
    return "a_" + (text_hash or content_hash(text))[:16]
