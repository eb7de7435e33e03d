"""Date expressions ("Oct 24", "October 27–28", "last week", "on Wednesday") found in an
article and resolved to ISO start/end dates against its publication date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from corroborator.extract.numbers import parse_number_words
from corroborator.model import DateMention, Document

MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_FULL_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October"
               r"|November|December)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_TO = r"\s*(?:-|–|—|to|through|thru|until|till)\s*"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
        r"|a few|a couple of|several)")
_SMALL = rf"(?:{_NUM}(?:\s+or\s+{_NUM})?)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("us", re.compile(r"(?<![\d/])(?P<mo>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/"
                      r"(?P<y>\d{4}|\d{2})(?![\d/])")),
    ("md", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<m1>{_MONTH})\.?\s+(?P<d1>{_DAY})\b"
        rf"(?:(?P<sep>{_TO}|\s*(?:and|or|,)\s*)(?:(?P<m2>{_MONTH})\.?\s+)?(?P<d2>{_DAY})\b"
        rf"(?![,.]?\d))?(?:,?\s+(?P<y>{_YEAR})\b)?(?![,.]\d)")),
    ("dm", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d1>{_DAY})(?:{_TO}(?P<d2>{_DAY}))?"
        rf"\s+(?:of\s+)?(?P<m1>{_MONTH})\b\.?(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("my", re.compile(rf"\b(?P<mod>(?:early|mid|late)[\s-]+)?(?P<m1>{_MONTH})\.?,?\s+(?:of\s+)?"
                      rf"(?P<y>{_YEAR})\b")),
    ("month", re.compile(
        rf"\b(?i:in|since|until|till|by|during|through|from|of|before|after|last|next|this"
        rf"|early|mid|late|earlier|later|between|and|or)[\s-]+(?:(?P<mod>(?i:early|mid|late))"
        rf"[\s-]+)?(?P<m1>{_FULL_MONTH})\b(?!\.?\s*\d)")),
    ("year", re.compile(
        rf"\b(?i:in|since|until|till|by|during|through|from|before|after|early|mid|late"
        rf"|around|circa|of|the|to)\s+(?P<y>{_YEAR})(?:\s*(?:-|–|to)\s*(?P<y2>{_YEAR}))?"
        r"\b(?![,.]?\d)(?!\s*(?:%|percent|per cent))"
        r"(?!\s+[A-Z]\w+\s+(?:Drive|Street|Avenue|Road|Lane|Boulevard|Way|St|Ave|Rd)\b)")),
    ("weekday", re.compile(
        rf"\b(?:(?P<q>last|next|this past|this coming|this|coming|on|by|since|until"
        rf"|as soon as|as early as|as of|between|early|late)\s+)?(?P<w1>{_WEEKDAY})"
        rf"(?:\s+(?P<part>morning|afternoon|evening|night))?"
        rf"(?:\s*(?P<sep>or|and|to|-|–|through)\s*(?P<w2>{_WEEKDAY}))?", re.IGNORECASE)),
    ("day", re.compile(r"\b(?P<w>yesterday|today|tonight|tomorrow)\b"
                       r"(?:\s+(?:morning|afternoon|evening|night))?", re.IGNORECASE)),
    ("daypart", re.compile(r"\b(?P<w>this|last)\s+(?P<p>morning|afternoon|evening|night)\b",
                           re.IGNORECASE)),
    ("period", re.compile(
        r"\b(?P<q>earlier this|later this|early this|late this|earlier last|late last|"
        r"the past|the last|the coming|the next|this past|last|this|next|past|coming)\s+"
        r"(?P<u>week|weekend|month|year|summer|winter|spring|fall|autumn)\b", re.IGNORECASE)),
    ("end", re.compile(r"\b(?:the\s+)?end\s+of\s+(?P<q>the|this|next|last)\s+"
                       r"(?P<u>year|month|week)\b", re.IGNORECASE)),
    ("weekend", re.compile(r"\b(?:over|at|on|during)\s+the\s+weekend\b", re.IGNORECASE)),
    ("ago", re.compile(rf"\b(?P<n>{_SMALL})\s+(?P<u>days?|weeks?|months?|years?)\s+"
                       r"(?P<dir>ago|earlier|later|before|after|from now)\b", re.IGNORECASE)),
    ("hours", re.compile(r"\b(?P<u>hours|minutes|moments)\s+(?P<dir>before|after|earlier|later)"
                         r"\b", re.IGNORECASE)),
    ("sameday", re.compile(r"\b(?:the\s+(?P<q>previous|following|next|same)\s+day"
                           r"|the\s+day\s+(?P<q2>before|after))\b", re.IGNORECASE)),
]
FUTURE_AUX = {"will", "'ll", "shall", "would", "could", "may", "might", "wo", "ll", "can"}
FUTURE_VERBS = {"expect", "plan", "schedule", "set", "intend", "aim", "prepare", "due"}
FUTURE_CUES = re.compile(r"\b(?:as soon as|as early as|by|next|starting(?: from| on)?)\s*$",
                         re.IGNORECASE)
VAGUE = {"a few": (2, 5), "several": (3, 7), "a couple of": (2, 2)}


@dataclass
class RawDate:
    """A date expression as found, before resolution; ``future`` from its clause's tense."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict[str, str | None] = field(default_factory=dict)
    future: bool = False


