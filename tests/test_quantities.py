"""Numbers with what they count, their qualifiers, ranges and units."""

from __future__ import annotations

import importlib.util
import json
import pathlib

import pytest

from corroborator.extract.quantities import find_quantities
from corroborator.model import Document

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "quantities.jsonl"


def _qs(nlp, text: str):
    doc = Document(id="d", source="d", text=text)
    out = find_quantities(doc, nlp(text))
    for q in out:
        assert doc.text[q.start : q.end] == q.text
    return out


def _one(qs, value=None, low=None):
    hits = [q for q in qs if (value is not None and q.value == value) or
            (low is not None and q.low == low)]
    assert hits, [(q.text, q.value) for q in qs]
    return hits[0]


def test_count_with_qualifier_and_noun(nlp):
    q = _one(_qs(nlp, "Around 12,000 North Korean troops were already in Russia."), 12000)
    assert q.counted == "North Korean troops" and q.qualifier == "around" and q.unit is None


def test_range_and_written_numbers(nlp):
    qs = _qs(nlp, "The agency said it planned to deploy between 10,000 and 12,000 troops, "
                  "including three generals and a dozen officers.")
    r = _one(qs, low=10000)
    assert (r.value, r.high, r.counted) == (None, 12000, "troops")
    assert _one(qs, 3).counted == "generals"
    assert _one(qs, 12).counted == "officers"


def test_units(nlp):
    qs = _qs(nlp, "The deal is worth $3.5 billion, up 40% on last year, and the border lies "
                  "about four miles away; they got 300 grams of soap per month.")
    assert _one(qs, 3.5e9).unit == "USD"
    assert _one(qs, 40).unit == "%"
    assert _one(qs, 4).unit == "mi"
    soap = _one(qs, 300)
    assert (soap.unit, soap.counted) == ("g/month", "soap")


def test_not_quantities(nlp):
    qs = _qs(nlp, "In 2016, the 55-year-old came first under Article 5 on Oct 24, "
                  "four-star general Smith said at 10:30.")
    assert qs == []


def test_ratio_members_are_marked(nlp):
    qs = _qs(nlp, "Moscow plans to attach one translator and three Russian servicemen to "
                  "every 30 North Korean soldiers.")
    assert {q.qualifier for q in qs} <= {"ratio", "every"} and len(qs) == 3


@pytest.mark.slow
def test_hand_checked_set(shared_dir):
    rows = [json.loads(line) for line in DATA.read_text().splitlines()]
    assert len(rows) >= 150 and all(r["source"] for r in rows)
    spec = importlib.util.spec_from_file_location(
        "numbers_bench", ROOT / "bench" / "quantities_dates.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    sample = rows[:60]
    ok = sum(bench.quantity_ok(r, str(shared_dir)) for r in sample)
    assert ok / len(sample) >= 0.85


def test_compounds_fractions_and_codes(nlp):
    qs = _qs(nlp, "It has an 8-inch screen. Hood lost by five-and-a-half points after five "
                  "787 Dreamliner sales and Rs 25 lakh in fees; the 787-9 jet flew.")
    assert _one(qs, 8).unit == "in"
    assert _one(qs, 5.5).counted == "points"
    assert (_one(qs, 5).counted or "").endswith("sales")
    assert _one(qs, 2_500_000).unit == "INR"
    assert not [q for q in qs if q.value in (787, 9)]


def test_scale_letters_after_money(nlp):
    """"$45M", "$300K", "$200MM": the letter scales the figure (not 45 dollars), also with
    the sentence's full stop left on the token; "5mm" stays millimetres."""
    for text, value in [("The deal is worth $45M, sources said.", 45e6),
                        ("He was paid $300K in bonuses.", 300e3),
                        ("The Red Sox offered him $200MM over eight years.", 200e6),
                        ("It cost $45M.", 45e6)]:
        q = _one(_qs(nlp, text), value)
        assert q.unit == "USD", text
    screw = _one(_qs(nlp, "They used a 5mm screw."), 5)
    assert screw.unit == "mm"


def test_money_ranges(nlp):
    """Two sums of one currency as a range's ends are one range; "from ... to" is a change."""
    for text in ["It will cost $10 million to $12 million.",
                 "It will cost about $10 million to $12 million.",
                 "It will cost between $10M and $12M.",
                 "It will cost $10 to $12 million.",
                 "It will cost $10-12M."]:
        qs = _qs(nlp, text)
        assert [(q.low, q.high, q.unit) for q in qs] == [(10e6, 12e6, "USD")], text
    moved = _qs(nlp, "The cost rose from $10 million to $12 million.")
    assert [q.value for q in moved] == [10e6, 12e6]
    assert [q.value for q in _qs(nlp, "He paid $5 and $7 for coffee.")] == [5, 7]


def test_hyphenated_scale_and_unreadable_glue(nlp):
    """"5-million dollars" is five million; a scale word after digits the tokenizer glued
    ("$10-$12 million") is not read as one million."""
    q = _one(_qs(nlp, "It cost 5-million dollars."), 5e6)
    assert q.unit == "USD"
    assert all(q.value != 1e6 for q in _qs(nlp, "It cost $10-$12 million."))


def test_clock_minutes_and_a_score_are_not_counts(nlp):
    """Minutes of a clock time set with spaces ("13: 45", as in re-joined tokens), a wire
    dateline's clock ("1052 GMT") and "score" as a noun count nothing; "a dozen" and "a
    score of" still do."""
    assert _qs(nlp, "Posted on Tuesday, 16 December 2008 13: 45. Updated at 1: 30 a. m.") == []
    assert _qs(nlp, "The score was 3:1 and his credit score fell.") == []
    assert _one(_qs(nlp, "Phase 2: 500 troops arrived."), 500).counted == "troops"
    assert [q.value for q in _qs(nlp, "POSTED: 1052 GMT. By 1400 ET, 300 people came.")] == [300]
    qs = _qs(nlp, "A dozen people and a score of soldiers were there.")
    assert sorted(q.value for q in qs) == [12, 20]


@pytest.mark.parametrize("text", [
    "The actress starred in Million Dollar Mermaid in 1952.",
    "The Six Day War began in June.",
    'Swimmer: "Million Dollar Mermaid" Star Dies Aged 91',
])
def test_a_number_inside_a_title_case_name_is_no_figure(nlp, text):
    assert not [q for q in _qs(nlp, text) if q.value in (1_000_000, 6)]


@pytest.mark.parametrize("text, value", [
    ("Ten Thousand Troops Arrive From the North", 10_000),  # a headline in title case
    ("Officials said Twelve people died when the bridge fell.", 12),  # a capital, no name
])
def test_a_capitalised_number_outside_a_name_still_counts(nlp, text, value):
    _one(_qs(nlp, text), value)
