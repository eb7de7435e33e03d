"""Plain-text cleaning: furniture out, every article sentence in, credits recorded."""

from __future__ import annotations

import json
import re
import time

import pytest

from corroborator.clean import clean_documents
from corroborator.ingest import read_inputs
from corroborator.model import Document
from tests.conftest import shingle_f1

PROSE = [
    "The city council voted on Tuesday to repair the old river bridge before the winter "
    "storms arrive, the mayor said in a statement.",
    "Engineers had warned for months that the crossing was unsafe for heavy lorries, and "
    "traffic has been limited to cars since the spring.",
    "Work is expected to start next month and to last about six weeks, according to the "
    "council's transport department.",
]


def _doc(text: str, doc_id: str = "d") -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text)


def _removed_texts(d: Document) -> list[str]:
    return [d.text[r.start:r.end] for r in d.removed]


@pytest.fixture(scope="module")
def seeds(shared_dir):
    docs, errors = read_inputs([str(shared_dir / "seeds")])
    assert not errors
    clean_documents(docs)
    gold = json.loads((shared_dir / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))
    return {d.id: d for d in docs}, gold


def test_seed_spans_lie_inside_text_and_do_not_overlap(seeds):
    docs, _ = seeds
    for d in docs.values():
        last = 0
        for r in d.removed:
            assert 0 <= r.start < r.end <= len(d.text)
            assert r.start >= last
            assert r.reason
            last = r.end


def test_seed_must_keep_passages_survive(seeds):
    docs, gold = seeds
    for key, passages in gold["must_keep"].items():
        d = docs[key]
        for p in passages:
            i = d.text.index(p)
            assert not any(r.start < i + len(p) and i < r.end for r in d.removed), p
            assert p in d.body()


def test_seed_furniture_lines_are_removed(seeds):
    docs, gold = seeds
    found = total = 0
    for key, lines in gold["boilerplate"].items():
        d = docs[key]
        for line in lines:
            i = d.text.index(line)
            cut = sum(max(0, min(r.end, i + len(line)) - max(r.start, i)) for r in d.removed)
            found += cut >= 0.9 * len(line)
            total += 1
    assert found / total >= 0.95


def test_seed_wire_credits_and_headlines(seeds):
    docs, gold = seeds
    for key, agencies in gold["wire"].items():
        assert {a.lower() for a in agencies} <= {w.lower() for w in docs[key].wire}
    for d in docs.values():
        if d.title:  # a recognised headline is kept in the body
            assert d.title in d.body()


def test_headline_kept_and_page_furniture_removed():
    text = "\n".join(["Home > News > Local", "Bridge to be repaired before winter",
                      "Advertisement", *PROSE, "Share this article", "Leave a Reply",
                      "Your email address will not be published."])
    d = clean_documents([_doc(text)])[0]
    assert d.title == "Bridge to be repaired before winter"
    gone = _removed_texts(d)
    assert "Advertisement" in gone and "Leave a Reply" in gone and "Home > News > Local" in gone
    assert d.body().split("\n") == ["Bridge to be repaired before winter", *PROSE]


def test_summary_line_under_the_headline_is_kept_past_credits():
    dek = "The council called the repair \u201cthe most urgent job of the year\u201d."
    text = "\n".join(["Bridge to be repaired before winter", "Sign up for our newsletter", dek,
                      "PHOTO: REUTERS", "Follow topic:", *PROSE])
    d = clean_documents([_doc(text)])[0]
    gone = _removed_texts(d)
    assert dek in d.body() and dek not in gone
    assert "PHOTO: REUTERS" in gone and "Follow topic:" in gone
    # a sentence parted from the body by anything but credits and prompts stays out
    stray = "\n".join(["Bridge to be repaired before winter", dek, "Read more: Lorries banned",
                        "Comments (12)", "Most read", *PROSE])
    assert dek not in clean_documents([_doc(stray)])[0].body()


