"""Article extraction benchmark: ours beside trafilatura and readability-lxml, one run.

usage: python bench/extraction.py [DATA_DIR] [--limit N] [--only html|text]

DATA_DIR defaults to ../shared/data/article-extraction (pages html/<key>.html.gz and
ground-truth.json). Two tables:
  1. HTML pages -> article body: ours (clean stage), plain trafilatura, readability-lxml.
  2. Plain text with furniture: the page's whole visible text (inscriptis) -> our
     plain-text cleaner's body(); the untouched visible text as the floor.
F1 is the benchmark's own metric (as ../shared/eval/score_extraction.py): 4-token
shingles, per-page TP/FP/FN normalised, precision and recall averaged over pages.
Ours is scored without the headline line we put first in ``text`` (the benchmark's gold
body has no headline); the figure with it is printed too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import re
import sys
import time
from collections import Counter

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
# a script's own folder must not shadow standard modules: keep bench/ off sys.path
sys.path[:] = [p for p in sys.path if pathlib.Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from corroborator.clean import clean_documents  # noqa: E402
from corroborator.model import Document  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "article-extraction"
WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = WORD.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1)))


def f1_score(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 exactly as the benchmark (and score_extraction.py) define them."""
    precs, recs = [], []
    for key, true in gold.items():
        t, p_ = shingles(true), shingles(pred.get(key, ""))
        tp, fp, fn = sum((t & p_).values()), sum((p_ - t).values()), sum((t - p_).values())
        s = tp + fp + fn
        tp_, fp_, fn_ = (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)
        if tp_ + fp_ > 0:
            precs.append(1.0 if fp_ == fn_ == 0 else tp_ / (tp_ + fp_))
        if tp_ + fn_ > 0:
            recs.append(1.0 if fp_ == fn_ == 0 else tp_ / (tp_ + fn_))
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_pages(data: pathlib.Path, limit: int | None) -> tuple[dict[str, str], dict[str, str]]:
    """Decoded pages and gold bodies, keyed by the benchmark's page key."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    pages = {}
    for k in keys:
        raw = gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes())
        pages[k] = raw.decode("utf-8", errors="replace")
    return pages, {k: truth[k].get("articleBody", "") for k in keys}


def without_headline(doc: Document) -> str:
    body = doc.body()
    first, _, rest = body.partition("\n")
    return rest if doc.title and first.strip() == doc.title.strip() else body


def ours_html_page(key: str, html: str) -> Document:
    doc = Document(id=key, source=key, text="", format="html", raw=html)
    clean_documents([doc])  # one page at a time, as a stream of pages would come
    return doc


def trafilatura_page(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def readability_page(html: str) -> str:
    import lxml.html
    from readability import Document as ReadabilityDocument

    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
        return str(lxml.html.fromstring(summary).text_content())
    except Exception:  # noqa: BLE001 - a failure scores as an empty body
        return ""


def html_side_by_side(pages: dict[str, str]) -> dict[str, tuple[dict[str, str], float]]:
    """Each extractor on each page, interleaved page by page so load swings hit all alike."""
    names = ["ours", "ours+headline", "trafilatura", "readability"]
    preds: dict[str, dict[str, str]] = {n: {} for n in names}
    secs = dict.fromkeys(names, 0.0)
    for key, html in pages.items():
        t0 = time.perf_counter()
        doc = ours_html_page(key, html)
        t1 = time.perf_counter()
        preds["trafilatura"][key] = trafilatura_page(html)
        t2 = time.perf_counter()
        preds["readability"][key] = readability_page(html)
        t3 = time.perf_counter()
        preds["ours"][key], preds["ours+headline"][key] = without_headline(doc), doc.body()
        secs["ours"] += t1 - t0
        secs["trafilatura"] += t2 - t1
        secs["readability"] += t3 - t2
    return {n: (preds[n], secs[n]) for n in names}


def visible_text(pages: dict[str, str]) -> dict[str, str]:
    """The whole visible text of each page, as a scraper without extraction would give."""
    from inscriptis import get_text

    out = {}
    for k, h in pages.items():
        try:
            out[k] = get_text(h)
        except Exception:  # noqa: BLE001
            out[k] = ""
    return out


def ours_text(texts: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    docs = [Document(id=k, source=k, text=t) for k, t in texts.items()]
    for d in docs:  # page by page: no cross-page repetition signal, the harder case
        clean_documents([d])
    return ({d.id: without_headline(d) for d in docs}, {d.id: d.body() for d in docs})


def row(name: str, gold: dict[str, str], pred: dict[str, str], seconds: float | None) -> str:
    p, r, f = f1_score(gold, pred)
    speed = f"{len(gold) / seconds:8.1f}" if seconds else "       -"
    return f"{name:34s} {p:9.3f} {r:6.3f} {f:7.4f} {speed}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", choices=["html", "text"], default=None)
    a = ap.parse_args(argv)
    import logging

    logging.disable(logging.WARNING)  # trafilatura and readability log per page
    pages, gold = load_pages(pathlib.Path(a.data), a.limit)
    head = f"{'extractor':34s} {'precision':>9s} {'recall':>6s} {'F1':>7s} {'pages/s':>8s}"
    print(f"pages {len(pages)}")
    if a.only in (None, "html"):
        warm = dict(list(pages.items())[:3])
        html_side_by_side(warm)  # imports and first-call set-up out of the timing
        print("\nHTML -> article body")
        print(head)
        res = html_side_by_side(pages)
        print(row("corroborator clean", gold, *res["ours"]))
        print(row("  (headline line counted)", gold, res["ours+headline"][0], None))
        print(row("trafilatura 2.3.1 (defaults)", gold, *res["trafilatura"]))
        print(row("readability-lxml 0.9", gold, *res["readability"]))
        print(f"speed ours/trafilatura {res['trafilatura'][1] / res['ours'][1]:.2f}x")
    if a.only in (None, "text"):
        t0 = time.perf_counter()
        texts = visible_text(pages)
        s_vis = time.perf_counter() - t0
        print("\nPlain text with furniture (inscriptis visible text) -> article body")
        print(head)
        t0 = time.perf_counter()
        clean, clean_with_title = ours_text(texts)
        s_clean = time.perf_counter() - t0
        print(row("corroborator clean (text)", gold, clean, s_clean))
        print(row("  (headline line counted)", gold, clean_with_title, None))
        print(row("visible text, uncleaned (inscriptis)", gold, texts, s_vis))
    return 0


if __name__ == "__main__":
    sys.exit(main())
