"""Publication dates: from metadata, or inferred from the text and the story.

An article without a date is placed by what it reports: the latest date it speaks of as
past (it was written on or after it), the earliest it speaks of as future (before it), and
for the year, explicit years or weekday/date agreement ("Sunday or Monday ... October
27–28" fits only years in which 27 October is a Sunday). Across a story, articles whose
text fixes no year take the year, and the day within their bounds, nearest the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from corroborator.extract.calendar_math import MONTH_NAMES
from corroborator.extract.dates import (
    WEEKDAYS,
    RawDate,
    _day,
    _month,
    _safe,
    find_dates,
    parse_iso,
    scan,
)
from corroborator.extract.parse import parse
from corroborator.model import Document

DAY_KINDS = ("md", "dm", "iso", "us")
YEARS_BACK = 60
RECENT_DAYS = 30  # how far from the dates it reports an undated article is assumed to be


@dataclass
class PublishedEvidence:
    """What one article's text says about when it was written."""

    raws: list[RawDate]
    years: list[int] = field(default_factory=list)  # candidate years, best first
    year_basis: str = "none"  # "explicit", "weekday" or "none"
    year_note: str = ""


def _absolute(r: RawDate, year: int) -> tuple[date, date] | None:
    """A day-precise expression placed in ``year`` unless it names its own."""
    g = r.groups
    try:
        if r.kind in ("iso", "us"):
            y = int(g["y"] or 0)
            y = y + (2000 if y < 50 else 1900) if y < 100 else y
            d = date(y, int(g["mo"] or 0), int(g["d"] or 0))
            return d, d
        y = int(g.get("y") or year)
        a = date(y, _month(g["m1"]), _day(g["d1"]))
        b = date(y, _month(g.get("m2") or g["m1"]), _day(g.get("d2") or g["d1"]))
        return a, (b if b >= a else b.replace(year=y + 1))
    except (ValueError, KeyError, TypeError):
        return None


def _weekday_constraints(raws: list[RawDate]) -> list[tuple[int, int, int, str]]:
    """(month, day, weekday) facts: "Sunday, Oct. 27", or a weekday run ("Sunday or
    Monday") and a date run of the same length ("October 27–28") in one article."""
    out: list[tuple[int, int, int, str]] = []
    runs = []
    for r in raws:
        g = r.groups
        if r.kind in ("md", "dm") and not g.get("y"):
            if g.get("wd"):
                out.append((_month(g["m1"]), _day(g["d1"]),
                            WEEKDAYS.index((g["wd"] or "").lower()), r.text))
            if g.get("d2"):
                ab = _absolute(r, 2000)
                if ab:
                    runs.append((r, (ab[1] - ab[0]).days))
    for w in raws:
        if w.kind != "weekday" or not w.groups.get("w2"):
            continue
        w1 = WEEKDAYS.index((w.groups["w1"] or "").lower())
        w2 = WEEKDAYS.index((w.groups["w2"] or "").lower())
        for r, length in runs:
            if length == (w2 - w1) % 7 and r.future == w.future:
                out.append((_month(r.groups["m1"]), _day(r.groups["d1"]), w1,
                            f"“{w.text}” ~ “{r.text}”"))
    return out


def gather(text: str, sdoc: Doc | None, today: date | None = None) -> PublishedEvidence:
    """The date evidence in one article's text, with its candidate years."""
    today = today or date.today()
    ev = PublishedEvidence(scan(text, sdoc))
    explicit = [r for r in ev.raws if r.kind in DAY_KINDS and r.groups.get("y")]
    dated = [ab[0] for r in explicit if (ab := _absolute(r, today.year)) and ab[0] <= today]
    if dated:
        ev.years, ev.year_basis = [max(dated).year], "explicit"
        ev.year_note = f"year {max(dated).year} named in the text"
        return ev
    facts = _weekday_constraints(ev.raws)
    if facts:
        fits = []
        for y in range(today.year, today.year - YEARS_BACK, -1):
            ok = sum(1 for m, d, wd, _ in facts if (dt := _safe(y, m, d)) and dt.weekday() == wd)
            first = _safe(y, facts[0][0], facts[0][1])
            if ok == len(facts) and first and first - timedelta(days=7) <= today:
                fits.append(y)
        if fits:
            m, d, wd, why = facts[0]
            ev.years, ev.year_basis = fits, "weekday"
            ev.year_note = (f"year {fits[0]}: the latest in which {MONTH_NAMES[m - 1].title()} {d} "
                            f"is a {WEEKDAYS[wd].title()} ({why})")
            return ev
    days = [ab for r in ev.raws if r.kind in DAY_KINDS and (ab := _absolute(r, today.year))]
    late = bool(days) and min(a for a, _ in days) > today
    ev.years = [today.year - 1 if late else today.year]
    ev.year_note = f"no year in the text; {ev.years[0]} assumed"
    return ev


