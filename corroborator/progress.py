"""Progress for long work, on stderr, whether or not stderr is a terminal.

On a terminal one line is rewritten in place; anywhere else (a log file, a pipe, a CI job)
a plain line is printed every ``every`` items or every ``seconds`` seconds, whichever comes
first, and once at the end: ``corroborator: prepared 120/500 articles``. Never a carriage
return where there is no terminal. Off with ``-q`` (``Settings.progress``).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

SECONDS = 5.0  # at most this long between two plain lines while work goes on
MIN_ITEMS = 5  # no progress for this many items or fewer


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Ticker:
    """Counts items done out of ``total`` and says so now and then.

    ``enabled`` False (or ``total`` of ``MIN_ITEMS`` or fewer) makes it silent."""

    def __init__(self, verb: str, total: int, noun: str = "articles", enabled: bool = True,
                 every: int | None = None, seconds: float = SECONDS,
                 stream: TextIO | None = None) -> None:
        self.verb, self.noun, self.total = verb, noun, total
        self.enabled = enabled and total > MIN_ITEMS
        self.stream = stream or sys.stderr
        self.every = every or max(10, -(-total // 5))  # about five lines for the whole run
        self.seconds = seconds
        self.done = 0
        self._shown = 0
        self._at = time.monotonic()
        self._tty = is_terminal(self.stream)

    def line(self) -> str:
        return f"corroborator: {self.verb} {self.done}/{self.total} {self.noun}"

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if not self.enabled:
            return
        now = time.monotonic()
        if self._tty:
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()
            return
        if (self.done == self.total or self.done - self._shown >= self.every
                or now - self._at >= self.seconds):
            print(self.line(), file=self.stream, flush=True)
            self._shown, self._at = self.done, now

    def close(self) -> None:
        """End the in-place line on a terminal (the plain lines need nothing)."""
        if self.enabled and self._tty and self.done:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def __enter__(self) -> Ticker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
