"""match/absence.py: "no evidence that X" contradicts a report of X."""

from __future__ import annotations

from tests.match_text import story_of


def test_no_evidence_contradicts_what_another_reports_as_seen() -> None:
    from corroborator.match.absence import absence_target

    assert absence_target("allies have no evidence that the soldiers are fighting") == (
        "the soldiers are fighting")
    assert absence_target("There is no confirmation from the other side.") is None
    texts = {
        "a": "The defence ministry said it had no evidence that rebel fighters had crossed "
             "the northern border.",
        "b": "Border guards said they had documented rebel fighters crossing the northern "
             "border near the river on Tuesday.",
        "c": "The harvest festival drew large crowds to the old market square this weekend.",
    }
    story = story_of(texts)
    doc_of = {c.id: {m.doc for m in c.mentions} for c in story.claims}
    other = [(doc_of[x], doc_of[y]) for x, y in (k.claims for k in story.contradictions
                                                  if k.kind == "other")]
    assert other == [({"b"}, {"a"})]
