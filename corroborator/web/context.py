"""Template contexts for the story, claim and article views (web pages and brief alike)."""

from __future__ import annotations

from typing import Any

from corroborator.model import Claim, Document, Report, Story
from corroborator.web.chart import figure_chart
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
    return {
        "report": report,
        "story": story,
        "brief": brief,
        "prefix": prefix,
        "groups": group_claims(story),
        "claims_by_id": {c.id: c for c in story.claims},
        "claim_outlets": {c.id: claim_outlets(report, c) for c in story.claims},
        "charts": [figure_chart(report, f) for f in story.figures],
        "outlets": outlets,
        "coverage_rows": rows,
        "coverage_hidden": len(all_rows) - len(rows),
        "fold_after": FOLD_AFTER,
        "documents": documents,
        "removed_count": sum(len(d.removed) for d in documents),
        "show_removed": show_removed,
        "evidence": {c.id: evidence_for(report, c.mentions) for c in story.claims} if brief else {},
    }


def claim_context(report: Report, story: Story, claim: Claim) -> dict[str, Any]:
    evidence = evidence_for(report, claim.mentions)
    return {
        "report": report, "story": story, "claim": claim, "brief": False, "prefix": "",
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
