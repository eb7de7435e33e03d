"""Publication dates of articles that carry no metadata: how often the tool claims a year
(``published_year_known``), how often that year is right, and the day where the label
has one.

Sets:
- ``tests/data/pubdates_ecbplus.jsonl``: ECB+ articles dated by reading (the event, the
  text's weekdays, URL and "Posted" lines), scored alone and with the other articles of
  their story (ECB+ gold stories; reconcile_published);
- PolNeAR train + dev: the date in each file's name (the corpus metadata, never shown to
  the tool), scored alone: these texts have no header and rarely name their own year.

Baseline in the same run: htmldate (trafilatura's date finder) with its extensive text
search, on the same text wrapped as a page (``--no-baseline`` to skip).

usage: python -m bench.pubdates [--shared ../shared] [--polnear N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
from collections import defaultdict
from datetime import date
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborator.extract.dates import find_dates  # noqa: E402
from corroborator.extract.parse import parse_many  # noqa: E402
from corroborator.extract.published import infer_published, reconcile_published  # noqa: E402
from corroborator.model import Document  # noqa: E402

LABELS = ROOT / "tests" / "data" / "pubdates_ecbplus.jsonl"


def load_labels(path: pathlib.Path = LABELS) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def _docs(paths: list[pathlib.Path]) -> list[Document]:
    # the id and source are neutral: a file name can hold the date (PolNeAR's do)
    return [Document(id=f"d{i}", source=f"d{i}", text=p.read_text(encoding="utf-8"))
            for i, p in enumerate(paths)]


def date_alone(paths: list[pathlib.Path]) -> list[Document]:
    """Each article dated on its own text."""
    docs = _docs(paths)
    for d, sdoc in zip(docs, parse_many(docs), strict=True):
        infer_published(d, sdoc)
    return docs


def date_in_stories(stories: list[list[pathlib.Path]]) -> dict[pathlib.Path, Document]:
    """Each article dated with the other articles of its story."""
    out: dict[pathlib.Path, Document] = {}
    for paths in stories:
        docs = _docs(paths)
        for d, sdoc in zip(docs, parse_many(docs), strict=True):
            infer_published(d, sdoc)
            d.dates = find_dates(d, sdoc)
        reconcile_published(docs)
        out.update(zip(paths, docs, strict=True))
    return out


def htmldate_year(text: str) -> int | None:
    """Baseline: htmldate's extensive search over the text as a page."""
    import html

    from htmldate import find_date

    page = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n")) + \
        "</body></html>"
    try:
        found = find_date(page, extensive_search=True, original_date=True,
                          outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a baseline that fails counts as no claim
        return None
    return int(found[:4]) if found else None


def score(truth: list[tuple[date, str]], docs: list[Document]) -> dict[str, Any]:
    """Claim rate, year precision where claimed, and the day where the label has one."""
    claimed = [(t, d) for t, d in zip(truth, docs, strict=True)
               if d.published and d.published_year_known]
    right = sum(1 for (t, _), d in claimed if d.published and int(d.published[:4]) == t.year)
    days = [(t, d) for (t, prec), d in zip(truth, docs, strict=True) if prec == "day"
            and d.published and d.published_year_known]
    day_ok = sum(1 for t, d in days if d.published == t.isoformat())
    near = sum(1 for t, d in days if d.published and
               abs((date.fromisoformat(d.published) - t).days) <= 1)
    return {"n": len(docs), "claimed": len(claimed), "claim_rate": len(claimed) / len(docs),
            "year_right": right, "year_precision": right / len(claimed) if claimed else None,
            "day_n": len(days), "day_exact": day_ok, "day_within_1": near}


def baseline(truth: list[tuple[date, str]], paths: list[pathlib.Path]) -> dict[str, Any]:
    years = [htmldate_year(p.read_text(encoding="utf-8")) for p in paths]
    claimed = [(t, y) for (t, _), y in zip(truth, years, strict=True) if y]
    right = sum(1 for t, y in claimed if t.year == y)
    return {"claimed": len(claimed), "claim_rate": len(claimed) / len(paths),
            "year_precision": right / len(claimed) if claimed else None}


def ecb_sets(shared: pathlib.Path) -> tuple[list[dict[str, Any]], list[list[pathlib.Path]]]:
    rows = load_labels()
    gold = json.loads((shared / "data" / "ecbplus" / "gold.json").read_text())["documents"]
    story_of = {name: str(v["story"]) for name, v in gold.items()}
    members: dict[str, list[pathlib.Path]] = defaultdict(list)
    text = shared / "data" / "ecbplus" / "text"
    for p in sorted(text.glob("*.txt")):
        members[story_of.get(p.stem, story_of.get(p.name, p.stem))].append(p)
    wanted = {story_of.get(pathlib.Path(r["source"]).stem,
                           story_of.get(pathlib.Path(r["source"]).name, "")) for r in rows}
    return rows, [members[s] for s in sorted(wanted) if s in members]


def polnear_paths(shared: pathlib.Path, n: int) -> list[pathlib.Path]:
    paths = sorted((shared / "data" / "polnear").glob("*/text/*.txt"))
    step = max(1, len(paths) // n) if n else 1
    return paths[::step][:n] if n else paths


def fmt(s: dict[str, Any]) -> str:
    p = s.get("year_precision")
    out = (f"claims a year on {s['claimed']}/{s['n'] if 'n' in s else '?'} "
           f"({s['claim_rate']:.2f}), year right where claimed "
           f"{'n/a' if p is None else f'{p:.3f}'}")
    if s.get("day_n"):
        out += (f"; day exact {s['day_exact']}/{s['day_n']}, within a day "
                f"{s['day_within_1']}/{s['day_n']}")
    return out


def run(shared: pathlib.Path, polnear: int = 200, with_baseline: bool = True
        ) -> dict[str, dict[str, Any]]:
    rows, stories = ecb_sets(shared)
    paths = [shared / "data" / r["source"] for r in rows]
    truth = [(date.fromisoformat(r["published"]), r["precision"]) for r in rows]
    results = {"ecb_alone": score(truth, date_alone(paths))}
    dated = date_in_stories(stories)
    results["ecb_story"] = score(truth, [dated[p] for p in paths])
    pn = polnear_paths(shared, polnear)
    pn_truth = []
    for p in pn:
        m = re.search(r"_(\d{4}-\d\d-\d\d)_", p.name)
        assert m, p
        pn_truth.append((date.fromisoformat(m.group(1)), "day"))
    results["polnear_alone"] = score(pn_truth, date_alone(pn))
    if with_baseline:
        results["ecb_htmldate"] = {"n": len(paths), **baseline(truth, paths)}
        results["polnear_htmldate"] = {"n": len(pn), **baseline(pn_truth, pn)}
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--polnear", type=int, default=200, help="PolNeAR articles (0: all)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    res = run(pathlib.Path(a.shared), a.polnear, not a.no_baseline)
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        for k, v in res.items():
            print(f"{k:17s} {fmt(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
