"""The Dask engine (``--engine dask``): the per-article and per-story work as tasks on a
dask.distributed cluster, the work across articles on the client (docs/dask.md).

The steps and their order are the local pipeline's (corroborator/pipeline.py), so the
report is the same:

- on the workers, in chunks of articles: pages to text (``clean_pages``), then the text
  cleaning (``clean_texts``, given the lines repeated across all the articles, which the
  client finds), then the extraction (sentences, entities, attributions, dates...);
- on the client: the repeated lines, duplicate marking and the language gate
  (``pipeline.gate``, which compares articles with each other), actor names across the
  articles and the story grouping, so story ids follow the local order;
- on the workers, one task per story: ``reconcile_published`` and ``build_story``.

A worker that dies has its tasks run again elsewhere (tasks are pure functions of their
inputs; only the client writes the store). dask and distributed are imported here only,
when the engine is asked for, so ``corroborator --help`` stays light.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from corroborator.model import Document, InputError, Report, Story
from corroborator.settings import Settings

__all__ = ["CHUNK", "DaskWork", "EngineError", "analyze_on", "analyze_with_dask",
           "dask_client", "prepare_with_dask"]

CHUNK = 4  # articles per task: small enough to spread and to tell progress as they finish
CONNECT_TIMEOUT = 10.0  # seconds to reach a --scheduler before giving up
T = TypeVar("T")


class EngineError(RuntimeError):
    """The engine cannot run (no dask installed, scheduler unreachable): one line to print."""


@contextlib.contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: on the cluster at ``scheduler``, else on a LocalCluster of
    ``workers`` processes (default: one per CPU) of one thread each, closed afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise EngineError("the dask engine needs the dask and distributed packages "
                          f"(pip install corroborator's pinned versions): {e}") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError, TypeError) as e:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: "
                              f"{_one_line(e)}") from None
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    try:
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
    except (OSError, RuntimeError, TimeoutError) as e:
        raise EngineError(f"cannot start a local Dask cluster of {n} workers: "
                          f"{_one_line(e)}") from None
    with cluster, Client(cluster) as client:
        yield client


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text[:300]


# ---- tasks (module functions, so the workers import them rather than unpickle code) ------
def clean_pages_task(docs: list[Document], settings: Settings) -> list[Document]:
    from corroborator.clean import clean_pages

    return clean_pages(docs, settings)


def clean_texts_task(docs: list[Document], repeated: frozenset[str]) -> list[Document]:
    from corroborator.clean import clean_texts

    return clean_texts(docs, repeated)


def extract_task(docs: list[Document], settings: Settings) -> list[Document]:
    from corroborator.extract import extract_documents

    return extract_documents(docs, settings)


def story_task(story_id: str, group: list[Document], settings: Settings
               ) -> tuple[Story, list[Document]]:
    from corroborator.pipeline import build_one_story

    return build_one_story(story_id, group, settings)


def ledger_task(story_id: str, docs: list[Document], settings: Settings,
                previous_title: str | None) -> tuple[Story, list[Document]]:
    from corroborator.store import build_ledger

    return build_ledger(story_id, docs, settings, previous_title), docs


# ---- running them ---------------------------------------------------------------------
def _run(client: Any, fn: Callable[..., T], calls: Sequence[tuple[Any, ...]], name: str,
         tick: Callable[[int], None] | None = None, sizes: Sequence[int] | None = None
         ) -> list[T]:
    """``fn(*args)`` for each args in ``calls`` as tasks; results in the order of ``calls``.

    ``tick(n)`` as each task finishes (``sizes[i]`` articles for task i, else 1). A task
    whose worker died is run again by the scheduler; a task that raises re-raises here."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:12]
    futures = [client.submit(fn, *args, key=f"corroborator-{name}-{run}-{i}", pure=False)
               for i, args in enumerate(calls)]
    index = {f.key: i for i, f in enumerate(futures)}
    try:
        with _cluster_trouble():
            for f in as_completed(futures):
                if f.status == "error":
                    f.result()  # raises the task's own exception
                if tick:
                    tick(sizes[index[f.key]] if sizes else 1)
            return [f.result() for f in futures]
    finally:
        for f in futures:
            f.release()


@contextlib.contextmanager
def _cluster_trouble() -> Iterator[None]:
    """The cluster's own failures (a task that killed worker after worker, the scheduler
    gone) as an EngineError; a task's own exception passes as it is."""
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError

    try:
        yield
    except (KilledWorker, FutureCancelledError) as e:
        raise EngineError(f"the Dask cluster failed: {type(e).__name__}: "
                          f"{_one_line(e)}") from None


