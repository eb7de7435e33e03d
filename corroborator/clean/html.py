"""Main-text extraction from HTML pages: trafilatura, checked against a second opinion.

trafilatura (recall mode) gives the candidate paragraphs; a paragraph survives when most
of its word trigrams also appear in readability-lxml's reading of the page (or in
trafilatura's precision mode when readability finds nothing). Paragraphs too short to
judge are kept. A loss guard keeps trafilatura's text whole when the confirmed paragraphs
hold under a quarter of its running prose (the judge read headings and captions);
``Document.extraction`` records which. Page metadata comes from trafilatura and htmldate.
"""

from __future__ import annotations

import copy
import functools
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from corroborator.model import Document
from corroborator.settings import Settings

MAX_HTML_CHARS = 1_500_000  # after stripping scripts and styles; larger pages are cut
STRIP_ABOVE_CHARS = 1_000_000
MIN_ARTICLE_WORDS = 20
ERROR_PAGE = re.compile(r"(?i)\b(?:404|page not found|not found|access denied|forbidden"
                        r"|server error|error 50\d|no longer available|does not exist)\b")
TIME_LIMIT_S = 20.0
VOTE_SHARE = 0.5
DATE_PARAMS = {"extensive_search": False, "original_date": True}
TRIGRAM_WORD = re.compile(r"\w+")
HTML_START = re.compile(r"(?is)^\s*(?:<!--.{0,2000}?-->\s*)*(?:<\?xml[^>]{0,200}>\s*)?"
                        r"(?:<!doctype\s+html|<html[\s>]|<head[\s>])")
DISPLAY_NONE = re.compile(r"(?i)display\s{0,3}:\s{0,3}none")
SENTENCE_STOP = re.compile(r"[.!?\u3002\uff01\uff1f][\"”’)]?(?=\s|$|[A-Z\"“])")
MAX_FRAGMENT_CHARS = 20_000
FRAGMENT_START = re.compile(r"\s{0,200}<[a-zA-Z]")
FULL_PAGE = re.compile(r"(?i)<(?:html|body|head)[\s>]")
FRAGMENT_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                   "tr", "section", "article")
XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
# the loss guard (choose_body): a line of running prose has this many words or more, and
# the voted paragraphs must keep this share of the prose trafilatura found (docs/clean.md)
PROSE_MIN_WORDS = 10
PROSE_GUARD = 0.25
EXTRACTION_RECALL = "trafilatura (recall)"
EXTRACTION_GUARD = "loss guard"


def looks_like_html(text: str) -> bool:
    """A text input that is in fact an HTML page."""
    return bool(text) and bool(HTML_START.match(text[:4000]))


class ExtractionTimeout(Exception):
    """The page took longer than the per-page limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout after ``seconds`` (main thread on POSIX; else no limit)."""
    usable = (hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise ExtractionTimeout()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _drop_blocks(html: str, tag: str) -> str:
    """Remove <tag>...</tag> blocks with plain string search (linear, no regex)."""
    low = html.lower()
    out: list[str] = []
    pos = 0
    open_t, close_t = f"<{tag}", f"</{tag}>"
    while True:
        i = low.find(open_t, pos)
        if i < 0:
            break
        j = low.find(close_t, i)
        out.append(html[pos:i])
        if j < 0:
            pos = len(html)
            break
        pos = j + len(close_t)
    out.append(html[pos:])
    return "".join(out)


def bound_page(html: str) -> str:
    """A page small enough to parse in bounded time: scripts out, then cut to size."""
    html = XML_DECL.sub("", html[:200], count=1) + html[200:]
    if len(html) > STRIP_ABOVE_CHARS:
        for tag in ("script", "style", "svg", "noscript"):
            html = _drop_blocks(html, tag)
    return html[:MAX_HTML_CHARS]


def _words(text: str) -> list[str]:
    return TRIGRAM_WORD.findall(text.lower())


def _trigrams(text: str) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}


def vote_paragraphs(candidate: str, others: list[str], share: float = VOTE_SHARE) -> str:
    """Keep the candidate's paragraphs that another extractor also found."""
    judges = [_trigrams(o) for o in others if o and len(_words(o)) > 20]
    if not candidate or not judges:
        return candidate or next((o for o in others if o), "")
    kept = []
    for para in candidate.split("\n"):
        w = _words(para)
        if len(w) < 3:
            kept.append(para)
            continue
        grams = [tuple(w[i:i + 3]) for i in range(len(w) - 2)]
        if any(sum(g in j for g in grams) >= share * len(grams) for j in judges):
            kept.append(para)
    return "\n".join(kept)


