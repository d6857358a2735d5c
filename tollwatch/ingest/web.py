"""HTTP fetching, in one function so that tests can replace it (``monkeypatch.setattr(web,
"fetch", fake)``); every caller in this package goes through ``web.fetch``."""

from __future__ import annotations

from tollwatch.config import Settings
from tollwatch.errors import IngestError

_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
_CHUNK_BYTES = 65536


def fetch(url: str, settings: Settings) -> tuple[bytes, str, str]:
    """GET ``url``; return (body, Content-Type header value or "", final URL after redirects).

    Raises IngestError: "not_found" for HTTP 404/410, "fetch_error" for any other HTTP error
    status (the status is in the message) or network failure, "too_large" when the body exceeds
    ``settings.max_document_bytes`` (checked against Content-Length first, then while reading).
    """
    import requests  # imported here: plain-file ingestion never pays for it

    headers = {"User-Agent": settings.fetch_user_agent, "Accept": _ACCEPT}
    limit = settings.max_document_bytes
    try:
        with requests.get(
            url, headers=headers, timeout=settings.fetch_timeout_s, stream=True
        ) as resp:
            if resp.status_code in (404, 410):
                raise IngestError("not_found", f"HTTP {resp.status_code} for {url}")
            if resp.status_code >= 400:
                raise IngestError(
                    "fetch_error",
                    f"HTTP {resp.status_code} {resp.reason or ''} for {url}".replace("  ", " "),
                    hint="check the URL, or retry later",
                )
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise IngestError(
                    "too_large", f"{url} is {length} bytes, over max_document_bytes={limit}"
                )
            chunks: list[bytes] = []
            total = 0
            for chunk in resp.iter_content(_CHUNK_BYTES):
                total += len(chunk)
                if total > limit:
                    raise IngestError(
                        "too_large", f"{url} is over max_document_bytes={limit} bytes"
                    )
                chunks.append(chunk)
            return b"".join(chunks), resp.headers.get("Content-Type", ""), resp.url or url
    except requests.RequestException as exc:
        raise IngestError(
            "fetch_error",
            f"cannot fetch {url}: {type(exc).__name__}: {exc}",
            hint="check the network, the URL, or raise fetch_timeout_s",
        ) from exc
