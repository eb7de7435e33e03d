"""Date expressions resolved against the publication date; publication dates inferred."""

from __future__ import annotations

import json
import pathlib

import pytest

from corroborator.extract.dates import find_dates
from corroborator.extract.published import infer_published, reconcile_published
from corroborator.model import Document

DATA = pathlib.Path(__file__).parent / "data" / "dates.jsonl"


def _doc(nlp, text: str, published: str | None = None, doc_id: str = "d"):
    doc = Document(id=doc_id, source=doc_id, text=text, published=published)
    return doc, nlp(text)


def _values(nlp, text: str, published: str) -> dict[str, tuple[str | None, str | None]]:
    doc, sdoc = _doc(nlp, text, published)
    out = {}
    for m in find_dates(doc, sdoc):
        assert doc.text[m.start : m.end] == m.text
        out[m.text] = (m.value_start, m.value_end)
    return out


def test_absolute_and_ranges(nlp):
    v = _values(nlp, "Troops arrived on Oct 24. They will deploy as early as October 27–28, "
                     "and were moved from October 8 to 13. Talks run Oct 27 to 28.", "2024-10-25")
    assert v["Oct 24"] == ("2024-10-24", "2024-10-24")
    assert v["October 27–28"] == ("2024-10-27", "2024-10-28")
    assert v["October 8 to 13"] == ("2024-10-08", "2024-10-13")
    assert v["Oct 27 to 28"] == ("2024-10-27", "2024-10-28")


def test_month_abbreviation_run_into_its_day(nlp):
    """Wire style "on Dec.14" (ECB+ 11_10ecb): a date, which keeps the voting it dates apart
    from elections planned for December 15 (tests/data/claim_pairs.jsonl)."""
    v = _values(nlp, "Voting began on Dec.14. Results came on Jan.5, 2009.", "2008-12-15")
    assert v["Dec.14"] == ("2008-12-14", "2008-12-14")
    assert v["Jan.5, 2009"] == ("2009-01-05", "2009-01-05")


def test_relative_expressions(nlp):
    # 2024-10-25 is a Friday
    v = _values(nlp, "He spoke yesterday. The vote was on Wednesday. Last week the talks failed. "
                     "They could arrive this weekend. Earlier this year a pact was signed.",
                "2024-10-25")
    assert v["yesterday"] == ("2024-10-24", "2024-10-24")
    assert v["Wednesday"] == ("2024-10-23", "2024-10-23")
    assert v["Last week"] == ("2024-10-14", "2024-10-20")
    assert v["this weekend"] == ("2024-10-26", "2024-10-27")
    assert v["Earlier this year"] == ("2024-01-01", "2024-10-25")


def test_future_weekday_pair(nlp):
    v = _values(nlp, "Troops will be deployed as soon as Sunday or Monday.", "2024-10-25")
    assert v["as soon as Sunday or Monday"] == ("2024-10-27", "2024-10-28")


def test_year_from_weekday_agreement(nlp):
    text = ("Soldiers will be sent as soon as Sunday or Monday. They are expected to be "
            "deployed as early as October 27–28.")
    doc, sdoc = _doc(nlp, text)
    infer_published(doc, sdoc)
    assert doc.published_basis == "inferred"
    assert doc.published and doc.published.startswith("2024-10")
    assert "Sunday" in (doc.published_evidence or "")


def test_story_reconciles_years(nlp):
    a, sa = _doc(nlp, "Soldiers will be sent as soon as Sunday or Monday, as early as "
                      "October 27–28.", doc_id="a")
    b, sb = _doc(nlp, "The minister said on Oct 25 that the plan stood.", doc_id="b")
    c, sc = _doc(nlp, "Yesterday the allies met.", doc_id="c")
    for d, s in ((a, sa), (b, sb), (c, sc)):
        infer_published(d, s)
        d.dates = find_dates(d, s)
    reconcile_published([a, b, c])
    assert all(d.published and d.published.startswith("2024-") for d in (a, b, c))
    assert [m.value_start for m in b.dates] == ["2024-10-25"]
    assert c.dates and c.dates[0].value_start is not None


def test_metadata_date_kept(nlp):
    doc, sdoc = _doc(nlp, "It happened on Oct 24.", "2019-10-30")
    infer_published(doc, sdoc)
    assert doc.published == "2019-10-30" and doc.published_basis == "metadata"


def test_hand_checked_set_is_well_formed():
    rows = [json.loads(line) for line in DATA.read_text().splitlines()]
    assert len(rows) >= 150
    for r in rows:
        assert r["source"] and r["published"] and r["text"]
        assert (r["expected_start"] is None) == (r["expected_end"] is None)


@pytest.mark.slow
def test_hand_checked_accuracy(shared_dir):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "numbers_bench",
        pathlib.Path(__file__).resolve().parents[1] / "bench" / "quantities_dates.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = bench.load_rows("dates.jsonl")[:60]
    ok = sum(bench.date_ok(r, str(shared_dir)) for r in rows)
    assert ok / len(rows) >= 0.85


def test_dates_relative_to_other_dates(nlp):
    # 2015-12-22 is a Tuesday; the anchor is the latest earlier date reported as past
    v = _values(nlp, "The debate was on Saturday night. Today the race looks different. "
                     "CNN's debate four days earlier drew more viewers. The next day, he left.",
                "2015-12-22")
    assert v["Saturday night"] == ("2015-12-19", "2015-12-19")
    assert v["four days earlier"] == ("2015-12-15", "2015-12-15")
    assert v["The next day"] == ("2015-12-16", "2015-12-16")
    v = _values(nlp, "McGovern lost in 1972. Nixon won that November, carrying 49 states.",
                "2016-04-26")
    assert v["that November"] == ("1972-11-01", "1972-11-30")


def test_unanchored_and_apposed_relatives(nlp):
    v = _values(nlp, "Three weeks before he died, he was found hurt. She quit on July 24, "
                     "the day before the convention opened.", "2019-11-19")
    assert v["Three weeks before"] == (None, None)
    assert v["the day before"] == ("2019-07-24", "2019-07-24")


def test_holidays_and_named_months(nlp):
    v = _values(nlp, "Trump tweeted before Election Day. The emails came last November. "
                     "The first seven months of the year were slow.", "2019-12-10")
    assert v["Election Day"] == ("2019-11-05", "2019-11-05")
    assert v["November"] == ("2018-11-01", "2018-11-30")
    assert v["The first seven months of the year"] == ("2019-01-01", "2019-07-31")
