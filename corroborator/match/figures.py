"""Figures: quantities that measure the same thing across a story's articles.

Quantities join one figure when their units agree, the nouns they count mean the same
(embedding similarity of the counted noun: "troops" ~ "soldiers" ~ "servicemen") and
their qualifying names do not clash ("Russian" vs "North Korean"). Parts of a whole ("of
which 500 are officers", "the first 1,500"), ratios and values far off the figure's scale
stay out. Differing values become a numeric contradiction unless different scopes
(planned vs already sent) or dates explain them, which the explanation then says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from corroborator.extract.dates import parse_iso
from corroborator.extract.embed import embed
from corroborator.model import (
    Claim,
    Contradiction,
    Document,
    Figure,
    FigureValue,
    Mention,
    Quantity,
)
from corroborator.outlets import outlet_label

SAME_THING = 0.7  # cosine similarity of counted nouns that count the same thing
SCALE_RATIO = 5.0  # a value this many times off the figure's median measures something else
PART_CUES = re.compile(r"\b(?:including|includ(?:es|ed)|of which|of whom|among them|among whom"
                       r"|first|initial|another|additional|further)\b", re.I)
PLANNED = re.compile(r"\b(?:plan(?:s|ned|ning)?|will|would|could|expected|intends?|to deploy"
                     r"|to send|preparing to|ready to|may|might|set to)\b", re.I)


@dataclass
class _Item:
    doc: Document
    q: Quantity
    key: str  # the counted noun without its names: "infantry troops"
    names: frozenset[str]  # capitalised modifiers: {"North", "Korean"}
    sentence: tuple[int, int]


def _sentence(doc: Document, start: int, end: int) -> tuple[int, int]:
    for s in doc.sentences:
        if s.start <= start and end <= s.end:
            return s.start, s.end
    a = doc.text.rfind("\n", 0, start) + 1
    b = doc.text.find("\n", end)
    return a, (b if b >= 0 else len(doc.text))


def _is_part(doc: Document, q: Quantity, sent: tuple[int, int]) -> bool:
    """A sub-count of a larger number in the same sentence, or a first batch."""
    before = doc.text[max(sent[0], q.start - 40) : q.start]
    after = doc.text[q.end : min(sent[1], q.end + 30)]
    if re.search(r"\b(?:first|initial)\b", before + " " + after, re.I):
        return True
    earlier = [o for o in doc.quantities if sent[0] <= o.start < q.start and o is not q]
    if earlier:
        between = doc.text[earlier[-1].end : q.start]
        return bool(PART_CUES.search(between))
    return False


def _items(docs: list[Document]) -> list[_Item]:
    out = []
    for d in docs:
        for q in d.quantities:
            if q.qualifier in ("ratio", "every") or not q.counted:
                continue
            if q.value is None and q.low is None:
                continue
            sent = _sentence(d, q.start, q.end)
            if _is_part(d, q, sent):
                continue
            words = re.findall(r"[\w’'-]+", q.counted)
            names = frozenset(w for w in words if w[:1].isupper())
            key = " ".join(w.lower() for w in words if not w[:1].isupper()) or q.counted.lower()
            out.append(_Item(d, q, f"{q.unit or ''} {key}".strip(), names, sent))
    return out


def _compatible(a: _Item, b: _Item) -> bool:
    return (a.q.unit == b.q.unit) and (not a.names or not b.names or a.names == b.names)


def _clusters(items: list[_Item]) -> list[list[_Item]]:
    if not items:
        return []
    keys = sorted({i.key for i in items})
    index = {k: n for n, k in enumerate(keys)}
    vecs = embed(keys)
    matrix = vecs @ vecs.T  # one row per distinct counted noun, not a dict of all pairs
    groups: list[list[_Item]] = []
    # named items first, so an unnamed "3,000 soldiers" joins the best-matching named group
    for it in sorted(items, key=lambda i: (not i.names, i.doc.id, i.q.start)):
        best, best_s = None, SAME_THING
        for g in groups:
            if not all(_compatible(it, o) for o in g):
                continue
            s = max(float(matrix[index[it.key], index[o.key]]) for o in g)
            if s >= best_s:
                best, best_s = g, s
        if best is None:
            groups.append([it])
        else:
            best.append(it)
    out = []
    for g in groups:
        out.extend(_split_by_scale(g))
    return out


def _mid(it: _Item) -> float:
    q = it.q
    if q.value is not None:
        return q.value
    return ((q.low or 0) + (q.high or q.low or 0)) / 2


def _split_by_scale(g: list[_Item]) -> list[list[_Item]]:
    vals = np.array([_mid(i) for i in g], dtype=float)
    med = float(np.median(vals)) or 1.0
    near = [i for i in g if 1 / SCALE_RATIO <= (_mid(i) or 1e-9) / med <= SCALE_RATIO]
    if not near:  # no value near the median (zeros pull it away): start from the smallest
        low = float(np.nanmin(vals))
        near = [i for i in g if _mid(i) == low]
    far = [i for i in g if i not in near]
    return [near] + (_split_by_scale(far) if far and len(far) < len(g) else ([far] if far else []))


def _speakers(d: Document, q: Quantity) -> list[str]:
    return list(dict.fromkeys(
        a.speaker for a in d.attributions
        if a.speaker and a.content and a.content[0] <= q.start and q.end <= a.content[1]))


def _sentence_dates(it: _Item) -> list[str]:
    s, e = it.sentence
    return [m.value_start for m in it.doc.dates if s <= m.start < e and m.value_start
            and parse_iso(m.value_start)]


def _claims_of(items: list[_Item], claims: list[Claim]) -> list[str]:
    out: list[str] = []
    for c in claims:
        for m in c.mentions:
            if any(m.doc == i.doc.id and m.start < i.q.end and i.q.start < m.end for i in items):
                out.append(c.id)
                break
    return out


def _label(q: Quantity) -> str:
    if q.value is None:
        return f"{q.low:,.0f}–{q.high:,.0f}"
    return f"{q.value:,.0f}" if q.value == int(q.value) else f"{q.value:,}"


def build_figures(docs: list[Document], claims: list[Claim]
                  ) -> tuple[list[Figure], list[Contradiction]]:
    """Group quantities into figures; differing values become numeric contradictions."""
    figures: list[Figure] = []
    contradictions: list[Contradiction] = []
    for group in _clusters(_items(docs)):
        if not group:
            continue
        by_value: dict[tuple[float | None, float | None, float | None], list[_Item]] = {}
        for it in sorted(group, key=lambda i: (i.doc.published or "", i.doc.id, i.q.start)):
            by_value.setdefault((it.q.value, it.q.low, it.q.high), []).append(it)
        if len(group) < 2 and len(docs) > 1:
            continue
        subjects = [i.q.counted or "" for i in group]
        # the most frequent, then longest; on a full tie the first met (never a set's
        # order, which changes with the process's hash seed)
        subject = max(dict.fromkeys(subjects), key=lambda s: (subjects.count(s), len(s)))
        unit = group[0].q.unit or (subject.split()[-1] if subject else None)
        fig = Figure(subject=subject, unit=unit)
        for (value, low, high), its in by_value.items():
            fig.values.append(FigureValue(
                value=value, low=low, high=high,
                sources=list(dict.fromkeys(s for i in its for s in _speakers(i.doc, i.q))),
                mentions=[Mention(i.doc.id, i.q.start, i.q.end,
                                  next(iter(_speakers(i.doc, i.q)), None), outlet=i.doc.outlet)
                          for i in its],
                dates=sorted({d for i in its for d in (_sentence_dates(i) or
                                                       [i.doc.published or ""]) if d}),
                outlets=list(dict.fromkeys(outlet_label(i.doc) for i in its))))
        figures.append(fig)
        if len(by_value) > 1:
            contradictions.append(_disagreement(fig, by_value, claims))
    figures.sort(key=lambda f: -len(f.values))
    return figures, contradictions


def _scope(it: _Item) -> str:
    s, _ = it.sentence
    return "planned" if PLANNED.search(it.doc.text[s : it.q.end + 60]) else "reported"


def _disagreement(fig: Figure, by_value: dict[tuple[float | None, float | None, float | None],
                                              list[_Item]], claims: list[Claim]
                  ) -> Contradiction:
    """One figure's differing values: what differs, who said which, what explains it."""
    parts = []
    scopes: dict[str, set[tuple[float | None, float | None, float | None]]] = {}
    for key, its in by_value.items():
        q = its[0].q
        who = sorted({s for i in its for s in _speakers(i.doc, i.q)} |
                     {outlet_label(i.doc) for i in its})
        scope = {_scope(i) for i in its}
        sc = "planned" if scope == {"planned"} else "reported"
        scopes.setdefault(sc, set()).add(key)
        parts.append(f"{_label(q)} ({sc}; {', '.join(who)})")
    unexplained = [k for k, vs in scopes.items() if len(vs) > 1]
    dated = {k: {d for i in its for d in _sentence_dates(i)} for k, its in by_value.items()}
    all_items = [i for its in by_value.values() for i in its]
    ids = _claims_of(all_items, claims)
    head = f"{fig.subject}: " + "; ".join(parts) + "."
    if not unexplained:
        return Contradiction(ids, "other", head + " The values differ in scope (planned vs "
                             "already sent), which explains the difference.")
    if all(dated[k] for k in by_value) and len({frozenset(v) for v in dated.values()}) == len(
            dated):
        return Contradiction(ids, "other", head + " The values are given for different dates, "
                             "which may explain the difference.")
    note = " Some values differ in scope (planned vs reported)." if len(scopes) > 1 else ""
    return Contradiction(ids, "numeric", head + " Sources report different values." + note)
