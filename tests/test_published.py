"""Publication dates from evidence only: the header, the text, the story; never the clock."""

from __future__ import annotations

import json
import pathlib
from datetime import date, datetime

import pytest

from corroborator.extract.dates import find_dates
from corroborator.extract.published import find_header, infer_published, reconcile_published
from corroborator.model import Document, report_to_json
from corroborator.pipeline import analyze_documents, prepare
from corroborator.report.days import show_day, show_span
from corroborator.report.markdown import render_markdown
from corroborator.settings import Settings

ROOT = pathlib.Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "pubdates_ecbplus.jsonl"

# ECB+ 20_3ecbplus, 1_10ecbplus: text converted from tokens, spaces around every mark
POSTED = ("http: / / usatoday30. usatoday. com / news / world / 2005 - 11 - 27 - iran - quake _ x. "
          "htm\nPosted 11 / 27 / 2005 7: 21 AM Updated 11 / 27 / 2005 3: 41 PM Strong earthquake "
          "jolts southern Iran An earthquake shook a sparsely populated area on Sunday, "
          "flattening seven villages.")
LATIMES = ("http: / / articles. latimes. com / 2013 / may / 03 / local / la - me - 0504 - lohan - "
           "rehab - 20130504\nLindsay Lohan checks into Betty Ford Center May 03, 2013 After "
           "skipping out on entering a Newport Beach facility, Lindsay Lohan has checked in.")
DATELINE = ("WASHINGTON, April 30 (Reuters) - The White House said on Monday it would decide on "
            "the tariff exemptions by May 12. Officials met on Friday to discuss them.")
OLD_DATE = ("The emails were released on July 22, 2016, days before the convention. The "
            "committee said on Tuesday it would publish its report before November's midterm.")


def _doc(nlp, text: str, doc_id: str = "d", url: str | None = None) -> tuple[Document, object]:
    doc = Document(id=doc_id, source=f"{doc_id}.txt", text=text, url=url)
    return doc, nlp(text)


def _dated(nlp, text: str, doc_id: str = "d", url: str | None = None) -> Document:
    doc, sdoc = _doc(nlp, text, doc_id, url)
    infer_published(doc, sdoc)
    doc.dates = find_dates(doc, sdoc)
    return doc


def test_posted_line_and_url_give_the_day_with_its_span(nlp):
    doc = _dated(nlp, POSTED)
    assert doc.published == "2005-11-27"
    assert doc.published_basis == "header" and doc.published_year_known is True
    assert doc.published_span is not None
    s, e = doc.published_span
    assert "2005" in doc.text[s:e]


def test_url_date_with_a_month_name(nlp):
    h = find_header(LATIMES)
    assert h is not None and h.day == date(2013, 5, 3)
    assert h.span is not None and LATIMES[h.span[0] : h.span[1]].startswith("http")


def test_url_outside_the_text(nlp):
    doc = _dated(nlp, "The minister resigned on Friday.",
                 url="https://example.com/world/2018/04/30/minister-resigns")
    assert doc.published == "2018-04-30" and doc.published_year_known is True
    assert doc.published_span is None


def test_a_date_a_sentence_speaks_of_is_no_header():
    assert find_header("On July 22, 2016, WikiLeaks released the emails.") is None
    assert find_header("The emails, released on July 22, 2016, were stolen.") is None


def test_dateline_gives_month_and_day_not_the_year(nlp):
    doc = _dated(nlp, DATELINE)
    assert doc.published and doc.published[5:] == "04-30"
    assert doc.published_year_known is False
    assert doc.published_span is not None
    s, e = doc.published_span
    assert doc.text[s:e] == "April 30"
    # the deadline stays ahead of publication, Friday before it
    by = {m.text: m for m in doc.dates}
    assert by["May 12"].value_start and by["May 12"].value_start > doc.published
    assert by["May 12"].year_known is False
    assert by["Friday"].value_start and by["Friday"].value_start < doc.published


def test_a_quoted_old_date_does_not_make_the_year_known(nlp):
    doc = _dated(nlp, OLD_DATE)
    assert doc.published_year_known is False
    assert "not known" in (doc.published_evidence or "")
    by = {m.text: m for m in doc.dates}
    assert by["July 22, 2016"].year_known is True  # it names its year
    assert by["Tuesday"].year_known is False


def test_story_gives_the_year_and_says_whose_evidence_won(nlp):
    a = _dated(nlp, DATELINE, "a")
    b = _dated(nlp, "The president spoke on Monday about tariffs.", "b",
               url="https://example.com/2018/04/30/tariffs")
    reconcile_published([a, b])
    assert a.published == "2018-04-30" and a.published_year_known is True
    assert "b" in (a.published_evidence or "")
    friday = next(m for m in a.dates if m.text == "Friday")
    assert friday.value_start == "2018-04-27" and friday.year_known is True


def test_weekday_year_needs_the_story_floor(nlp):
    text = "The actress died on Thursday, December 11 in Los Angeles. She rose to fame in 1955."
    alone = _dated(nlp, text, "a")
    assert alone.published_year_known is False
    other = _dated(nlp, "A documentary about her life was released in 2006.", "b")
    reconcile_published([alone, other])
    assert alone.published_year_known is True
    assert alone.published and alone.published.startswith("2008-12-1")
    assert "2006" in (alone.published_evidence or "")


def test_unknown_year_is_shown_as_unknown():
    assert show_day("2024-10-25", False) == "25 October, year not known (2024 assumed)"
    assert show_day("2024-10-25", True) == "2024-10-25"
    assert show_span(None, None) == "not resolved"  # a date no evidence could place


def _report(texts: dict[str, str], settings: Settings) -> tuple[dict, str]:
    docs = [Document(id=k, source=f"{k}.txt", text=v) for k, v in texts.items()]
    report = analyze_documents(prepare(docs, settings), settings)
    return report_to_json(report), render_markdown(report)


def test_reports_do_not_move_with_the_clock():
    """The same articles give the same reports on any day (time-machine moves the clock)."""
    time_machine = pytest.importorskip("time_machine")
    texts = {"a": DATELINE, "b": OLD_DATE,
             "c": "Troops will be deployed as soon as Sunday or Monday, as early as October "
                  "27–28, officials said on Oct 25."}
    now = _report(texts, Settings(progress=False))
    with time_machine.travel(datetime(2031, 6, 1, 12, 0), tick=False):
        assert date.today().year == 2031
        later = _report(texts, Settings(progress=False, today=date(2031, 6, 1)))
    assert later == now


def test_labelled_set_is_well_formed():
    rows = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
    assert len(rows) >= 60
    assert len({r["source"] for r in rows}) == len(rows)
    for r in rows:
        date.fromisoformat(r["published"])
        assert r["precision"] in ("day", "month", "year") and r["evidence"]


@pytest.mark.slow
def test_labelled_set_year_precision(shared_dir):
    """Where the tool claims a year on the ECB+ articles dated by reading, it is right."""
    from bench.pubdates import date_in_stories, ecb_sets, score

    rows, stories = ecb_sets(shared_dir)
    dated = date_in_stories(stories)
    paths = [shared_dir / "data" / r["source"] for r in rows]
    truth = [(date.fromisoformat(r["published"]), r["precision"]) for r in rows]
    s = score(truth, [dated[p] for p in paths])
    assert s["year_precision"] is not None and s["year_precision"] >= 0.95
