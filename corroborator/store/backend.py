"""The story index kept in SQLite: document frequencies, postings, LSH bands, story sums.

Only the rows an assignment needs are read (the article's terms, candidate stories); the
one exception is the matrix of story embedding centroids, loaded once per process and
kept current in memory (one row per story, never per article).
"""

from __future__ import annotations

import json
import sqlite3
import zlib

import numpy as np

from corroborator.stories.index import Assignment, StoryState
from corroborator.vectors import EMBED_DIM

_CHUNK = 400  # bound on SQL parameters per statement


def pack(obj: object) -> bytes:
    return zlib.compress(json.dumps(obj, separators=(",", ":")).encode("utf-8"), 6)


def unpack(blob: bytes) -> object:
    return json.loads(zlib.decompress(blob).decode("utf-8"))


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


class SQLiteBackend:
    """IndexBackend over the store's connection; call inside the article's transaction."""

    def __init__(self, conn: sqlite3.Connection, now: str) -> None:
        self.conn = conn
        self.now = now
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._matrix = np.zeros((0, EMBED_DIM), np.float32)
        self._generation = -1

    def _counter(self, name: str) -> int:
        row = self.conn.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def _bump(self, name: str, by: int = 1) -> int:
        self.conn.execute("UPDATE counters SET value = value + ? WHERE name = ?", (by, name))
        return self._counter(name)

    def invalidate(self) -> None:
        """Forget the centroid matrix (after a rollback); reloaded on next use."""
        self._generation = -1

    def _ensure_matrix(self) -> None:
        gen = self._counter("generation")
        if gen == self._generation:
            return
        ids, rows = [], []
        for sid, emb in self.conn.execute("SELECT id, embedding FROM stories ORDER BY rowid"):
            ids.append(sid)
            rows.append(np.frombuffer(emb, dtype=np.float32))
        self._ids = ids
        self._pos = {s: i for i, s in enumerate(ids)}
        cap = max(1024, len(ids) * 2)
        self._matrix = np.zeros((cap, EMBED_DIM), np.float32)
        if rows:
            m = np.vstack(rows)
            norms = np.linalg.norm(m, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            self._matrix[: len(ids)] = m / norms
        self._generation = gen

    def n_docs(self) -> int:
        return self._counter("documents")

    def doc_freq(self, terms: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for part in _chunks(terms):
            q = f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(part))})"
            out.update({t: int(df) for t, df in self.conn.execute(q, part)})
        return out

    def _stories_by(self, table: str, column: str, keys: list[str]) -> set[str]:
        out: set[str] = set()
        for part in _chunks(keys):
            q = (f"SELECT DISTINCT story_id FROM {table} "
                 f"WHERE {column} IN ({','.join('?' * len(part))})")
            out.update(r[0] for r in self.conn.execute(q, part))
        return out

    def stories_with_terms(self, terms: list[str]) -> set[str]:
        return self._stories_by("entity_postings", "term", terms)

    def stories_in_bands(self, bands: list[str]) -> set[str]:
        return self._stories_by("lsh_bands", "band", bands)

    def nearest_stories(self, vec: np.ndarray, k: int) -> list[str]:
        self._ensure_matrix()
        n = len(self._ids)
        if n == 0:
            return []
        scores = self._matrix[:n] @ vec
        k = min(k, n)
        top = np.argpartition(-scores, k - 1)[:k]
        return [self._ids[i] for i in top[np.argsort(-scores[top])]]

    def load_states(self, ids: set[str]) -> dict[str, StoryState]:
        out: dict[str, StoryState] = {}
        for part in _chunks(sorted(ids)):
            q = (f"SELECT id, size, sums, embedding FROM stories "
                 f"WHERE id IN ({','.join('?' * len(part))})")
            for sid, size, sums, emb in self.conn.execute(q, part):
                data = unpack(sums)
                assert isinstance(data, dict)
                out[sid] = StoryState(sid, int(size), data,
                                      np.frombuffer(emb, dtype=np.float32).copy())
        return out

    def new_story_id(self) -> str:
        return f"s{self._counter('next_story')}"

    def record(self, a: Assignment, state: StoryState, entity_terms: list[str]) -> None:
        self._ensure_matrix()
        c = self.conn
        c.execute("UPDATE counters SET value = value + 1 WHERE name = 'documents'")
        c.executemany("INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE "
                      "SET df = df + 1", [(t, 1) for t in a.terms])
        c.executemany("INSERT OR IGNORE INTO entity_postings VALUES (?, ?)",
                      [(t, a.story_id) for t in entity_terms])
        c.executemany("INSERT OR IGNORE INTO lsh_bands VALUES (?, ?)",
                      [(b, a.story_id) for b in a.bands])
        emb = np.asarray(state.embedding_sum, dtype=np.float32)
        if a.new_story:
            self._bump("next_story")
            c.execute("INSERT INTO stories (id, size, sums, embedding, created_at, updated_at, "
                      "dirty) VALUES (?, ?, ?, ?, ?, ?, 1)",
                      (state.id, state.size, pack(state.sums), emb.tobytes(), self.now,
                       self.now))
        else:
            c.execute("UPDATE stories SET size = ?, sums = ?, embedding = ?, updated_at = ?, "
                      "dirty = 1 WHERE id = ?",
                      (state.size, pack(state.sums), emb.tobytes(), self.now, state.id))
        self._generation = self._bump("generation")
        norm = float(np.linalg.norm(emb)) or 1.0
        if a.new_story:
            if len(self._ids) >= self._matrix.shape[0]:
                grown = np.zeros((self._matrix.shape[0] * 2, EMBED_DIM), np.float32)
                grown[: len(self._ids)] = self._matrix[: len(self._ids)]
                self._matrix = grown
            self._pos[state.id] = len(self._ids)
            self._ids.append(state.id)
        self._matrix[self._pos[state.id]] = emb / norm
