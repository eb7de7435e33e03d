"""One name per actor across articles: aliases, acronyms, spelling variants."""

from __future__ import annotations

from corroborator.model import Actor, Document


def canonicalise_actors(docs: list[Document]) -> list[Actor]:
    """Set each attribution's ``speaker`` to a canonical name; list the actors. (first version)"""
    return []
