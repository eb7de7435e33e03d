"""Incremental story assignment: a new article joins the best candidate story or starts one.

Candidates come from indexes, never from a scan of stored articles: stories sharing a rare
entity (inverted index), stories holding a near-duplicate (MinHash LSH band keys), and the
stories whose embedding centroid is nearest (brute force over one row per story). Each
story keeps the sums of its articles' vectors, so the average similarity of the new article
to the story's articles (average linkage) is a dot product with those sums.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from corroborator.model import Document
from corroborator.stories.features import (
    DocFeatures,
    SimilarityWeights,
    doc_features,
    embed_openings,
    sparse_dot,
    weighted,
)
from corroborator.vectors import EMBED_DIM

KEEP_TERMS = 300  # terms kept per story sum vector: bounds stored size
RARE_ENTITY_DF = 0.05  # entities in under 5% of articles (or < 50) find candidates
EMBED_CANDIDATES = 8
LSH_BANDS, LSH_ROWS = 16, 4  # 64 permutations; Jaccard ~0.8 collides almost surely
PARTS = ("words", "entities", "years", "places", "dates")
OPTIONAL = ("years", "places", "dates")  # averaged over the story's articles that have them
HAS = "_has"  # key in StoryState.sums: how many of the story's articles have each part


@dataclass(frozen=True)
class IndexParams(SimilarityWeights):
    """Weights and threshold for incremental assignment (chosen on ECB+ topics 1-22)."""

    w_words: float = 0.2
    w_entities: float = 0.3
    w_embedding: float = 0.3
    w_years: float = 0.1
    threshold: float = 0.3
    w_places: float = 0.0
    w_dates: float = 0.3


@dataclass
class StoryState:
    """What the index keeps per story: size and the sums of its articles' vectors."""

    id: str
    size: int = 0
    sums: dict[str, dict[str, float]] = field(default_factory=lambda: {p: {} for p in PARTS})
    embedding_sum: np.ndarray = field(default_factory=lambda: np.zeros(EMBED_DIM, np.float32))


@dataclass
class Assignment:
    """Where one article went and why."""

    doc_id: str
    story_id: str
    new_story: bool
    score: float
    terms: dict[str, int]  # the document-frequency keys this article added
    bands: list[str]


class IndexBackend(Protocol):
    """Storage of the index: in memory for batch runs, SQLite in the store."""

    def n_docs(self) -> int: ...
    def doc_freq(self, terms: list[str]) -> dict[str, int]: ...
    def stories_with_terms(self, terms: list[str]) -> set[str]: ...
    def stories_in_bands(self, bands: list[str]) -> set[str]: ...
    def nearest_stories(self, vec: np.ndarray, k: int) -> list[str]: ...
    def load_states(self, ids: set[str]) -> dict[str, StoryState]: ...
    def new_story_id(self) -> str: ...
    def record(self, a: Assignment, state: StoryState, entity_terms: list[str]) -> None: ...


class MemoryBackend:
    """The index held in dicts and one numpy matrix (batch grouping, tests)."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.docs = 0
        self.postings: dict[str, set[str]] = {}
        self.bands: dict[str, set[str]] = {}
        self.states: dict[str, StoryState] = {}
        self.order: list[str] = []
        self.matrix = np.zeros((0, EMBED_DIM), np.float32)

    def n_docs(self) -> int:
        return self.docs

    def doc_freq(self, terms: list[str]) -> dict[str, int]:
        return {t: self.df[t] for t in terms if t in self.df}

    def stories_with_terms(self, terms: list[str]) -> set[str]:
        return set().union(*(self.postings.get(t, set()) for t in terms)) if terms else set()

    def stories_in_bands(self, bands: list[str]) -> set[str]:
        return set().union(*(self.bands.get(b, set()) for b in bands)) if bands else set()

    def nearest_stories(self, vec: np.ndarray, k: int) -> list[str]:
        if not self.order:
            return []
        scores = self.matrix @ vec
        top = np.argsort(-scores)[:k]
        return [self.order[i] for i in top]

    def load_states(self, ids: set[str]) -> dict[str, StoryState]:
        return {i: self.states[i] for i in ids if i in self.states}

    def new_story_id(self) -> str:
        return f"s{len(self.order) + 1}"

    def record(self, a: Assignment, state: StoryState, entity_terms: list[str]) -> None:
        self.docs += 1
        self.df.update(a.terms)
        for t in entity_terms:
            self.postings.setdefault(t, set()).add(a.story_id)
        for b in a.bands:
            self.bands.setdefault(b, set()).add(a.story_id)
        norm = float(np.linalg.norm(state.embedding_sum)) or 1.0
        row = (state.embedding_sum / norm).astype(np.float32)
        if a.new_story:
            self.order.append(a.story_id)
            self.matrix = np.vstack([self.matrix, row[None, :]])
        else:
            self.matrix[self.order.index(a.story_id)] = row
        self.states[a.story_id] = state


def term_keys(f: DocFeatures) -> dict[str, int]:
    """Prefixed term -> count for every part ("w:quake", "e:qeshm", "y:2005")."""
    out: dict[str, int] = {}
    for part in PARTS:
        for t, c in getattr(f, part).items():
            out[f"{part[0]}:{t}"] = c
    return out


def band_keys(f: DocFeatures) -> list[str]:
    """LSH band keys of the article's MinHash (same key: likely near-duplicates)."""
    if f.minhash is None:
        return []
    hv = f.minhash.hashvalues
    return [f"{b}:" + "-".join(str(int(x)) for x in hv[b * LSH_ROWS : (b + 1) * LSH_ROWS])
            for b in range(LSH_BANDS)]


