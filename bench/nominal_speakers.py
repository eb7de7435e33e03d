"""Accuracy of described-speaker resolution on the hand-labelled set
tests/data/nominal_speakers.jsonl.

Each row is a gold PolNeAR attribution whose Source is a common-noun description ("the
senator", "his campaign", "a spokesman"), with the person or body a reader takes it to mean,
or null when the article never names it (an anonymous or generic source). The article is
prepared as the pipeline prepares it and the predicted attribution whose source overlaps the
labelled span is looked up:
- a named referent is right when the predicted speaker's last word is the labelled surname,
  or the speaker is one of the labelled aliases (or ends with an alias's last word);
- a null referent is right when the speaker is still the description (it holds the
  description's head word) or empty: never another person's name;
- missed (kept apart) when no predicted attribution has a source there.

usage: python bench/nominal_speakers.py [--shared ../shared] [--show] [--save FILE]
"""

from __future__ import annotations

import sys

# other scripts in bench/ may shadow standard modules when it is on the path: drop its folder
sys.path[:] = [p for p in sys.path if not p.rstrip("/").endswith("bench")]

import argparse  # noqa: E402
import json  # noqa: E402
import pathlib  # noqa: E402
from collections import defaultdict  # noqa: E402
from typing import Any  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.speakers import PRONOUNS, last_word, match, predicted  # noqa: E402


def load_rows() -> list[dict[str, Any]]:
    path = ROOT / "tests" / "data" / "nominal_speakers.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def is_right(row: dict[str, Any], speaker: str | None) -> bool:
    s = (speaker or "").strip()
    if row["referent"] is None:
        return not s or s.lower() in PRONOUNS or row["head"].lower() in s.lower()
    aliases = [a.lower() for a in row.get("aliases", [])] + [row["referent"].lower()]
    return (last_word(s) in {row["surname"], *(last_word(a) for a in aliases)}
            or s.lower() in aliases)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--show", action="store_true", help="list the wrong rows")
    ap.add_argument("--save", help="write each row's predicted speaker to this JSONL file")
    a = ap.parse_args()
    rows = load_rows()
    files = list(dict.fromkeys(r["file"] for r in rows))
    preds = predicted(files, pathlib.Path(a.shared))
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    wrong, saved = [], []
    for r in rows:
        cats = ["all", "referent null" if r["referent"] is None else "referent named",
                "definite" if r["definite"] else "indefinite"]
        # two halves by article (a stable split by file name), to show the result holds on each
        cats.append(f"half {sum(map(ord, r['file'])) % 2}")
        att = match(r, preds[r["file"]])
        ok = att is not None and is_right(r, att.speaker)
        saved.append({"file": r["file"], "start": r["start"],
                      "speaker": att.speaker if att else None, "right": ok})
        for c in cats:
            t = tally[c]
            t[0] += 1
            t[1] += att is not None
            t[2] += ok
        if att is not None and not ok:
            wrong.append((r, att.speaker))
    print(f"nominal_speakers.jsonl: {len(rows)} rows in {len(files)} articles")
    print(f"{'category':16} {'rows':>5} {'found':>6} {'right':>6} {'acc(found)':>11}")
    for c in ["all", "referent named", "referent null", "definite", "indefinite",
              "half 0", "half 1"]:
        n, found, right = tally[c]
        acc = f"{right / found:.3f}" if found else "n/a"
        print(f"{c:16} {n:5d} {found:6d} {right:6d} {acc:>11}")
    if a.save:
        pathlib.Path(a.save).write_text("".join(json.dumps(s) + "\n" for s in saved))
    if a.show:
        print("\nwrong (file, start, description: expected -> got):")
        for r, got in wrong:
            print(f"  {pathlib.Path(r['file']).name[:40]} {r['start']} {r['description']!r}: "
                  f"{r['referent']!r} -> {got!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
