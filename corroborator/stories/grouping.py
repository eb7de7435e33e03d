"""Batch story grouping: a combined similarity between articles, then average linkage.

Similarity = weighted sum of cosines (IDF-weighted content words, IDF-weighted named
entities, embeddings of the openings, years mentioned); near-duplicates (MinHash) count as
identical. Average linkage with a threshold does not chain: a story joins another only
when their articles are similar on average, not through one bridging pair.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from corroborator.stories.features import NUM_PERM, DocFeatures, SimilarityWeights, idf
from corroborator.vectors import EMBED_DIM

SPARSE_PARTS = ("words", "entities", "years", "places", "dates")
OPTIONAL_PARTS = ("years", "places", "dates")  # left out of a pair's mean when one lacks them
NEAR_DUPLICATE = 0.8  # MinHash Jaccard of word 4-grams above which two texts are one


@dataclass(frozen=True)
class GroupingParams(SimilarityWeights):
    """Weights of the similarity parts and the threshold: leave-topics-out CV on ECB+ 1-22.

    Years enter only through the dates and the conflict part here; the second pass uses them.
    """

    w_words: float = 0.0
    w_entities: float = 0.2
    w_embedding: float = 0.3
    w_years: float = 0.0
    threshold: float = 0.15
    w_places: float = 0.2
    w_dates: float = 0.3
    w_conflict: float = 0.2
    optional_missing: bool = True


DEFAULT_PARAMS = GroupingParams()


def tfidf_matrix(counts: Sequence[Counter[str]]) -> csr_matrix:
    """Rows of unit TF-IDF vectors (sublinear tf), IDF over these documents."""
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    rows, cols, vals = [], [], []
    n = len(counts)
    for i, c in enumerate(counts):
        for t, k in c.items():
            j = vocab.setdefault(t, len(vocab))
            rows.append(i)
            cols.append(j)
            vals.append((1.0 + math.log(k)) * idf(df[t], n))
    m = csr_matrix((np.asarray(vals, dtype=np.float64), (rows, cols)),
                   shape=(n, max(1, len(vocab))))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def component_similarities(features: Sequence[DocFeatures]) -> dict[str, np.ndarray]:
    """Pairwise cosine matrices per part, plus the near-duplicate indicator."""
    out = sparse_similarities(features)
    emb = np.vstack([f.embedding if f.embedding is not None else np.zeros(EMBED_DIM, np.float32)
                     for f in features]).astype(np.float64)
    out["embedding"] = emb @ emb.T
    out["duplicate"] = near_duplicates(features)
    return out


def sparse_similarities(features: Sequence[DocFeatures]) -> dict[str, np.ndarray]:
    """TF-IDF cosines per counted part, and where two articles' dated years conflict."""
    out: dict[str, np.ndarray] = {}
    for part in SPARSE_PARTS:
        m = tfidf_matrix([getattr(f, part) for f in features])
        out[part] = np.asarray((m @ m.T).todense())
        if part in OPTIONAL_PARTS:
            has = np.array([bool(getattr(f, part)) for f in features], dtype=np.float64)
            out["has_" + part] = np.outer(has, has)
    out["conflict"] = year_conflicts(features)
    return out


def year_conflicts(features: Sequence[DocFeatures]) -> np.ndarray:
    """1 where both articles date things to the day or month and share no such year."""
    n = len(features)
    years = [{k[:4] for k in f.dates} for f in features]
    vocab = sorted(set().union(*years)) if years else []
    if not vocab:
        return np.zeros((n, n))
    pos = {y: i for i, y in enumerate(vocab)}
    m = np.zeros((n, len(vocab)))
    for i, ys in enumerate(years):
        for y in ys:
            m[i, pos[y]] = 1.0
    shared = m @ m.T
    has = m.sum(axis=1) > 0
    return ((shared == 0) & has[:, None] & has[None, :]).astype(np.float64)


