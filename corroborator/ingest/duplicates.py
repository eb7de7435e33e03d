"""Exact and near-duplicate articles (MinHash/LSH): later copies point at the first."""

from __future__ import annotations

import hashlib
import re

from corroborator.ingest.language import visible_text
from corroborator.model import Document

_WORD = re.compile(r"\w+")
SHINGLE = 4
NUM_PERM = 128
MAX_TOKENS = 20_000


def comparable_text(doc: Document) -> str:
    """The text duplicates are judged on: cleaned text when present, else visible HTML text."""
    if doc.text.strip():
        return doc.body() if doc.removed else doc.text
    return visible_text(doc.raw or "")


def _shingles(text: str) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)][:MAX_TOKENS]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def mark_duplicates(docs: list[Document], threshold: float = 0.8) -> int:
    """Set ``duplicate_of`` on exact and near copies (Jaccard >= threshold); return how many.

    Recomputes from scratch, so calling it again after cleaning refines the ingest result.
    """
    from datasketch import MinHash, MinHashLSH

    for d in docs:
        d.duplicate_of = None
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    exact: dict[str, str] = {}
    hashes: dict[str, MinHash] = {}
    marked = 0
    position = order(docs)
    for d in docs:
        text = comparable_text(d)
        words = " ".join(w.lower() for w in _WORD.findall(text))
        if not words:
            continue
        digest = hashlib.sha256(words.encode()).hexdigest()
        if digest in exact:
            d.duplicate_of = exact[digest]
            marked += 1
            continue
        exact[digest] = d.id
        shingles = _shingles(text)
        if len(shingles) < 2:
            continue  # too short for a near-duplicate judgement; exact copies still count
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch(list(shingles))
        near = [k for k in lsh.query(m) if hashes[k].jaccard(m) >= threshold]
        if near:
            d.duplicate_of = min(near, key=position.__getitem__)
            marked += 1
            continue
        if d.id not in hashes:
            hashes[d.id] = m
            lsh.insert(d.id, m)
    return marked


def order(docs: list[Document]) -> dict[str, int]:
    """Position of each document id in input order (first occurrence wins)."""
    out: dict[str, int] = {}
    for i, d in enumerate(docs):
        out.setdefault(d.id, i)
    return out
