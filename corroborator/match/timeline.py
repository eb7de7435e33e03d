"""The story's timeline: dated claims ordered by the date of the event."""

from __future__ import annotations

from corroborator.model import Claim, Document, TimelineEntry


def build_timeline(docs: list[Document], claims: list[Claim]) -> list[TimelineEntry]:
    """Each dated event once, with its sources. (first version)"""
    return []