def near_duplicates(features: Sequence[DocFeatures]) -> np.ndarray:
    """1 where two articles' word 4-grams overlap (Jaccard) >= NEAR_DUPLICATE; LSH finds pairs."""
    from datasketch import MinHashLSH

    n = len(features)
    dup = np.zeros((n, n))
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE, num_perm=NUM_PERM)
    for i, f in enumerate(features):
        if f.minhash is None:
            continue
        for j in lsh.query(f.minhash):
            other = features[int(j)].minhash
            if other is not None and f.minhash.jaccard(other) >= NEAR_DUPLICATE:
                dup[i, int(j)] = dup[int(j), i] = 1.0
        lsh.insert(str(i), f.minhash)
    return dup


def combine(parts: dict[str, np.ndarray], p: GroupingParams) -> np.ndarray:
    """The weighted mean similarity over the parts both articles have; duplicates are 1.

    An article that names no year (or date, or place) is not held apart for it: that part
    leaves the pair's mean instead of counting as zero similarity.
    """
    sim = (p.w_words * parts["words"] + p.w_entities * parts["entities"]
           + p.w_embedding * parts["embedding"] + p.w_years * parts["years"]
           + p.w_places * parts["places"] + p.w_dates * parts["dates"]
           - p.w_conflict * parts["conflict"])
    full = p.w_words + p.w_entities + p.w_embedding + p.w_years + p.w_places + p.w_dates
    if p.optional_missing and full > 0:
        weight = (p.w_words + p.w_entities + p.w_embedding + p.w_years * parts["has_years"]
                  + p.w_places * parts["has_places"] + p.w_dates * parts["has_dates"])
        sim = sim * (full / np.maximum(weight, 1e-9))
    sim = np.maximum(sim, parts["duplicate"])
    np.fill_diagonal(sim, 1.0)
    return sim


def average_linkage(sim: np.ndarray, threshold: float) -> list[int]:
    """Cluster label per row: merge while the average similarity stays >= threshold."""
    n = sim.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [0]
    dist = np.clip(1.0 - sim, 0.0, None)
    dist = (dist + dist.T) / 2
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(z, t=1.0 - threshold, criterion="distance")
    return [int(x) - 1 for x in labels]


@dataclass(frozen=True)
class RefineParams(GroupingParams):
    """Second pass inside each first-pass group: rarity counted within the group."""

    w_words: float = 0.0
    w_entities: float = 0.6
    w_embedding: float = 0.2
    w_years: float = 0.3
    threshold: float = 0.08
    w_places: float = 0.1
    w_dates: float = 0.1
    w_conflict: float = 0.1
    optional_missing: bool = True
    min_size: int = 4

    def as_grouping(self) -> GroupingParams:
        return GroupingParams(**{f.name: getattr(self, f.name) for f in fields(GroupingParams)})


DEFAULT_REFINE = RefineParams()


def local_similarities(features: Sequence[DocFeatures], dup: np.ndarray) -> dict[str, np.ndarray]:
    """Similarities with IDF over this group only and embeddings centred on its mean.

    Terms every article of the group shares (the quake's island, the boxer's name) then
    weigh little, and what tells two same-kind events apart (the other boxer) weighs more.
    """
    out = sparse_similarities(features)
    emb = np.vstack([f.embedding if f.embedding is not None else np.zeros(EMBED_DIM, np.float32)
                     for f in features]).astype(np.float64)
    emb = emb - emb.mean(axis=0)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    out["embedding"] = emb @ emb.T
    out["duplicate"] = dup
    return out


def two_pass_labels(features: Sequence[DocFeatures], p: GroupingParams = DEFAULT_PARAMS,
                    r: RefineParams = DEFAULT_REFINE,
                    parts: dict[str, np.ndarray] | None = None) -> list[int]:
    """Average linkage over the corpus, then again inside each group with local rarity."""
    parts = parts if parts is not None else component_similarities(features)
    first = average_linkage(combine(parts, p), p.threshold)
    final = [0] * len(features)
    nxt = 0
    for label in sorted(set(first)):
        idx = [i for i, x in enumerate(first) if x == label]
        sub = [0] * len(idx)
        if len(idx) >= r.min_size:
            local = local_similarities([features[i] for i in idx],
                                       parts["duplicate"][np.ix_(idx, idx)])
            sub = average_linkage(combine(local, r.as_grouping()), r.threshold)
        for i, s in zip(idx, sub, strict=True):
            final[i] = nxt + s
        nxt += max(sub) + 1
    return final
