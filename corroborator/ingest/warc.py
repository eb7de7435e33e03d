"""WARC and WARC.gz archives (warcio): every HTML response record, as CC-NEWS stores pages.

An archive cut short (a download that stopped, a full disk) ends inside a record. warcio
reads such a record as if it were whole, or drops it, or raises on its half headers; here
every record is checked against its own ``Content-Length`` and, in a ``.warc.gz``, against
the end of its gzip member, and whatever the file holds after the last whole record is
looked at. The first record found cut short becomes an error naming the file, the
record's position in the archive and its target URI where it can be read; the whole
records before it are kept.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any, BinaryIO

from corroborator.errors import InputRejected
from corroborator.ingest.bounded import GZIP_MAGIC, read_stream_bounded
from corroborator.ingest.sniff import charset_of, content_kind
from corroborator.ingest.text import decode_html
from corroborator.model import Document, InputError
from corroborator.settings import Settings

_CHUNK = 64 * 1024
_TARGET_URI = re.compile(rb"^WARC-Target-URI:[ \t]*<?([^\s<>]+)", re.I | re.M)


def _html_record(record: Any) -> tuple[bool, str]:
    """Whether a record is a successful HTML page, and its declared Content-Type."""
    if record.rec_type not in ("response", "resource"):
        return False, ""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return False, ""
        status = (http.get_statuscode() or "").strip()
        if not status.startswith("2"):
            return False, ""
        ctype = http.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    mime = ctype.split(";")[0].strip().lower()
    return (mime in ("", "text/html", "application/xhtml+xml") or "html" in mime), ctype


def _size(stream: BinaryIO) -> int | None:
    """Bytes from the stream's position to its end, or None when it cannot seek."""
    try:
        start = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(start)
    except (OSError, ValueError, AttributeError):
        return None
    return end - start


def _cut_short(record: Any, archive: Any) -> str | None:
    """Why ``record`` is not whole (the file ends inside it), or None when it is whole.

    Reads the rest of the record, so call it after its content was taken.
    """
    raw = record.raw_stream
    while raw.read(_CHUNK):
        pass
    headers = record.rec_headers
    declared = headers.get_header("Content-Length") or headers.get_header("length") or ""
    if record.length is None or not declared.strip().isdigit():  # headers cut off early
        return "its headers end before a valid Content-Length"
    missing = getattr(raw, "limit", 0)
    if missing > 0:
        return f"the file ends {missing} bytes before the record does"
    archive.read_to_end()  # the blank lines after it and, in a .warc.gz, its gzip member
    member = archive.reader.decompressor if archive.reader else None
    if member is not None and not getattr(member, "eof", True):
        return "the file ends inside its gzip member"
    return None


def _tail(stream: BinaryIO, archive: Any) -> bytes:
    """The first bytes of the file after the last record warcio finished."""
    stream.seek(archive.offset)
    return stream.read(_CHUNK)


def _next_uri(stream: BinaryIO, archive: Any, size: int | None) -> str | None:
    """The target URI of the record after the last whole one, where its headers show it."""
    if size is None:
        return None
    try:
        return _uri_in(_tail(stream, archive))
    except (OSError, ValueError):
        return None


def _uri_in(tail: bytes) -> str | None:
    """The target URI in the start of a record cut inside its headers, if it can be read."""
    if tail.startswith(GZIP_MAGIC):
        try:
            tail = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(tail, _CHUNK)
        except zlib.error:
            return None
    head = tail.split(b"\r\n\r\n", 1)[0]
    found = _TARGET_URI.search(head)
    return found.group(1).decode("utf-8", "replace") if found else None


def _short_error(source: str, n: int, uri: str | None, what: str, kept: int) -> InputError:
    """The error for record ``n``: ``what`` is wrong with it, ``kept`` records came before."""
    named = f"WARC record {n}" + (f" ({uri})" if uri else "")
    before = ("no whole record came before it" if kept == 0 else
              "the whole record before it was read" if kept == 1 else
              f"the {kept} whole records before it were read")
    return InputError(f"{source}#{uri}" if uri else source, f"{named} {what}; {before}")


def read_warc(stream: BinaryIO, stem: str, source: str, settings: Settings
              ) -> tuple[list[Document], list[InputError]]:
    """Each HTML response of a WARC stream; other records are passed over silently.

    A record cut short ends the archive with an error record (see the module docstring).
    """
    from warcio.archiveiterator import ArchiveIterator

    docs: list[Document] = []
    errors: list[InputError] = []
    size = _size(stream)
    archive = ArchiveIterator(stream, arc2warc=True)
    records = iter(archive)
    seen = n = 0  # HTML pages (for ids), all records (to name one)
    ended = False  # the end of the archive was judged already (cut short, damaged, stopped)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as e:  # warcio raises many kinds on damaged or half headers
            errors.append(_short_error(source, n + 1, _next_uri(stream, archive, size),
                                       "is damaged or cut short: its headers cannot be read "
                                       f"({type(e).__name__})", n))
            ended = True
            break
        n += 1
        uri = record.rec_headers.get_header("WARC-Target-URI") or None
        try:
            is_html, ctype = _html_record(record)
            page: Document | InputError | None = None
            if is_html:
                seen += 1
                if len(docs) >= settings.max_records:
                    errors.append(InputError(source,
                                             f"stopped after {settings.max_records} pages"))
                    ended = True
                    break
                page = _page(record, ctype, uri, f"{stem}-{seen}", f"{source}#{uri or seen}",
                             settings)
            why = _cut_short(record, archive)
        except Exception as e:  # a damaged record (bad chunking, bad encoding) ends the read
            errors.append(_short_error(source, n, uri, f"is damaged ({type(e).__name__})",
                                       n - 1))
            ended = True
            break
        if why:
            errors.append(_short_error(source, n, uri, f"is cut short: {why}", n - 1))
            ended = True
            break
        if isinstance(page, Document):
            docs.append(page)
        elif page is not None:
            errors.append(page)
    if not ended and size is not None:
        tail = _tail(stream, archive)
        if tail.strip():
            errors.append(_short_error(source, n + 1, _uri_in(tail),
                                       "is cut short: the file ends inside its headers", n))
    if not docs and not errors:
        errors.append(InputError(source, "WARC archive holds no HTML pages"))
    return docs, errors


def _page(record: Any, ctype: str, uri: str | None, doc_id: str, where: str,
          settings: Settings) -> Document | InputError:
    """One HTML record as a Document, or the error that says why it is not one."""
    try:
        data = read_stream_bounded(record.content_stream(), settings.max_bytes, "record")
        if content_kind(data) not in ("html", "text"):
            raise InputRejected("record is not an HTML page")
        raw = decode_html(data, where, charset_of(ctype))
    except InputRejected as e:
        return InputError(where, str(e).removeprefix(f"{where}: "))
    doc = Document(id=doc_id, source=where, text="", format="html", raw=raw)
    doc.url = uri if uri and uri.startswith(("http://", "https://")) else None
    return doc
