"""Publication dates: from metadata, or inferred from the text and the story."""

from __future__ import annotations

from spacy.tokens import Doc

from corroborator.model import Document


def infer_published(doc: Document, sdoc: Doc) -> None:
    """Set ``doc.published`` (basis "inferred") when metadata gave none. (first version)"""


def reconcile_published(docs: list[Document]) -> None:
    """Make the inferred dates of one story's articles consistent. (first version)"""
