"""The web app in a real browser: Debian's Chromium driven by Playwright, a real server.

The seed scenarios run the real analysis on the seed articles, so what they assert is
whatever the report says (spans highlighted == the claim's mentions).
"""

from __future__ import annotations

import pathlib
from collections.abc import Iterator
from typing import Any

import pytest

from corroborator.ingest import read_inputs
from corroborator.model import Report
from corroborator.settings import Settings
from corroborator.web.app import StoryStore, create_app
from corroborator.web.chart import figure_chart
from corroborator.web.memory_store import MemoryStore
from tests.test_html_report import HOSTILE, hostile_report
from tests.test_web_support import (
    LONG_SOURCES,
    disputed_report,
    running_server,
    seed_paths,
    seed_report,
)

CHROMIUM = pathlib.Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian chromium is not installed (scripts/install-chromium.sh)"),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SETTINGS = Settings(progress=False)
ANY_SCRIPT_RAN = "window.pwned !== undefined"
INLINE_HANDLERS = ("[...document.querySelectorAll('*')].some(e => [...e.attributes]"
                   ".some(a => a.name.startsWith('on')))")
SCRIPT_URLS = ("[...document.querySelectorAll('[href],[src],[action]')].some(e => "
               "/^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') "
               "|| e.getAttribute('action') || ''))")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(120_000)
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()


