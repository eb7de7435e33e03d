"""A story store held in memory: serves an analysed Report without a database."""

from __future__ import annotations

from typing import Any

from corroborator.model import Document, Report
from corroborator.outlets import count_outlets
from corroborator.settings import Settings


def story_summary(report: Report, story_id: str) -> dict[str, Any]:
    """The fields Store.list_stories gives for one story."""
    story = next(s for s in report.stories if s.id == story_id)
    docs = [d for d in report.documents if d.id in set(story.documents)]
    dates = sorted(d.published for d in docs if d.published)
    return {
        "id": story.id, "title": story.title, "documents": len(docs),
        "outlets": count_outlets((d.outlet, d.id) for d in docs),
        "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
        "corroborated": sum("corroborated" in c.status for c in story.claims),
        "contested": sum("contested" in c.status for c in story.claims),
    }


class MemoryStore:
    """Same calls as corroborator.store.Store; adding articles re-runs the whole analysis."""

    def __init__(self, report: Report | None = None) -> None:
        self.report = report or Report()

    def list_stories(self) -> list[dict[str, Any]]:
        return [story_summary(self.report, s.id) for s in self.report.stories]

    def story_report(self, story_id: str) -> Report | None:
        story = next((s for s in self.report.stories if s.id == story_id), None)
        if story is None:
            return None
        wanted = set(story.documents)
        return Report(documents=[d for d in self.report.documents if d.id in wanted],
                      stories=[story], actors=self.report.actors)

    def add_documents(self, docs: list[Document], settings: Settings) -> list[str]:
        from corroborator.pipeline import analyze_documents, prepare

        known = {d.id for d in self.report.documents}
        new = prepare([d for d in docs if d.id not in known], settings)
        before = {s.id: set(s.documents) for s in self.report.stories}
        self.report = analyze_documents(self.report.documents + new, settings,
                                        self.report.errors)
        new_ids = {d.id for d in new} | {d.id for d in docs}
        return [s.id for s in self.report.stories
                if new_ids & set(s.documents) or before.get(s.id) != set(s.documents)]

    def close(self) -> None:
        pass
