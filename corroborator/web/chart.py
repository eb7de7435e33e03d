"""Layout of the figures chart: one bar per reported value, labelled by source and date.

The numbers computed here are drawn by a template as SVG, so no markup is built in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corroborator.model import Figure, FigureValue, Report
from corroborator.web.present import format_number, mention_outlet

WIDTH = 760
LABEL_W = 340
BAR_W = 330
ROW_H = 30
TOP = 10
MAX_LABEL = 28  # characters of a source label before it is cut


@dataclass
class Bar:
    label: str
    date: str
    value_text: str
    x: float
    width: float
    y: float
    ranged: bool
    outlets: list[str] = field(default_factory=list)
    value: FigureValue | None = None


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
    names = v.sources or v.outlets or sorted({mention_outlet(report, m) for m in v.mentions})
    label = ", ".join(names) if names else "unattributed"
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def value_text(v: FigureValue) -> str:
    if v.low is not None and v.high is not None and v.low != v.high:
        return f"{format_number(v.low)}–{format_number(v.high)}"
    return format_number(v.value if v.value is not None else v.high or v.low)


def _top(v: FigureValue) -> float:
    return max(x for x in (v.value, v.low, v.high, 0.0) if x is not None)


def _ticks(top: float) -> list[tuple[float, str]]:
    return [(LABEL_W + BAR_W * i / 4, format_number(round(top * i / 4, 2))) for i in range(5)]


def figure_chart(report: Report, figure: Figure) -> Chart:
    """Bars sorted by date, then value; a range is a bar from low to high."""
    values = [v for v in figure.values if _top(v) > 0]
    values.sort(key=lambda v: (value_date(report, v) or "9999", _top(v)))
    top = max((_top(v) for v in values), default=1.0) or 1.0
    bars: list[Bar] = []
    for i, v in enumerate(values):
        lo = v.low if v.low is not None and v.high is not None and v.low != v.high else 0.0
        hi = _top(v)
        x = LABEL_W + BAR_W * lo / top
        bars.append(Bar(
            label=value_label(report, v), date=value_date(report, v), value_text=value_text(v),
            x=round(x, 1), width=round(max(BAR_W * (hi - lo) / top, 2.0), 1),
            y=TOP + i * ROW_H, ranged=lo > 0, value=v,
            outlets=sorted({mention_outlet(report, m) for m in v.mentions}),
        ))
    unit = f" ({figure.unit})" if figure.unit else ""
    return Chart(figure, bars, WIDTH, TOP + len(bars) * ROW_H + 30, LABEL_W, BAR_W,
                 _ticks(top), f"{figure.subject}{unit}")
