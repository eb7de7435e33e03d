"""Layout of the figures chart: one bar per reported value, labelled by source and date.

The numbers computed here are drawn by a template as SVG, so no markup is built in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corroborator.model import Figure, FigureValue, Report
from corroborator.web.present import format_number, mention_outlet

LABEL_W = 340
BAR_W = 330
ROW_H = 30  # least height of a row: one line of label and its bar
LINE_H = 15  # each further line of a wrapped label adds this
BAR_H = 20
TOP = 10
AXIS_H = 30
GAP = 8  # between a label and the bars, and between a bar and its value
# Labels are wrapped on the server, so text widths are estimated from the widest of the
# sans-serif faces the pages ask for (DejaVu Sans): 0.62 em a character is above its
# average for names, 0.72 em above its bold digits (0.70 em), so nothing estimated to fit
# overflows. A line of LINE_CHARS characters fits LABEL_W.
LABEL_PX, VALUE_PX, TICK_PX = 12, 13, 11
EM, BOLD_EM = 0.62, 0.72
LINE_CHARS = int((LABEL_W - GAP) / (LABEL_PX * EM))


@dataclass
class Bar:
    label: str  # the sources, whole
    date: str
    value_text: str
    x: float
    width: float
    y: float  # top of the row
    ranged: bool
    outlets: list[str] = field(default_factory=list)
    value: FigureValue | None = None
    lines: list[tuple[float, str]] = field(default_factory=list)  # (baseline y, text)
    bar_y: float = 0.0
    height: float = ROW_H
    docs: list[tuple[str, int]] = field(default_factory=list)  # (article id, mentions), once each


@dataclass
class Chart:
    figure: Figure
    bars: list[Bar]
    width: int
    height: int
    label_w: int
    bar_w: int
    ticks: list[tuple[float, str]]
    title: str


def wrap(text: str, width: int = LINE_CHARS) -> list[str]:
    """Lines of at most ``width`` characters, broken at spaces (a longer word is cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def label_lines(label: str, date: str) -> list[str]:
    """The label wrapped, its date after it on the last line when it fits, else below."""
    lines = wrap(label)
    if date:
        tail = f"{lines[-1]} · {date}"
        if len(tail) <= LINE_CHARS:
            lines[-1] = tail
        else:
            lines.append(date)
    return lines


def value_date(report: Report, v: FigureValue) -> str:
    """When the value was reported: its own date, else its earliest article's publication date."""
    if v.dates:
        return min(v.dates)
    dates = []
    for m in v.mentions:
        try:
            pub = report.doc(m.doc).published
        except KeyError:
            continue
        if pub:
            dates.append(pub)
    return min(dates) if dates else ""


def value_label(report: Report, v: FigureValue) -> str:
    """Who gave the value, whole: its sources, else its outlets."""
    names = v.sources or v.outlets or sorted({mention_outlet(report, m) for m in v.mentions})
    return ", ".join(names) if names else "unattributed"


def value_docs(v: FigureValue) -> list[tuple[str, int]]:
    """The articles the value is read from, each once, with how many mentions it has there."""
    counts: dict[str, int] = {}
    for m in v.mentions:
        counts[m.doc] = counts.get(m.doc, 0) + 1
    return list(counts.items())


def value_text(v: FigureValue) -> str:
    if v.low is not None and v.high is not None and v.low != v.high:
        return f"{format_number(v.low)}–{format_number(v.high)}"
    return format_number(v.value if v.value is not None else v.high or v.low)


def _top(v: FigureValue) -> float:
    return max(x for x in (v.value, v.low, v.high, 0.0) if x is not None)


def _ticks(top: float) -> list[tuple[float, str]]:
    return [(LABEL_W + BAR_W * i / 4, format_number(round(top * i / 4, 2))) for i in range(5)]


def text_px(text: str, size: int, em: float = EM) -> float:
    return len(text) * size * em


def figure_chart(report: Report, figure: Figure) -> Chart:
    """Bars sorted by date, then value; a range is a bar from low to high.

    Each row is as tall as its wrapped label; the chart is as wide as its longest value
    label needs, so no text is cut at the edge.
    """
    values = [v for v in figure.values if _top(v) > 0]
    values.sort(key=lambda v: (value_date(report, v) or "9999", _top(v)))
    top = max((_top(v) for v in values), default=1.0) or 1.0
    bars: list[Bar] = []
    y = float(TOP)
    right = LABEL_W + BAR_W + text_px(format_number(top), TICK_PX) / 2  # the last tick's label
    for v in values:
        lo = v.low if v.low is not None and v.high is not None and v.low != v.high else 0.0
        hi = _top(v)
        label, date = value_label(report, v), value_date(report, v)
        lines = label_lines(label, date)
        height = max(ROW_H, len(lines) * LINE_H + 10)
        first = y + (height - len(lines) * LINE_H) / 2 + LABEL_PX - 1
        bar = Bar(
            label=label, date=date, value_text=value_text(v),
            x=round(LABEL_W + BAR_W * lo / top, 1),
            width=round(max(BAR_W * (hi - lo) / top, 2.0), 1),
            y=y, ranged=lo > 0, value=v,
            outlets=sorted({mention_outlet(report, m) for m in v.mentions}),
            lines=[(round(first + i * LINE_H, 1), line) for i, line in enumerate(lines)],
            bar_y=round(y + (height - BAR_H) / 2, 1), height=height, docs=value_docs(v),
        )
        bars.append(bar)
        right = max(right, bar.x + bar.width + GAP + text_px(bar.value_text, VALUE_PX, BOLD_EM))
        y += height
    unit = f" ({figure.unit})" if figure.unit else ""
    return Chart(figure, bars, int(right) + GAP, int(y) + AXIS_H, LABEL_W, BAR_W,
                 _ticks(top), f"{figure.subject}{unit}")