@functools.cache
def _readability_class() -> type:
    """readability-lxml reading a parsed tree, with a lighter cleaner of our own.

    Its stock cleaner also rewrites every link (javascript: URLs), which costs a third of
    its time and does not change the text; scripts, styles and hidden parts still go.
    """
    from lxml import etree
    from readability import Document as ReadabilityDocument

    class TextReadability(ReadabilityDocument):  # type: ignore[misc]
        def _parse(self, input: Any) -> Any:
            self.encoding = "utf-8"
            doc = input
            etree.strip_elements(doc, "script", "style", "noscript", "link", "meta",
                                 etree.Comment, etree.ProcessingInstruction, with_tail=False)
            for elem in doc.xpath("//*[@hidden]"):
                elem.drop_tree()
            for elem in doc.xpath("//*[@style]"):
                if DISPLAY_NONE.search(elem.get("style", "")[:500]):
                    elem.drop_tree()
            return doc

    return TextReadability


def readability_text(tree: Any) -> str:
    """readability-lxml's article, as text with one paragraph per line."""
    import lxml.html

    try:
        reader = _readability_class()(copy.deepcopy(tree))
        summary = reader.summary(html_partial=True)
        root = lxml.html.fromstring(summary)
    except Exception:  # noqa: BLE001 - readability raises many kinds on odd pages
        return ""
    blocks = root.xpath("//p|//li|//h1|//h2|//h3|//h4|//blockquote|//pre|//td")
    paras = [" ".join(b.text_content().split()) for b in blocks] if blocks else \
        [" ".join(root.text_content().split())]
    return "\n".join(p for p in paras if p)


def trafilatura_run(tree: Any, mode: str, with_metadata: bool = False) -> Any:
    """trafilatura's extraction of a copy of the tree (a trafilatura Document or None)."""
    from trafilatura import bare_extraction

    return bare_extraction(copy.deepcopy(tree), favor_recall=mode == "recall", fast=True,
                           date_extraction_params=DATE_PARAMS,
                           favor_precision=mode == "precision", include_comments=False,
                           include_tables=True, with_metadata=with_metadata)


@dataclass
class Candidates:
    """What the extractors found on one page, before the choice between them."""

    recall: str  # trafilatura, recall mode: every paragraph it takes for article text
    judge: str  # readability-lxml's article (trafilatura's precision mode if it finds none)
    voted: str  # the recall paragraphs the judge also found
    judge_name: str = "readability-lxml"


def page_candidates(tree: Any) -> tuple[Candidates, Any]:
    """The candidate bodies of a parsed page, and trafilatura's metadata."""
    result = trafilatura_run(tree, "recall", with_metadata=True)
    candidate = (result.text or "") if result is not None else ""
    judge, name = readability_text(tree), "readability-lxml"
    if len(_words(judge)) <= 20:
        precise = trafilatura_run(tree, "precision")
        judge = (precise.text or "") if precise is not None else ""
        name = "trafilatura (precision)"
    meta = result if result is not None else _metadata_only(tree)
    return Candidates(candidate, judge, vote_paragraphs(candidate, [judge]), name), meta


def prose_words(text: str) -> int:
    """Words in the lines of running prose: a sentence or more, PROSE_MIN_WORDS words or
    longer. Headings, captions, prices, bylines and link lists mostly fall short."""
    total = 0
    for line in text.split("\n"):
        n = len(_words(line))
        if n >= PROSE_MIN_WORDS and SENTENCE_STOP.search(line):
            total += n
    return total


def choose_body(c: Candidates, guard: float = PROSE_GUARD) -> tuple[str, str]:
    """The body to keep, and how it was chosen (a line a user can read).

    Normally the voted paragraphs. The loss guard: when they hold less than ``guard`` of
    the running prose trafilatura found, the judge read the wrong part of the page
    (headings and captions of a review, a deals list), and trafilatura's text is kept.
    """
    whole, kept = prose_words(c.recall), prose_words(c.voted)
    if whole and kept < guard * whole:
        return c.recall, (
            f"{EXTRACTION_GUARD}: the paragraphs {c.judge_name} confirmed hold {kept} "
            f"words of running prose, under {guard:.0%} of the {whole} trafilatura found; "
            f"trafilatura's text kept whole")
    if len(_words(c.judge)) <= 20:
        return c.voted, f"{EXTRACTION_RECALL}, no second opinion (the judges found nothing)"
    return c.voted, f"{EXTRACTION_RECALL}, paragraphs confirmed by {c.judge_name}"


