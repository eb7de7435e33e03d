"""Publication dates: from metadata, from the article's own header, or inferred from what
it reports, and made consistent across a story.

Evidence, strongest first:

1. metadata (feed entries, HTML meta tags, record fields): ``published_basis = "metadata"``;
2. the article's header: a date in its URL ("/2013/05/03/", "-20130504"), a "Posted",
   "Published" or "Updated" line, a wire dateline ("WASHINGTON, April 30 (Reuters) -"), a
   date standing alone at the top: ``published_basis = "header"``, with the span;
3. the other articles of the same story (:func:`reconcile_published`);
4. weekday–date agreement ("Sunday or Monday ... October 27–28" fits only years in which
   27 October is a Sunday), above the latest year the text names as past;
5. the dates the text reports, for the day: an article is written on or after every date it
   speaks of as past and before every date it speaks of as ahead.

The machine's clock is never evidence. Where nothing above gives the year,
``published_year_known`` is False: the article is still placed, in an assumed year the
evidence names (the latest year the text speaks of, or :data:`REFERENCE_YEAR`), so its dates
can be ordered, and every report shows them as of an unknown year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from corroborator.extract.calendar_math import MONTH_NAMES
from corroborator.extract.dates import (
    DAY_PATTERN,
    MONTH_PATTERN,
    WEEKDAYS,
    RawDate,
    _day,
    _month,
    _safe,
    find_dates,
    iso_date,
    parse_iso,
    scan,
    us_date,
)
from corroborator.extract.doc_text import doc_text
from corroborator.extract.parse import parse
from corroborator.model import Document

DAY_KINDS = ("md", "dm", "iso", "us")
# An article with no year in its text, its header or its story is assumed to be from this
# year, the year this version was released (moved with each release). It is never read from
# the clock, so a report does not change with the day it is made; the year is reported as
# not known (``published_year_known = False``).
REFERENCE_YEAR = 2026
EARLIEST_YEAR = 1900
YEARS_BACK = 60  # how far before REFERENCE_YEAR weekday agreement looks for a year
HEADER_CHARS = 400  # the top of an article, where a byline, dateline or date line stands
BASES_FIXED = ("metadata", "header")

_YEAR = r"(?:19|20)\d\d"
_HEADER_DATES = (
    # the dates stage's numeric dates (dates.us_date, dates.iso_date), spaced separators
    # allowed and four-digit years only
    re.compile(us_date(r"\s?/\s?", _YEAR) + r"(?!\d)"),
    re.compile(r"(?<!\d)" + iso_date(r"\s?-\s?", _YEAR) + r"(?!\d)"),
    re.compile(rf"\b(?P<m>{MONTH_PATTERN})\.?\s{{1,3}}(?P<d>{DAY_PATTERN}),?\s{{1,3}}"
               rf"(?P<y>{_YEAR})\b"),
    re.compile(rf"\b(?P<d>{DAY_PATTERN})\s{{1,3}}(?P<m>{MONTH_PATTERN})\.?,?\s{{1,3}}"
               rf"(?P<y>{_YEAR})\b"),
)
_HEADER_CUE = re.compile(r"(?i)\b(?:posted|published|updated|last updated|first published"
                         r"|created|dated?)\s{0,3}(?:on\s{1,3}|at\s{1,3}|:\s{0,3})?$")
# "WASHINGTON, April 30 (Reuters) -", "MOSCOW, Oct 25, 2024 (AFP) —": a city in capitals at
# the start of a line, the day, perhaps an agency, then a dash
_DATELINE = re.compile(
    rf"(?m)^[ \t]*[A-Z][A-Z.'’-]+(?:[ \t]+[A-Z][A-Z.'’-]+){{0,3}}(?:,[ \t]*[A-Z][A-Za-z.]+"
    rf"(?:[ \t]+[A-Z][A-Za-z.]+)?)?,[ \t]*(?P<m>{MONTH_PATTERN})\.?[ \t]+(?P<d>{DAY_PATTERN})"
    rf"(?:,[ \t]*(?P<y>{_YEAR}))?[ \t]*(?:\([A-Za-z. ]{{2,20}}\)[ \t]*)?[-–—]")
_URL_LINE = re.compile(r"(?im)^[ \t]*(?:https?[ \t]*:[ \t]*/[ \t]*/|www[ \t]*\.)[^\n]{1,400}$")
_URL_DATES = (
    re.compile(rf"/(?P<y>{_YEAR})/(?P<mo>0?[1-9]|1[0-2]|[a-z]{{3,9}})/"
               r"(?P<d>0?[1-9]|[12]\d|3[01])(?=[/_-]|$)", re.IGNORECASE),
    re.compile(rf"(?<![\d])(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
               r"(?!\d)"),
    re.compile(rf"(?<![\d])(?P<y>{_YEAR})(?P<mo>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"
               r"(?!\d)"),
)
_PREPOSITION = re.compile(r"(?i)\b(?:on|in|since|until|till|by|from|before|after|of|at|to|"
                          r"and|or|than|through|between|as)\s*,?\s*$")


@dataclass
class Header:
    """A publication date the article states at its top or in its URL."""

    day: date | None  # None when only the month and day are given (a dateline)
    month_day: tuple[int, int]
    span: tuple[int, int] | None  # in the article text; None for a URL outside it
    note: str
    confidence: str  # "high" or "medium"


@dataclass
class PublishedEvidence:
    """What one article's text says about when it was written."""

    raws: list[RawDate]
    years: list[int] = field(default_factory=list)  # candidate years, best first
    year_basis: str = "none"  # "header", "weekday" or "none"
    year_known: bool = False
    year_note: str = ""
    header: Header | None = None
    latest_year: int | None = None  # the latest year the text names as past
    fits: list[int] = field(default_factory=list)  # years its weekday facts fit, latest first
    fact: str = ""  # the weekday fact, for the evidence


