"""Claim matching on real sentence pairs: hard negatives must stay apart."""

from __future__ import annotations

import json

from corroborator.extract.actors import canonicalise_actors
from corroborator.match import build_story
from corroborator.match.linking import average_linkage, numbers_of
from corroborator.match.units import Unit
from corroborator.model import Document
from corroborator.pipeline import prepare
from tests.conftest import ROOT


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


def test_average_linkage_does_not_chain() -> None:
    # a-b and b-c are close, a-c is far: single linkage would chain all three
    edges = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.1}
    clusters = average_linkage(3, edges, 0.6)
    assert sorted(map(len, clusters)) == [1, 2]


def test_forbidden_pair_never_merges() -> None:
    edges = {(0, 1): 0.95, (1, 2): 0.95, (0, 2): float("-inf")}
    clusters = average_linkage(3, edges, 0.5)
    assert all(not {0, 2} <= set(c) for c in clusters)


def test_range_is_not_its_end_point() -> None:
    from corroborator.model import Quantity

    u = Unit("d", 0, 10, "x", (0, 10))
    u.quantities = [Quantity("d", 0, 5, None, low=10000, high=12000)]
    v = Unit("e", 0, 10, "y", (0, 10))
    v.quantities = [Quantity("e", 0, 5, 12000)]
    assert not numbers_of(u) & numbers_of(v)


def test_scale_split_never_yields_an_empty_group() -> None:
    """Found on real pages: zeros put the median far from every value, leaving an empty
    figure group that crashed build_figures."""
    from corroborator.match.figures import _Item, _split_by_scale
    from corroborator.model import Quantity

    doc = Document(id="d", source="test", text="x" * 50)
    items = [_Item(doc, Quantity("d", i, i + 1, v), "troops", frozenset(), (0, 50))
             for i, v in enumerate([0.0, 0.0, 0.0, 100.0])]
    groups = _split_by_scale(items)
    assert all(groups) and sorted(len(g) for g in groups) == [1, 3]
