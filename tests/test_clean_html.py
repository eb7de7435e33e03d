"""HTML pages: the article text, the page's metadata, and bad pages as recorded skips."""

from __future__ import annotations

import gzip
import json
import re
import time

import pytest

from corroborator.clean import clean_documents
from corroborator.clean.html import vote_paragraphs
from corroborator.ingest import read_inputs
from corroborator.model import Document
from tests.conftest import shingle_f1

PARA = "".join([
    "<p>The city council voted on Tuesday to repair the old river bridge before the winter "
    "storms arrive, the mayor said in a statement to reporters.</p>",
    "<p>Engineers had warned for months that the crossing was unsafe for heavy lorries, and "
    "traffic has been limited to cars since the spring.</p>",
    "<p>Work is expected to start next month and to last about six weeks, according to the "
    "council's transport department.</p>",
])


def _html_doc(html: str, doc_id: str = "p") -> Document:
    return Document(id=doc_id, source=f"{doc_id}.html", text="", format="html", raw=html)


@pytest.fixture(scope="module")
def pages(shared_dir):
    data = shared_dir / "data" / "article-extraction"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[::11][:8]
    out = {}
    for k in keys:
        raw = gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes())
        out[k] = (raw.decode("utf-8", errors="replace"), truth[k]["articleBody"])
    return out


def test_real_pages_give_the_article_and_metadata(pages):
    scores = []
    for k, (html, gold) in pages.items():
        d = clean_documents([_html_doc(html, k)])[0]
        assert d.skipped is None, k
        assert d.title and d.text.startswith(d.title)
        assert d.published is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.published)
        assert d.published is None or d.published_basis == "metadata"
        assert all(0 <= r.start < r.end <= len(d.text) for r in d.removed)
        body = d.body().split("\n", 1)[-1]  # the gold body has no headline
        scores.append(shingle_f1(gold, body))
    assert sum(scores) / len(scores) > 0.93


def test_metadata_from_the_page():
    html = ("<html><head><title>Bridge to be repaired | Valley Gazette</title>"
            '<meta property="og:site_name" content="Valley Gazette">'
            '<meta property="og:title" content="Bridge to be repaired before winter">'
            '<meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2024-10-25T08:00:00Z">'
            '<link rel="canonical" href="https://gazette.example/bridge">'
            "</head><body><article><h1>Bridge to be repaired before winter</h1>"
            + PARA + "<p>Engineers had warned for months that the crossing was unsafe, "
            "and traffic has been limited since spring.</p></article></body></html>")
    d = clean_documents([_html_doc(html)])[0]
    assert d.title == "Bridge to be repaired before winter"
    assert d.outlet == "Valley Gazette"
    assert d.author == "Jane Doe"
    assert d.published == "2024-10-25" and d.published_basis == "metadata"
    assert d.canonical_url == "https://gazette.example/bridge"
    assert d.text.split("\n")[0] == d.title
    assert "Engineers had warned" in d.body()


def test_vote_drops_what_only_one_extractor_saw():
    article = "\n".join(f"Paragraph {i} says the bridge will be repaired before the winter."
                        for i in range(5))
    candidate = article + "\nYou may also enjoy these unrelated stories about gardening tips"
    assert vote_paragraphs(candidate, [article]) == article
    assert vote_paragraphs(candidate, [""]) == candidate  # no second opinion: keep all


@pytest.mark.parametrize("html, why", [
    ("", "empty page"),
    ("   \n  ", "empty page"),
    ("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The "
     "requested URL was not found on this server.</p></body></html>", "no article"),
    ("<html><body><ul>" + "".join(f"<li><a href='/s{i}'>Story {i}</a></li>" for i in range(40))
     + "</ul></body></html>", "no article"),
    ("\x00\x01\x02 binary junk \xff\xfe", "no article"),
])
def test_pages_without_an_article_are_skipped_with_a_reason(html, why):
    d = clean_documents([_html_doc(html)])[0]
    assert d.skipped and why in d.skipped
    assert d.text == "" and d.removed == []