def _month_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    try:
        return _month(s)
    except KeyError:
        return None


def _header_day(g: dict[str, str | None]) -> date | None:
    mo = _month_number(g.get("mo") or g.get("m") or "")
    return _safe(int(g["y"] or 0), mo, _day(g.get("d"))) if mo else None


def url_date(url: str | None) -> date | None:
    """The day a URL's path names ("/2013/may/03/", "-20130504", "2005-11-27-")."""
    if not url:
        return None
    path = re.sub(r"\s+", "", url)
    path = path.split("?", 1)[0]
    for pat in _URL_DATES:
        for m in pat.finditer(path):
            day = _header_day(m.groupdict())
            if day is not None:
                return day
    return None


def find_header(text: str, url: str | None = None, today: date | None = None) -> Header | None:
    """The publication date the article's URL or top states, or None.

    ``today`` only rules out a date after it (a typo, an event page); it never supplies one.
    """
    found: list[Header] = []
    day = url_date(url)
    if day is not None:
        found.append(Header(day, (day.month, day.day), None, f"the URL's date ({url})", "high"))
    top = text[:HEADER_CHARS]
    for m in _URL_LINE.finditer(top):
        day = url_date(m.group(0))
        if day is not None:
            found.append(Header(day, (day.month, day.day), (m.start(), m.end()),
                                f"the date in the URL at the top (“{m.group(0).strip()}”)",
                                "high"))
    for m in _DATELINE.finditer(top):
        mo, d = _month_number(m.group("m")), _day(m.group("d"))
        if not mo or _safe(2000, mo, d) is None:
            continue
        day = _safe(int(m.group("y")), mo, d) if m.group("y") else None
        found.append(Header(day, (mo, d), (m.start("m"), m.end("d") if not m.group("y")
                                           else m.end("y")),
                            f"the dateline “{m.group(0).strip(' -–—')}”", "high"))
    for pat in _HEADER_DATES:
        for m in pat.finditer(top):
            day = _header_day(m.groupdict())
            if day is None:
                continue
            before = top[max(0, m.start() - 40) : m.start()]
            if _HEADER_CUE.search(before):
                found.append(Header(day, (day.month, day.day), (m.start(), m.end()),
                                    f"“{(before.split(chr(10))[-1] + m.group(0)).strip()}”",
                                    "high"))
            elif _standing_alone(top, m.start(), m.end()):
                found.append(Header(day, (day.month, day.day), (m.start(), m.end()),
                                    f"the date “{m.group(0)}” at the top", "medium"))
    found = [h for h in found if h.day is None or (
        h.day.year >= EARLIEST_YEAR and (today is None or h.day <= today))]
    if not found:
        return None
    dated = [h for h in found if h.day is not None]
    if dated:  # the first publication, not a later update; the surest first
        return min(dated, key=lambda h: (h.confidence != "high", h.day))
    return found[0]