def test_quotation_about_support_is_not_an_appeal():
    quote = ("\u201cWe will support our members and contribute whatever the union can,\u201d "
             "the union leader said after the meeting.")
    appeal = ("If you value our journalism, please support us with a monthly contribution "
              "so that we can keep reporting.")
    d = clean_documents([_doc("\n".join([PROSE[0], quote, PROSE[1], appeal, PROSE[2]]))])[0]
    assert quote in d.body()
    assert appeal in _removed_texts(d)


def test_captions_and_credits_inside_the_article():
    caption = "The bridge was closed to lorries in March. Getty Images"
    d = clean_documents([_doc("\n".join([PROSE[0], caption, "AP", PROSE[1], PROSE[2]]))])[0]
    reasons = {d.text[r.start:r.end]: r.reason for r in d.removed}
    assert reasons[caption] == "photo-caption"
    assert reasons["AP"] == "photo-credit"
    assert d.wire == []  # a photo credit is no wire credit


@pytest.mark.parametrize("text, wire", [
    ("LONDON (Reuters) - " + PROSE[0] + "\n" + PROSE[1], ["Reuters"]),
    ("WASHINGTON (AP) \u2014 " + PROSE[0] + "\n" + PROSE[1], ["AP"]),
    (PROSE[0] + "\n" + PROSE[1] + " REUTERS, AFP", ["Reuters", "AFP"]),
    (PROSE[0] + "\n" + PROSE[1] + "\n\u2014 Reuters", ["Reuters"]),
    (PROSE[0] + "\n" + PROSE[1] + " He spoke to Reuters.", []),
])
def test_wire_credits(text, wire):
    d = clean_documents([_doc(text)])[0]
    assert d.wire == wire
    assert PROSE[0] in d.body()


def test_trailing_credit_is_cut_from_the_sentence():
    d = clean_documents([_doc(PROSE[0] + "\n" + PROSE[1] + " REUTERS, AFP")])[0]
    assert d.body().endswith("spring.")


@pytest.mark.parametrize("tail, outlet, expected", [
    ("Source link", None, "unknown"),
    ("This article originally appeared in The Conversation.", None, "The Conversation"),
    ("The Courier has contacted the council for comment.", None, "The Courier"),
    ("The Courier has contacted the council for comment.", "The Courier", None),
    ("He has contacted the council for comment.", None, None),
])
def test_republished_from(tail, outlet, expected):
    d = _doc("\n".join([*PROSE, tail]))
    d.outlet = outlet
    assert clean_documents([d])[0].republished_from == expected


def test_line_repeated_across_the_batch_is_furniture():
    def page(i: int) -> str:
        return "\n".join([PROSE[i % 3], "Weekend Planner Extra", PROSE[(i + 1) % 3],
                          PROSE[(i + 2) % 3]])

    alone = clean_documents([_doc(page(0))])[0]
    assert "Weekend Planner Extra" in alone.body()
    batch = clean_documents([_doc(page(i), f"d{i}") for i in range(3)])
    for d in batch:
        assert "Weekend Planner Extra" not in d.body()
        assert all(p in d.body() for p in PROSE)


def test_hostile_text_is_bounded():
    text = ("a" * 1_000_000 + "\n" + "Home > " * 50_000 + "\n"
            + ("word " * 30 + "\n") * 5_000 + "(" * 100_000)
    start = time.monotonic()
    d = clean_documents([_doc(text)])[0]
    assert time.monotonic() - start < 20
    assert all(0 <= r.start < r.end <= len(text) for r in d.removed)


def test_empty_and_blank_text():
    docs = clean_documents([_doc(""), _doc("\n\n  \n"), _doc("\u200b\n\u200b")])
    assert all(d.removed == [] for d in docs)


def test_visible_text_of_real_pages(shared_dir):
    """Whole visible text of benchmark pages in; the article body comes out."""
    import gzip

    from inscriptis import get_text

    data = shared_dir / "data" / "article-extraction"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:12]
    scores, raw = [], []
    for k in keys:
        html = gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace")
        text = get_text(html)
        d = clean_documents([_doc(text, k)])[0]
        scores.append(shingle_f1(truth[k]["articleBody"], d.body()))
        raw.append(shingle_f1(truth[k]["articleBody"], text))
    assert sum(scores) / len(scores) > 0.8
    assert sum(scores) > sum(raw) + 1.0  # far better than keeping the whole page


