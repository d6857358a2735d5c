"""WARC web archives (.warc, .warc.gz), read with warcio when it is installed.

warcio is optional (not a dependency): without it a WARC file is one Failure("unparsable") that
says to install it. Each HTTP "response" record with an HTML body becomes an Article (origin
"PATH#RECORD_URL"); other records are skipped. ``max_document_bytes`` applies per record.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime

from tollwatch.config import Settings
from tollwatch.errors import IngestError
from tollwatch.ingest.decode import check_binary, declared_charset, decode_bytes
from tollwatch.ingest.webpage import parse_html
from tollwatch.types import Article, Failure

log = logging.getLogger(__name__)


def parse_warc(
    path: str, *, settings: Settings, published: datetime | None = None
) -> Iterator[Article | Failure]:
    """An Article or Failure per HTML response record of the WARC file at ``path``."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield Failure(path, "unparsable", "reading WARC files needs warcio: pip install warcio")
        return
    limit = settings.max_document_bytes
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    log.debug("%s: skipping %s record %s", path, content_type or "untyped", url)
                    continue
                where = f"{path}#{url}"
                data = record.content_stream().read(limit + 1)
                if len(data) > limit:
                    yield Failure(where, "too_large", f"record is over max_document_bytes={limit}")
                    continue
                try:
                    check_binary(data)
                    markup = decode_bytes(data, declared_charset(content_type, data))
                    yield parse_html(markup, origin=where, url=url or None, published=published)
                except IngestError as exc:
                    yield Failure(where, exc.reason, str(exc))
    except ArchiveLoadFailed as exc:
        yield Failure(path, "unparsable", f"not a readable WARC file: {exc}")