def _chunks(docs: list[Document], size: int = CHUNK) -> list[list[Document]]:
    return [docs[i : i + size] for i in range(0, len(docs), size)]


def _flat(chunks: list[list[Document]]) -> list[Document]:
    return [d for c in chunks for d in c]


def prepare_with_dask(client: Any, docs: list[Document], settings: Settings
                      ) -> list[Document]:
    """``pipeline.prepare`` with the per-article steps on the workers; new Document objects
    in the same order (the workers return copies)."""
    from corroborator.clean import repeated_for
    from corroborator.pipeline import gate
    from corroborator.progress import Ticker

    quiet = replace(settings, progress=False)
    with Ticker("cleaned", len(docs), enabled=settings.progress) as ticker:
        parts = _chunks(docs)
        docs = _flat(_run(client, clean_pages_task, [(c, quiet) for c in parts], "pages"))
        repeated = frozenset(repeated_for(docs))
        parts = _chunks(docs)
        docs = _flat(_run(client, clean_texts_task, [(c, repeated) for c in parts], "clean",
                          ticker.advance, [len(c) for c in parts]))
    gate(docs, settings)
    with Ticker("prepared", len(docs), enabled=settings.progress) as ticker:
        parts = _chunks(docs)
        docs = _flat(_run(client, extract_task, [(c, quiet) for c in parts], "extract",
                          ticker.advance, [len(c) for c in parts]))
    return docs


def analyze_prepared_with_dask(client: Any, docs: list[Document], settings: Settings,
                               errors: list[InputError] | None = None) -> Report:
    """``pipeline.analyze_documents`` with one task per story."""
    from corroborator.extract.actors import canonicalise_actors
    from corroborator.stories import group_stories

    usable = [d for d in docs if not d.skipped]
    report = Report(documents=docs, errors=list(errors or []))
    report.actors = canonicalise_actors(usable)
    groups = group_stories(usable)
    quiet = replace(settings, progress=False)
    built = _run(client, story_task,
                 [(f"s{i}", g, quiet) for i, g in enumerate(groups, start=1)], "story")
    position = {id(d): i for i, d in enumerate(docs)}
    for group, (story, redated) in zip(groups, built, strict=True):
        report.stories.append(story)
        for old, new in zip(group, redated, strict=True):
            docs[position[id(old)]] = new  # the article as its story re-dated it
    return report


def analyze_with_dask(inputs: list[str], settings: Settings | None = None,
                      workers: int | None = None, scheduler: str | None = None) -> Report:
    """``pipeline.analyze`` on a Dask cluster: the same report as the local engine."""
    with dask_client(workers, scheduler) as client:
        return analyze_on(client, inputs, settings or Settings())


def analyze_on(client: Any, inputs: list[str], settings: Settings) -> Report:
    """``analyze_with_dask`` with a ``distributed.Client`` already connected."""
    from corroborator.ingest import read_inputs

    docs, errors = read_inputs(inputs, settings)
    docs = prepare_with_dask(client, docs, settings) if docs else docs
    for d in docs:
        if d.skipped:
            errors.append(InputError(d.source, d.skipped))
    return analyze_prepared_with_dask(client, docs, settings, errors)


def prepare_chunk_task(docs: list[Document], settings: Settings) -> list[Document]:
    from corroborator.pipeline import prepare

    return prepare(docs, settings)


class DaskWork:
    """``store.LocalWork`` as tasks on a Dask client: ``add`` prepares its chunks of
    articles and builds its ledgers on the workers, and writes the store itself."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def prepare(self, chunks: list[list[Document]], settings: Settings
                ) -> Iterator[list[Document]]:
        """Every chunk submitted at once; each yielded, in order, once it is done."""
        quiet = replace(settings, progress=False)
        yield from self._each(prepare_chunk_task, [(c, quiet) for c in chunks], "prepare")

    def ledgers(self, jobs: list[tuple[str, list[Document], str | None]],
                settings: Settings | None) -> Iterator[tuple[Story, list[Document]]]:
        quiet = replace(settings or Settings(), progress=False)
        yield from self._each(ledger_task, [(sid, docs, quiet, title)
                                            for sid, docs, title in jobs], "ledger")

    def _each(self, fn: Callable[..., T], calls: list[tuple[Any, ...]], name: str
              ) -> Iterator[T]:
        run = uuid.uuid4().hex[:12]
        futures = [self.client.submit(fn, *args, key=f"corroborator-{name}-{run}-{i}",
                                      pure=False) for i, args in enumerate(calls)]
        try:
            for f in futures:
                with _cluster_trouble():
                    out = f.result()
                f.release()
                yield out
        finally:
            for f in futures:
                f.release()
