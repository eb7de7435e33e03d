"""Template contexts for the story, claim and article views (web pages and brief alike)."""

from __future__ import annotations

from typing import Any

from corroborator.model import Claim, Document, Report, Story
from corroborator.web.chart import figure_chart
from corroborator.web.explain import contested_pieces, explain
from corroborator.web.present import (
    coverage_matrix,
    document_segments,
    evidence_for,
    group_claims,
    mention_outlet,
    story_documents,
    valid_span,
)

FOLD_AFTER = 8  # longer single-source and unattributed lists start folded on the web page
# The story sections in page order, with their links' labels; one with nothing in it is
# left out, and so is its link.
SECTIONS = [("ledger", "Claims"), ("contradictions", "Contradictions"), ("figures", "Figures"),
            ("timeline", "Timeline"), ("coverage", "Coverage"), ("articles", "Articles"),
            ("removed", "Removed furniture")]


def claim_outlets(report: Report, claim: Claim) -> list[str]:
    seen: list[str] = []
    for m in claim.mentions:
        name = mention_outlet(report, m)
        if name not in seen:
            seen.append(name)
    return seen


def story_context(report: Report, story: Story, *, brief: bool = False, prefix: str = "",
                  show_removed: bool = False) -> dict[str, Any]:
    """Everything the story sections need; in a brief each claim carries its evidence."""
    outlets, all_rows = coverage_matrix(report, story)
    rows = [r for r in all_rows if sum(r.cells) >= 2]
    documents = story_documents(report, story)
    charts = [figure_chart(report, f) for f in story.figures]
    removed_count = sum(len(d.removed) for d in documents)
    filled = {
        "ledger": True,
        "contradictions": bool(story.contradictions),
        "figures": bool(charts),
        "timeline": bool(story.timeline),
        "coverage": len(outlets) >= 2,  # one outlet has nothing to compare
        "articles": bool(documents),
        "removed": removed_count > 0,
    }
    return {
        "sections": [(key, label) for key, label in SECTIONS if filled[key]],
        "shown": {key for key, ok in filled.items() if ok},
        "report": report,
        "story": story,
        "brief": brief,
        "prefix": prefix,
        "groups": group_claims(story),
        "claims_by_id": {c.id: c for c in story.claims},
        "claim_outlets": {c.id: claim_outlets(report, c) for c in story.claims},
        "charts": charts,
        "contested": {c.id: contested_pieces(c, story, charts) for c in story.claims},
        "contradiction_pieces": [explain(k.explanation, charts) for k in story.contradictions],
        "outlets": outlets,
        "coverage_rows": rows,
        "coverage_hidden": len(all_rows) - len(rows),
        "fold_after": FOLD_AFTER,
        "documents": documents,
        "removed_count": removed_count,
        "show_removed": show_removed,
        "evidence": {c.id: evidence_for(report, c.mentions) for c in story.claims} if brief else {},
    }


def claim_context(report: Report, story: Story, claim: Claim) -> dict[str, Any]:
    evidence = evidence_for(report, claim.mentions)
    charts = [figure_chart(report, f) for f in story.figures]
    return {
        "report": report, "story": story, "claim": claim, "brief": False, "prefix": "",
        "contested": {claim.id: contested_pieces(claim, story, charts)},
        "evidence": evidence, "claim_for_doc": claim.id,
        "articles_count": len({e.doc.id for e in evidence}),
    }


def document_context(report: Report, story: Story, doc: Document, claim: Claim | None,
                     show_removed: bool) -> dict[str, Any]:
    """The whole article, the chosen claim's mentions in it highlighted."""
    marks = [(m.start, m.end) for m in (claim.mentions if claim else [])
             if m.doc == doc.id and valid_span(doc, m.start, m.end)]
    return {
        "story": story, "doc": doc, "claim": claim, "show_removed": show_removed,
        "paragraphs": document_segments(doc, marks, show_removed),
    }