def scan(text: str, sdoc: Doc | None = None) -> list[RawDate]:
    """Every date expression in ``text`` (longest match wins where they overlap)."""
    found: list[RawDate] = []
    for kind, pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = _span(kind, m)
            if s < e:
                found.append(RawDate(s, e, text[s:e], kind, m.groupdict()))
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[RawDate] = []
    for r in found:
        if kept and r.start < kept[-1].end:
            continue
        if _rejected(r, text):
            continue
        r.future = _is_future(r, text, sdoc)
        kept.append(r)
    return kept


def _span(kind: str, m: re.Match[str]) -> tuple[int, int]:
    """The mention's span: prepositions that only introduce a month or year stay outside."""
    if kind in ("month",):
        g = "mod" if m.group("mod") else "m1"
        return m.start(g), m.end()
    if kind == "year":
        return m.start("y"), m.end()
    if kind == "weekday" and (m.group("q") or "").lower() in ("on", "by", "since", "until"):
        return m.start("w1"), m.end()
    return m.start(), m.end()


def _rejected(r: RawDate, text: str) -> bool:
    g = r.groups
    if r.kind == "md" and (g.get("m1") or "") == "May" and not g.get("y"):
        after = text[r.end : r.end + 3]
        if re.match(r"\s*(?:be|have)\b", after):
            return True
    if r.kind == "weekday" and not r.text[:1].isupper() and not re.match(
            r"(?i)(last|next|this|coming|on|by|since|until|as|between|early|late)\b", r.text):
        return True
    if r.kind == "weekday" and not (g.get("w1") or "")[:1].isupper():
        return True
    if r.kind == "weekday" and (g.get("part") or "")[:1].isupper():
        return True  # a title: "Sunday Morning Futures"
    if r.kind == "period" and re.search(r"(?i)\b(?:his|her|their|its|my|our|your)\s+$",
                                        text[max(0, r.start - 8) : r.start]):
        return True  # "his last year in office"
    if r.kind in ("md", "dm") and g.get("sep", "") and (g.get("sep") or "").strip() in (
            "and", "or", ","):
        # "Oct 24 and 25": keep; "May 5, 2016" is matched with its year elsewhere
        return False
    return False


def _is_future(r: RawDate, text: str, sdoc: Doc | None) -> bool:
    """Whether the expression's clause speaks of what is yet to happen."""
    before = text[max(0, r.start - 20) : r.start]
    if FUTURE_CUES.search(before):
        return True
    if re.match(r"(?i)(next|this coming|coming|as soon as|as early as|later this)\b", r.text):
        return True
    if sdoc is None:
        return False
    span = sdoc.char_span(r.start, r.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("MD",):
            kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            lowers = {c.lower_ for c in kids}
            if lowers & FUTURE_AUX:
                return True
            if tok.tag_ == "VBD" or "have" in {c.lemma_ for c in kids}:
                return False
            if tok.lemma_ in FUTURE_VERBS and tok.tag_ != "VBD":
                return True
            if "to" in lowers:
                return True
            if tok.tag_ in ("VBG", "VBN", "VB") and tok.head is not tok:
                tok = tok.head
                continue
            return False
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def _month(name: str | None) -> int:
    return MONTH_NUMBERS[(name or "")[:3].lower()]


def _day(s: str | None) -> int:
    return int(re.sub(r"\D", "", s or "0"))


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def nearest_year(m: int, d: int, pub: date) -> int:
    """The year that puts month/day closest to ``pub``."""
    best = pub.year
    gap = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        dt = _safe(y, m, d)
        if dt and (gap is None or abs((dt - pub).days) < gap):
            best, gap = y, abs((dt - pub).days)
    return best


def _weekday_near(wd: int, pub: date, future: bool, strict: bool = False) -> date:
    if future:
        delta = (wd - pub.weekday()) % 7
        return pub + timedelta(days=delta if (delta or not strict) else 7)
    delta = (pub.weekday() - wd) % 7
    return pub - timedelta(days=delta if (delta or not strict) else 7)


def _week(pub: date, offset: int) -> tuple[date, date]:
    monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
    return monday, monday + timedelta(days=6)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
           "winter": (12, 2)}


