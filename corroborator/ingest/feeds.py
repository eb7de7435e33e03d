"""RSS 2.0 and Atom feeds (feedparser): one Document per entry, content or summary."""

from __future__ import annotations

from typing import Any

from corroborator.errors import InputRejected
from corroborator.ingest.dates import struct_date
from corroborator.ingest.sniff import looks_like_html
from corroborator.ingest.text import normalise_text
from corroborator.model import Document, InputError
from corroborator.settings import Settings


def _entry_body(entry: Any) -> tuple[str, bool]:
    """The fullest body an entry offers, and whether it is HTML."""
    candidates: list[tuple[str, str]] = []
    for c in entry.get("content") or []:
        if isinstance(c, dict) and isinstance(c.get("value"), str):
            candidates.append((c["value"], str(c.get("type") or "")))
    detail = entry.get("summary_detail") or {}
    if isinstance(entry.get("summary"), str):
        candidates.append((entry["summary"], str(detail.get("type") or "")))
    candidates = [(v, t) for v, t in candidates if v.strip()]
    if not candidates:
        return "", False
    value, mime = max(candidates, key=lambda c: len(c[0]))
    return value, looks_like_html(value) or ("html" in mime and "<" in value)


def entry_document(entry: Any, stem: str, n: int, source: str) -> Document:
    """One feed entry as a Document (HTML bodies are left for the clean stage)."""
    body, is_html = _entry_body(entry)
    body = normalise_text(body)
    if not body.strip():
        raise InputRejected("entry has no content or summary")
    doc = Document(id=f"{stem}-{n}", source=f"{source}#{n}", text=body)
    if is_html:
        doc.format, doc.raw, doc.text = "html", body, ""
    title = entry.get("title")
    doc.title = title.strip() or None if isinstance(title, str) else None
    link = entry.get("link")
    doc.url = link if isinstance(link, str) and link.startswith(("http://", "https://")) else None
    author = entry.get("author")
    doc.author = author if isinstance(author, str) and author.strip() else None
    published = struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published:
        doc.published, doc.published_basis = published, "metadata"
    return doc


def read_feed(data: bytes, stem: str, source: str, settings: Settings
              ) -> tuple[list[Document], list[InputError]]:
    """Every entry of an RSS/Atom document; an entry without a body is an error record."""
    import io

    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.get("entries") or [])
    if not entries:
        why = parsed.get("bozo_exception")
        reason = "feed has no entries" + (f" ({type(why).__name__})" if why else "")
        return [], [InputError(source, reason)]
    docs: list[Document] = []
    errors: list[InputError] = []
    # the feed's own title names the outlet of its entries ("Reuters World News" -> as is)
    title = (parsed.get("feed") or {}).get("title")
    channel = " ".join(title.split())[:200] or None if isinstance(title, str) else None
    for n, entry in enumerate(entries[: settings.max_records], start=1):
        try:
            doc = entry_document(entry, stem, n, source)
            if channel and not doc.outlet:
                doc.outlet, doc.outlet_basis, doc.outlet_evidence = channel, "feed", channel
            docs.append(doc)
        except InputRejected as e:
            errors.append(InputError(f"{source}#{n}", str(e)))
    if len(entries) > settings.max_records:
        errors.append(InputError(source, f"stopped after {settings.max_records} entries"))
    return docs, errors

