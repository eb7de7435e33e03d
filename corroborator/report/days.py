"""How a resolved day is shown when its year is or is not known."""

from __future__ import annotations

from corroborator.extract.calendar_math import MONTH_NAMES


def show_day(iso: str | None, year_known: bool | None = True) -> str:
    """"2024-10-25", or "25 October, year not known (2024 assumed)" when the year is an
    assumption (``published_year_known`` / ``DateMention.year_known`` False)."""
    if not iso:
        return ""
    if year_known is not False or len(iso) < 10:
        return iso
    return (f"{int(iso[8:10])} {MONTH_NAMES[int(iso[5:7]) - 1].title()}, year not known "
            f"({iso[:4]} assumed)")


def show_span(start: str | None, end: str | None, year_known: bool | None = True) -> str:
    """A day or a run of days, as :func:`show_day` shows each; "not resolved" for none."""
    if not start:
        return "not resolved"
    if not end or end == start:
        return show_day(start, year_known)
    if year_known is False:
        return f"{show_day(start, False).split(',')[0]} – {show_day(end, False)}"
    return f"{start} – {end}"


def time_attr(iso: str | None, year_known: bool | None = True) -> str:
    """The ``datetime`` of an HTML ``<time>``: a yearless "10-25" when the year is assumed."""
    if not iso:
        return ""
    return iso if year_known is not False else iso[5:10]
