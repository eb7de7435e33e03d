"""Numbers with what they count."""

from __future__ import annotations

from spacy.tokens import Doc

from corroborator.model import Document, Quantity


def find_quantities(doc: Document, sdoc: Doc) -> list[Quantity]:
    """Quantities in one parsed document. (first version)"""
    return []
