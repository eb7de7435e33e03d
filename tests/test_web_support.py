"""Shared by the web and brief tests: a real server on a free port, a Report from the seeds.

The Report is assembled from real seed text spans (sentences found by a phrase), so every
offset is a real offset into a real article; it stands in until the pipeline's own
reports are used (see ``pipeline_report``).
"""

from __future__ import annotations

import contextlib
import pathlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn
from starlette.applications import Starlette

from corroborator.ingest import read_inputs
from corroborator.model import (
    Claim,
    Contradiction,
    Document,
    Figure,
    FigureValue,
    Mention,
    Removed,
    Report,
    Story,
    TimelineEntry,
)

OUTLETS = ["The Independent", "The Straits Times", "Newsweek", "Euromaidan Press", "CNN"]
DATES = ["2024-10-24", "2024-10-25", "2024-10-25", "2024-10-26", "2024-10-27"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(app: Starlette) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 in a thread; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sentence_around(text: str, at: int) -> tuple[int, int]:
    """The sentence holding offset ``at``: bounded by '. ' or a line break."""
    lo = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    if lo == 1:
        lo = 0
    ends = [x for x in (text.find(". ", at), text.find("\n", at)) if x >= 0]
    hi = min(ends) + (1 if ends and text[min(ends)] == "." else 0) if ends else len(text)
    return lo, hi


def mentions_of(docs: list[Document], phrase: str, whole_sentence: bool = True) -> list[Mention]:
    out = []
    for d in docs:
        at = d.text.find(phrase)
        if at < 0:
            continue
        lo, hi = sentence_around(d.text, at) if whole_sentence else (at, at + len(phrase))
        out.append(Mention(d.id, lo, hi, speaker=None, cue="said", outlet=d.outlet))
    return out


def remove_line(doc: Document, line: str, reason: str) -> None:
    at = doc.text.find(line + "\n")
    if at >= 0:
        doc.removed.append(Removed(at, at + len(line), reason))


def seed_paths(seeds_dir: pathlib.Path) -> list[str]:
    """The seed articles themselves (the folder also holds a SOURCE note)."""
    return [str(p) for p in sorted(seeds_dir.glob("*.txt"))]


def seed_report(seeds_dir: pathlib.Path) -> Report:
    """A one-story Report over the five seeds, with claims, a figure, dates and furniture."""
    docs, errors = read_inputs(seed_paths(seeds_dir))
    assert not errors and len(docs) == 5
    for d, outlet, date in zip(docs, OUTLETS, DATES, strict=True):
        d.outlet, d.published = outlet, date
        d.title = d.text.split("\n", 1)[0][:120]
        for line, reason in (("Advertisement", "advertisement"),
                             ("Sign up now: Get ST's newsletters delivered to your inbox",
                              "newsletter prompt")):
            remove_line(d, line, reason)

    def claim(cid: str, phrase: str, status: list[str], who: list[str]) -> Claim:
        ms = mentions_of(docs, phrase)
        first = next(d for d in docs if d.id == ms[0].doc)
        outlets = len({m.outlet for m in ms})
        return Claim(cid, first.text[ms[0].start:ms[0].end], "statement", who, status, outlets,
                     outlets, ms, {status[0]: f"carried by {outlets} outlets"})

    claims = [
        claim("c1", "12,000", ["corroborated"], ["HUR"]),
        claim("c2", "Kursk", ["corroborated"], ["Ukrainian military intelligence"]),
        claim("c3", "uniforms", ["contested"], []),
        claim("c4", "fair game", ["single-source"], ["John Kirby"]),
        claim("c5", "Syrsky", ["single-source", "unattributed"], []),
    ]
    values = []
    for number in ("12,000", "10,000", "3,000", "11,000"):
        ms = mentions_of(docs, number, whole_sentence=False)
        values.append(FigureValue(float(number.replace(",", "")), sources=["HUR"] if number ==
                                  "12,000" else [], mentions=ms,
                                  outlets=sorted({m.outlet or "" for m in ms})))
    story = Story(
        "s1", docs[1].title or "story", [d.id for d in docs], claims,
        [Figure("North Korean troops in Russia", "soldiers", values)],
        [Contradiction(["c1", "c3"], "numeric", "reported troop numbers differ")],
        [], [TimelineEntry("2024-10-27", "2024-10-28", "first troops expected at the front",
                           ["c2"], ["Zelensky"])],
    )
    return Report(documents=docs, stories=[story])


def pipeline_report(seeds_dir: pathlib.Path) -> Report | None:
    """The pipeline's own report on the seeds, or None while the pipeline cannot run."""
    try:
        from corroborator.pipeline import analyze
    except ImportError:
        return None
    return analyze(seed_paths(seeds_dir))


LONG_SOURCES = ["Ukraine’s Main Intelligence Directorate (HUR)", "Ukrainian security service",
                "South Korea’s National Intelligence Service (NIS)", "Agency <i>Hostile</i>"]


def explanation_like_the_pipeline(figure: Figure, planned: set[int]) -> str:
    """A numeric contradiction worded as corroborator.match.figures words one: each value,
    its scope and who gave it, then what differs."""
    parts = []
    for i, v in enumerate(figure.values):
        label = (f"{v.low:,.0f}–{v.high:,.0f}" if v.value is None else f"{v.value:,.0f}")
        who = sorted(set(v.sources) | set(v.outlets))
        parts.append(f"{label} ({'planned' if i in planned else 'reported'}; {', '.join(who)})")
    return (f"{figure.subject}: " + "; ".join(parts) + ". Sources report different values."
            " Some values differ in scope (planned vs reported).")


def disputed_report(seeds_dir: pathlib.Path) -> Report:
    """The seed report with a figure that is hard to draw: long source names (with
    parentheses, and markup to escape), a range reaching the top of the scale, one value
    stated twice in one article; its numeric contradiction worded as the pipeline words it
    contests c1 together with a denial."""
    report = seed_report(seeds_dir)
    story = report.stories[0]
    fig = story.figures[0]
    fig.values[1].sources = list(LONG_SOURCES)
    first = fig.values[0].mentions[0]
    fig.values[0].mentions.append(Mention(first.doc, 0, 10, outlet=first.outlet))
    near = mentions_of(report.documents, "10,000", whole_sentence=False)[:1]
    fig.values.append(FigureValue(None, low=10000.0, high=12500.0,
                                  sources=["National Intelligence Service (NIS)", "Yonhap"],
                                  mentions=near, dates=["2024-10-27"],
                                  outlets=[near[0].outlet or ""]))
    numeric = explanation_like_the_pipeline(fig, planned={len(fig.values) - 1})
    denial = "Jane Roe denies what c1 asserts: “troops are there”"
    story.contradictions = [Contradiction(["c1", "c3"], "numeric", numeric),
                            Contradiction(["c1"], "denial", denial)]
    c1 = next(c for c in story.claims if c.id == "c1")
    c1.status = ["corroborated", "contested"]
    c1.explanations["contested"] = f"{numeric}; {denial}"
    return report
