"""The one Jinja environment for web pages and the HTML brief: autoescape always on."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import jinja2

from corroborator.outlets import outlet_label
from corroborator.report.days import show_day, show_span, time_attr
from corroborator.web.present import VERDICT_LABELS, format_number, machine_time, readable_time


def path_segment(v: object) -> str:
    """Quote an id for use as one URL path segment ('/' included)."""
    return quote(str(v), safe="")


def verdict_label(v: str) -> str:
    return VERDICT_LABELS.get(v, v)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Templates from corroborator/web/templates; every {{ }} is HTML-escaped."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("corroborator.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = format_number
    env.filters["verdict_label"] = verdict_label
    env.filters["seg"] = path_segment
    env.filters["day"] = show_day
    env.filters["day_span"] = show_span
    env.filters["time_attr"] = time_attr
    env.filters["when"] = readable_time
    env.filters["when_attr"] = machine_time
    env.globals["outlet_label"] = outlet_label
    return env
