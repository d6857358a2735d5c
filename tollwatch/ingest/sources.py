"""Sources to documents: paths (files, directories walked recursively), URLs and stdin ("-").

Directories are walked depth-first in name order, skipping hidden files and directories (names
starting with ".") and not following symbolic links to directories. The size of a file is checked
against ``max_document_bytes`` before it is read; JSON Lines and WARC files are streamed and the
limit applies to each line or record instead. Every bad document becomes a Failure; nothing here
raises for one.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
from collections.abc import Iterator
from datetime import datetime

from tollwatch.config import Settings
from tollwatch.errors import IngestError
from tollwatch.ingest import web
from tollwatch.ingest.decode import check_binary, declared_charset, decode_bytes
from tollwatch.ingest.detect import detect_format, extension_format, looks_like_json_line
from tollwatch.ingest.feed import parse_feed
from tollwatch.ingest.jsonl import iter_json, iter_jsonl
from tollwatch.ingest.plain import parse_text
from tollwatch.ingest.warc import parse_warc
from tollwatch.ingest.webpage import parse_html
from tollwatch.types import Article, Failure

log = logging.getLogger(__name__)

STDIN_ORIGIN = "<stdin>"
Result = Article | Failure


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _failure(origin: str, exc: IngestError) -> Failure:
    detail = f"{exc}; {exc.hint}" if exc.hint else str(exc)
    return Failure(origin, exc.reason, detail)


def guarded(origin: str, results: Iterator[Result]) -> Iterator[Result]:
    """Pass ``results`` through; turn an exception escaping a parser into a Failure, so that one
    bad document never stops the batch."""
    try:
        yield from results
    except IngestError as exc:
        yield _failure(origin, exc)
    except Exception as exc:  # a parser bug or a library choking on odd input: record, go on
        log.debug("unexpected error on %s", origin, exc_info=True)
        yield Failure(origin, "unparsable", f"unexpected {type(exc).__name__}: {exc}")


def iter_source(
    source: str, settings: Settings, published: datetime | None = None
) -> Iterator[Result]:
    """Articles and Failures from one source (see ``tollwatch.ingest.iter_articles``)."""
    if source == "-":
        yield from guarded(STDIN_ORIGIN, _from_stdin(settings, published))
    elif is_url(source):
        yield from guarded(source, _from_url(source, settings, published))
    elif os.path.isdir(source):
        for path in walk(source):
            if isinstance(path, Failure):
                yield path
            else:
                yield from guarded(path, _from_file(path, settings, published))
    else:
        yield from guarded(source, _from_file(source, settings, published))


def walk(root: str) -> Iterator[str | Failure]:
    """Paths of the non-hidden files under ``root``, depth-first in name order; a directory that
    cannot be listed is a Failure("not_found")."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(root, "not_found", f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(entry.path)
        else:
            yield entry.path


def _from_file(path: str, settings: Settings, published: datetime | None) -> Iterator[Result]:
    limit = settings.max_document_bytes
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        yield Failure(path, "not_found", f"no such file: {exc.strerror or exc}")
        return
    if os.path.isdir(path):  # reached through a symbolic link: not followed
        log.info("%s: directory reached through a link, skipped", path)
        return
    fmt = extension_format(path)
    if fmt == "warc":
        yield from parse_warc(path, settings=settings, published=published)
        return
    if size == 0:
        yield Failure(path, "empty", "empty file")
        return
    try:
        if fmt == "jsonl":
            with open(path, "rb") as stream:
                yield from iter_jsonl(stream, origin=path, settings=settings, published=published)
            return
        if size > limit:
            yield Failure(path, "too_large", f"{size} bytes, over max_document_bytes={limit}")
            return
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        yield Failure(path, "not_found", f"cannot read file: {exc.strerror or exc}")
        return
    yield from parse_bytes(data, origin=path, name=path, settings=settings, published=published)


def _from_url(url: str, settings: Settings, published: datetime | None) -> Iterator[Result]:
    data, content_type, final_url = web.fetch(url, settings)
    yield from parse_bytes(
        data,
        origin=url,
        name=final_url,
        settings=settings,
        published=published,
        content_type=content_type,
        url=url,
    )


def _from_stdin(settings: Settings, published: datetime | None) -> Iterator[Result]:
    """JSON Lines when the first non-blank line is a JSON object (streamed), else one document
    read whole (and sniffed like a file without extension)."""
    stream = sys.stdin.buffer
    limit = settings.max_document_bytes
    head: list[bytes] = []
    line = stream.readline(limit + 1)
    while line and not line.strip():
        head.append(line)
        line = stream.readline(limit + 1)
    if not line:
        yield Failure(STDIN_ORIGIN, "empty", "no input on standard input")
        return
    head.append(line)
    if looks_like_json_line(line):
        lines = itertools.chain(head, stream)
        yield from iter_jsonl(lines, origin=STDIN_ORIGIN, settings=settings, published=published)
        return
    start = b"".join(head)
    data = start + stream.read(max(0, limit + 1 - len(start)))
    if len(data) > limit:
        yield Failure(STDIN_ORIGIN, "too_large", f"over max_document_bytes={limit} bytes")
        return
    yield from parse_bytes(
        data, origin=STDIN_ORIGIN, name="", settings=settings, published=published
    )


def parse_bytes(
    data: bytes,
    *,
    origin: str,
    name: str,
    settings: Settings,
    published: datetime | None = None,
    content_type: str = "",
    url: str | None = None,
) -> Iterator[Result]:
    """Articles and Failures from one whole document: checks, format detection, decoding,
    parsing. ``name`` (path or final URL) gives the extension; ``url`` the article's URL."""
    if not data.strip():
        yield Failure(origin, "empty", "nothing but whitespace")
        return
    try:
        check_binary(data)
        fmt = detect_format(name, data, content_type, is_url=url is not None)
        if fmt == "feed":
            yield from parse_feed(data, origin=origin, settings=settings, published=published)
            return
        if fmt == "jsonl":
            lines = data.splitlines()
            yield from iter_jsonl(lines, origin=origin, settings=settings, published=published)
            return
        if fmt == "warc":
            raise IngestError("unparsable", "WARC is read from local files only")
        declared = declared_charset(content_type, data if fmt == "html" else b"")
        text = decode_bytes(data, declared)
        if not text.strip():
            yield Failure(origin, "empty", "nothing but whitespace")
        elif fmt == "html":
            yield parse_html(text, origin=origin, url=url, published=published)
        elif fmt == "json":
            yield from iter_json(text, origin=origin, published=published)
        else:
            yield parse_text(text, origin=origin, published=published, url=url)
    except IngestError as exc:
        yield _failure(origin, exc)