def _period(q: str, u: str, pub: date) -> tuple[date, date] | None:
    q = q.lower()
    u = u.lower()
    off = -1 if q in ("last", "past", "earlier last", "late last") else (
        1 if q in ("next", "coming", "the coming", "the next") else 0)
    if q in ("the past", "the last", "this past", "past") and u in ("week", "month", "year"):
        days = {"week": 7, "month": 30, "year": 365}[u]
        return pub - timedelta(days=days), pub
    if u == "week":
        a, b = _week(pub, off)
    elif u == "weekend":
        monday, _ = _week(pub, off)
        a, b = monday + timedelta(days=5), monday + timedelta(days=6)
        if q in ("this past",):
            a, b = a - timedelta(days=7), b - timedelta(days=7)
        return a, b
    elif u == "month":
        y, m = _shift_month(pub.year, pub.month, off)
        a, b = date(y, m, 1), _month_end(y, m)
    elif u == "year":
        a, b = date(pub.year + off, 1, 1), date(pub.year + off, 12, 31)
    else:
        m1, m2 = SEASONS[u]
        y = pub.year + off
        a = date(y, m1, 1)
        b = _month_end(y + (1 if m2 < m1 else 0), m2)
        if off == -1 and pub.month < m1 and u != "winter":
            pass
        return a, b
    if u == "month" and off != 0 and q.startswith(("early ", "late ")):
        return _part_of_month(a.year, a.month, q.split()[0])
    if q.startswith("earlier") or q.startswith("early"):
        b = min(b, pub) if off == 0 else a + (b - a) // 2
    if q.startswith("later") or q.startswith("late"):
        a = max(a, pub) if off == 0 else a + (b - a) // 2
    return a, b


def resolve(r: RawDate, pub: date | None, anchor: date | None = None
            ) -> tuple[date, date] | None:
    """ISO start/end of one expression; ``anchor`` is the previous date the text spoke of."""
    g = r.groups
    k = r.kind
    try:
        if k in ("iso", "us"):
            y = int(g["y"] or 0)
            y = y + (2000 if y < 50 else 1900) if y < 100 else y
            dt = date(y, int(g["mo"] or 0), int(g["d"] or 0))
            return dt, dt
        if k in ("md", "dm"):
            m1 = _month(g["m1"])
            d1 = _day(g["d1"])
            m2 = _month(g["m2"]) if g.get("m2") else m1
            d2 = _day(g["d2"]) if g.get("d2") else d1
            if g.get("y"):
                y = int(g["y"] or 0)
            elif pub is not None:
                y = nearest_year(m1, d1, pub)
            else:
                return None
            a = date(y, m1, d1)
            b = date(y, m2, d2)
            if b < a:
                b = date(y + 1, m2, d2)
            return a, b
        if k == "my":
            y, m = int(g["y"] or 0), _month(g["m1"])
            return _part_of_month(y, m, g.get("mod"))
        if k == "year":
            y = int(g["y"] or 0)
            y2 = int(g.get("y2") or y)
            return date(y, 1, 1), date(max(y, y2), 12, 31)
        if pub is None:
            return None
        if k == "month":
            m = _month(g["m1"])
            y = pub.year
            if r.future and m < pub.month:
                y += 1
            elif not r.future and m > pub.month:
                y -= 1
            return _part_of_month(y, m, g.get("mod"))
        if k == "weekday":
            q = (g.get("q") or "").lower()
            w1 = WEEKDAYS.index((g["w1"] or "").lower())
            fut = r.future or q in ("next", "this coming", "coming")
            if q in ("last", "this past"):
                fut = False
            a = _weekday_near(w1, pub, fut, strict=q in ("last", "next"))
            if g.get("w2"):
                w2 = WEEKDAYS.index((g["w2"] or "").lower())
                return a, a + timedelta(days=(w2 - w1) % 7)
            return a, a
        if k == "day":
            w = (g["w"] or "").lower()
            off = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[w]
            return pub + timedelta(days=off), pub + timedelta(days=off)
        if k == "daypart":
            off = -1 if (g["w"] or "").lower() == "last" and (g["p"] or "") == "night" else 0
            return pub + timedelta(days=off), pub + timedelta(days=off)
        if k == "period":
            return _period(g["q"] or "", g["u"] or "", pub)
        if k == "end":
            q = (g["q"] or "").lower()
            q = "this" if q == "the" else q
            span = _period(q, g["u"] or "", pub)
            return (span[1], span[1]) if span else None
        if k == "weekend":
            sat = _weekday_near(5, pub, r.future)
            if not r.future and pub.weekday() == 6:
                sat = pub - timedelta(days=1)
            return sat, sat + timedelta(days=1)
        if k == "ago":
            return _ago(g, pub, anchor or pub)
        if k == "hours":
            base = anchor or pub
            return base, base
        if k == "sameday":
            base = anchor or pub
            q = (g.get("q") or g.get("q2") or "").lower()
            off = {"previous": -1, "before": -1, "same": 0}.get(q, 1)
            return base + timedelta(days=off), base + timedelta(days=off)
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def _part_of_month(y: int, m: int, mod: str | None) -> tuple[date, date]:
    mod = (mod or "").strip(" -").lower()
    if mod == "early":
        return date(y, m, 1), date(y, m, 10)
    if mod == "mid":
        return date(y, m, 11), date(y, m, 20)
    if mod == "late":
        return date(y, m, 21), _month_end(y, m)
    return date(y, m, 1), _month_end(y, m)


