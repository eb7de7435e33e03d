"""Tell what an input holds, from its name first and its first bytes second."""

from __future__ import annotations

import re

from corroborator.ingest.bounded import GZIP_MAGIC

SUFFIX_KINDS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}

_MAGIC = [
    (b"%PDF", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "zip archive"), (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"), (b"7z\xbc\xaf", "7z archive"),
    (b"\xd0\xcf\x11\xe0", "Office document"), (b"RIFF", "media file"),
]
_HTML_START = re.compile(rb"\s*(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_HTML_TAG = re.compile(r"<(?:p|div|br|html|body|head|article|span|a|h[1-6]|ul|ol|li|table"
                       r"|section|header|footer|main|em|strong|b|i|img|figure|blockquote)\b"
                       r"[^<>]{0,300}>", re.I)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)


def strip_gz(name: str) -> str:
    """``page.html.gz`` -> ``page.html``."""
    return name[:-3] if name.lower().endswith(".gz") else name


def suffix_kind(name: str) -> str | None:
    """The kind a file name announces, or None when it does not say."""
    lower = name.lower()
    for suffix, kind in SUFFIX_KINDS.items():
        if lower.endswith(suffix):
            return kind
    return None


def binary_kind(head: bytes) -> str | None:
    """A description of well-known binary formats we do not read, else None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def looks_like_html(text: str) -> bool:
    """Markup rather than prose: an html/head/body start, or several common tags."""
    head = text[:5000]
    if _HTML_START.match(head.encode("utf-8", "replace")):
        return True
    return len(_HTML_TAG.findall(head, 0, 5000)) >= 3


def content_kind(data: bytes) -> str:
    """Guess the kind from the first bytes: gzip, warc, feed, html, jsonl, json or text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed"):
        if _FEED_ROOT.search(head):
            return "feed"
    if _HTML_START.match(head) or looks_like_html(head.decode("utf-8", "replace")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    return "text"


def charset_of(content_type: str) -> str | None:
    """The charset parameter of a Content-Type value, if any."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
