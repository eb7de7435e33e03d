"""Figures gather one measure's values across a story; timeline orders dated claims."""

from __future__ import annotations

import pathlib

import pytest

from corroborator.extract import extract_document
from corroborator.extract.parse import parse
from corroborator.extract.published import reconcile_published
from corroborator.match.figures import build_figures
from corroborator.match.timeline import build_timeline
from corroborator.model import Claim, Document, Mention


@pytest.fixture(scope="module")
def seed_docs(seeds_dir: pathlib.Path) -> list[Document]:
    docs = []
    for p in sorted(seeds_dir.glob("*.txt")):
        d = Document(id=p.stem, source=str(p), text=p.read_text(encoding="utf-8"),
                     outlet=p.stem)
        extract_document(d, parse(d))
        docs.append(d)
    reconcile_published(docs)
    return docs


def test_seed_years_inferred(seed_docs):
    assert all(d.published and d.published.startswith("2024-") for d in seed_docs)
    assert all(d.published_basis == "inferred" and d.published_evidence for d in seed_docs)


def test_troop_figure_gathers_values(seed_docs):
    figures, contradictions = build_figures(seed_docs, [])
    best = max(figures, key=lambda f: len({v.value for v in f.values}))
    values = {v.value for v in best.values}
    assert {3000, 10000, 11000, 12000} <= values
    assert 500 not in values and 3 not in values and 30 not in values  # parts and ratios
    for v in best.values:
        for m in v.mentions:
            doc = next(d for d in seed_docs if d.id == m.doc)
            assert doc.text[m.start : m.end]
    assert any(c.kind == "numeric" for c in contradictions)


def test_contradiction_names_claims(seed_docs):
    q = next(q for d in seed_docs for q in d.quantities if q.value == 11000)
    claim = Claim(id="c9", text="11,000", mentions=[Mention(q.doc, q.start - 5, q.end + 5)])
    _, contradictions = build_figures(seed_docs, [claim])
    assert any("c9" in c.claims for c in contradictions)


def test_timeline_orders_events(seed_docs):
    claims = []
    for n, d in enumerate(seed_docs):
        for m in d.dates:
            s = next((x for x in d.sentences if x.start <= m.start < x.end), None)
            if s:
                claims.append(Claim(id=f"c{n}-{m.start}", text=d.text[s.start : s.end],
                                    mentions=[Mention(d.id, s.start, s.end, outlet=d.outlet)]))
    entries = build_timeline(seed_docs, claims)
    assert entries and [e.start for e in entries] == sorted(e.start for e in entries)
    assert any(e.start == "2024-10-27" and e.end == "2024-10-28" for e in entries)


def test_scale_split_never_yields_an_empty_group() -> None:
    """Found on real pages: zeros put the median far from every value, leaving an empty
    figure group that crashed build_figures. Three outlets count no troops, one counts 100:
    the zeros make one figure and the far-off value stays out of it."""
    from corroborator.pipeline import prepare

    docs = prepare([Document(id=k, source="test", text=v) for k, v in {
        "a": "The army said 0 troops were left in the northern town on Monday.",
        "b": "Officials said 0 troops remained in the northern town on Monday.",
        "c": "The ministry said 0 troops stayed in the northern town.",
        "d": "The ministry said 100 troops stayed in the northern town.",
    }.items()])
    figures, _ = build_figures(docs, [])
    assert [[(v.value, sorted(m.doc for m in v.mentions)) for v in f.values]
            for f in figures] == [[(0.0, ["a", "b", "c"])]]