def _standing_alone(text: str, start: int, end: int) -> bool:
    """A date on a line of its own, or between a headline and the first sentence ("... Betty
    Ford Center May 03, 2013 After skipping ..."), not one a sentence speaks of."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    if before and (_PREPOSITION.search(before) or re.search(r"\b[a-z]+\W*$", before)):
        return False
    after = text[end : end + 3]
    return bool(re.match(r"\s*(?:$|\n|[|•·]|[A-Z]|\d{1,2}\s?:)", after)) and not after.startswith(
        ",")


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


def _latest_past_year(raws: list[RawDate]) -> int | None:
    """The latest year the text names as past: the article was written in it or after."""
    years = []
    for r in raws:
        if r.future:
            continue
        for k in ("y", "y2"):
            y = r.groups.get(k)
            if y and len(y) == 4 and y.isdigit():
                years.append(int(y))
    years = [y for y in years if EARLIEST_YEAR <= y <= REFERENCE_YEAR]
    return max(years) if years else None


def gather(text: str, sdoc: Doc | None, today: date | None = None,
           url: str | None = None) -> PublishedEvidence:
    """The date evidence in one article's text, with its candidate years."""
    ev = PublishedEvidence(scan(text, sdoc))
    ev.header = find_header(text, url, today)
    ev.latest_year = _latest_past_year(ev.raws)
    if ev.header is not None and ev.header.day is not None:
        y = ev.header.day.year
        ev.years, ev.year_basis, ev.year_known = [y], "header", True
        ev.year_note = f"year {y} from {ev.header.note}"
        return ev
    facts = _weekday_constraints(ev.raws)
    if facts:
        ev.fits = [y for y in range(REFERENCE_YEAR, REFERENCE_YEAR - YEARS_BACK, -1)
                   if all((dt := _safe(y, m, d)) and dt.weekday() == wd
                          for m, d, wd, _ in facts)]
        m, d, wd, why = facts[0]
        ev.fact = f"{MONTH_NAMES[m - 1].title()} {d} is a {WEEKDAYS[wd].title()} ({why})"
        # one article's latest named year is too weak a floor to claim the year from a
        # weekday (fits recur every 5 to 11 years): the story's is (reconcile_published)
        above = sorted(y for y in ev.fits if ev.latest_year is not None and y >= ev.latest_year)
        if above or ev.fits:
            ev.years, ev.year_basis = above or ev.fits, "weekday"
            some = ", ".join(map(str, sorted(ev.fits)[-3:]))
            ev.year_note = (f"year not known: {ev.fact} in {some}…; {ev.years[0]} assumed "
                            + (f"(the first from {ev.latest_year}, the latest year the text "
                               "names)" if above else f"(the latest up to {REFERENCE_YEAR})"))
            return ev
    if ev.latest_year is not None:
        ev.years = [ev.latest_year]
        ev.year_note = (f"year not known; {ev.latest_year} assumed (the latest year the text "
                        "names)")
    else:
        ev.years = [REFERENCE_YEAR]
        ev.year_note = f"year not known (no year in the text); {REFERENCE_YEAR} assumed"
    return ev


def bounds(ev: PublishedEvidence, year: int) -> tuple[date | None, date | None, str]:
    """Earliest and latest possible publication day in ``year``, and why."""
    if ev.header is not None:
        m, d = ev.header.month_day
        day = ev.header.day or _safe(year, m, d)
        if day is not None:
            return day, day, ev.header.note
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
        # within a story: the story's day, unless the article's own dates rule it out
        if lo is not None and hi is not None:
            return min(max(near, lo), hi), why
        if lo is not None:
            return max(near, lo), why
        assert hi is not None
        return min(near, hi), why
    return (lo or hi or near), why


def _text_of(doc: Document, sdoc: Doc) -> str:
    return doc_text(sdoc) if len(doc_text(sdoc)) == len(doc.text) else doc.text


