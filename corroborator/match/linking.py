"""Link claim units that state the same thing, across articles.

Sentence embeddings give the candidates; hard evidence (numbers, polarity, the same
article) can forbid a link; average linkage over a sparse similarity graph groups
units without chaining: a cluster's members must be similar on average, not just
through one neighbour each.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict

import numpy as np

from corroborator.extract.embed import embed
from corroborator.match.units import Unit

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|deny|denies|denied|denying|rejects?|rejected|"
    r"dismiss(?:es|ed)?|groundless|baseless|rubbish|nonsense|untrue|false)\b|n't\b",
    re.IGNORECASE,
)
_YEARLIKE = range(1900, 2101)
CANDIDATE_FLOOR = 0.45
BLOCK = 2048


def numbers_of(u: Unit) -> set[float]:
    """Values a unit states (quantities when extracted, digits otherwise); years left out."""
    vals: set[float] = set()
    for q in u.quantities:
        for v in (q.value, q.low, q.high):
            if v is not None:
                vals.add(float(v))
    if not u.quantities:
        for m in _NUMBER.finditer(u.text):
            v = float(m.group(1).replace(",", ""))
            if not (v.is_integer() and int(v) in _YEARLIKE):
                vals.add(v)
    return vals


def negated(u: Unit) -> bool:
    return _NEGATION.search(u.text) is not None


def pair_score(a: Unit, b: Unit, cos: float) -> float | None:
    """Similarity of two units, or None when hard evidence forbids the link."""
    if a.doc == b.doc and cos < 0.9:
        return None
    if negated(a) != negated(b):
        return None
    na, nb = numbers_of(a), numbers_of(b)
    big_a = {v for v in na if v >= 20}
    big_b = {v for v in nb if v >= 20}
    score = cos
    if big_a and big_b:
        if big_a & big_b:
            score += 0.08
        else:
            return None  # different values: a numeric disagreement, not the same claim
    if a.entities and b.entities:
        inter = len(a.entities & b.entities)
        score += 0.05 * inter / max(1, min(len(a.entities), len(b.entities)))
    return score


def candidate_pairs(vecs: np.ndarray, floor: float = CANDIDATE_FLOOR
                    ) -> list[tuple[int, int, float]]:
    """Pairs i<j with cosine above ``floor``, computed block by block to bound memory."""
    out: list[tuple[int, int, float]] = []
    n = len(vecs)
    for s in range(0, n, BLOCK):
        sims = vecs[s : s + BLOCK] @ vecs.T
        rows, cols = np.nonzero(sims >= floor)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i = s + r
            if c > i:
                out.append((i, c, float(sims[r, c])))
    return out


def average_linkage(n: int, edges: dict[tuple[int, int], float], threshold: float
                    ) -> list[list[int]]:
    """Merge clusters while their mean pairwise score (absent pairs count 0) >= threshold.

    Forbidden pairs carry -inf, so any cluster holding them can never merge.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    link: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), w in edges.items():
        link[i][j] = w
        link[j][i] = w
    heap = [(-w, i, j, 1, 1) for (i, j), w in edges.items() if w >= threshold]
    heapq.heapify(heap)
    while heap:
        negavg, a, b, sa, sb = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        if len(members[a]) != sa or len(members[b]) != sb:
            continue
        members[a].extend(members.pop(b))
        for c, w in link.pop(b).items():
            del link[c][b]
            if c == a:
                continue
            total = link[a].get(c, 0.0) + w
            link[a][c] = total
            link[c][a] = total
        size_a = len(members[a])
        for c, total in link[a].items():
            avg = total / (size_a * len(members[c]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, a, c, size_a, len(members[c])))
    return [sorted(m) for m in members.values()]


def link_units(units: list[Unit], threshold: float) -> tuple[list[list[int]], np.ndarray]:
    """Clusters of unit indices (each cluster is one claim), and the unit embeddings."""
    vecs = embed([u.text for u in units])
    if not units:
        return [], vecs
    edges: dict[tuple[int, int], float] = {}
    for i, j, cos in candidate_pairs(vecs):
        s = pair_score(units[i], units[j], cos)
        edges[(i, j)] = float("-inf") if s is None else s
    return average_linkage(len(units), edges, threshold), vecs
