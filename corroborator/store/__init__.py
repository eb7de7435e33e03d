"""The local store: a SQLite file of prepared articles, their stories and story history.

One transaction per added article (a crash never leaves half an article); re-adding the
same text is a no-op. Affected stories are rebuilt after the articles are in, and each
rebuild keeps a snapshot so ``changes`` can say what is new. Safe to share between
threads (one connection behind a lock).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from corroborator.model import (
    Document,
    Report,
    Story,
    document_from_json,
    story_from_json,
    story_to_json,
)
from corroborator.outlets import count_outlets
from corroborator.settings import Settings
from corroborator.store.backend import SQLiteBackend, pack, unpack
from corroborator.store.changes import StoryChanges, diff_stories
from corroborator.store.schema import enable_wal, migrate
from corroborator.stories import StoryIndex, features_for, story_title

__all__ = ["Store", "AddResult", "LocalWork", "StoryChanges", "content_hash", "parse_since"]

PREPARE_CHUNK = 16
REBUILD_TRIES = 3  # ledger builds tried while another process adds to the story
VECTOR_QUERY = 500  # keys per look-up of stored sentence vectors (SQLite binds at most 999)
Progress = Callable[[str, int, int], None]  # (what is done, how many, out of how many)


def content_hash(doc: Document) -> str:
    """The identity of an article: a hash of its text (or the page, for HTML)."""
    return hashlib.sha256((doc.raw or doc.text).encode("utf-8", "surrogatepass")).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class AddResult:
    """What one ``add`` did: articles stored, duplicates seen, stories touched."""

    def __init__(self) -> None:
        self.added: list[tuple[str, str, bool]] = []  # (doc id, story id, new story)
        self.duplicates: list[tuple[str, str]] = []  # (source, stored doc id)
        self.skipped: list[tuple[str, str]] = []  # (source, reason): not stored
        self.stories: list[str] = []


LedgerJob = tuple[str, list[Document], str | None]  # story id, its articles, previous title


class LocalWork:
    """Where ``add`` prepares articles and builds ledgers: here, one after another. The
    Dask engine's ``DaskWork`` (corroborator/dask_engine.py) runs the same calls as tasks;
    the store is written by the calling process either way."""

    def prepare(self, chunks: list[list[Document]], settings: Settings
                ) -> Iterator[list[Document]]:
        """Each chunk prepared (``pipeline.prepare`` on the chunk), in order."""
        for chunk in chunks:
            yield _prepare(chunk, settings)

    def ledgers(self, jobs: list[LedgerJob], settings: Settings | None
                ) -> Iterator[tuple[Story, list[Document]]]:
        """``build_ledger`` of each job, with the articles as it left them, in order."""
        for story_id, docs, title in jobs:
            yield build_ledger(story_id, docs, settings, title), docs


class Store:
    """A store file. ``Store(path)`` creates or opens it and applies migrations."""

    def __init__(self, path: str, timeout: float = 30.0) -> None:
        self.path = path
        self._lock = threading.RLock()
        self.conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                                    check_same_thread=False)
        enable_wal(self.conn, timeout)
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.version = migrate(self.conn)
        self._backend = SQLiteBackend(self.conn, utc_now())

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- adding -------------------------------------------------------------------------
    def add_documents(self, docs: list[Document], settings: Settings | None = None,
                      progress: Progress | None = None, prepared: bool = False) -> list[str]:
        """Prepare, store, group and rebuild; returns the ids of the stories affected."""
        return self.add(docs, settings, progress, prepared).stories

    def add(self, docs: list[Document], settings: Settings | None = None,
            progress: Progress | None = None, prepared: bool = False,
            work: LocalWork | None = None) -> AddResult:
        """Like ``add_documents`` but says what happened to each article.

        ``work`` prepares the chunks and builds the ledgers (default: in this process)."""
        settings = settings or Settings(progress=False)
        work = work or LocalWork()
        result = AddResult()
        todo: list[tuple[Document, str]] = []
        seen: dict[str, str] = {}
        for d in docs:
            h = content_hash(d)
            stored = seen.get(h) or self.doc_id_for_hash(h)
            if stored:
                result.duplicates.append((d.source, stored))
                continue
            seen[h] = d.id
            todo.append((d, h))
        chunks = [todo[i : i + PREPARE_CHUNK] for i in range(0, len(todo), PREPARE_CHUNK)]
        plain = [[d for d, _ in chunk] for chunk in chunks]
        readied = iter(plain) if prepared else work.prepare(plain, settings)
        for n, (chunk, ready) in enumerate(zip(chunks, readied, strict=True)):
            i = n * PREPARE_CHUNK
            usable = [d for d in ready if not d.skipped]
            feats = dict(zip([d.id for d in usable], features_for(usable), strict=True))
            for d, (_, h) in zip(ready, chunk, strict=True):
                self._store_article(d, h, feats.get(d.id), result)
            if progress:
                progress("prepared", min(i + PREPARE_CHUNK, len(todo)), len(todo))
        result.stories = list(dict.fromkeys(sid for _, sid, _ in result.added))
        self.rebuild_stories(result.stories, settings, work, progress)
        return result

    def rebuild_stories(self, ids: list[str], settings: Settings | None = None,
                        work: LocalWork | None = None, progress: Progress | None = None
                        ) -> None:
        """``rebuild_story`` for each story, the ledgers built by ``work``; a story that
        another process changed meanwhile is rebuilt again here."""
        if work is None or type(work) is LocalWork:
            for n, sid in enumerate(ids, start=1):
                self.rebuild_story(sid, settings)
                if progress:
                    progress("rebuilt", n, len(ids))
            return
        read = [(sid, *self._story_documents(sid)) for sid in ids]
        read = [(sid, docs, mark) for sid, docs, mark in read if docs]
        before = [{d.id: _dating(d) for d in docs} for _, docs, _ in read]
        jobs = [(sid, docs, self._title(sid)) for sid, docs, _ in read]
        built = work.ledgers(jobs, settings)
        for n, ((sid, _, mark), dating, (story, docs)) in enumerate(
                zip(read, before, built, strict=True), start=1):
            redated = [d for d in docs if _dating(d) != dating[d.id]]
            if not self._save_ledger(sid, story, mark, redated):
                self.rebuild_story(sid, settings)
            if progress:
                progress("rebuilt", n, len(read))

    def store_prepared(self, doc: Document, features: Any) -> tuple[str, bool] | None:
        """Store one prepared article with its story features (no rebuild); None if known."""
        h = content_hash(doc)
        if self.doc_id_for_hash(h):
            return None
        result = AddResult()
        self._store_article(doc, h, features, result)
        return (result.added[0][1], result.added[0][2]) if result.added else None

    def _store_article(self, d: Document, h: str, feats: Any, result: AddResult) -> None:
        """One article in one transaction: index update, row, story marked for rebuild.

        The text is looked up again inside the transaction: another process may have stored
        it since this one checked, and then it is a duplicate, not an error."""
        if d.skipped or feats is None:
            # nothing to group (another language, no text left after cleaning...): a skip
            # the caller reports, never a row, so the store's counts and its stories agree
            result.skipped.append((d.source, d.skipped or "no features"))
            return
        with self._lock:
            now = utc_now()
            self._backend.now = now
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                row = self.conn.execute("SELECT doc_id FROM articles WHERE content_hash = ?",
                                        (h,)).fetchone()
                if row is not None:
                    self.conn.execute("COMMIT")
                    result.duplicates.append((d.source, str(row[0])))
                    return
                d.id = self._free_doc_id(d.id)
                a = StoryIndex(self._backend).assign(d, feats)
                story_id, new_story = a.story_id, a.new_story
                self.conn.execute(
                    "INSERT INTO articles (doc_id, content_hash, story_id, source, outlet, "
                    "title, published, skipped, added_at, document) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (d.id, h, story_id, d.source, d.outlet, d.title, d.published, d.skipped,
                     now, pack(asdict(d))))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._backend.invalidate()
                raise
        result.added.append((d.id, story_id, new_story))

    def _free_doc_id(self, doc_id: str) -> str:
        base, n, cand = doc_id, 2, doc_id
        while self.conn.execute("SELECT 1 FROM articles WHERE doc_id = ?", (cand,)).fetchone():
            cand = f"{base}-{n}"
            n += 1
        return cand

    def doc_id_for_hash(self, h: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT doc_id FROM articles WHERE content_hash = ?",
                                    (h,)).fetchone()
        return str(row[0]) if row else None

    # ---- stories ------------------------------------------------------------------------
    def story_documents(self, story_id: str) -> list[Document]:
        return self._story_documents(story_id)[0]

    def _story_documents(self, story_id: str) -> tuple[list[Document], tuple[int, int]]:
        """The story's articles and a mark of that set (count, last row), read at once."""
        with self._lock:
            rows = self.conn.execute("SELECT rowid_, document FROM articles WHERE story_id = ? "
                                     "ORDER BY rowid_", (story_id,)).fetchall()
        out = []
        for _, blob in rows:
            data = unpack(blob)
            assert isinstance(data, dict)
            out.append(document_from_json(data))
        return out, (len(rows), int(rows[-1][0]) if rows else 0)

    def _title(self, story_id: str) -> str | None:
        """The story's title as last built (None before its first build)."""
        with self._lock:
            row = self.conn.execute("SELECT title, story FROM stories WHERE id = ?",
                                    (story_id,)).fetchone()
        return str(row[0]) if row and row[1] is not None and row[0] else None

    def _story_mark(self, story_id: str) -> tuple[int, int]:
        row = self.conn.execute("SELECT COUNT(*), MAX(rowid_) FROM articles WHERE story_id = ?",
                                (story_id,)).fetchone()
        return int(row[0]), int(row[1] or 0)

    def rebuild_story(self, story_id: str, settings: Settings | None = None) -> Story | None:
        """Build the story's ledger from its stored articles; keep a snapshot if it changed.

        Another process may add to the story while its ledger is built; the ledger is then
        built again (a few times at most) so a stale one never replaces a newer one. If the
        story keeps growing it stays marked, for the process adding to it to rebuild."""
        from corroborator.extract.embed import stored_vectors

        for _ in range(REBUILD_TRIES):
            docs, mark = self._story_documents(story_id)
            if not docs:
                return None
            before = {d.id: _dating(d) for d in docs}
            with stored_vectors(self):  # the story's sentences are encoded once, ever
                story = build_ledger(story_id, docs, settings, self._title(story_id))
            # the story's reconciled publication dates, so articles read back (show, stories)
            # carry the dates the ledger was built with
            redated = [d for d in docs if _dating(d) != before[d.id]]
            if self._save_ledger(story_id, story, mark, redated):
                return story
        return story

    def load_vectors(self, keys: list[bytes]) -> dict[bytes, bytes]:
        """Stored sentence vectors by key (extract.embed.VectorStore)."""
        out: dict[bytes, bytes] = {}
        with self._lock:
            for s in range(0, len(keys), VECTOR_QUERY):
                chunk = keys[s : s + VECTOR_QUERY]
                out.update(self.conn.execute(
                    "SELECT key, vector FROM text_vectors WHERE key IN "
                    f"({','.join('?' * len(chunk))})", chunk).fetchall())
        return out

    def save_vectors(self, rows: list[tuple[bytes, bytes]]) -> None:
        """Keep sentence vectors (extract.embed.VectorStore); a known key is left as is."""
        if not rows:
            return
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.executemany("INSERT OR IGNORE INTO text_vectors VALUES (?, ?)", rows)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    def _save_ledger(self, story_id: str, story: Story, mark: tuple[int, int],
                     redated: list[Document] | None = None) -> bool:
        """Write a built ledger, and the articles it re-dated, unless the story's articles
        changed since ``mark``."""
        blob = json.dumps(story_to_json(story), separators=(",", ":"), sort_keys=True)
        corroborated = sum(1 for c in story.claims if "corroborated" in c.status)
        contested = sum(1 for c in story.claims if {"contested", "denied"} & set(c.status))
        with self._lock:
            now = utc_now()
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self._story_mark(story_id) != mark:
                    self.conn.execute("COMMIT")
                    return False
                last = self.conn.execute(
                    "SELECT seq, story FROM story_history WHERE story_id = ? "
                    "ORDER BY seq DESC LIMIT 1", (story_id,)).fetchone()
                if last is None or unpack(last[1]) != json.loads(blob):
                    self.conn.execute("INSERT INTO story_history VALUES (?, ?, ?, ?)",
                                      (story_id, (last[0] + 1) if last else 1, now,
                                       pack(json.loads(blob))))
                for d in redated or []:
                    self.conn.execute("UPDATE articles SET published = ?, document = ? "
                                      "WHERE doc_id = ?", (d.published, pack(asdict(d)), d.id))
                self.conn.execute(
                    "UPDATE stories SET title = ?, story = ?, built_at = ?, dirty = 0, "
                    "corroborated = ?, contested = ? WHERE id = ?",
                    (story.title, pack(json.loads(blob)), now, corroborated, contested,
                     story_id))
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
        return True

    def rebuild_dirty(self, settings: Settings | None = None,
                      work: LocalWork | None = None) -> list[str]:
        """Rebuild stories an interrupted ``add`` left marked; returns their ids."""
        with self._lock:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM stories WHERE dirty = 1")]
        self.rebuild_stories(ids, settings, work)
        return ids

    def list_stories(self) -> list[dict[str, Any]]:
        """One dict per story: id, title, documents, outlets, first/last seen, claim counts."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT s.id, s.title, COUNT(a.rowid_), 0, "
                "MIN(a.added_at), MAX(a.added_at), s.corroborated, s.contested, s.dirty, "
                "MIN(a.published), MAX(a.published) "
                "FROM stories s JOIN articles a ON a.story_id = s.id "
                "GROUP BY s.id ORDER BY MAX(a.added_at) DESC, s.rowid DESC").fetchall()
            pairs: dict[str, list[tuple[str | None, str]]] = {}
            for sid, outlet, doc_id in self.conn.execute(
                    "SELECT story_id, outlet, doc_id FROM articles WHERE story_id IS NOT NULL"):
                pairs.setdefault(sid, []).append((outlet, doc_id))
        return [{"id": r[0], "title": r[1], "documents": int(r[2]),
                 "outlets": count_outlets(pairs.get(r[0], [])),
                 "first_seen": r[4], "last_seen": r[5], "corroborated": int(r[6]),
                 "contested": int(r[7]), "stale": bool(r[8]), "first_published": r[9],
                 "last_published": r[10]} for r in rows]

    def story(self, story_id: str) -> Story | None:
        """The latest built ledger of one story (rebuilt first if an add was interrupted)."""
        with self._lock:
            row = self.conn.execute("SELECT story, dirty FROM stories WHERE id = ?",
                                    (story_id,)).fetchone()
        if row is None:
            return None
        if row[0] is None or row[1]:
            return self.rebuild_story(story_id)
        data = unpack(row[0])
        assert isinstance(data, dict)
        return story_from_json(data)

    def story_report(self, story_id: str) -> Report | None:
        """A Report holding this one story and its articles, or None if there is none."""
        story = self.story(story_id)
        if story is None:
            return None
        return Report(documents=self.story_documents(story_id), stories=[story])

    def history(self, story_id: str) -> list[tuple[int, str, dict[str, Any]]]:
        """Every kept snapshot of a story: (sequence, built at, story JSON), oldest first."""
        with self._lock:
            rows = self.conn.execute("SELECT seq, built_at, story FROM story_history "
                                     "WHERE story_id = ? ORDER BY seq", (story_id,)).fetchall()
        out = []
        for seq, at, blob in rows:
            data = unpack(blob)
            assert isinstance(data, dict)
            out.append((int(seq), str(at), data))
        return out

    def changes(self, story_id: str, since: str = "last") -> StoryChanges | None:
        """What changed since a date (ISO) or since the previous rebuild ("last").

        A ValueError for a ``since`` that is not a date or lies in the future."""
        cut = None if since == "last" else parse_since(since)
        current = self.story(story_id)
        if current is None:
            return None
        snaps = self.history(story_id)
        now_at = snaps[-1][1] if snaps else None
        base: tuple[int, str, dict[str, Any]] | None = None
        if cut is None:
            base = snaps[-2] if len(snaps) >= 2 else None
        else:
            older = [s for s in snaps if s[1] <= cut]
            base = older[-1] if older else None
        return diff_stories(story_id, base[2] if base else None, story_to_json(current),
                            base[1] if base else None, now_at)

    def counts(self) -> dict[str, int]:
        with self._lock:
            arts = self.conn.execute("SELECT COUNT(*) FROM articles "
                                     "WHERE story_id IS NOT NULL").fetchone()[0]
            stories = self.conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        return {"articles": int(arts), "stories": int(stories)}

    def integrity_ok(self) -> bool:
        with self._lock:
            return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _dating(d: Document) -> tuple[Any, ...]:
    """What reconcile_published may change in an article."""
    return (d.published, d.published_basis, d.published_evidence, d.published_year_known,
            d.published_span, [(m.value_start, m.value_end, m.year_known) for m in d.dates])


def parse_since(text: str, now: datetime | None = None) -> str:
    """An ISO date or date-time (naive means UTC) as the store's timestamp format.

    A ValueError for text that is not one, or for a time after ``now`` (default: now)."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, an ISO time, or 'last')") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when > (now or datetime.now(UTC)):
        raise ValueError(f"{text.strip()} is in the future (use a past date or time, or 'last')")
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _prepare(docs: list[Document], settings: Settings) -> list[Document]:
    """One chunk prepared; progress is the store's to tell (per chunk), not prepare's."""
    from dataclasses import replace

    from corroborator.pipeline import prepare

    return prepare(docs, replace(settings, progress=False))


def build_ledger(story_id: str, docs: list[Document], settings: Settings | None,
                 previous_title: str | None = None) -> Story:
    """The match stage's ledger for one story, titled by the story grouper.

    ``docs`` oldest first; ``previous_title`` (the title the story had) is kept unless the
    story's centre moved (``stories.story_title``); a changed title is in the snapshot the
    rebuild keeps, and ``changes`` reports it."""
    from corroborator.extract.actors import canonicalise_actors
    from corroborator.extract.published import reconcile_published
    from corroborator.match import build_story

    usable = [d for d in docs if not d.skipped]
    canonicalise_actors(usable)  # one name per actor across the story's articles
    reconcile_published(usable, settings.today if settings else None)
    story = build_story(story_id, usable, settings or Settings(progress=False))
    story.title = story_title(usable, previous_title) or story.title
    return story
