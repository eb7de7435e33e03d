"""Accuracy of pronoun-speaker resolution on the hand-labelled set tests/data/speakers.jsonl.

Each row is a gold PolNeAR attribution whose Source is a personal pronoun, with the person a
reader takes it to mean (or null when no named person is meant). The article is prepared as
the pipeline prepares it, and the predicted attribution whose source span overlaps the
labelled one is looked up:
- right when the referent is null and the predicted speaker is still a pronoun or empty, or
  the predicted speaker's last word is the labelled surname (or one of its aliases);
- missed (kept apart from wrong) when no predicted attribution has a source there.

usage: python bench/speakers.py [--shared ../shared] [--show]
"""

from __future__ import annotations

import sys

# other scripts in bench/ may shadow standard modules when it is on the path: drop its folder
sys.path[:] = [
    p for p in sys.path if not p.rstrip("/").endswith("bench")]

import argparse  # noqa: E402
import json  # noqa: E402
import pathlib  # noqa: E402
import re  # noqa: E402
from collections import defaultdict  # noqa: E402
from typing import Any  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corroborator.model import Attribution, Document  # noqa: E402
from corroborator.pipeline import prepare  # noqa: E402

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its",
            "i", "me", "we", "us", "you"}


def load_rows() -> list[dict[str, Any]]:
    path = ROOT / "tests" / "data" / "speakers.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def last_word(name: str | None) -> str:
    """The last word of a name, lower case, without a possessive or punctuation."""
    words = re.sub(r"[\u2019']s$", "", (name or "").strip()).split()
    return words[-1].strip(".,;:\"'\u2019()").lower() if words else ""


def is_right(row: dict[str, Any], speaker: str | None) -> bool:
    if row["referent"] is None:
        s = (speaker or "").strip().lower()
        return not s or s in PRONOUNS
    return last_word(speaker) in {row["surname"].lower(), *row.get("aliases", [])}


def first_name_differs(row: dict[str, Any], speaker: str | None) -> bool:
    """A right-by-surname answer that names someone else of that surname ("Donald Trump"
    for "Eric Trump"): the rule above cannot tell them apart, so it is only reported."""
    want, got = (row["referent"] or "").split(), (speaker or "").split()
    return len(want) > 1 and len(got) > 1 and want[0].lower() != got[0].lower()


def predicted(files: list[str], shared: pathlib.Path) -> dict[str, list[Attribution]]:
    """Attributions of each article, prepared one article at a time."""
    out: dict[str, list[Attribution]] = {}
    for i, f in enumerate(files, 1):
        path = shared / "data" / f
        doc = Document(id=path.stem, source=str(path), text=path.read_text(encoding="utf-8"))
        (prepared,) = prepare([doc])
        out[f] = list(prepared.attributions)
        print(f"\r  prepared {i}/{len(files)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return out


def match(row: dict[str, Any], atts: list[Attribution]) -> Attribution | None:
    """The predicted attribution whose source overlaps the row's span (the tightest one)."""
    hit = [(a.source[1] - a.source[0], a.content, a) for a in atts
           if a.source and a.source[0] < row["end"] and row["start"] < a.source[1]]
    return min(hit, key=lambda h: (h[0], h[1]))[2] if hit else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--show", action="store_true", help="list the wrong rows")
    a = ap.parse_args()
    rows = load_rows()
    files = list(dict.fromkeys(r["file"] for r in rows))
    preds = predicted(files, pathlib.Path(a.shared))

    # category -> [rows, found, right]
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    wrong, missed, namesake = [], [], []
    for r in rows:
        cats = ["all", "referent null" if r["referent"] is None else "referent named",
                "he/him/his" if r["pronoun"] in ("he", "him", "his") else "she/her"]
        if r["referent"] is not None:
            cats.append("same-gender person in between" if r.get("distractor")
                        else "no same-gender person in between")
        att = match(r, preds[r["file"]])
        ok = att is not None and is_right(r, att.speaker)
        for c in cats:
            t = tally[c]
            t[0] += 1
            t[1] += att is not None
            t[2] += ok
        if att is None:
            missed.append(r)
        elif not ok:
            wrong.append((r, att.speaker))
        elif r["referent"] and first_name_differs(r, att.speaker):
            namesake.append((r, att.speaker))

    print(f"speakers.jsonl: {len(rows)} rows in {len(files)} articles")
    print(f"{'category':34} {'rows':>5} {'found':>6} {'right':>6} {'acc(found)':>11}")
    order = ["all", "referent named", "referent null", "he/him/his", "she/her",
             "same-gender person in between", "no same-gender person in between"]
    for c in order:
        n, found, right = tally[c]
        acc = f"{right / found:.3f}" if found else "n/a"
        print(f"{c:34} {n:5d} {found:6d} {right:6d} {acc:>11}")
    print(f"missed (no predicted attribution at the span): {len(missed)}")
    if namesake:
        print(f"counted right by surname but another first name: {len(namesake)}")
    if a.show:
        print("\nwrong (file, start-end, pronoun, expected -> got):")
        for r, got in wrong:
            print(f"  {pathlib.Path(r['file']).name} {r['start']}-{r['end']} {r['pronoun']}: "
                  f"{r['referent']!r} -> {got!r}")
        print("\nmissed:")
        for r in missed:
            print(f"  {pathlib.Path(r['file']).name} {r['start']}-{r['end']} {r['pronoun']}: "
                  f"{r['referent']!r}")
        if namesake:
            print("\nright by surname, another first name:")
            for r, got in namesake:
                print(f"  {pathlib.Path(r['file']).name} {r['start']}-{r['end']} "
                      f"{r['pronoun']}: {r['referent']!r} -> {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
