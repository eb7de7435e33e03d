"""Dates given relative to another date of the same text: "the next day", "four days
earlier", "that November", "later that month", "hours before the vote Tuesday".

The anchor is the nearest earlier date the text reports as past with enough precision (a
day for "the next day", a year for "a year later"); "today" is skipped, since a writer
counting from today says "ago". "Three weeks before he died" is counted from the event its
clause names, so it resolves only when a date in the same sentence gives that event.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from corroborator.extract.calendar_math import (
    MONTH_NAMES,
    month_end,
    season,
    shift_month,
    week_of,
)
from corroborator.extract.numbers import parse_number_words

if TYPE_CHECKING:
    from corroborator.extract.dates import RawDate

Span = tuple[date, date]
VAGUE = {"a few": (2, 5), "several": (3, 7), "a couple of": (2, 2)}
PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}
DAY_UNITS = {"day", "night", "morning", "afternoon", "evening"}
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s|\n")
COMPLEMENT = re.compile(r"[ \t]+(?!(?:that|this|it)\b)[\w“\"'$]")


def needs_anchor(r: RawDate) -> bool:
    """Whether the expression counts from another date of the text, not from publication."""
    if r.kind in ("sameday", "that", "hours"):
        return True
    return r.kind == "ago" and (r.groups.get("dir") or "").lower() not in ("ago", "from now")


def count_shift(g: dict[str, str | None], base: date) -> Span | None:
    """"three days ago", "two or three weeks later": ``base`` moved by the count; a year or
    month count gives the whole year or month."""
    n_text = (g["n"] or "").lower()
    lo, hi = VAGUE.get(n_text, (0, 0))
    if not hi:
        nums = [parse_number_words(p.split()) for p in n_text.split(" or ")]
        if any(n is None for n in nums):
            return None
        lo, hi = int(min(n or 0 for n in nums)), int(max(n or 0 for n in nums))
    unit = (g["u"] or "").lower().rstrip("s")
    sign = -1 if (g["dir"] or "").lower() in ("ago", "earlier", "before") else 1

    def shift(k: int) -> date:
        if unit == "day":
            return base + timedelta(days=sign * k)
        if unit == "week":
            return base + timedelta(weeks=sign * k)
        y, m = shift_month(base.year, base.month, sign * k * (12 if unit == "year" else 1))
        return date(y, m, min(base.day, calendar.monthrange(y, m)[1]))

    a, b = sorted((shift(lo), shift(hi)))
    if unit == "year" and hi - lo <= 1:
        return date(a.year, 1, 1), date(b.year, 12, 31)
    if unit == "month" and hi - lo <= 1:
        return date(a.year, a.month, 1), month_end(b.year, b.month)
    return a, b


def _precision(v: Span) -> int:
    days = (v[1] - v[0]).days
    return 0 if days <= 2 else 1 if days <= 9 else 2 if days <= 31 else 3 if days <= 366 else 4


def _is_today(r: RawDate) -> bool:
    return r.kind in ("day", "daypart") and (r.groups.get("w") or "").lower() in (
        "today", "tonight", "this")


def _earlier_anchor(i: int, raws: list[RawDate], out: list[Span | None], need: int,
                    pub: date | None, skip_today: bool = True) -> Span | None:
    """The nearest earlier date reported as past with at least the precision ``need``."""
    for j in range(i - 1, -1, -1):
        v = out[j]
        if v is None or raws[j].future or (skip_today and _is_today(raws[j])) or (
                pub is not None and v[0] > pub):
            continue
        if _precision(v) <= need:
            return v
    return None


def _later_in_sentence(i: int, raws: list[RawDate], out: list[Span | None], need: int,
                       text: str) -> Span | None:
    """A date later in the same sentence that names the anchor event ("hours before the
    game Tuesday", "two days before Nov. 5")."""
    r = raws[i]
    for j in range(i + 1, len(raws)):
        between = text[r.end : raws[j].start]
        if len(between) > 150 or SENTENCE_END.search(between):
            return None
        v = out[j]
        if v is not None and _precision(v) <= need:
            return v
    return None


def _unit_need(u: str) -> int:
    u = u.lower().rstrip("s")
    return 0 if u in DAY_UNITS or u in ("hour", "minute", "moment") else PRECISION.get(u, 0)


def resolve_anchored(i: int, raws: list[RawDate], out: list[Span | None], pub: date | None,
                     text: str) -> Span | None:
    """Resolve ``raws[i]`` against the other dates of the text (``out``, resolved so far)."""
    r = raws[i]
    g = r.groups
    try:
        if r.kind == "that":
            return _that(i, raws, out, pub)
        last_word = r.text.split()[-1].lower() if r.text.split() else ""
        has_object = last_word in ("before", "after") and bool(
            COMPLEMENT.match(text[r.end : r.end + 3]))
        if r.kind == "sameday":
            prev = raws[i - 1] if i else None
            pv = out[i - 1] if i else None
            if prev is not None and pv is not None and _precision(pv) == 0 and re.fullmatch(
                    r"\s*,\s*", text[prev.end : r.start]):
                return pv  # "July 24, the day before the gathering": the same day
            anchor = (_later_in_sentence(i, raws, out, 0, text) if has_object
                      else _earlier_anchor(i, raws, out, 0, pub))
            if anchor is None:
                return None
            q = (g.get("q") or g.get("q2") or "").lower()
            off = {"previous": -1, "before": -1, "same": 0}.get(q, 1)
            day = (anchor[0] if off <= 0 else anchor[1]) + timedelta(days=off)
            return day, day
        if r.kind == "hours":
            anchor = _later_in_sentence(i, raws, out, 0, text) if has_object else None
            anchor = anchor or _earlier_anchor(i, raws, out, 0, pub, skip_today=False)
            if anchor is None:
                return (pub, pub) if pub else None
            return anchor if _precision(anchor) == 0 and anchor[0] == anchor[1] else (
                anchor[0], anchor[0])
        need = _unit_need(g.get("u") or "")
        anchor = (_later_in_sentence(i, raws, out, need, text) if has_object
                  else _earlier_anchor(i, raws, out, need, pub))
        if anchor is None:
            return None
        forward = (g.get("dir") or "").lower() in ("later", "after")
        return count_shift(g, anchor[1] if forward else anchor[0])
    except (ValueError, KeyError, OverflowError):
        return None


def _that(i: int, raws: list[RawDate], out: list[Span | None], pub: date | None
          ) -> Span | None:
    """"that November", "that day", "later that month", "earlier that year"."""
    g = raws[i].groups
    u = (g.get("u") or "").lower()
    q = (g.get("q") or "").lower()
    names = ["", *MONTH_NAMES]
    month = names.index(u) if u and u in names else None
    need = 0 if u in DAY_UNITS else 1 if u in ("week", "weekend") else 2 if u == "month" else 3
    anchor = _earlier_anchor(i, raws, out, need, pub)
    if anchor is None:
        return None
    a = anchor[0]
    if month is not None:
        return date(a.year, month, 1), month_end(a.year, month)
    if u in DAY_UNITS:
        return anchor
    if u in ("week", "weekend"):
        mon, sun = week_of(a)
        return (sun - timedelta(days=1), sun) if u == "weekend" else (mon, sun)
    if u == "month":
        whole = date(a.year, a.month, 1), month_end(a.year, a.month)
    elif u == "year":
        whole = date(a.year, 1, 1), date(a.year, 12, 31)
    else:
        whole = season(u, a.year)
    if _precision(anchor) == 0 and q.startswith("earl"):
        return whole[0], anchor[0]
    if _precision(anchor) == 0 and q.startswith("late"):
        return anchor[1], whole[1]
    return whole
