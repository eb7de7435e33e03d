"""WARC and WARC.gz archives (warcio): every HTML response record, as CC-NEWS stores pages."""

from __future__ import annotations

from typing import Any, BinaryIO

from corroborator.errors import InputRejected
from corroborator.ingest.bounded import read_stream_bounded
from corroborator.ingest.sniff import charset_of, content_kind
from corroborator.ingest.text import decode_html
from corroborator.model import Document, InputError
from corroborator.settings import Settings


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


def read_warc(stream: BinaryIO, stem: str, source: str, settings: Settings
              ) -> tuple[list[Document], list[InputError]]:
    """Each HTML response of a WARC stream; other records are passed over silently."""
    from warcio.archiveiterator import ArchiveIterator

    docs: list[Document] = []
    errors: list[InputError] = []
    seen = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            is_html, ctype = _html_record(record)
            if not is_html:
                continue
            seen += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or None
            where = f"{source}#{uri or seen}"
            if len(docs) >= settings.max_records:
                errors.append(InputError(source, f"stopped after {settings.max_records} pages"))
                break
            try:
                data = read_stream_bounded(record.content_stream(), settings.max_bytes,
                                           "record")
                if content_kind(data) not in ("html", "text"):
                    raise InputRejected("record is not an HTML page")
                raw = decode_html(data, where, charset_of(ctype))
            except InputRejected as e:
                errors.append(InputError(where, str(e).removeprefix(f"{where}: ")))
                continue
            doc = Document(id=f"{stem}-{seen}", source=where, text="", format="html", raw=raw)
            doc.url = uri if uri and uri.startswith(("http://", "https://")) else None
            docs.append(doc)
    except InputRejected as e:
        errors.append(InputError(source, str(e)))
    except Exception as e:  # warcio raises many kinds on damaged archives
        errors.append(InputError(source, f"damaged WARC archive ({type(e).__name__})"))
    if not docs and not errors:
        errors.append(InputError(source, "WARC archive holds no HTML pages"))
    return docs, errors
