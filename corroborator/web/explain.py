"""Contested explanations split into pieces: a figure dispute becomes a small table.

The analysis explains a numeric contradiction as one sentence listing every value with its
scope and sources ("North Korean soldiers: 12,000 (reported; HUR, ST); 3,000 (...). Sources
report different values."); a contested claim's reason joins up to three contradiction
explanations with "; ". Shown as they are, they are one dense paragraph. Here each
contradiction is a piece of its own, and one about a figure of the story is shown as the
figures section shows it: a row per value with its source, date and outlets (and its scope,
when the values differ in scope), then the explanation's closing sentences. Anything that
does not match is shown as the plain text it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corroborator.model import Claim, Contradiction, Story
from corroborator.web.chart import Bar, Chart


@dataclass
class Piece:
    """One contradiction's explanation: plain ``text``, or a figure's values and a ``note``."""

    text: str = ""
    chart: Chart | None = None
    scopes: list[str] = field(default_factory=list)  # per bar, when the values differ in scope
    note: str = ""

    @property
    def rows(self) -> list[tuple[Bar, str]]:
        if self.chart is None:
            return []
        return list(zip(self.chart.bars, self.scopes or [""] * len(self.chart.bars),
                        strict=True))


def _split_top(text: str, sep: str) -> list[str] | None:
    """``text`` split at ``sep`` outside parentheses; None when they do not balance."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    if depth != 0:
        return None
    parts.append(text[start:])
    return parts


def _head_end(text: str, start: int) -> int | None:
    """Where the list of values ends: the first full stop outside parentheses that ends a
    sentence (followed by a space or the end)."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "." and depth == 0 and (i + 1 == len(text) or text[i + 1] == " "):
            return i
    return None


def figure_piece(explanation: str, charts: list[Chart]) -> Piece | None:
    """The explanation as a figure's table, when it lists exactly one chart's values."""
    for chart in charts:
        prefix = f"{chart.figure.subject}: "
        if not chart.bars or not explanation.startswith(prefix):
            continue
        end = _head_end(explanation, len(prefix))
        if end is None:
            continue
        parts = _split_top(explanation[len(prefix):end], "; ")
        if not parts:
            continue
        scope_of: dict[str, str] = {}
        for part in parts:
            label, paren, inner = part.partition(" (")
            if not paren or not inner.endswith(")"):
                break
            scope_of[label] = inner[:-1].split(";", 1)[0].strip()
        else:
            if set(scope_of) != {b.value_text for b in chart.bars}:
                continue
            scopes = [scope_of[b.value_text] for b in chart.bars]
            return Piece(chart=chart, scopes=scopes if len(set(scopes)) > 1 else [],
                         note=explanation[end + 1:].strip())
    return None


def explain(explanation: str, charts: list[Chart]) -> Piece:
    return figure_piece(explanation, charts) or Piece(text=explanation)


def contested_pieces(claim: Claim, story: Story, charts: list[Chart]) -> list[Piece]:
    """The claim's contested reason, one piece per contradiction it joins (the analysis
    joins the first three against the claim with "; "); the whole text when it differs."""
    why = claim.explanations.get("contested", "")
    if not why:
        return []
    against: list[Contradiction] = [k for k in story.contradictions if claim.id in k.claims][:3]
    if not against or "; ".join(k.explanation for k in against) != why:
        return [explain(why, charts)]
    return [explain(k.explanation, charts) for k in against]
