"""Dispatch one input (a path, bytes from stdin or a URL) to the reader for its kind."""

from __future__ import annotations

import io
import pathlib

from corroborator.errors import InputRejected
from corroborator.ingest.bounded import GZIP_MAGIC, gunzip_bounded, read_file_bounded
from corroborator.ingest.feeds import read_feed
from corroborator.ingest.records import read_records
from corroborator.ingest.sidecar import apply_file_metadata
from corroborator.ingest.sniff import binary_kind, charset_of, content_kind, strip_gz, suffix_kind
from corroborator.ingest.text import decode_html, decode_text
from corroborator.ingest.warc import read_warc
from corroborator.model import Document, InputError
from corroborator.settings import Settings

Result = tuple[list[Document], list[InputError]]
_MIME_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
               "application/rss+xml": "feed", "application/atom+xml": "feed",
               "application/json": "json", "application/x-ndjson": "jsonl",
               "application/jsonl": "jsonl", "text/csv": "csv", "application/warc": "warc"}


def stem_of(name: str) -> str:
    """File name without directory and extensions: ``a/b/page.html.gz`` -> ``page``."""
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return base.split(".")[0] or base or "input"


def mime_kind(content_type: str) -> str | None:
    """The kind an HTTP Content-Type announces ("text/html" -> "html"), or None."""
    mime = content_type.split(";")[0].strip().lower()
    if mime in _MIME_KINDS:
        return _MIME_KINDS[mime]
    if mime.endswith(("+xml", "/xml")) and ("rss" in mime or "atom" in mime):
        return "feed"
    return None


def resolve_kind(named: str | None, sniffed: str) -> str:
    """Structured kinds trust the name; otherwise the content wins (HTML saved as .txt)."""
    if named in ("json", "jsonl", "csv", "warc", "feed"):
        return named
    if sniffed in ("html", "feed", "warc"):
        return sniffed
    if named is None and sniffed in ("json", "jsonl"):
        return sniffed
    return named or "text"


def from_bytes(data: bytes, name: str, source: str, settings: Settings,
               content_type: str = "", stem: str | None = None) -> Result:
    """Documents from one input's bytes; ``name`` (a file name or URL path) hints the kind."""
    stem = stem or stem_of(name)
    if data[:2] == GZIP_MAGIC:
        if content_kind(gunzip_head(data)) == "warc":
            return read_warc(io.BytesIO(data), stem, source, settings)
        data = gunzip_bounded(data, settings.max_bytes)
        name = strip_gz(name)
    what = binary_kind(data[:16])
    if what:
        raise InputRejected(f"{what}, not an article")
    kind = resolve_kind(suffix_kind(name) or mime_kind(content_type), content_kind(data))
    if kind == "warc":
        return read_warc(io.BytesIO(data), stem, source, settings)
    if kind == "feed":
        return read_feed(data, stem, source, settings)
    if kind == "html":
        raw = decode_html(data, source, charset_of(content_type))
        return [Document(id=stem, source=source, text="", format="html", raw=raw)], []
    text = decode_text(data, source, charset_of(content_type))
    if kind in ("json", "jsonl", "csv"):
        return read_records(text, kind, stem, source, settings)
    return [Document(id=stem, source=source, text=text)], []


def gunzip_head(data: bytes) -> bytes:
    """The first decompressed bytes of gzip data (for sniffing), empty when damaged."""
    import zlib

    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        return d.decompress(data[:65536], 64)
    except zlib.error:
        return b""


def from_path(path: pathlib.Path, settings: Settings) -> Result:
    """Documents from one file, with what its sidecar and ``--outlet`` say (sidecar.py)."""
    docs, errors = _from_path(path, settings)
    return docs, errors + apply_file_metadata(docs, path, settings)


def _from_path(path: pathlib.Path, settings: Settings) -> Result:
    """Documents from one file; WARC archives are streamed, everything else read whole."""
    lower = path.name.lower()
    if lower.endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
        with path.open("rb") as f:
            return read_warc(f, stem_of(path.name), str(path), settings)
    with path.open("rb") as f:
        head = f.read(65536)
    if head[:2] == GZIP_MAGIC and content_kind(gunzip_head(head)) == "warc":
        with path.open("rb") as f:
            return read_warc(f, stem_of(path.name), str(path), settings)
    data = read_file_bounded(path, settings.max_bytes)
    return from_bytes(data, path.name, str(path), settings)
