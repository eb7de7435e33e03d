"""Helpers for the matching tests: real text through the real stages."""

from __future__ import annotations

from corroborator.extract.actors import canonicalise_actors
from corroborator.match import build_story
from corroborator.match.units import Unit
from corroborator.model import Document, Story
from corroborator.pipeline import prepare


def units_in(text: str) -> list[Unit]:
    """The claim units of one prepared article, each checked to quote its own text."""
    from corroborator.match.units import units_of

    units = units_of(prepare([Document(id="a", source="test", text=text)])[0])
    assert all(text[u.start:u.end] == u.text for u in units)
    return units


def story_of(texts: dict[str, str]) -> Story:
    """One story built from short articles keyed by id, through the real stages."""
    docs = prepare([Document(id=k, source="test", text=v) for k, v in texts.items()])
    canonicalise_actors(docs)
    return build_story("t", docs)
