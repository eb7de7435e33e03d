"""Date expressions ("Oct 24", "October 27–28", "last week", "on Wednesday") found in an
article and resolved to ISO start/end dates against its publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc

from corroborator.extract.calendar_math import (
    WEEKDAY_NAMES,
    holiday,
    month_end,
    nearest_year,
    part_of_month,
    period,
    safe_date,
    weekday_near,
)
from corroborator.extract.date_anchors import count_shift, needs_anchor, resolve_anchored
from corroborator.extract.doc_text import doc_text
from corroborator.extract.numbers import parse_number_words
from corroborator.model import DateMention, Document

MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = list(WEEKDAY_NAMES)

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_FULL_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October"
               r"|November|December)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# for other stages that must skip or find dates
MONTH_PATTERN, DAY_PATTERN, YEAR_PATTERN = _MONTH, _DAY, _YEAR
ZONE_PATTERN = (r"(?:GMT|UTC|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|BST|CET|CEST|EET|EEST|"
                r"IST|HKT|JST|KST|AEST|AEDT|MSK|hrs)")
# a clock time, which no stage reads as a count: "13:45", "13: 45" (tokens re-joined with
# spaces), "6: 07: 15", and a wire dateline's "1052 GMT" / "1400 ET"
CLOCK_PATTERN = (r"(?<![\d.])\d{1,2} ?: ?[0-5]\d(?: ?: ?[0-5]\d)?(?!\d)|"
                 rf"(?<![\d.,])(?:[01]?\d|2[0-3])[0-5]\d ?{ZONE_PATTERN}\b")
_TO = r"\s*(?:-|–|—|to|through|thru|until|till)\s*"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = (r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
        r"|a few|a couple of|several)")
_SMALL = rf"(?:{_NUM}(?:\s+or\s+{_NUM})?)"


def us_date(sep: str = "/", year: str = r"\d{4}|\d{2}") -> str:
    """Month/day/year in numbers ("11/27/2005"), ``sep`` between them; the caller adds what
    may follow. The dates stage reads it as written; the header of published.py also with
    spaces round the separator ("11 / 27 / 2005", text re-joined from tokens)."""
    return (rf"(?<![\d/])(?P<mo>1[0-2]|0?[1-9]){sep}(?P<d>3[01]|[12]\d|0?[1-9]){sep}"
            rf"(?P<y>{year})")


def iso_date(sep: str = "-", year: str = r"\d{4}") -> str:
    """Year-month-day in numbers ("2005-11-27"), ``sep`` between them, no boundaries."""
    return rf"(?P<y>{year}){sep}(?P<mo>0[1-9]|1[0-2]){sep}(?P<d>0[1-9]|[12]\d|3[01])"


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{iso_date()}\b")),
    ("us", re.compile(rf"{us_date()}(?![\d/])")),
    ("md", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<m1>{_MONTH})(?:\.?\s+|\.)(?P<d1>{_DAY})\b"
        rf"(?:(?P<sep>{_TO}|\s*(?:and|or|,)\s*)(?:(?P<m2>{_MONTH})\.?\s+)?(?P<d2>{_DAY})\b"
        rf"(?![,.]?\d))?(?:,?\s+(?P<y>{_YEAR})\b)?(?![,.]\d)")),
    ("dm", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d1>{_DAY})(?:{_TO}(?P<d2>{_DAY}))?"
        rf"\s+(?:of\s+)?(?P<m1>{_MONTH})\b\.?(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("my", re.compile(rf"\b(?P<mod>(?:early|mid|late)[\s-]+)?(?P<m1>{_MONTH})\.?,?\s+(?:of\s+)?"
                      rf"(?P<y>{_YEAR})\b")),
    ("month", re.compile(
        rf"\b(?P<pre>(?i:in|since|until|till|by|during|through|from|of|before|after|last|next"
        rf"|this|early|mid|late|earlier|later|between|and|or|the))[\s-]+"
        rf"(?:(?P<mod>(?i:early|mid|late))"
        rf"[\s-]+)?(?P<m1>{_FULL_MONTH})\b(?!\.?\s*\d)")),
    ("year", re.compile(
        rf"\b(?i:in|since|until|till|by|during|through|from|before|after|early|mid|late"
        rf"|around|circa|of|the|to)\s+(?P<y>{_YEAR})(?:\s*(?:-|–|to)\s*(?P<y2>{_YEAR}))?"
        r"\b(?![,.]?\d)(?!\s*(?:%|percent|per cent))"
        r"(?!\s+[A-Z]\w+\s+(?:Drive|Street|Avenue|Road|Lane|Boulevard|Way|St|Ave|Rd)\b)")),
    ("weekday", re.compile(
        rf"\b(?:(?P<q>last|next|this past|this coming|this|coming|on|by|since|until"
        rf"|as soon as|as early as|as of|between|early|late)\s+)?(?P<w1>{_WEEKDAY})"
        rf"(?:\s+(?P<part>morning|afternoon|evening|night)s?)?"
        rf"(?:\s*(?P<sep>or|and|to|-|–|through)\s*(?P<w2>{_WEEKDAY}))?s?\b", re.IGNORECASE)),
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
    ("that", re.compile(
        rf"\b(?:(?P<q>(?i:earlier|later|early|late))\s+)?(?P<that>(?i:that))\s+(?:(?i:same)\s+)?"
        rf"(?P<u>(?i:day|night|morning|afternoon|evening|week|weekend|month|year|spring|summer"
        rf"|fall|autumn|winter)|{_FULL_MONTH})\b")),
    ("holiday", re.compile(
        r"\b(?P<h>Election Day|Christmas(?: Day| Eve)?|New Year['’]s (?:Day|Eve)"
        r"|Thanksgiving(?: Day)?|Independence Day|Fourth of July|July Fourth|Labor Day"
        r"|Memorial Day|Veterans Day|Halloween|Valentine['’]s Day)\b")),
    ("weekedge", re.compile(
        r"\b(?P<v>begin|began|begins|beginning|start|started|starts|starting|open|opened|opens"
        r"|end|ended|ends|ending|close|closed|closes|finish|finished|finishes)\s+"
        r"(?P<w>the\s+week)\b", re.IGNORECASE)),
    ("partyear", re.compile(
        rf"\b(?i:the)\s+(?P<fl>(?i:first|last|final))\s+(?:(?P<n>{_NUM})\s+(?P<u>(?i:months|weeks))"
        rf"|(?P<part>(?i:half|quarter)))\s+(?i:of)\s+(?:(?P<of>(?i:the|this|last))\s+(?i:year)"
        rf"|(?P<y>{_YEAR}))\b")),
    ("sameday", re.compile(r"\b(?:the\s+(?P<q>previous|following|next|same)\s+day"
                           r"|the\s+day\s+(?P<q2>before|after))\b", re.IGNORECASE)),
]
FUTURE_AUX = {"will", "'ll", "shall", "would", "could", "may", "might", "wo", "ll", "can"}
FUTURE_VERBS = {"expect", "plan", "schedule", "set", "intend", "aim", "prepare", "due"}
FUTURE_CUES = re.compile(r"\b(?:as soon as|as early as|by|next|starting(?: from| on)?)\s*$",
                         re.IGNORECASE)
SAYING = {"say", "tell", "note", "add", "argue", "believe", "think", "know", "claim", "report",
          "show", "announce", "warn", "insist", "predict", "expect", "hope", "fear", "be"}
CONDITIONS = {"if", "when", "once", "unless", "until", "whenever"}


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
        if _rejected(r, text) or (r.kind == "that" and _not_demonstrative(r, text, sdoc)):
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
    if kind == "weekedge":
        return m.start("w"), m.end()
    if kind == "weekday" and (m.group("q") or "").lower() in ("on", "by", "since", "until"):
        return m.start("w1"), m.end()
    return m.start(), m.end()


def _rejected(r: RawDate, text: str) -> bool:
    g = r.groups
    if r.kind == "md" and (g.get("m1") or "") == "May" and not g.get("y"):
        after = text[r.end : r.end + 3]
        if re.match(r"\s*(?:be|have)\b", after):
            return True
    if r.kind == "month" and (g.get("pre") or "").lower() == "the" and (
            g.get("m1") == "May" or not re.match(r"\s+[a-z]", text[r.end : r.end + 2])
            or re.match(r"\s+of\b", text[r.end : r.end + 4])):
        return True  # "the November election" is a date; "the May government" is not
    if r.kind == "weekday" and not r.text[:1].isupper() and not re.match(
            r"(?i)(last|next|this|coming|on|by|since|until|as|between|early|late)\b", r.text):
        return True
    if r.kind == "weekday" and not (g.get("w1") or "")[:1].isupper():
        return True
    if r.kind == "weekday" and r.text.endswith("s"):
        return True  # habitual: "on Saturday evenings", "Tuesdays"
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


def _not_demonstrative(r: RawDate, text: str, sdoc: Doc | None) -> bool:
    """Whether the "that" of "that November" / "that day" is a conjunction or pronoun."""
    at = r.start + r.text.lower().index("that")
    if sdoc is None:
        return bool(re.search(r"(?i)\b(?:said|says|say|told|noted|added|argued|believes?|"
                              r"think|thinks|thought|so|such|now)\s+$", text[max(0, at - 12) : at]))
    span = sdoc.char_span(at, r.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    before = sdoc[span.start - 1] if span.start else None
    after = sdoc[span.end] if span.end < len(sdoc) else None
    return (before is not None and before.lemma_.lower() in SAYING) or (
        after is not None and after.tag_ in ("VBD", "VBZ", "VBP", "MD", "POS"))


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
    nxt = sdoc[span.end] if span.end < len(sdoc) else None
    if nxt is not None and nxt.lower_ in ("that", "which") and nxt.head.tag_ == "VBD":
        return False  # "the incident Sunday evening that left one dead"
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.tag_ in ("MD",):
            kids = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
            lowers = {c.lower_ for c in kids}
            if lowers & FUTURE_AUX:
                return True
            if tok.tag_ == "VBD" or "have" in {c.lemma_ for c in kids}:
                return False
            if tok.tag_ in ("VBP", "VBZ") and any(
                    c.dep_ in ("mark", "advmod") and c.lower_ in CONDITIONS for c in tok.children):
                return True  # "if he takes office in January"
            if tok.lemma_ in FUTURE_VERBS and tok.tag_ != "VBD":
                return True
            if "to" in lowers and r.kind == "weekedge" and tok.head is not tok:
                tok = tok.head  # "rose 2% to begin the week": the tense of "rose"
                continue
            if "to" in lowers:
                return True
            if tok.tag_ in ("VBG", "VBN", "VB") and tok.head is not tok:
                tok = tok.head
                continue
            return False
        if tok.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ in ("relcl", "acl") and c.tag_ == "VBD" for c in tok.children):
            return False  # "the incident Sunday evening that left one dead"
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def _month(name: str | None) -> int:
    return MONTH_NUMBERS[(name or "")[:3].lower()]


def _day(s: str | None) -> int:
    return int(re.sub(r"\D", "", s or "0"))


def _safe(y: int, m: int, d: int) -> date | None:
    return safe_date(y, m, d)


def _month_year(r: RawDate, pub: date) -> int:
    """The year of a month named without one: "last November" said in December is the one a
    year before (the month just gone would be "last month"); otherwise by tense."""
    m = _month(r.groups["m1"])
    pre = (r.groups.get("pre") or "").lower()
    if pre == "last":
        return pub.year if m < pub.month - 1 else pub.year - 1
    if pre == "next":
        return pub.year if m > pub.month + 1 else pub.year + 1
    if pre == "this":
        return pub.year
    if r.future and m < pub.month:
        return pub.year + 1
    if not r.future and m > pub.month:
        return pub.year - 1
    return pub.year


def _holiday(r: RawDate, pub: date) -> tuple[date, date] | None:
    """The holiday's date nearest ``pub`` in the direction the clause's tense points."""
    name = r.groups.get("h") or ""
    this, last, nxt = (holiday(name, pub.year + k) for k in (0, -1, 1))
    if this is None or last is None or nxt is None:
        return None
    if r.future:
        day = this if this >= pub else nxt
    else:
        day = this if this <= pub else last
    return day, day


def _part_of_year(g: dict[str, str | None], pub: date) -> tuple[date, date] | None:
    """"the first seven months of the year", "the first half of 2019"."""
    of = (g.get("of") or "").lower()
    y = int(g.get("y") or pub.year - (1 if of == "last" else 0))
    first = (g.get("fl") or "").lower() == "first"
    part = (g.get("part") or "").lower()
    if part:
        months = 6 if part == "half" else 3
    else:
        n = parse_number_words((g.get("n") or "").split())
        if n is None or not 1 <= n <= 12:
            return None
        months = int(n)
        if (g.get("u") or "").lower() == "weeks":
            days = 7 * months
            if first:
                return date(y, 1, 1), date(y, 1, 1) + timedelta(days=days - 1)
            return date(y, 12, 31) - timedelta(days=days - 1), date(y, 12, 31)
    if first:
        return date(y, 1, 1), month_end(y, months)
    return date(y, 13 - months, 1), date(y, 12, 31)


def resolve(r: RawDate, pub: date | None) -> tuple[date, date] | None:
    """ISO start/end of one expression that needs no earlier date of the text."""
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
            return part_of_month(y, m, g.get("mod"))
        if k == "year":
            y = int(g["y"] or 0)
            y2 = int(g.get("y2") or y)
            return date(y, 1, 1), date(max(y, y2), 12, 31)
        if pub is None:
            return None
        if k == "month":
            return part_of_month(_month_year(r, pub), _month(g["m1"]), g.get("mod"))
        if k == "weekday":
            q = (g.get("q") or "").lower()
            w1 = WEEKDAYS.index((g["w1"] or "").lower())
            fut = r.future or q in ("next", "this coming", "coming")
            if q in ("last", "this past"):
                fut = False
            a = weekday_near(w1, pub, fut, strict=q in ("last", "next"))
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
            return period(g["q"] or "", g["u"] or "", pub)
        if k == "end":
            q = (g["q"] or "").lower()
            q = "this" if q == "the" else q
            span = period(q, g["u"] or "", pub)
            return (span[1], span[1]) if span else None
        if k == "weekend":
            sat = weekday_near(5, pub, r.future)
            if not r.future and pub.weekday() == 6:
                sat = pub - timedelta(days=1)
            return sat, sat + timedelta(days=1)
        if k == "ago":
            return count_shift(g, pub)
        if k == "holiday":
            return _holiday(r, pub)
        if k == "weekedge":
            start = (g.get("v") or "").lower().startswith(("b", "s", "o"))
            monday = pub - timedelta(days=pub.weekday())
            if r.future and pub.weekday() > (0 if start else 4):
                monday += timedelta(weeks=1)
            elif not r.future and not start and pub.weekday() < 4:
                monday -= timedelta(weeks=1)
            day = monday + timedelta(days=0 if start else 4)
            return day, day
        if k == "partyear":
            return _part_of_year(g, pub)
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def resolve_all(raws: list[RawDate], pub: date | None, text: str = ""
                ) -> list[tuple[date, date] | None]:
    """Resolve a document's expressions: absolute and publication-relative ones first, then
    those relative to another date of the text ("the next day", "four days earlier")."""
    out: list[tuple[date, date] | None] = [
        None if needs_anchor(r) else resolve(r, pub) for r in raws]
    for i, r in enumerate(raws):
        if needs_anchor(r):
            out[i] = resolve_anchored(i, raws, out, pub, text)
    return out


def parse_iso(s: str | None) -> date | None:
    try:
        return date.fromisoformat((s or "")[:10]) if s else None
    except ValueError:
        return None


def find_dates(doc: Document, sdoc: Doc) -> list[DateMention]:
    """Dates in one parsed document, resolved against ``doc.published`` (None if unknown)."""
    text = doc_text(sdoc) if len(doc_text(sdoc)) == len(doc.text) else doc.text
    raws = scan(text, sdoc)
    pub = parse_iso(doc.published)
    out: list[DateMention] = []
    for r, v in zip(raws, resolve_all(raws, pub, text), strict=True):
        relative = r.kind not in ("iso", "us", "md", "dm", "my", "year")
        named_year = bool(r.groups.get("y")) or r.kind in ("iso", "us")
        out.append(DateMention(doc.id, r.start, r.end, doc.text[r.start : r.end],
                               v[0].isoformat() if v else None,
                               v[1].isoformat() if v else None, relative,
                               year_known=named_year or doc.published_year_known is not False))
    return out