def infer_published(doc: Document, sdoc: Doc, today: date | None = None) -> None:
    """Set ``doc.published`` from the header or the text when metadata gave none."""
    if doc.published:
        if doc.published_basis is None:
            doc.published_basis = "metadata"
        if doc.published_basis == "metadata":
            doc.published_year_known = True
        return
    ev = gather(_text_of(doc, sdoc), sdoc, today, doc.url or doc.canonical_url)
    pub, why = _place(ev, ev.years[0], None)
    if pub is None:  # no day to go by: left to the story's other articles
        return
    _set(doc, pub, ev, why, ev.year_note, ev.year_known)


def _set(doc: Document, pub: date, ev: PublishedEvidence, why: str, note: str,
         year_known: bool) -> None:
    header = ev.header if ev.header is not None and ev.header.day is not None else None
    doc.published = pub.isoformat()
    doc.published_basis = "header" if header else "inferred"
    doc.published_year_known = year_known
    doc.published_span = ev.header.span if ev.header is not None else None
    doc.published_evidence = why if header else f"{why}; {note}"


def _median(ds: list[tuple[date, str]]) -> tuple[date, str]:
    ds = sorted(ds)
    return ds[len(ds) // 2]


def _story_floor(todo: list[Document], evs: dict[str, PublishedEvidence]) -> None:
    """Weekday facts above the latest year any of the story's articles names fix the year:
    the story's articles were written within days of each other, in or after that year."""
    named = [(e.latest_year, d.id) for d in todo if (e := evs[d.id]).latest_year is not None]
    if not named:
        return
    floor, who = max(named)
    for d in todo:
        ev = evs[d.id]
        above = sorted(y for y in ev.fits if y >= floor)
        if above:
            ev.years, ev.year_known = above, True
            ev.year_note = (f"year {above[0]}: the first from {floor} (the latest year the "
                            f"story's articles name, in {who}) in which {ev.fact}")


def reconcile_published(docs: list[Document], today: date | None = None) -> None:
    """Make one story's inferred publication dates consistent, then re-resolve their dates.

    Articles dated by metadata or their header, then those whose text fixes the year, set
    the story's anchor; every other article takes the day within its own bounds nearest
    it, and its evidence names the article whose date won.
    """
    todo = [d for d in docs if not d.skipped and (
        not d.published or d.published_basis not in BASES_FIXED)]
    if not todo:
        return
    parsed = {d.id: parse(d) for d in todo}
    evs = {d.id: gather(parsed[d.id].text, parsed[d.id], today, d.url or d.canonical_url)
           for d in todo}
    anchors = [(p, d.id) for d in docs if d not in todo and (p := parse_iso(d.published))]
    if not anchors:
        _story_floor(todo, evs)
        for d in todo:
            if evs[d.id].year_known and (p := _place(evs[d.id], evs[d.id].years[0], None)[0]):
                anchors.append((p, d.id))
    anchor_known = bool(anchors)
    if not anchors:
        # no article knows its year: the latest any of them names, else the reference year
        year = max((e.years[0] for e in evs.values() if e.latest_year is not None
                    or e.year_basis == "weekday"), default=REFERENCE_YEAR)
        for d in todo:
            if p := _place(evs[d.id], year, None)[0]:
                anchors.append((p, d.id))
    if not anchors:
        return
    anchor, winner = _median(anchors)
    for d in todo:
        ev = evs[d.id]
        years = ev.years if ev.year_known else [anchor.year, anchor.year - 1, anchor.year + 1]
        best: tuple[int, date, str] | None = None
        for y in years:
            p, why = _place(ev, y, anchor)
            if p is not None and (best is None or abs((p - anchor).days) < best[0]):
                best = (abs((p - anchor).days), p, why)
        if best is None:
            continue
        _, pub, why = best
        if ev.year_known:
            note = ev.year_note if pub.year == ev.years[0] else (
                f"{ev.year_note.split(':')[0].replace(str(ev.years[0]), str(pub.year))}: "
                f"fits, and is nearest the story's other articles")
        elif anchor_known and winner != d.id:
            note = f"year {pub.year} from the story's other articles ({winner}: {anchor})"
        else:
            note = (f"year not known; {pub.year} assumed for the whole story (around {anchor}, "
                    f"from {winner})")
        if not why:
            why = f"no date in the text; dated like the story's other articles ({winner})"
        _set(d, pub, ev, why, note, ev.year_known or (anchor_known and winner != d.id))
        d.dates = find_dates(d, parsed[d.id])
