"""ECB+ story clustering measure: batch grouping and one-at-a-time (incremental) assignment.

usage: python bench/stories.py [--text DIR] [--out DIR] [--order-seed N]
Prepares the ECB+ texts (cached under out/bench-cache), groups them, writes
report-batch.json and report-incremental.json (documents + stories, claims empty) and runs
shared/eval/score_ecbplus.py on each.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import subprocess
import sys
import time

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))

from bench.ecb_cache import ROOT, prepared_folder  # noqa: E402
from corroborator.model import Document  # noqa: E402
from corroborator.stories import (  # noqa: E402
    MemoryBackend,
    StoryIndex,
    features_for,
    group_stories,
    story_title,
)

SHARED = ROOT.parent / "shared"


def write_report(path: pathlib.Path, docs: list[Document], groups: list[list[Document]]) -> None:
    stories = [{"id": f"s{i}", "title": story_title(g), "documents": [d.id for d in g],
                "claims": []} for i, g in enumerate(groups, start=1)]
    rep = {"version": 1, "documents": [{"id": d.id, "source": d.source} for d in docs],
           "stories": stories}
    path.write_text(json.dumps(rep, indent=1))


def score(path: pathlib.Path) -> str:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score_ecbplus.py"), str(path)],
                         capture_output=True, text=True, check=False)
    return out.stdout + out.stderr


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", default=str(SHARED / "data" / "ecbplus" / "text"))
    ap.add_argument("--out", default=str(ROOT / "out" / "bench-stories"))
    ap.add_argument("--order-seed", type=int, default=1)
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    docs = prepared_folder(pathlib.Path(a.text), "ecbplus")
    t0 = time.perf_counter()
    groups = group_stories(docs)
    print(f"batch: {len(docs)} documents -> {len(groups)} stories in "
          f"{time.perf_counter() - t0:.1f}s")
    write_report(out / "report-batch.json", docs, groups)
    print(score(out / "report-batch.json"))
    for g in groups[:5]:
        print(f"  {len(g):3d}  {story_title(g)}")

    order = list(docs)
    random.Random(a.order_seed).shuffle(order)
    feats = features_for(order)
    index = StoryIndex(MemoryBackend())
    t0 = time.perf_counter()
    by_story: dict[str, list[Document]] = {}
    for d, f in zip(order, feats, strict=True):
        by_story.setdefault(index.assign(d, f).story_id, []).append(d)
    print(f"incremental (shuffled, seed {a.order_seed}): {len(by_story)} stories in "
          f"{time.perf_counter() - t0:.1f}s")
    write_report(out / "report-incremental.json", docs, list(by_story.values()))
    print(score(out / "report-incremental.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
