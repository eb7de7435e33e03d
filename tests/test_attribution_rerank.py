"""The attribution reranker: the real encoder with the shipped adapter, on written text."""

from __future__ import annotations

import numpy as np
import pytest

from corroborator.extract.attribution import (
    find_attributions,
    find_attributions_many,
    select,
)
from corroborator.extract.attribution_candidates import candidates
from corroborator.extract.attribution_rerank import (
    ADAPTER,
    BAND,
    candidate_text,
    load_reranker,
    rerank,
    rerank_many,
)
from corroborator.extract.attribution_scorer import load_weights, score
from corroborator.extract.parse import parse
from corroborator.model import Document
from corroborator.settings import Settings

TEXT = ("The mayor said the bridge would reopen in May, adding that repairs had cost more "
        "than planned. Critics praised the engineers. As reported earlier, the council voted "
        "against a second bridge.")


def test_adapter_ships_with_the_package() -> None:
    weights = np.load(ADAPTER)
    lora = [k for k in weights.files if k.endswith(".A")]
    assert len(lora) == 36  # six layers, six linear maps each
    assert weights["blend"].shape == (3,) and weights["blend"][0] > 0


def test_candidate_text_marks_content_and_cue(nlp) -> None:
    doc = Document("t", "t", TEXT)
    cands, _ = candidates(parse(doc))
    said = next(c for c in cands if TEXT[c.cue[0]:c.cue[1]] == "said")
    a, b = candidate_text(TEXT, said)
    assert "<< " in a and " >>" in a and a.split("<< ")[1].startswith(TEXT[said.content[0]:][:8])
    assert "[[ said ]]" in b and b.startswith(said.kind + " | The mayor |")


def test_rerank_changes_only_unsure_candidates(nlp) -> None:
    doc = Document("t", "t", TEXT)
    cands, _ = candidates(parse(doc))
    probs = [score(c, load_weights()) for c in cands]
    again = rerank(TEXT, cands, probs)
    assert len(again) == len(probs)
    for p, q in zip(probs, again, strict=True):
        assert 0.0 <= q <= 1.0
        if not BAND[0] <= p <= BAND[1]:
            assert q == p
    unsure = [i for i, p in enumerate(probs) if BAND[0] <= p <= BAND[1]]
    assert unsure and any(again[i] != probs[i] for i in unsure)
    assert rerank(TEXT, cands, probs) == again  # deterministic


def test_reranker_logits_tell_a_report_from_an_action(nlp) -> None:
    model = load_reranker()
    report, action = model.logits([
        ("The mayor said << the bridge would reopen in May >> , adding that",
         "verb | The mayor | The mayor [[ said ]] the bridge would reopen in May"),
        ("The mayor << the bridge >> in May , adding that",
         "verb | The mayor | The mayor [[ painted ]] the bridge in May"),
    ])
    assert report > action


def test_int8_encoder_agrees_with_the_float_one(nlp) -> None:
    doc = Document("t", "t", TEXT)
    cands, _ = candidates(parse(doc))
    pairs = [candidate_text(TEXT, c) for c in cands]
    exact = np.array(load_reranker().logits(pairs))
    fast = load_reranker(int8=True)
    assert fast.encoder is not load_reranker().encoder
    small = np.array(fast.logits(pairs))
    assert len(pairs) >= 5 and not np.allclose(small, exact)  # the weights did change
    assert np.corrcoef(small, exact)[0, 1] > 0.9
    assert np.mean(np.sign(small) == np.sign(exact)) >= 0.8


def test_select_takes_given_probabilities(nlp) -> None:
    """With the reranker's probabilities, select keeps the mayor's two reports, one content
    for each cue, and drops the parse's other readings ("would" reopen May); with none above
    the threshold it keeps nothing."""
    doc = Document("t", "t", TEXT)
    cands, _ = candidates(parse(doc))
    probs = rerank(TEXT, cands, [score(c, load_weights()) for c in cands])
    kept = [(TEXT[slice(*c.cue)], TEXT[slice(*c.content)]) for c, _ in select(cands, probs=probs)]
    assert {("said", "the bridge would reopen in May"),
            ("adding", "that repairs had cost more than planned")} <= set(kept)
    cues = [cue for cue, _ in kept]
    assert len(set(cues)) == len(cues) and "would" not in cues
    assert select(cands, 0.25, [0.0] * len(cands)) == []


@pytest.mark.parametrize("switch", ["0", "1", "int8"])
def test_offsets_hold_with_and_without_the_reranker(nlp, monkeypatch, switch: str) -> None:
    monkeypatch.setenv("CORROBORATOR_ATTRIBUTION_RERANK", switch)
    mode = Settings().attribution_rerank  # the variable sets the default, Settings carries it
    assert mode == {"0": "off", "1": "on", "int8": "int8"}[switch]
    doc = Document("t", "t", TEXT)
    atts = find_attributions(doc, parse(doc), rerank_mode=mode)
    assert atts
    for a in atts:
        for span in (a.source, a.cue, a.content):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(TEXT)


OTHER = ("Police said the fire started in the kitchen. \"We got everyone out,\" the chief told "
         "reporters, adding that two people were treated for smoke.")


def test_documents_reranked_together_as_alone(nlp) -> None:
    """Several documents' unsure candidates read in one pass (batches sorted by length
    across them) get what each document read alone gets, up to float rounding, and the
    same attributions."""
    docs = [Document(k, k, t) for k, t in (("a", TEXT), ("b", OTHER))]
    parsed = [(d, parse(d)) for d in docs]
    todo = []
    for d, sdoc in parsed:
        cands, _ = candidates(sdoc)
        todo.append((d.text, cands, [score(c, load_weights()) for c in cands]))
    together = rerank_many(todo)
    for (text, cands, probs), got in zip(todo, together, strict=True):
        assert got == pytest.approx(rerank(text, cands, probs), abs=1e-5)
    many = find_attributions_many(parsed, rerank_mode="on")
    assert many == [find_attributions(d, sdoc, rerank_mode="on") for d, sdoc in parsed]
    assert all(many)
