"""What story grouping compares: content words, named entities, dates, an embedding, shingles.

Each prepared document becomes a ``DocFeatures``: raw term counts (weighted later by the
corpus's rarity, IDF), a MinHash of its word shingles for near-duplicates, and a unit
embedding of its opening (title and first sentences).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash

from corroborator.model import Document

MAX_CHARS = 60_000  # words read per article: bounds the cost of hostile input
OPENING_CHARS = 600  # what the embedding sees after the title
NUM_PERM = 64
SHINGLE = 4

_WORD = re.compile(r"[^\W\d_]{3,30}")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}  # where it happened: counted again as places
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ENTITY_DROP = re.compile(r"^(the|a|an)\s+|['’]\s?s$|\s+['’]$")


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {"said", "says", "told", "according", "would", "could", "also", "year", "years",
             "http", "https", "www", "com", "html", "news", "reported", "report", "reports"}
    return frozenset(STOP_WORDS) | extra


STOP = _stop_words()


@dataclass(frozen=True)
class SimilarityWeights:
    """Weights of the similarity parts between articles and the threshold on their mean;
    each stage (first pass, second pass, incremental index) sets its own defaults."""

    w_words: float = 0.0
    w_entities: float = 0.0
    w_embedding: float = 0.0
    w_years: float = 0.0
    threshold: float = 0.0
    w_places: float = 0.0
    w_dates: float = 0.0


@dataclass
class DocFeatures:
    """Counts and vectors of one document, independent of the rest of the corpus."""

    doc_id: str
    words: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    years: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    minhash: MinHash | None = None
    embedding: np.ndarray | None = None
    opening: str = ""


def normalise_entity(text: str) -> str:
    """Lower-cased entity name without article or possessive: "the Red Sox's" -> "red sox"."""
    t = " ".join(text.lower().split())
    for _ in range(2):
        t = _ENTITY_DROP.sub("", t).strip(" .,;:-\"'“”")
    return t


def opening_text(doc: Document) -> str:
    """Title plus the start of the body: what the article is about, for embedding."""
    body = doc.body()[: OPENING_CHARS * 2]
    head = (doc.title or "").strip()
    text = f"{head}\n{body}" if head and not body.startswith(head) else body
    return text[: OPENING_CHARS + len(head)]


def doc_features(doc: Document, with_minhash: bool = True) -> DocFeatures:
    """Counts of words, entities and years in one prepared document (no corpus needed)."""
    body = doc.body()[:MAX_CHARS]
    lowered = body.lower()
    words = Counter(w for w in _WORD.findall(lowered) if w not in STOP)
    entities: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for e in doc.entities:
        if e.label not in _ENTITY_LABELS or e.start >= MAX_CHARS:
            continue
        name = normalise_entity(e.canonical or e.text)
        if len(name) < 2 or not any(c.isalpha() for c in name):
            continue
        entities[name] += 1
        if e.label in PLACE_LABELS:
            places[name] += 1
        parts = name.split()
        if len(parts) > 1 and e.label == "PERSON":
            entities[parts[-1]] += 1  # "Lohan" and "Lindsay Lohan" meet on the surname
    years: Counter[str] = Counter(_YEAR.findall(body))
    for dm in doc.dates:
        if dm.value_start and len(dm.value_start) >= 4 and dm.value_start[:4].isdigit() and \
                dm.year_known:
            years[dm.value_start[:4]] += 1
    f = DocFeatures(doc.id, words, entities, years, places, event_dates(doc),
                    opening=opening_text(doc))
    if with_minhash:
        f.minhash = shingle_minhash(lowered)
    return f


def event_dates(doc: Document) -> Counter[str]:
    """Resolved days and months of the article's dates and of its publication (a day of an
    assumed year without its year).

    Two events of one kind (two quakes, two trials) seldom fall on the same days; articles
    on one event name the same ones ("2008-12-15", and its month "2008-12").
    """
    out: Counter[str] = Counter()
    spans = [(dm.value_start, dm.value_end or dm.value_start, dm.year_known)
             for dm in doc.dates[:200] if dm.value_start]
    if doc.published:
        spans.append((doc.published[:10], doc.published[:10],
                      doc.published_year_known is not False))
    for start, end, year_known in spans:
        if not _ISO_DAY.match(start[:10]):
            continue
        if not year_known:  # an assumed year: only the day of the year counts ("--12-11")
            if start[:10] == end[:10]:
                out["--" + start[5:10]] += 1
            continue
        if start[:10] == end[:10]:
            out[start[:10]] += 1
        if start[:7] == end[:7]:  # a day or a part of one month; years count elsewhere
            out[start[:7]] += 1
    return out


def shingle_minhash(lowered: str) -> MinHash:
    """MinHash over word 4-grams: near-duplicate articles share most of them."""
    toks = _WORD.findall(lowered)
    mh = MinHash(num_perm=NUM_PERM, seed=7)
    grams = {" ".join(toks[i : i + SHINGLE]) for i in range(max(1, len(toks) - SHINGLE + 1))}
    mh.update_batch([g.encode("utf-8") for g in grams if g])
    return mh


def idf(df: int, n_docs: int) -> float:
    """Smoothed inverse document frequency: rare terms weigh more."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def weighted(counts: Mapping[str, int], df: Mapping[str, int], n_docs: int,
             floor_df: int = 0) -> dict[str, float]:
    """A unit-length TF-IDF vector (sublinear term frequency) as a sparse dict."""
    vec = {t: (1.0 + math.log(c)) * idf(max(df.get(t, 0), floor_df), n_docs)
           for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def sparse_dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def embed_openings(features: list[DocFeatures]) -> None:
    """Fill ``embedding`` of every feature set in one batch."""
    from corroborator.extract.embed import embed

    todo = [f for f in features if f.embedding is None]
    if not todo:
        return
    vecs = embed([f.opening or " " for f in todo], batch_size=16)  # bounds peak memory
    for f, v in zip(todo, vecs, strict=True):
        f.embedding = v
