"""Outlets: one name to show and one count, everywhere (CLI reports, store, web pages).

An article's outlet is ``Document.outlet`` when some evidence named it (see
corroborator/clean/outlets.py and docs/ingest.md). An article without one is its own unknown
outlet: two unknown-outlet files are two outlets, never one, and each is shown as
"unknown outlet (file ID)" rather than a bare id. Names compare without regard to case.
"""

from __future__ import annotations

from collections.abc import Iterable

from corroborator.model import Document

__all__ = ["outlet_key", "outlet_label", "count_outlets", "outlet_names", "doc_outlet_key"]


def outlet_key(outlet: str | None, doc_id: str) -> str:
    """What makes two articles one outlet: the name folded, or the file itself."""
    name = " ".join((outlet or "").split()).lower()
    return f"outlet:{name}" if name else f"file:{doc_id}"


def doc_outlet_key(doc: Document) -> str:
    return outlet_key(doc.outlet, doc.id)


def outlet_label(doc: Document) -> str:
    """The outlet as a reader should see it: its name, or "unknown outlet (file ID)"."""
    name = " ".join((doc.outlet or "").split())
    if name:
        return name
    if doc.republished_from and doc.republished_from != "unknown":
        return f"unknown outlet (file {doc.id}, a copy of {doc.republished_from})"
    return f"unknown outlet (file {doc.id})"


def count_outlets(articles: Iterable[tuple[str | None, str]]) -> int:
    """How many outlets among (outlet, doc id) pairs: the one count every view shows."""
    return len({outlet_key(o, d) for o, d in articles})


def outlet_names(docs: Iterable[Document]) -> list[str]:
    """One label per outlet, in document order (the first article's spelling)."""
    seen: dict[str, str] = {}
    for d in docs:
        seen.setdefault(doc_outlet_key(d), outlet_label(d))
    return list(seen.values())
