"""The whole path: ingest -> clean -> extract -> stories -> match -> report."""

from __future__ import annotations

from collections.abc import Callable

from corroborator.clean import clean_documents
from corroborator.extract import extract_documents
from corroborator.extract.actors import canonicalise_actors
from corroborator.extract.published import reconcile_published
from corroborator.ingest import mark_duplicates, read_inputs
from corroborator.match import build_story
from corroborator.model import Document, InputError, Report, Story
from corroborator.settings import Settings
from corroborator.stories import group_stories
from corroborator.timing import stage

Progress = Callable[[str], None]


PREPARE_CHUNK = 32  # articles parsed at a time, so progress can be told between chunks


def prepare(docs: list[Document], settings: Settings | None = None) -> list[Document]:
    """Per-document work (clean, language gate, extract); safe to cache per article.

    With ``settings.progress``, more than a few articles are counted on stderr as they are
    cleaned and prepared (corroborator.progress: a plain line now and then off a terminal)."""
    from corroborator.progress import Ticker

    settings = settings or Settings()
    with Ticker("cleaned", len(docs), enabled=settings.progress) as ticker:
        with stage("clean"):
            docs = clean_documents(docs, settings, tick=ticker.advance)
    gate(docs, settings)
    with Ticker("prepared", len(docs), enabled=settings.progress) as ticker:
        for i in range(0, len(docs), PREPARE_CHUNK):
            chunk = docs[i : i + PREPARE_CHUNK]
            extract_documents(chunk, settings)
            ticker.advance(len(chunk))
    return docs


def gate(docs: list[Document], settings: Settings) -> list[Document]:
    """Across the cleaned documents: mark duplicates, skip other languages and empty texts."""
    # again on the cleaned text: the same wire story on two sites differs in page furniture
    with stage("dedupe"):
        mark_duplicates(docs, settings.duplicate_threshold)
    for d in docs:
        if not d.skipped and d.language and d.language != settings.language:
            d.skipped = f"language {d.language} is not {settings.language}"
        if not d.skipped and not d.body().strip():
            # nothing left once the furniture is cut: no article, never an empty story
            d.skipped = ("no article text left after cleaning" if d.text.strip()
                         else "no article text")
    return docs


def build_one_story(story_id: str, group: list[Document], settings: Settings
                    ) -> tuple[Story, list[Document]]:
    """One story's ledger; its articles come back re-dated (``reconcile_published``)."""
    reconcile_published(group, settings.today)
    with stage("matching"):
        return build_story(story_id, group, settings), group


def analyze_documents(docs: list[Document], settings: Settings | None = None,
                      errors: list[InputError] | None = None) -> Report:
    """Group prepared documents into stories and build each story's ledger."""
    settings = settings or Settings()
    usable = [d for d in docs if not d.skipped]
    report = Report(documents=docs, errors=list(errors or []))
    with stage("actors"):
        report.actors = canonicalise_actors(usable)
    with stage("grouping"):
        groups = group_stories(usable)
    for i, group in enumerate(groups, start=1):
        report.stories.append(build_one_story(f"s{i}", group, settings)[0])
    return report


def analyze(inputs: list[str], settings: Settings | None = None) -> Report:
    settings = settings or Settings()
    with stage("read"):
        docs, errors = read_inputs(inputs, settings)
    docs = prepare(docs, settings)
    for d in docs:
        if d.skipped:
            errors.append(InputError(d.source, d.skipped))
    return analyze_documents(docs, settings, errors)
