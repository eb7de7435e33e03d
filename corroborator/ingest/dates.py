"""Dates from container metadata (feeds, records, archives) as ISO "YYYY-MM-DD"."""

from __future__ import annotations

import email.utils
import re
import time
from datetime import datetime

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: str | None) -> str | None:
    """ISO day of an ISO-8601 or RFC-2822 date string, or None when it is not one."""
    if not value:
        return None
    value = value.strip()[:64]
    m = _ISO_DAY.match(value)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).date().isoformat()
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None


def struct_date(value: time.struct_time | None) -> str | None:
    """ISO day of a ``time.struct_time`` (as feedparser gives), or None."""
    if value is None:
        return None
    try:
        return datetime(value.tm_year, value.tm_mon, value.tm_mday).date().isoformat()
    except (ValueError, AttributeError, TypeError):
        return None