def test_documented_example_runs():
    import pathlib

    doc_md = pathlib.Path(__file__).resolve().parents[1] / "docs" / "clean.md"
    blocks = re.findall(r"```python\n(.*?)```", doc_md.read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, str(doc_md), "exec"), {})


def test_figure_list_closing_the_article_is_kept():
    dates = [f"June {d} \u2013 Springfield, IL @ Riverside Arena" for d in range(3, 21, 3)]
    menu = ["Home", "World", "Business", "Sport", "Contact us"]
    text = "\n".join([*menu, "Bridge to be repaired before winter", *PROSE,
                      "The tour dates:", *dates, "Share this article", *menu])
    d = clean_documents([_doc(text)])[0]
    body = d.body()
    assert all(line in body for line in dates)
    assert "Contact us" not in body and "Share this article" not in body


def test_ingredient_list_inside_the_article_is_kept():
    items = ["* 8 ripe pears, peeled", "* 1 lemon", "* 2 tsp cinnamon", "* 1 cup honey"]
    d = clean_documents([_doc("\n".join([PROSE[0], PROSE[1], "Ingredients", *items,
                                         PROSE[2]]))])[0]
    assert all(i in d.body() for i in items)


def test_summaries_cut_off_mid_sentence_are_teasers():
    teasers = [f"* Story {n} headline here NEW DELHI: The minister said on Wednesday that "
               f"the plan for the new rail line would be put before the cabinet soon..."
               for n in range(3)]
    d = clean_documents([_doc("\n".join([*teasers, *PROSE]))])[0]
    reasons = {d.text[r.start:r.end]: r.reason for r in d.removed}
    assert all(reasons.get(t) == "teaser" for t in teasers)
    assert all(p in d.body() for p in PROSE)


def test_one_paragraph_ending_in_an_ellipsis_is_kept():
    trailing = ("The mayor paused before answering the last question from the council and "
                "said only that the work would go on...")
    d = clean_documents([_doc("\n".join([*PROSE, trailing]))])[0]
    assert trailing in d.body()


@pytest.mark.parametrize("headline", [
    "Rovers Sack Coach Jim O'Brien, Hire Maurice Dale",
    "Gary Ross Won't Direct 'Hunger Games' Sequel",
])
def test_a_headline_run_into_its_article_is_kept(headline):
    """After ECB+ pages (converted text), where a headline with a name such as O'Brien or a
    quoted title runs into the article on one line: the apostrophe before a capital was
    read as a teaser's headline glued to its summary, and the whole article was removed."""
    line = f"{headline} May 23, 2005 {' '.join(PROSE)}"
    d = clean_documents([_doc("\n".join(["http://example.com/sports/2005/05/23", line]))])[0]
    assert all(p in d.body() for p in PROSE)


def test_a_bare_web_address_line_is_furniture():
    """After an ECB+ page: a web address on its own line (written with spaces, as text
    converted from tokens has it) outweighed the one short line of the article, and the
    article was removed instead."""
    url = "http: / / www. example. com / video / nightly - news / 52126262#52126262"
    story = "June 06, 2013 Esther Jones, swimming star, dies at 91"
    d = clean_documents([_doc(f"{url}\n{story}\n")])[0]
    assert d.body().strip() == story
    assert _removed_texts(d) == [url]
    sentence = "http://example.com/a is where the council put the plans on Tuesday."
    d = clean_documents([_doc("\n".join([sentence, *PROSE]))])[0]
    assert sentence in d.body()


def test_a_short_article_of_whole_sentences_is_no_link_run():
    """After an ECB+ page: a one-line article of two short sentences, under a web address,
    was taken for a menu item beside the address line and removed."""
    url = "http: / / query. example. com / gst / fullpage. html? res=9402E6D71239F937A1"
    story = "RIVERTON 76ERS Fired Jim Doe, head coach. Named Sam Roe coach."
    d = clean_documents([_doc(f"{url}\n{story}")])[0]
    assert d.body().strip() == story
