"""The learned actor model: speaker phrases taken from the wrong words are listed as no
actor; people, bodies, countries and documents stay."""

from __future__ import annotations

import json
import pathlib

import pytest

from corroborator.errors import CorroboratorError
from corroborator.extract import actor_model
from corroborator.extract.actors import canonicalise_actors
from corroborator.extract.parse import parse
from corroborator.learned import check_meta
from corroborator.model import Attribution, Document

ROOT = pathlib.Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "actors.jsonl"

# Real sentences of the kinds the issue met: a rebuttal whose "nothing" was taken for a
# speaker, a deadline, and real speakers beside them
TEXT = ("Former and current intelligence officials said nothing the campaign made public "
        "indicated any contact with Russia. The White House said the tariffs deadline would "
        "stand. Prime Minister Justin Trudeau told reporters the May 12 deadline was unfair.")


def _doc_with_speakers(speakers: list[str]) -> Document:
    doc = Document(id="d", source="d.txt", text=TEXT)
    sdoc = parse(doc)
    from corroborator.model import Entity

    doc.entities = [Entity("d", e.start_char, e.end_char, e.label_, e.text) for e in sdoc.ents]
    doc.attributions = [Attribution("d", (0, 1), speaker=s) for s in speakers]
    return doc


def test_junk_speakers_are_no_actors_and_stay_on_their_attributions() -> None:
    speakers = ["Former and current intelligence officials", "nothing", "White House",
                "tariffs deadline", "Justin Trudeau", "May 12 deadline"]
    doc = _doc_with_speakers(speakers)
    names = {a.name for a in canonicalise_actors([doc])}
    assert {"Former and current intelligence officials", "White House",
            "Justin Trudeau"} <= names
    assert not names & {"nothing", "tariffs deadline", "May 12 deadline"}
    # nothing lost: the attribution still says what the text gave as its source
    assert "nothing" in {a.speaker for a in doc.attributions}


def test_meta_matches_the_feature_set() -> None:
    meta = check_meta(actor_model.MODEL, actor_model.FEATURE_HASH, actor_model.COMMAND)
    assert meta["data"].startswith("tests/data/actors.jsonl")
    with pytest.raises(CorroboratorError, match="retrain with python -m bench.actor_model"):
        check_meta(actor_model.MODEL, "0" * 16, actor_model.COMMAND)


def test_labelled_set_is_well_formed() -> None:
    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines() if x]
    assert len(rows) >= 500
    kinds = {"person", "people", "organisation", "country", "document"}
    for r in rows:
        assert r["name"] and r["source"] and isinstance(r["actor"], bool)
        assert (r["kind"] in kinds) if r["actor"] else r["kind"] is None