class StoryIndex:
    """Assigns prepared articles to stories one at a time, reading only candidate stories."""

    def __init__(self, backend: IndexBackend | None = None,
                 params: IndexParams | None = None) -> None:
        self.backend: IndexBackend = backend or MemoryBackend()
        self.params = params or IndexParams()

    def assign(self, doc: Document, features: DocFeatures | None = None) -> Assignment:
        """Put one article in a story and update the index; returns the decision."""
        f = features or doc_features(doc)
        if f.embedding is None:
            embed_openings([f])
        terms = term_keys(f)
        n = self.backend.n_docs() + 1
        df = self.backend.doc_freq(list(terms))
        df = {t: df.get(t, 0) + 1 for t in terms}  # this article counts too
        vecs = {p: weighted({t[2:]: c for t, c in terms.items() if t[0] == p[0]},
                            {t[2:]: v for t, v in df.items() if t[0] == p[0]}, n)
                for p in PARTS}
        emb = np.asarray(f.embedding, dtype=np.float32)
        rare = [t for t in terms if t[0] == "e" and df[t] <= max(50, RARE_ENTITY_DF * n)]
        bands = band_keys(f)
        dup = self.backend.stories_in_bands(bands)
        cands = set(dup) | self.backend.stories_with_terms(rare)
        cands |= set(self.backend.nearest_stories(emb, EMBED_CANDIDATES))
        states = self.backend.load_states(cands)
        best, best_score = None, -1.0
        for sid, st in states.items():
            score = 1.0 if sid in dup else self._score(vecs, emb, st)
            if score > best_score:
                best, best_score = st, score
        new = best is None or best_score < self.params.threshold
        state = StoryState(self.backend.new_story_id()) if new or best is None else best
        _add_to_state(state, vecs, emb)
        a = Assignment(doc.id, state.id, new, best_score, terms, bands)
        self.backend.record(a, state, [t for t in terms if t[0] == "e"])
        return a

    def _score(self, vecs: dict[str, dict[str, float]], emb: np.ndarray,
               st: StoryState) -> float:
        """Average similarity of the article to the story's articles.

        A year, place or date part counts only when the article has it, averaged over the
        story's articles that have it; the weights of absent parts leave the mean.
        """
        p = self.params
        n = max(1, st.size)
        weights = {"words": p.w_words, "entities": p.w_entities, "years": p.w_years,
                   "places": p.w_places, "dates": p.w_dates}
        has = st.sums.get(HAS, {})
        total = p.w_embedding * float(emb @ st.embedding_sum) / n
        used = full = p.w_embedding
        for part, w in weights.items():
            full += w
            if part in OPTIONAL:
                k = int(has.get(part, n if part == "years" else 0))
                if not vecs[part] or k <= 0:
                    continue
            else:
                k = n
            total += w * sparse_dot(vecs[part], st.sums.get(part, {})) / k
            used += w
        return total * full / used if used > 0 else 0.0


def _add_to_state(st: StoryState, vecs: dict[str, dict[str, float]], emb: np.ndarray) -> None:
    st.size += 1
    st.embedding_sum = st.embedding_sum + emb
    has = dict(st.sums.get(HAS, {}))
    for part in OPTIONAL:
        has[part] = has.get(part, 0) + (1 if vecs[part] else 0)
    st.sums[HAS] = has
    for part in PARTS:
        acc = dict(st.sums.get(part, {}))
        for t, v in vecs[part].items():
            acc[t] = acc.get(t, 0.0) + v
        if len(acc) > KEEP_TERMS:
            acc = dict(sorted(acc.items(), key=lambda kv: -kv[1])[:KEEP_TERMS])
        st.sums[part] = acc
