"""Accuracy of date resolution and quantity reading on the hand-checked sets in tests/data,
with a plain library baseline (dateparser; quantulum3 when installed) in the same run.

usage: python bench/quantities_dates.py [--shared ../shared] [--no-pubdates] [--polnear N]
"""

from __future__ import annotations

import sys

# other scripts in bench/ may shadow standard modules when it is on the path: drop its folder
sys.path[:] = [
    p for p in sys.path if not p.rstrip("/").endswith("bench")]

import argparse  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import pathlib  # noqa: E402
from typing import Any  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborator.extract.dates import find_dates  # noqa: E402
from corroborator.extract.parse import load_nlp  # noqa: E402
from corroborator.extract.quantities import find_quantities  # noqa: E402
from corroborator.model import Document  # noqa: E402


def load_rows(name: str) -> list[dict[str, Any]]:
    path = ROOT / "tests" / "data" / name
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


@functools.cache
def source_text(shared: str, source: str) -> str:
    """The article text a test row points into."""
    if "#" in source:
        file, key = source.split("#", 1)
        gt = _ground_truth(str(pathlib.Path(shared) / "data" / file))
        return str(gt[key]["articleBody"])
    return (pathlib.Path(shared) / "data" / source).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=2)
def _ground_truth(path: str) -> dict[str, Any]:
    return dict(json.loads(pathlib.Path(path).read_text()))


@functools.cache
def _analysed(shared: str, source: str, published: str | None) -> Document:
    doc = Document(id="t", source=source, text=source_text(shared, source), published=published)
    sdoc = load_nlp()(doc.text)
    doc.dates = find_dates(doc, sdoc)
    doc.quantities = find_quantities(doc, sdoc)
    return doc


def date_ok(row: dict[str, Any], shared: str) -> bool:
    doc = _analysed(shared, row["source"], row["published"])
    hit = [m for m in doc.dates if m.start < row["end"] and row["start"] < m.end]
    if row["expected_start"] is None:
        return not any(m.value_start for m in hit)
    return any((m.value_start, m.value_end) == (row["expected_start"], row["expected_end"])
               for m in hit)


def _head(s: str | None) -> str | None:
    return s.split()[-1].lower() if s else None


def quantity_ok(row: dict[str, Any], shared: str) -> bool:
    doc = _analysed(shared, row["source"], row["published"])
    hit = [q for q in doc.quantities if q.start <= row["start"] < q.end]
    if not row["quantity"]:
        return not hit
    return any(q.value == row["value"] and q.low == row["low"] and q.high == row["high"]
               and q.unit == row["unit"] and _head(q.counted) == row["counted_head"]
               for q in hit)


def dateparser_ok(row: dict[str, Any]) -> bool:
    """Baseline: dateparser on the expression alone, relative to the publication date."""
    import datetime as dt

    import dateparser

    base = dt.datetime.fromisoformat(row["published"]) if row["published"] else None
    got = dateparser.parse(row["text"], settings={"RELATIVE_BASE": base} if base else {})
    if row["expected_start"] is None:
        return got is None
    return bool(got) and got.date().isoformat() == row["expected_start"] == row["expected_end"] \
        if got else False


def quantulum_ok(row: dict[str, Any], shared: str) -> bool | None:
    """Baseline: quantulum3 on the sentence around the number (None when not installed)."""
    try:
        from quantulum3 import parser as qparser
    except ImportError:
        return None
    text = source_text(shared, row["source"])
    a = text.rfind("\n", 0, row["start"]) + 1
    b = text.find("\n", row["end"])
    b = b if b >= 0 else len(text)
    try:
        found = qparser.parse(text[a:b])
    except Exception:  # noqa: BLE001 - a baseline that fails counts as a miss
        found = []
    hit = [q for q in found if a + q.span[0] <= row["start"] < a + q.span[1]]
    if not row["quantity"]:
        return not hit
    want = row["value"] if row["value"] is not None else row["low"]
    return any(abs(float(q.value) - float(want)) < 1e-6 for q in hit)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--no-pubdates", action="store_true", help="skip publication dates")
    ap.add_argument("--polnear", type=int, default=200,
                    help="PolNeAR articles for publication dates (0: all)")
    a = ap.parse_args()
    dates = load_rows("dates.jsonl")
    qs = load_rows("quantities.jsonl")
    d_ok = sum(date_ok(r, a.shared) for r in dates)
    d_base = sum(dateparser_ok(r) for r in dates)
    q_ok = sum(quantity_ok(r, a.shared) for r in qs)
    q_base = [quantulum_ok(r, a.shared) for r in qs]
    print(f"dates       corroborator {d_ok / len(dates):.3f}  dateparser {d_base / len(dates):.3f}"
          f"  (n={len(dates)}, exact start+end)")
    base = ("n/a (quantulum3 not installed)" if q_base[0] is None
            else f"{sum(bool(x) for x in q_base) / len(qs):.3f} (value only)")
    print(f"quantities  corroborator {q_ok / len(qs):.3f}  quantulum3 {base}"
          f"  (n={len(qs)}, value+unit+counted head)")
    if not a.no_pubdates:  # publication dates of articles without metadata (bench/pubdates.py)
        from bench import pubdates

        for k, v in pubdates.run(pathlib.Path(a.shared), a.polnear).items():
            print(f"published   {k:17s} {pubdates.fmt(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
