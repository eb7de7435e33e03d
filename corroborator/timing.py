"""Per-stage wall time, for bench/throughput.py: off (and nearly free) unless recording.

    with timing.recording() as seconds:   # bench only
        analyze(...)
    print(seconds)  # {"parse": 12.3, "attribution": 30.1, ...}

Stages call ``with timing.stage("parse"):``; when nothing records, that is one global
look-up and an empty context. Stages may nest ("embedding" runs inside "grouping" and
"matching"), so the figures are not meant to add up to the total.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

_seconds: dict[str, float] | None = None


class _Off:
    """The context a stage gets when nothing records: enters and leaves, nothing else."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_OFF = _Off()


class _Timer:
    __slots__ = ("name", "start")

    def __init__(self, name: str) -> None:
        self.name = name
        self.start = 0.0

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        if _seconds is not None:
            _seconds[self.name] = _seconds.get(self.name, 0.0) + time.perf_counter() - self.start


def stage(name: str) -> _Off | _Timer:
    """A context that adds its wall time to ``name`` while something records."""
    return _OFF if _seconds is None else _Timer(name)


@contextlib.contextmanager
def recording() -> Iterator[dict[str, float]]:
    """Record stage seconds into the yielded dict until the block ends (not re-entrant)."""
    global _seconds
    previous, _seconds = _seconds, {}
    try:
        yield _seconds
    finally:
        _seconds = previous
