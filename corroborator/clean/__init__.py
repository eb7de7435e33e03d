"""Clean stage: find the article in each input and record what was cut and why.

Fills, per document: ``text`` (HTML: the extracted article), ``removed`` (furniture spans
into ``text``), ``title``, ``outlet``/``author``/``published``/``canonical_url`` (HTML
metadata; the outlet also from evidence in the text, clean/outlets.py), ``wire`` and
``republished_from``; ``skipped`` where no article was found.
"""

from __future__ import annotations

from collections.abc import Callable

from corroborator.clean.furniture import find_furniture, repeated_lines
from corroborator.clean.html import extract_html, looks_like_html
from corroborator.clean.outlets import infer_outlet
from corroborator.clean.wire import find_credits
from corroborator.model import Document, Removed
from corroborator.settings import Settings

__all__ = ["clean_documents", "clean_pages", "clean_text_document", "clean_texts",
           "repeated_for"]


def clean_documents(docs: list[Document], settings: Settings | None = None,
                    tick: Callable[[], None] | None = None) -> list[Document]:
    """Clean every document in place (and return the list); one bad page never stops it.

    ``tick`` is called once per document as it is done (progress). Three steps, so an
    engine can run the per-document ones elsewhere (corroborator/dask_engine.py):
    ``clean_pages`` (each page), ``repeated_for`` (across the texts), ``clean_texts``."""
    clean_pages(docs, settings, tick)
    return clean_texts(docs, repeated_for(docs), tick)


def clean_pages(docs: list[Document], settings: Settings | None = None,
                tick: Callable[[], None] | None = None) -> list[Document]:
    """Find the article in each HTML page (a text that is a page counts as one)."""
    for d in docs:
        if d.format == "text" and d.raw is None and looks_like_html(d.text):
            d.format, d.raw, d.text = "html", d.text, ""
    for d in docs:
        if d.format == "html" and not d.skipped:
            try:
                extract_html(d, settings or Settings())
            except Exception as e:  # noqa: BLE001 - a hostile page is a skip, never a crash
                d.text, d.removed = "", []
                d.skipped = f"HTML extraction failed ({type(e).__name__})"
        if tick and (d.format == "html" or d.skipped or not d.text):
            tick()
    return docs


def _plain(docs: list[Document]) -> list[Document]:
    return [d for d in docs if not d.skipped and d.text]


def repeated_for(docs: list[Document]) -> set[str]:
    """Lines repeated across the texts (page furniture), once the pages are extracted."""
    plain = _plain(docs)
    return repeated_lines([d.text for d in plain]) if len(plain) >= 3 else set()


def clean_texts(docs: list[Document], repeated: set[str] | frozenset[str],
                tick: Callable[[], None] | None = None) -> list[Document]:
    """``clean_text_document`` on each text left, with the lines repeated across all."""
    for d in _plain(docs):
        clean_text_document(d, repeated, trim=d.format != "html")
        if tick and d.format != "html":
            tick()
    return docs


def clean_text_document(doc: Document, repeated: set[str] | frozenset[str] = frozenset(),
                        trim: bool = True) -> Document:
    """Record furniture, headline, outlet, wire credits and republication for one text."""
    found = find_furniture(doc.text, repeated, trim=trim, headline=doc.title)
    if not doc.title and found.headline:
        doc.title = found.headline
    infer_outlet(doc, list(doc.removed) + found.removed)
    credits = find_credits(doc.text, found.removed, doc.outlet)
    doc.removed = _merge(list(doc.removed) + found.removed + credits.removed)
    for a in credits.wire:
        if a not in doc.wire:
            doc.wire.append(a)
    if credits.republished_from and not doc.republished_from:
        doc.republished_from = credits.republished_from
    return doc


def _merge(spans: list[Removed]) -> list[Removed]:
    """Sorted, without spans nested inside an earlier one."""
    out: list[Removed] = []
    for r in sorted(spans, key=lambda r: (r.start, -r.end)):
        if out and r.end <= out[-1].end:
            continue
        if out and r.start < out[-1].end:
            r = Removed(out[-1].end, r.end, r.reason)
        out.append(r)
    return out
