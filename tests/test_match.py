"""match/__init__.py (build_story): claims, sources and contradictions of whole stories
built from real sentences through the real stages; hard negatives must stay apart."""

from __future__ import annotations

import json

from corroborator.extract.actors import canonicalise_actors
from corroborator.match import build_story
from corroborator.model import Document
from corroborator.pipeline import prepare
from tests.conftest import ROOT
from tests.match_text import story_of


def _pairs() -> list[dict]:
    lines = (ROOT / "tests/data/claim_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


def test_hard_negatives_apart_and_paraphrases_linked() -> None:
    pairs = _pairs()
    docs = []
    for i, p in enumerate(pairs):
        docs.append(Document(id=f"a{i}", source="test", text=p["a"]))
        docs.append(Document(id=f"b{i}", source="test", text=p["b"]))
    docs = prepare(docs)
    canonicalise_actors(docs)
    story = build_story("t", docs)
    together = set()
    for c in story.claims:
        ids = {m.doc for m in c.mentions}
        for i in range(len(pairs)):
            if {f"a{i}", f"b{i}"} <= ids:
                together.add(i)
    wrong = [pairs[i]["why"] for i in together if not pairs[i]["same"]]
    assert not wrong, wrong
    positives = [i for i, p in enumerate(pairs) if p["same"]]
    assert len(together & set(positives)) >= 2  # isolated fragments; see the seed-score test


def test_a_country_and_its_official_give_one_non_denial_and_one_source() -> None:
    """Written for this test in wire style: Moscow's and Putin's non-denials are one claim
    from one source; Pyongyang's denial is another speech act and stays apart."""
    texts = {
        "a": "Moscow has neither confirmed nor denied the reports about the troops.",
        "b": "Russian President Vladimir Putin did not deny the reports on Thursday and "
             "mocked the satellite images.",
        "c": "Pyongyang's foreign ministry denied the reports, calling them groundless rumours.",
    }
    story = story_of(texts)
    groups = {frozenset(m.doc for m in c.mentions): c for c in story.claims}
    assert frozenset({"a", "b"}) in groups and frozenset({"c"}) in groups
    both = groups[frozenset({"a", "b"})]
    assert both.kind == "non-denial" and both.outlets == 2 and both.independent_sources == 1


def test_a_country_does_not_deny_its_own_president() -> None:
    """Written for this test: Moscow's denial is not a contradiction of what the Russian
    president asserts; Kyiv's denial of the same thing is."""
    story = story_of({
        "a": "Russian President Vladimir Putin said the convoy had crossed the border on "
             "Monday night.",
        "b": "Moscow denied that the convoy had crossed the border on Monday night.",
        "c": "Kyiv denied that the convoy had crossed the border on Monday night.",
    })
    doc_of = {c.id: {m.doc for m in c.mentions} for c in story.claims}
    denials = sorted((sorted(doc_of[x]), sorted(doc_of[y])) for x, y in
                     (k.claims for k in story.contradictions if k.kind == "denial"))
    assert denials == [(["a"], ["c"])]


def test_mentions_keep_who_reports_a_reported_source() -> None:
    from corroborator.report.markdown import render_story

    text = ("According to the port authority, local officials said the eastern bridge "
            "had collapsed after the storm on Tuesday night.")
    texts = {"a": text, "b": "The weather service warned of more storms."}
    docs = prepare([Document(id=k, source="test", text=v) for k, v in texts.items()])
    canonicalise_actors(docs)
    story = build_story("t", docs)
    found = [(m.speaker, m.reported_by, c) for c in story.claims
             for m in c.mentions if m.doc == "a" and "bridge" in text[m.start:m.end]]
    assert found, [c.text for c in story.claims]
    assert any(rb == "port authority" and sp == "local officials" for sp, rb, _ in found), found
    claim = next(c for sp, rb, c in found if rb)
    assert claim.attributed_to == ["port authority", "local officials"]
    assert claim.independent_sources == 1  # the reporter made it public: one source
    md = "\n".join(render_story(story, {d.id: d for d in docs}))
    assert "(reported by port authority)" in md


def test_other_denials_do_not_crowd_out_what_is_denied() -> None:
    """Written for this test: three capitals deny one report in the same words; each denial
    still targets the assertion (before, a denial's three nearest claims were itself and
    the other denials, and it targeted nothing)."""
    story = story_of({
        "a": "Russian President Vladimir Putin said the convoy had crossed the border on "
             "Monday night.",
        "b": "Kyiv denied that the convoy had crossed the border on Monday night.",
        "c": "Minsk denied that the convoy had crossed the border on Monday night.",
        "d": "Warsaw denied that the convoy had crossed the border on Monday night.",
    })
    doc_of = {c.id: {m.doc for m in c.mentions} for c in story.claims}
    denials = sorted((sorted(doc_of[x]), sorted(doc_of[y])) for x, y in
                     (k.claims for k in story.contradictions if k.kind == "denial"))
    assert denials == [(["a"], ["b"]), (["a"], ["c"]), (["a"], ["d"])]


def test_the_statement_shown_is_what_most_mentions_say() -> None:
    """Written for this test: three outlets report one crossing, one of them opening on
    "He"; a fourth tells of something else. The claim shows the mention the others agree
    with most, and never one that opens on a pronoun."""
    story = story_of({
        "d0": "Residents said trucks had rumbled through the village before dawn and that "
              "several families had packed their cars and left for the city by the afternoon.",
        "d1": "He said the convoy had crossed the border on Monday night.",
        "d2": "Police said the convoy had crossed the border on Monday night.",
        "d3": "Officials said a convoy crossed the border late on Monday.",
    })
    crossing = next(c for c in story.claims if {m.doc for m in c.mentions} >= {"d1", "d2"})
    assert {m.doc for m in crossing.mentions} == {"d1", "d2", "d3"}
    assert crossing.text == "Police said the convoy had crossed the border on Monday night"


def test_a_denial_of_the_counted_thing_denies_every_value_of_the_figure() -> None:
    """Written for this test. "The ministry denied that it had sent troops" denies every
    value of the disputed troop count, except the ministry's own figure."""
    story = story_of({
        "a": "About 4,000 troops were sent across the border, the agency said.",
        "b": "Some 9,000 troops crossed the border, lawmakers said.",
        "c": "The ministry said it had sent 6,000 troops across the border.",
        "d": "The ministry denied that it had sent troops across the border.",
    })
    doc_of = {c.id: "".join(sorted({m.doc for m in c.mentions})) for c in story.claims}
    found = {(k.kind, tuple(doc_of[x] for x in k.claims)) for k in story.contradictions}
    assert ("numeric", ("a", "b", "c")) in found
    assert sorted(ids for kind, ids in found if kind == "denial") == [("a", "d"), ("b", "d")]