def extract_article(html: str) -> tuple[str, Any, str | None]:
    """The article text of a page (one paragraph per line), trafilatura's metadata, and
    how the text was chosen (None when the page would not parse)."""
    from trafilatura import load_html

    tree = load_html(html)
    if tree is None:
        return "", None, None
    cands, meta = page_candidates(tree)
    body, how = choose_body(cands)
    return body, meta, how


def _metadata_only(tree: Any) -> Any:
    from trafilatura import extract_metadata

    try:
        return extract_metadata(copy.deepcopy(tree))
    except Exception:  # noqa: BLE001 - metadata is optional
        return None


def apply_metadata(doc: Document, meta: Any) -> None:
    """Title, author, site name, canonical URL and date from the page, where not known."""
    if meta is None:
        return
    doc.title = doc.title or _clean(getattr(meta, "title", None))
    doc.author = doc.author or _clean(getattr(meta, "author", None))
    site = _clean(getattr(meta, "sitename", None))
    if site and not doc.outlet:
        doc.outlet, doc.outlet_basis, doc.outlet_evidence = site, "site-name", site
    url = _clean(getattr(meta, "url", None))
    doc.url = doc.url or url
    doc.canonical_url = doc.canonical_url or url
    date = _clean(getattr(meta, "date", None))
    if date and not doc.published and re.match(r"\d{4}-\d{2}-\d{2}", date):
        doc.published, doc.published_basis = date[:10], "metadata"


def _clean(value: Any) -> str | None:
    if not value:
        return None
    s = " ".join(str(value).split())
    return s[:300] or None


def not_an_article(body: str, title: str | None) -> str | None:
    """Why the extracted text is no article (an error page, a bare list), or None."""
    words = len(_words(body))
    if words < MIN_ARTICLE_WORDS:
        return "no article text found"
    heading = " ".join(filter(None, [title, body[:200]]))
    if words < 150 and ERROR_PAGE.search(heading):
        return "no article text found (error page)"
    if len(SENTENCE_STOP.findall(body)) < 2 and words < 150:
        return "no article text found (no running text)"
    return None


def is_fragment(html: str) -> bool:
    """A short piece of markup (a feed summary), not a whole page."""
    return (len(html) <= MAX_FRAGMENT_CHARS and bool(FRAGMENT_START.match(html))
            and not FULL_PAGE.search(html))


def fragment_text(html: str) -> str:
    """The visible text of an HTML fragment, one block per paragraph."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - broken markup gives no text, never a crash
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment,
                         with_tail=False)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter(*FRAGMENT_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    lines = (" ".join(ln.split()) for ln in root.text_content().split("\n"))
    paras: list[str] = []
    for ln in lines:
        if ln:
            paras.append(ln)
        elif paras and paras[-1]:
            paras.append("")
    return "\n".join(paras).strip()


def extract_html(doc: Document, settings: Settings) -> Document:
    """Set ``doc.text`` to the article (headline first) and fill metadata, or skip it."""
    html = doc.raw or ""
    if not html.strip():
        doc.text, doc.skipped = "", "empty page"
        return doc
    try:
        with time_limit(TIME_LIMIT_S):
            body, meta, how = extract_article(bound_page(html))
            apply_metadata(doc, meta)
    except ExtractionTimeout:
        doc.text, doc.skipped = "", f"extraction took over {TIME_LIMIT_S:.0f} s"
        return doc
    doc.extraction = how
    return finish_html(doc, body, html)


def finish_html(doc: Document, body: str, html: str) -> Document:
    """``doc.text`` from the chosen body: headline first, paragraphs apart; or a skip."""
    body = body.strip()
    if is_fragment(html) and len(_words(body)) < MIN_ARTICLE_WORDS:
        body = fragment_text(html) or body  # a feed summary: its own text is the article
        if body:
            doc.text, doc.removed = body, []
            doc.extraction = "the fragment's own visible text (the extractors found too little)"
            return doc
    reason = not_an_article(body, doc.title)
    if reason:
        doc.text, doc.skipped = "", reason
        return doc
    title = doc.title
    lines = body.split("\n")
    if title and _words(lines[0]) == _words(title):
        lines = lines[1:]
    paras = [p.strip() for p in lines if p.strip()]
    doc.text = ((title + "\n\n") if title else "") + "\n\n".join(paras)
    doc.removed = []
    return doc