def test_truncated_html_keeps_what_arrived():
    html = "<html><body><article>" + PARA + "<p>The work will cost about"
    d = clean_documents([_html_doc(html)])[0]
    assert d.skipped is None
    assert "repair the old river bridge" in d.body()


def test_deep_nesting_and_broken_markup_do_not_raise():
    html = "<div>" * 50_000 + PARA + "</span></b></i>" * 1000 + "<p <p <<>>"
    d = clean_documents([_html_doc(html)])[0]
    assert d.skipped or "river bridge" in d.text


def test_cp1252_declared_as_utf8_is_read_without_traceback(tmp_path):
    page = ('<html><head><meta charset="utf-8"><title>Caf\u00e9 closes</title></head><body>'
            "<article><p>The caf\u00e9 on the corner \u2013 a favourite of students \u2013 will "
            "close next month, its owner said on Monday.</p>" + PARA
            + "</article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    docs, errors = read_inputs([str(path)])
    assert not errors
    d = clean_documents(docs)[0]
    assert d.skipped is None
    assert "will close next month" in d.body()


def test_html_given_as_text_is_extracted():
    html = "<!DOCTYPE html><html><body><article>" + PARA + "</article></body></html>"
    d = clean_documents([Document(id="t", source="t.txt", text=html)])[0]
    assert d.format == "html" and "<p>" not in d.text
    assert "river bridge" in d.body()


def test_one_bad_page_does_not_stop_the_batch():
    docs = [_html_doc(""), _html_doc("<html><body><article>" + PARA + "</article></body>"
                                     "</html>", "good")]
    clean_documents(docs)
    assert docs[0].skipped and docs[1].skipped is None


def _big_page(megabytes: int) -> str:
    filler = "".join(f"<p>Filler paragraph number {i} about nothing in particular at all.</p>"
                     for i in range(2000))
    script = "<script>" + "var x = 1;" * (megabytes * 50_000) + "</script>"
    body = "<article>" + PARA + "</article>"
    head = "<html><head>" + script + "</head><body>" + body
    block = "<div>" + filler + "</div>"
    count = max(0, megabytes * 1_000_000 - len(head)) // len(block) + 1
    return head + block * count + "</body></html>"


def test_a_large_page_is_bounded_in_time():
    html = _big_page(4)
    start = time.monotonic()
    d = clean_documents([_html_doc(html)])[0]
    assert time.monotonic() - start < 30
    assert d.skipped or d.text


@pytest.mark.slow
def test_a_50_megabyte_page_is_bounded_in_time():
    html = _big_page(50)
    start = time.monotonic()
    d = clean_documents([_html_doc(html)])[0]
    assert time.monotonic() - start < 40
    assert d.skipped or d.text


@pytest.mark.parametrize("fragment, expected", [
    ("<p>Police in <b>Springfield</b> said two people were hurt.</p>",
     "Police in Springfield said two people were hurt."),
    ("<div><p>Bridge shut.</p><p>Repairs <a href='/x'>start</a> soon.</p>"
     "<script>var x = 1;</script></div>", "Bridge shut.\n\nRepairs start soon."),
])
def test_short_fragment_falls_back_to_its_visible_text(fragment, expected):
    d = clean_documents([_html_doc(fragment)])[0]
    assert d.skipped is None
    assert d.body() == expected


def test_empty_fragment_is_still_a_skip():
    d = clean_documents([_html_doc("<p> </p>")])[0]
    assert d.skipped and "no article" in d.skipped


REVIEW_PROSE = [
    "We wore the headphones for three weeks on trains, in offices and on two long flights, "
    "and the noise cancelling held up better than any pair we have tried this year.",
    "Battery life is the other headline figure: the maker claims thirty hours, and in our "
    "own test the pair lasted just over twenty-eight hours with cancelling switched on.",
    "The ear cups are deeper than last year's model, which helps people with larger ears, "
    "although the clamping force felt slightly firm during the first few days of wear.",
    "Call quality was clear indoors, but wind noise crept in on a blustery walk along the "
    "seafront, so anyone who takes many calls outdoors may want to look elsewhere.",
    "The companion app is simple to use and lets you adjust the equaliser, pick which "
    "button summons the voice assistant, and check for firmware updates.",
    "At the current discount the pair costs less than most rivals with weaker cancelling, "
    "which is why it tops our list of deals this week for frequent travellers.",
]


def _review_page() -> str:
    """A long product review: a gallery of captions and price lines that readability-lxml
    takes for the article, and the review's prose in short sections between headings."""
    colours = ["black", "silver", "midnight blue", "white", "pink", "sage green", "grey",
               "red", "navy", "sand"]
    captions = "".join(
        f"<p>Sony WH-1000XM5 in {c}, folded, with case, cable and adapter, $349 at Amazon, "
        f"$329 at Best Buy, $339 at Walmart (photo: Example Media)</p>"
        for c in colours * 3)
    sections = "".join(f"<h2>Part {i + 1}</h2><div class='rv-p'><p>{p}</p></div>"
                       for i, p in enumerate(REVIEW_PROSE + REVIEW_PROSE[::-1]))
    return ("<html><head><title>Sony WH-1000XM5 review</title></head><body><main><article>"
            f"<h1>Sony WH-1000XM5 review</h1><div class='gallery'>{captions}</div>"
            f"<div class='rv-c'>{sections}</div></article></main></body></html>")


def test_loss_guard_keeps_the_prose_when_the_vote_keeps_only_captions():
    from trafilatura import load_html

    from corroborator.clean.html import page_candidates, prose_words

    html = _review_page()
    cands, _ = page_candidates(load_html(html))  # real trafilatura and readability-lxml
    assert prose_words(cands.voted) < 0.25 * prose_words(cands.recall)  # the vote's loss
    d = clean_documents([_html_doc(html, "review")])[0]
    assert d.skipped is None
    body = d.body()
    assert all(p in body for p in REVIEW_PROSE)
    assert d.extraction and d.extraction.startswith("loss guard")
    assert "trafilatura's text kept whole" in d.extraction


def test_the_choice_is_recorded_and_shown_by_the_clean_command():
    from corroborator.commands.clean import cleaned_record

    d = clean_documents([_html_doc("<html><body><article>" + PARA + "</article></body>"
                                   "</html>")])[0]
    assert d.extraction == "trafilatura (recall), paragraphs confirmed by readability-lxml"
    assert cleaned_record(d)["extraction"] == d.extraction
    review = cleaned_record(clean_documents([_html_doc(_review_page())])[0])
    assert review["extraction"].startswith("loss guard")
    text = clean_documents([Document(id="t", source="t.txt", text="Plain text.")])[0]
    assert text.extraction is None  # plain text has no extractor to choose


def test_cv_folds_never_split_a_site(shared_dir):
    from bench.extraction_cv import site_folds, site_of

    assert site_of("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert site_of("https://edition.cnn.com/a") == site_of("https://www.cnn.com/b") == "cnn.com"
    truth = json.loads((shared_dir / "data" / "article-extraction" / "ground-truth.json")
                       .read_text(encoding="utf-8"))
    sites = {k: site_of(v["url"]) for k, v in truth.items()}
    fold = site_folds(sites, 5)
    assert set(fold) == set(sites) and set(fold.values()) == set(range(5))
    for site in set(sites.values()):
        assert len({fold[k] for k in sites if sites[k] == site}) == 1, site
    sizes = sorted(list(fold.values()).count(f) for f in range(5))
    assert sizes[-1] - sizes[0] <= max(list(sites.values()).count(s) for s in sites.values())
    assert site_folds(sites, 5) == fold  # fixed, not random
    synthetic = {f"p{i}": f"site{i % 7}.com" for i in range(40)}
    f2 = site_folds(synthetic, 5)
    assert all(len({f2[k] for k in synthetic if synthetic[k] == s}) == 1
               for s in set(synthetic.values()))