def bounds(ev: PublishedEvidence, year: int) -> tuple[date | None, date | None, str]:
    """Earliest and latest possible publication day in ``year``, and why."""
    lo: date | None = None
    hi: date | None = None
    why_lo = why_hi = ""
    for r in ev.raws:
        if r.kind not in DAY_KINDS:
            continue
        ab = _absolute(r, year)
        if ab is None:
            continue
        if r.future:
            if hi is None or ab[0] - timedelta(days=1) < hi:
                hi, why_hi = ab[0] - timedelta(days=1), r.text
        elif lo is None or ab[1] > lo:
            lo, why_lo = ab[1], r.text
    notes = []
    if lo:
        notes.append(f"latest date reported as past: “{why_lo}” ({lo.isoformat()})")
    if hi:
        notes.append(f"earliest date reported as ahead: “{why_hi}” ({hi + timedelta(days=1)})")
    if lo and hi and hi < lo:
        hi = None
    return lo, hi, "; ".join(notes)


def _place(ev: PublishedEvidence, year: int, near: date | None) -> tuple[date | None, str]:
    lo, hi, why = bounds(ev, year)
    if near is not None and (lo or hi):
        recent = timedelta(days=RECENT_DAYS)
        low = lo or (hi - recent if hi else near)
        high = hi or low + recent
        return min(max(near, low), high), why
    return (lo or hi or near), why


def infer_published(doc: Document, sdoc: Doc, today: date | None = None) -> None:
    """Set ``doc.published`` (basis "inferred", with evidence) when metadata gave none."""
    if doc.published:
        if doc.published_basis is None:
            doc.published_basis = "metadata"
        return
    text = sdoc.text if len(sdoc.text) == len(doc.text) else doc.text
    ev = gather(text, sdoc, today)
    pub, why = _place(ev, ev.years[0], None)
    if pub is None:
        return
    doc.published = pub.isoformat()
    doc.published_basis = "inferred"
    doc.published_evidence = f"{why}; {ev.year_note}"


def _median(ds: list[date]) -> date:
    ds = sorted(ds)
    return ds[len(ds) // 2]


def reconcile_published(docs: list[Document], today: date | None = None) -> None:
    """Make one story's inferred publication dates consistent, then re-resolve their dates.

    Articles dated by metadata, then those whose text fixes the year, set the story's
    anchor; every other undated article takes the day within its own bounds nearest it.
    """
    todo = [d for d in docs if not d.skipped and (d.published_basis == "inferred"
                                                  or not d.published)]
    if not todo:
        return
    parsed = {d.id: parse(d) for d in todo}
    evs = {d.id: gather(parsed[d.id].text, parsed[d.id], today) for d in todo}
    fixed = [p for d in docs if d not in todo and (p := parse_iso(d.published))]
    strong = [d for d in todo if evs[d.id].year_basis != "none"]
    anchors = list(fixed)
    if not anchors:
        for d in strong:
            p, _ = _place(evs[d.id], evs[d.id].years[0], None)
            if p:
                anchors.append(p)
    if not anchors:
        for d in todo:
            p, _ = _place(evs[d.id], evs[d.id].years[0], None)
            if p:
                anchors.append(p)
    if not anchors:
        return
    anchor = _median(anchors)
    for d in todo:
        ev = evs[d.id]
        years = ev.years if ev.year_basis != "none" else [anchor.year - 1, anchor.year,
                                                            anchor.year + 1]
        best: tuple[int, date, str] | None = None
        for y in years:
            p, why = _place(ev, y, anchor)
            if p is not None and (best is None or abs((p - anchor).days) < best[0]):
                best = (abs((p - anchor).days), p, why)
        if best is None:
            continue
        _, pub, why = best
        if ev.year_basis == "none":
            note = f"year {pub.year} from the story's other articles (around {anchor})"
        else:
            note = ev.year_note if pub.year == ev.years[0] else (
                f"{ev.year_note.split(':')[0].replace(str(ev.years[0]), str(pub.year))}: "
                f"fits, and is nearest the story's other articles")
        if not why:
            why = f"no date in the text; dated like the story's other articles ({anchor})"
        d.published = pub.isoformat()
        d.published_basis = "inferred"
        d.published_evidence = f"{why}; {note}"
        d.dates = find_dates(d, parsed[d.id])
