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