def real_store() -> StoryStore:
    """The project's SQLite store when it is built, else the in-memory one."""
    try:
        from corroborator.store import Store
    except ImportError:
        return MemoryStore()
    import tempfile

    return Store(str(pathlib.Path(tempfile.mkdtemp()) / "stories.db"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def seeded(seeds_dir: pathlib.Path) -> Iterator[tuple[str, list[str]]]:
    """A server whose store holds four seeds (analysed for real); the fifth is kept back."""
    paths = seed_paths(seeds_dir)

    def factory() -> StoryStore:
        store = real_store()
        docs, errors = read_inputs(paths[:-1], SETTINGS)
        assert not errors
        store.add_documents(docs, SETTINGS)
        return store

    with running_server(create_app(factory)) as base:
        import httpx

        httpx.get(base + "/api/stories", timeout=300).raise_for_status()  # analysis runs here
        yield base, paths


def assert_no_script_ran(page: Any) -> None:
    assert page.evaluate(ANY_SCRIPT_RAN) is False
    assert page.dialogs == []
    assert page.locator("script").count() == 0
    assert page.evaluate(INLINE_HANDLERS) is False
    assert page.evaluate(SCRIPT_URLS) is False


def story_report(base: str, story_id: str) -> Report:
    import httpx

    from corroborator.model import Document, Mention, story_from_json

    data = httpx.get(f"{base}/api/stories/{story_id}").json()
    docs = [Document(id=d["id"], source=d["source"], text=d["text"], title=d.get("title"))
            for d in data["documents"]]
    report = Report(documents=docs, stories=[story_from_json(s) for s in data["stories"]])
    assert all(isinstance(m, Mention) for s in report.stories for c in s.claims for m in c.mentions)
    return report


@pytest.mark.slow
def test_click_a_corroborated_claim_to_see_its_spans(page: Any, seeded: tuple[str, list[str]]
                                                     ) -> None:
    base, _ = seeded
    page.goto(base + "/")
    page.locator("a.story-link").first.click()
    page.wait_for_url(f"{base}/stories/*")
    story_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    report = story_report(base, story_id)
    story = report.stories[0]
    corroborated = [c for c in story.claims if "corroborated" in c.status]
    assert corroborated, "the seed story has no corroborated claim"
    claim = max(corroborated, key=lambda c: len({m.doc for m in c.mentions}))
    page.locator(f"#claim-{claim.id} a.claim-link").click()
    page.wait_for_url(f"{base}/stories/{story_id}/claims/{claim.id}")
    page.wait_for_load_state()
    marks = page.locator("blockquote.context mark")
    marks.first.wait_for()
    expected = [report.doc(m.doc).text[m.start:m.end] for m in claim.mentions]
    assert marks.count() == len(expected)
    assert [marks.nth(i).text_content() for i in range(marks.count())] == expected
    shown_docs = {page.locator("li.mention").nth(i).get_attribute("data-doc")
                  for i in range(page.locator("li.mention").count())}
    assert shown_docs == {m.doc for m in claim.mentions}
    assert len(shown_docs) >= 3, "a corroborated seed claim should be carried by 3 articles"


@pytest.mark.slow
def test_add_an_article_through_the_form(page: Any, seeded: tuple[str, list[str]]) -> None:
    base, paths = seeded
    page.goto(base + "/")
    before = int(page.locator("table.stories tbody tr").first.locator("td").first.inner_text())
    page.goto(base + "/upload")
    page.fill("#title", "Held-back seed article")
    page.fill("#outlet", "Test Outlet")
    page.set_input_files("#files", paths[-1])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/stories/**")
    assert page.locator("#articles").get_by_text("Held-back seed article").count() == 1
    page.goto(base + "/")
    counts = [int(r.locator("td").first.inner_text())
              for r in page.locator("table.stories tbody tr").all()]
    assert max(counts) == before + 1


@pytest.mark.slow
def test_hostile_article_through_the_form_runs_no_script(page: Any,
                                                         seeded: tuple[str, list[str]]) -> None:
    base, _ = seeded
    page.goto(base + "/upload")
    page.fill("#title", HOSTILE)
    page.fill("#text", f"Officials said on Friday that {HOSTILE} was seen near the border.\n"
                       f"A spokesman said {HOSTILE} again.\n")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert_no_script_ran(page)
    assert page.get_by_text(HOSTILE).count() >= 1  # shown as text, not run
    for link in [a.get_attribute("href") for a in page.locator("main a").all()]:
        if link and link.startswith("/stories/") and not link.endswith(".html"):
            page.goto(base + link)
            assert_no_script_ran(page)


@pytest.fixture(scope="module")
def handmade() -> Iterator[str]:
    """A server over hand-built reports: the seed story (fixed figure) and a hostile story."""
    seeds = seed_report(pathlib.Path(__file__).resolve().parents[1] / "examples" / "seeds")
    evil = hostile_report()
    evil.stories[0].id = "s2"
    both = Report(documents=seeds.documents + evil.documents, stories=seeds.stories + evil.stories)
    with running_server(create_app(lambda: MemoryStore(both))) as base:
        yield base


def test_figure_chart_shows_each_reported_value(page: Any, handmade: str) -> None:
    seeds = seed_report(pathlib.Path(__file__).resolve().parents[1] / "examples" / "seeds")
    page.goto(handmade + "/stories/s1")
    figure = seeds.stories[0].figures[0]
    chart = page.locator("svg.figure-chart").first
    values = [chart.locator("text.bar-value").nth(i).text_content()
              for i in range(chart.locator("text.bar-value").count())]
    want = [b.value_text for b in figure_chart(seeds, figure).bars]
    assert values == want and len(want) == 4
    widths = [float(r.get_attribute("width")) for r in chart.locator("rect").all()]
    top = max(v.value or 0 for v in figure.values)
    for w, b in zip(widths, figure_chart(seeds, figure).bars, strict=True):
        assert b.value and b.value.value
        assert abs(w / max(widths) - b.value.value / top) < 0.01


def test_hostile_report_pages_run_no_script(page: Any, handmade: str) -> None:
    for path in ("/", "/stories/s2", "/stories/s2/claims/c1", "/stories/s2/documents/evil",
                 "/stories/s2/documents/evil?claim=c1&removed=1"):
        page.goto(handmade + path)
        assert_no_script_ran(page)
    assert page.locator("mark").count() == 1
    assert HOSTILE in page.locator("mark").first.text_content()


def test_reading_works_without_javascript(browser: Any, handmade: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(handmade + "/")
    pg.locator("a.story-link").first.click()
    pg.wait_for_url(handmade + "/stories/*")
    pg.locator("li.claim a.claim-link").first.click()
    pg.wait_for_url(handmade + "/stories/*/claims/*")
    pg.wait_for_load_state()
    assert pg.locator("blockquote.context mark").count() >= 1
    pg.go_back()
    pg.locator("#removed summary").click()
    assert pg.locator("#removed ul.removed li").first.is_visible()
    ctx.close()


def test_brief_opened_from_disk_loads_nothing_and_runs_nothing(page: Any, tmp_path: pathlib.Path
                                                                ) -> None:
    from corroborator.report.html import render_html

    seeds = seed_report(pathlib.Path(__file__).resolve().parents[1] / "examples" / "seeds")
    evil = hostile_report()
    both = Report(documents=seeds.documents + evil.documents,
                  stories=seeds.stories + [evil.stories[0]])
    both.stories[1].id = "s2"
    path = tmp_path / "brief.html"
    path.write_text(render_html(both), encoding="utf-8")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    assert_no_script_ran(page)
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    marks = page.locator("mark")
    want = [both.doc(m.doc).text[m.start:m.end]
            for s in both.stories for c in s.claims for m in c.mentions]
    assert sorted(marks.nth(i).text_content() or "" for i in range(marks.count())) == sorted(want)
    assert page.locator("svg.figure-chart text.bar-value").count() == 4


CHART_BOXES = """svg => ({
  width: svg.viewBox.baseVal.width, height: svg.viewBox.baseVal.height,
  texts: [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {cls: t.getAttribute('class'), x: b.x, y: b.y, w: b.width, h: b.height,
            lines: [...t.querySelectorAll('tspan')].map(s => s.textContent)};
  }),
  rects: [...svg.querySelectorAll('rect')].map(r => {
    const b = r.getBBox(); return {x: b.x, y: b.y, w: b.width, h: b.height};
  }),
})"""
# cells whose text does not fit them (cut off or spilling out)
CLIPPED_CELLS = """sel => [...document.querySelectorAll(sel)]
  .filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
  .map(c => c.textContent)"""


def check_chart_layout(page: Any, report: Report) -> int:
    """Every chart's text lies inside the chart, labels inside their column and row, each
    label whole; every figure and dispute table cell shows all its text. Returns the count
    of bars checked."""
    from corroborator.web.chart import figure_chart

    checked = 0
    story = report.stories[0]
    for n, figure in enumerate(story.figures):
        chart = figure_chart(report, figure)
        got = page.locator("svg.figure-chart").nth(n).evaluate(CHART_BOXES)
        assert got["width"] == chart.width and got["height"] == chart.height
        for t in got["texts"]:
            assert t["x"] >= -0.5 and t["x"] + t["w"] <= got["width"] + 0.5, (t, got["width"])
            assert t["y"] >= -0.5 and t["y"] + t["h"] <= got["height"] + 0.5, t
        labels = [t for t in got["texts"] if t["cls"] == "bar-label"]
        values = [t for t in got["texts"] if t["cls"] == "bar-value"]
        assert len(labels) == len(values) == len(got["rects"]) == len(chart.bars)
        for label, value, rect, bar in zip(labels, values, got["rects"], chart.bars, strict=True):
            assert label["x"] + label["w"] <= chart.label_w + 0.5  # left of the bars
            assert bar.y - 0.5 <= label["y"] and label["y"] + label["h"] <= bar.y + bar.height + 0.5
            assert value["x"] >= rect["x"] + rect["w"]  # right of its bar, not over it
            shown = " ".join(label["lines"])
            assert "…" not in shown
            assert shown in (f"{bar.label} · {bar.date}", f"{bar.label} {bar.date}", bar.label)
            checked += 1
        tops = sorted((t["y"], t["y"] + t["h"]) for t in labels)
        assert all(a[1] <= b[0] + 0.5 for a, b in zip(tops, tops[1:], strict=False)), tops
        table = page.locator("table.figure-values").nth(n)
        sources = [c.text_content() for c in table.locator("td.source").all()]
        assert sources == [b.label for b in chart.bars]
        for row, bar in zip(table.locator("tbody tr").all(), chart.bars, strict=True):
            docs = [a.text_content() for a in row.locator("td.evidence-docs a").all()]
            assert bar.value is not None
            assert docs == list(dict.fromkeys(m.doc for m in bar.value.mentions))
    for sel in ("table.figure-values td", "table.figure-values th", "table.dispute td"):
        assert page.evaluate(CLIPPED_CELLS, sel) == [], sel
    return checked


@pytest.fixture(scope="module")
def disputed() -> Iterator[tuple[str, Report]]:
    report = disputed_report(pathlib.Path(__file__).resolve().parents[1] / "examples" / "seeds")
    with running_server(create_app(lambda: MemoryStore(report))) as base:
        yield base, report


@pytest.mark.parametrize("width", [1280, 700])
def test_chart_labels_and_values_are_never_clipped(browser: Any, disputed: tuple[str, Report],
                                                   width: int) -> None:
    base, report = disputed
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.goto(base + "/stories/s1")
    assert check_chart_layout(page, report) == len(report.stories[0].figures[0].values)
    labels = [t.locator("tspan").all_text_contents()
              for t in page.locator("svg.figure-chart").first.locator("text.bar-label").all()]
    long = [lines for lines in labels if " ".join(lines).startswith(", ".join(LONG_SOURCES))]
    assert len(long) == 1 and len(long[0]) >= 3  # wrapped, not cut
    assert page.locator("svg.figure-chart g.bar title").count() == 5  # the tooltip, whole
    # the one value stated twice in an article links that article once
    first = page.locator("table.figure-values tbody tr").first.locator("td.evidence-docs")
    assert first.locator("a").count() == len({m.doc for m in
                                               report.stories[0].figures[0].values[0].mentions})
    assert "(2 mentions)" in (first.text_content() or "")
    ctx.close()


def test_contested_explanation_tables_fit(page: Any, disputed: tuple[str, Report]) -> None:
    base, report = disputed
    for path in ("/stories/s1", "/stories/s1/claims/c1"):
        page.goto(base + path)
        assert page.locator("table.dispute").first.is_visible()
        assert page.evaluate(CLIPPED_CELLS, "table.dispute td") == []
        box = page.locator("table.dispute").first.bounding_box()
        main = page.locator("main").bounding_box()
        assert box and main and box["x"] + box["width"] <= main["x"] + main["width"] + 0.5


@pytest.mark.slow
def test_real_store_pages_read_well(page: Any, seeded: tuple[str, list[str]]) -> None:
    """On the SQLite store and the pipeline's own report: readable times on the story list,
    every section link alive, the chart unclipped, the numeric contradiction a table."""
    import re

    import httpx

    from corroborator.model import document_from_json, story_from_json
    from corroborator.web.present import readable_time

    base, _ = seeded
    page.goto(base + "/")
    times = page.locator("table.stories tbody tr").first.locator("time").all()
    assert len(times) == 2
    for t in times:
        attr = t.get_attribute("datetime") or ""
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", attr), attr
        assert t.text_content() == readable_time(attr) and (t.text_content() or "").endswith(" UTC")
    listing = httpx.get(f"{base}/api/stories").json()["stories"]
    story_id = max(listing, key=lambda s: s["documents"])["id"]  # the seeds' story
    data = httpx.get(f"{base}/api/stories/{story_id}").json()
    report = Report(documents=[document_from_json(d) for d in data["documents"]],
                    stories=[story_from_json(s) for s in data["stories"]])
    page.goto(f"{base}/stories/{story_id}")
    for href in page.locator("nav.toc a").evaluate_all("as => as.map(a => a.hash)"):
        assert page.locator(href).count() == 1, href
    assert check_chart_layout(page, report) >= 2
    numeric = [k for k in report.stories[0].contradictions if k.kind == "numeric"]
    assert numeric, "the seed story has no numeric contradiction"
    assert page.locator("#contradictions table.dispute").count() >= len(numeric)
