"""The story's timeline: dated claims ordered by the date of the event they report."""

from __future__ import annotations

from datetime import date

from corroborator.extract.dates import parse_iso
from corroborator.extract.embed import embed
from corroborator.model import Claim, DateMention, Document, TimelineEntry
from corroborator.outlets import outlet_label

MAX_SPAN_DAYS = 14  # "earlier this year" dates nothing precisely enough for a timeline
SAME_EVENT = 0.6  # claims on the same dates this similar tell one event


def _event_date(claim: Claim, by_id: dict[str, Document]) -> tuple[date, date, bool] | None:
    """The most precise date stated inside the claim's mentions (the first on a tie)."""
    best: tuple[int, int, DateMention] | None = None
    for n, m in enumerate(claim.mentions):
        d = by_id.get(m.doc)
        if d is None:
            continue
        for dm in d.dates:
            a, b = parse_iso(dm.value_start), parse_iso(dm.value_end)
            if a is None or b is None or not (m.start <= dm.start and dm.end <= m.end):
                continue
            width = (b - a).days
            if width <= MAX_SPAN_DAYS and (best is None or (width, n) < best[:2]):
                best = (width, n, dm)
    if best is None:
        return None
    dm = best[2]
    a, b = parse_iso(dm.value_start), parse_iso(dm.value_end)
    return (a, b, dm.year_known) if a and b else None


def _sources(claim: Claim, by_id: dict[str, Document]) -> list[str]:
    outlets = [outlet_label(by_id[m.doc]) if m.doc in by_id else (m.outlet or m.doc)
               for m in claim.mentions]
    return list(dict.fromkeys(list(claim.attributed_to) + outlets))


def build_timeline(docs: list[Document], claims: list[Claim]) -> list[TimelineEntry]:
    """Each dated event once, in event order, with the claims and sources that report it."""
    by_id = {d.id: d for d in docs}
    dated = [(c, when) for c in claims if (when := _event_date(c, by_id))]
    if not dated:
        return []
    vecs = embed([c.text for c, _ in dated])
    entries: list[tuple[tuple[date, date], list[int]]] = []
    for i, (_, (a0, b0, _known)) in enumerate(dated):
        day = (a0, b0)
        for when2, members in entries:
            if when2 == day and max(float(vecs[i] @ vecs[j]) for j in members) >= SAME_EVENT:
                members.append(i)
                break
        else:
            entries.append((day, [i]))
    out = []
    for (a, b), members in sorted(entries, key=lambda e: (e[0][0], e[0][1], e[1][0])):
        cs = [dated[i][0] for i in members]
        lead = max(cs, key=lambda c: (len(c.mentions), -len(c.text)))
        out.append(TimelineEntry(
            start=a.isoformat(), end=b.isoformat(), text=lead.text,
            claims=[c.id for c in cs],
            sources=list(dict.fromkeys(s for c in cs for s in _sources(c, by_id))),
            year_known=all(dated[i][1][2] for i in members)))
    return out
