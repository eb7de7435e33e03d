"""Uploaded articles (form fields, files, JSON) become Documents; bad ones a one-line reason."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from corroborator.errors import InputRejected
from corroborator.ingest.text import decode_text
from corroborator.model import Document

HTML_HINT = re.compile(r"<(?:!doctype html|html|body|article|p|div)[\s>]", re.IGNORECASE)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
MAX_FIELD = {"title": 500, "outlet": 200, "url": 2000, "published": 40, "name": 200}


class UploadError(ValueError):
    """An upload that cannot become an article; the message is shown to the user."""


def _field(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise UploadError(f"{key} must be a string")
    value = " ".join(value.split())[: MAX_FIELD.get(key, 200)]
    return value or None


def looks_like_html(body: str, name: str = "") -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    return bool(HTML_HINT.search(body[:4000]))


def make_document(body: str, meta: dict[str, Any], name: str = "") -> Document:
    """One uploaded article; its id is derived from its content, so re-uploads match."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise UploadError("the article text is empty")
    digest = hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    label = NAME_CHARS.sub("_", name)[:80] if name else digest
    url = _field(meta, "url")
    if url and not url.lower().startswith(("http://", "https://")):
        url = None  # only web addresses are kept; javascript: and the like are dropped
    published = _field(meta, "published")
    if published and not DATE.fullmatch(published):
        published = None
    html = looks_like_html(body, name)
    return Document(
        id=f"upload_{digest}",
        source=f"upload:{label}",
        text=body,
        title=_field(meta, "title"),
        outlet=_field(meta, "outlet"),
        url=url,
        published=published,
        published_basis="metadata" if published else None,
        format="html" if html else "text",
        raw=body if html else None,
    )


def decode_upload(data: bytes, name: str) -> str:
    try:
        return decode_text(data, name)
    except InputRejected as e:
        raise UploadError(str(e)) from None


def documents_from_json(payload: Any) -> list[Document]:
    """Accepts one article object, a list of them, or {"articles": [...]}."""
    if isinstance(payload, dict) and "articles" in payload:
        payload = payload["articles"]
    items = payload if isinstance(payload, list) else [payload]
    if not items:
        raise UploadError("no articles given")
    docs = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise UploadError(f"article {i} is not an object")
        body = item.get("html") if item.get("html") is not None else item.get("text")
        if not isinstance(body, str):
            raise UploadError(f"article {i} has no text (give 'text' or 'html' as a string)")
        name = _field(item, "name") or ""
        if item.get("html") is not None and not name:
            name = "article.html"
        docs.append(make_document(body, item, name))
    return docs
