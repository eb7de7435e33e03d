"""Claim units: the content of one assertion, not a whole paragraph.

A unit is a sentence, narrowed to an attribution's content where the sentence reports
speech, and split in two where two independent clauses are joined ("X happened, and Y
was taking place"). Units come from the parse already stored on the Document, so this
stage needs no model of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corroborator.model import Attribution, Document, Quantity

MIN_UNIT_CHARS = 25
MAX_UNIT_CHARS = 600
# ", and " / "; " followed by a clause that has its own subject and finite verb
_CLAUSE_JOIN = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;)\s+")
_HEDGE = re.compile(
    r"\b(?:allegedly|reportedly|purportedly|purported|said to|believed to|thought to|"
    r"apparently|unconfirmed)\b",
    re.IGNORECASE,
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|should|must|"
    r"did|does|do|said|says|told|sent|took|made|went|came|saw|gave|found|thought|knew|"
    r"became|left|held|brought|began|kept|met|led|won|lost|fell|rose|spoke|wrote)\b|\b\w+ed\b"
)


@dataclass
class Unit:
    """One candidate claim mention, with the evidence the matcher compares."""

    doc: str
    start: int
    end: int
    text: str
    sentence: tuple[int, int]
    speaker: str | None = None
    cue: str | None = None
    hedged: bool = False
    attributed: bool = False
    quantities: list[Quantity] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    headline: bool = False


def _covering_attribution(doc: Document, s: int, e: int) -> Attribution | None:
    """The innermost attribution whose content overlaps most of [s, e)."""
    best: Attribution | None = None
    best_len = 10**9
    for a in doc.attributions:
        cs, ce = a.content
        ov = min(ce, e) - max(cs, s)
        if ov <= 0 or ov < 0.5 * min(ce - cs, e - s):
            continue
        if ce - cs < best_len:
            best, best_len = a, ce - cs
    return best


def _split_clauses(text: str, start: int) -> list[tuple[int, int]]:
    """Split at a clause join when both halves look like clauses of their own."""
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_JOIN.finditer(text):
        left, right = text[pos : m.start()], text[m.end() :]
        if len(left) < 40 or len(right) < 40:
            continue
        head = right.split(",")[0]
        if not _FINITE.search(head) or not _FINITE.search(left):
            continue
        pieces.append((start + pos, start + m.start()))
        pos = m.end()
    pieces.append((start + pos, start + len(text)))
    return pieces


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "\"'“”‘’,;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "\"'“”‘’,;:—–-"):
        e -= 1
    return s, e


def units_of(doc: Document) -> list[Unit]:
    """Claim units of one prepared document, in reading order."""
    units: list[Unit] = []
    first_sentence = doc.sentences[0] if doc.sentences else None
    for sent in doc.sentences:
        stext = doc.text[sent.start : sent.end]
        if len(stext) < MIN_UNIT_CHARS or len(stext.split()) < 5:
            continue
        att = _covering_attribution(doc, sent.start, sent.end)
        spans = [(sent.start, sent.end)]
        if att is not None:
            cs, ce = max(att.content[0], sent.start), min(att.content[1], sent.end)
            if ce - cs >= MIN_UNIT_CHARS:
                spans = [(cs, ce)]
        pieces: list[tuple[int, int]] = []
        for s, e in spans:
            pieces.extend(_split_clauses(doc.text[s:e], s))
        for s, e in pieces:
            s, e = _trim(doc.text, s, e)
            if e - s < MIN_UNIT_CHARS:
                continue
            if e - s > MAX_UNIT_CHARS:
                e = s + MAX_UNIT_CHARS
            u = Unit(doc.id, s, e, doc.text[s:e], (sent.start, sent.end))
            u.headline = sent is first_sentence and not stext.rstrip().endswith((".", "”", '"'))
            if att is not None:
                u.speaker = att.speaker or (
                    doc.text[att.source[0] : att.source[1]] if att.source else None
                )
                u.cue = doc.text[att.cue[0] : att.cue[1]] if att.cue else None
                u.hedged = att.hedged
                u.attributed = u.speaker is not None
            u.quantities = [q for q in doc.quantities if s <= q.start < e]
            if not u.hedged:
                hedge = _HEDGE.search(u.text)
                u.hedged = hedge is not None
            u.entities = {
                (en.canonical or en.text).lower()
                for en in doc.entities
                if en.start >= sent.start and en.end <= sent.end
            }
            units.append(u)
    return units
