"""Who said what: source, cue and content spans of each attribution, with hedges and speakers.

Candidates come from the dependency parse (attribution_candidates.py), a small model trained on
PolNeAR keeps the attributions (attribution_scorer.py), and speakers.py names the speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc

from corroborator.extract.attribution_candidates import candidates
from corroborator.extract.attribution_cues import HEDGE_PASSIVE, HEDGE_WORDS, Candidate
from corroborator.extract.attribution_scorer import score
from corroborator.extract.attribution_weights import WEIGHTS
from corroborator.extract.speakers import resolve_speakers
from corroborator.model import Attribution, Document

THRESHOLD = 0.25
# below this probability a candidate must not overlap a kept content at all (bar a reported chain)
SURE = 0.6


def select(cands: list[Candidate], threshold: float = THRESHOLD) -> list[tuple[Candidate, float]]:
    """Candidates scored above the threshold, one per content and one per cue, best first;
    an unsure candidate may not overlap a kept content unless it is a reported chain."""
    scored = sorted(((c, score(c, WEIGHTS)) for c in cands), key=lambda x: -x[1])
    kept: list[tuple[Candidate, float]] = []
    seen_content: set[tuple[int, int]] = set()
    seen_cue: set[tuple[int, int]] = set()
    for c, p in scored:
        if p < threshold:
            break
        if c.content in seen_content or c.cue in seen_cue or any(
                _same_content(c.content, k.content) and not _nested(c, k) for k, _ in kept):
            continue
        if p < SURE and any(_overlap(c.content, k.content) and not _nested(c, k) for k, _ in kept):
            continue
        seen_content.add(c.content)
        seen_cue.add(c.cue)
        kept.append((c, p))
    kept.sort(key=lambda x: x[0].cue[0])
    return kept


def _same_content(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Each span covers at least half of the other (the same content, cut differently)."""
    o = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return 2 * o >= a[1] - a[0] and 2 * o >= b[1] - b[0]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The spans share at least one character."""
    return min(a[1], b[1]) > max(a[0], b[0])


def _nested(a: Candidate, b: Candidate) -> bool:
    """An "according to" whose content holds the other cue: a reported chain, not a duplicate."""
    if "according" not in (a.kind, b.kind):
        return False
    return (b.content[0] <= a.cue[0] < b.content[1]) or (a.content[0] <= b.cue[0] < a.content[1])


def hedge_of(sdoc: Doc, c: Candidate) -> str | None:
    """The hedge word on the cue or in the content ("reportedly", "could", "said to")."""
    v = c.cue_token
    for t in v.children:
        if t.lower_ in HEDGE_WORDS and t.dep_ in ("advmod", "aux"):
            return t.text
    if v.dep_ in ("xcomp", "ccomp") and v.head.lower_ in HEDGE_WORDS:
        return v.head.text
    if v.lemma_ in HEDGE_PASSIVE and any(t.dep_ == "auxpass" for t in v.children) and any(
            t.dep_ == "xcomp" for t in v.children):
        return v.text + " to"
    s, e = c.content
    for t in sdoc.char_span(s, e, alignment_mode="expand") or []:
        if t.lower_ in HEDGE_WORDS:
            return t.text
        followed_by_to = t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "to"
        if t.lemma_ in HEDGE_PASSIVE and followed_by_to and any(
                a.dep_ == "auxpass" for a in t.children):
            return t.text + " to"
    return None


def _holder(sdoc: Doc, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The source span, unless it is only a time ("This week has seen reports that ...")."""
    if source is None:
        return None
    span = sdoc.char_span(source[0], source[1], alignment_mode="expand")
    if span is not None and span.root.ent_type_ in ("DATE", "TIME"):
        return None
    return source


def find_attributions(doc: Document, sdoc: Doc, threshold: float = THRESHOLD) -> list[Attribution]:
    """Attributions in one parsed document, offsets into ``doc.text``."""
    if len(sdoc.text) != len(doc.text):
        return []
    cands, _quotes = candidates(sdoc)
    out: list[Attribution] = []
    for c, _p in select(cands, threshold):
        hedge = hedge_of(sdoc, c)
        out.append(Attribution(
            doc=doc.id, content=c.content, source=_holder(sdoc, c.source), cue=c.cue,
            hedged=hedge is not None, hedge=hedge, direct=c.quoted,
        ))
    resolve_speakers(doc, sdoc, out)
    return out
