"""Calendar arithmetic for date resolution: weeks, months, seasons, parts of a month and
the dates of holidays news reports name ("Election Day", "Thanksgiving")."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# English month and weekday names, lower case, whatever the process's locale
# (calendar.month_name follows LC_TIME)
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CALENDAR_NAMES = frozenset(MONTH_NAMES + WEEKDAY_NAMES)
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
           "winter": (12, 2)}


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or None when there is no such day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_end(y: int, m: int) -> date:
    """The last day of month ``m`` of year ``y``."""
    return date(y, m, calendar.monthrange(y, m)[1])


def nearest_year(m: int, d: int, pub: date) -> int:
    """The year that puts month/day closest to ``pub``."""
    best = pub.year
    gap = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        dt = safe_date(y, m, d)
        if dt and (gap is None or abs((dt - pub).days) < gap):
            best, gap = y, abs((dt - pub).days)
    return best


def weekday_near(wd: int, pub: date, future: bool, strict: bool = False) -> date:
    """The weekday ``wd`` (0 = Monday) on or after ``pub`` when future, else on or before."""
    if future:
        delta = (wd - pub.weekday()) % 7
        return pub + timedelta(days=delta if (delta or not strict) else 7)
    delta = (pub.weekday() - wd) % 7
    return pub - timedelta(days=delta if (delta or not strict) else 7)


def week_of(day: date, offset: int = 0) -> tuple[date, date]:
    """Monday to Sunday of the week holding ``day``, shifted by ``offset`` weeks."""
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset)
    return monday, monday + timedelta(days=6)


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    """Year and month ``k`` months after ``y``/``m``."""
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def part_of_month(y: int, m: int, mod: str | None) -> tuple[date, date]:
    """The whole month, or its early / mid / late third."""
    mod = (mod or "").strip(" -").lower()
    if mod == "early":
        return date(y, m, 1), date(y, m, 10)
    if mod == "mid":
        return date(y, m, 11), date(y, m, 20)
    if mod == "late":
        return date(y, m, 21), month_end(y, m)
    return date(y, m, 1), month_end(y, m)


def season(name: str, y: int) -> tuple[date, date]:
    """A meteorological season of year ``y`` (winter runs into the next year)."""
    m1, m2 = SEASONS[name.lower()]
    return date(y, m1, 1), month_end(y + (1 if m2 < m1 else 0), m2)


def period(q: str, u: str, pub: date) -> tuple[date, date] | None:
    """"last week", "earlier this year", "the past month", "next summer" against ``pub``."""
    q = q.lower()
    u = u.lower()
    off = -1 if q in ("last", "past", "earlier last", "late last") else (
        1 if q in ("next", "coming", "the coming", "the next") else 0)
    if q in ("the past", "the last", "this past", "past") and u in ("week", "month", "year"):
        days = {"week": 7, "month": 30, "year": 365}[u]
        return pub - timedelta(days=days), pub
    if q in ("the coming", "the next") and u in ("week", "month", "year"):
        days = {"week": 7, "month": 30, "year": 365}[u]
        return pub, pub + timedelta(days=days)  # "in the next week": within seven days
    if u == "week" and q == "last" and pub.weekday() == 6:
        return pub - timedelta(days=6), pub - timedelta(days=1)  # on a Sunday: the week ending
    if u == "week":
        a, b = week_of(pub, off)
    elif u == "weekend":
        monday, _ = week_of(pub, off)
        a, b = monday + timedelta(days=5), monday + timedelta(days=6)
        if q in ("this past",):
            a, b = a - timedelta(days=7), b - timedelta(days=7)
        return a, b
    elif u == "month":
        y, m = shift_month(pub.year, pub.month, off)
        a, b = date(y, m, 1), month_end(y, m)
    elif u == "year":
        a, b = date(pub.year + off, 1, 1), date(pub.year + off, 12, 31)
    else:
        return season(u, pub.year + off)
    if u == "month" and off != 0 and q.startswith(("early ", "late ")):
        return part_of_month(a.year, a.month, q.split()[0])
    if q.startswith("earlier") or q.startswith("early"):
        b = min(b, pub) if off == 0 else a + (b - a) // 2
    if q.startswith("later") or q.startswith("late"):
        a = max(a, pub) if off == 0 else a + (b - a) // 2
    return a, b


def _nth_weekday(y: int, m: int, wd: int, n: int) -> date:
    """The n-th (1-based; -1 = last) weekday ``wd`` of a month."""
    if n < 0:
        last = month_end(y, m)
        return last - timedelta(days=(last.weekday() - wd) % 7)
    first = date(y, m, 1)
    return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))


def holiday(name: str, y: int) -> date | None:
    """The date of a named (US-centred or fixed) holiday in year ``y``; None if unknown."""
    key = name.lower().replace("’", "'").replace(" day", "").strip()
    fixed = {"christmas": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
             "new year's eve": (12, 31), "independence": (7, 4), "fourth of july": (7, 4),
             "july fourth": (7, 4), "veterans": (11, 11), "halloween": (10, 31),
             "valentine's": (2, 14)}
    if key in fixed:
        return date(y, *fixed[key])
    if key == "election":  # the Tuesday after the first Monday of November
        return _nth_weekday(y, 11, 0, 1) + timedelta(days=1)
    if key == "thanksgiving":
        return _nth_weekday(y, 11, 3, 4)
    if key == "labor":
        return _nth_weekday(y, 9, 0, 1)
    if key == "memorial":
        return _nth_weekday(y, 5, 0, -1)
    return None
