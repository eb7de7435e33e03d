"""Story grouping: articles about the same real-world event form one story."""

from __future__ import annotations

from corroborator.model import Document


def group_stories(docs: list[Document]) -> list[list[Document]]:
    """Partition documents into stories. (first version: one story)"""
    return [docs] if docs else []


def story_title(docs: list[Document]) -> str:
    for d in docs:
        if d.title:
            return d.title
    return docs[0].text.strip().split("\n", 1)[0][:120] if docs else ""