def _ago(g: dict[str, str | None], pub: date, anchor: date) -> tuple[date, date] | None:
    n_text = (g["n"] or "").lower()
    lo, hi = VAGUE.get(n_text, (0, 0))
    if not hi:
        nums = [parse_number_words(p.split()) for p in n_text.split(" or ")]
        if any(n is None for n in nums):
            return None
        lo, hi = int(min(n or 0 for n in nums)), int(max(n or 0 for n in nums))
    unit = (g["u"] or "").lower().rstrip("s")
    direction = (g["dir"] or "").lower()
    base = pub if direction in ("ago", "from now") else anchor
    sign = -1 if direction in ("ago", "earlier", "before") else 1

    def shift(k: int) -> date:
        if unit == "day":
            return base + timedelta(days=sign * k)
        if unit == "week":
            return base + timedelta(weeks=sign * k)
        y, m = _shift_month(base.year, base.month, sign * k * (12 if unit == "year" else 1))
        return date(y, m, min(base.day, calendar.monthrange(y, m)[1]))

    a, b = sorted((shift(lo), shift(hi)))
    if unit == "year" and hi - lo <= 1:
        return date(a.year, 1, 1), date(b.year, 12, 31)
    if unit == "month" and hi - lo <= 1:
        return date(a.year, a.month, 1), _month_end(b.year, b.month)
    return a, b


def resolve_all(raws: list[RawDate], pub: date | None) -> list[tuple[date, date] | None]:
    """Resolve a document's expressions in order, each relative one against the last date."""
    out: list[tuple[date, date] | None] = []
    anchor: date | None = None
    for r in raws:
        v = resolve(r, pub, anchor)
        out.append(v)
        if v is not None and not r.future and r.kind not in ("year", "period", "my", "month"):
            anchor = v[0]
    return out


def parse_iso(s: str | None) -> date | None:
    try:
        return date.fromisoformat((s or "")[:10]) if s else None
    except ValueError:
        return None


def find_dates(doc: Document, sdoc: Doc) -> list[DateMention]:
    """Dates in one parsed document, resolved against ``doc.published`` (None if unknown)."""
    text = sdoc.text if len(sdoc.text) == len(doc.text) else doc.text
    raws = scan(text, sdoc)
    pub = parse_iso(doc.published)
    out: list[DateMention] = []
    for r, v in zip(raws, resolve_all(raws, pub), strict=True):
        relative = r.kind not in ("iso", "us", "md", "dm", "my", "year")
        out.append(DateMention(doc.id, r.start, r.end, doc.text[r.start : r.end],
                               v[0].isoformat() if v else None,
                               v[1].isoformat() if v else None, relative))
    return out
