"""Score find_attributions on PolNeAR with the shared scorer; print its figures and articles/s.

usage: python bench/attribution.py [--split dev] [--limit N] [--out PRED.jsonl]
The parse is cached under out/bench-cache; articles/s counts parsing plus extraction
of a fresh run (the cached parse is not used for the timing).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import time

# run as `python bench/<script>.py`: the helper module beside it is importable
from attribution_polnear import POLNEAR, ROOT, load_split, parsed  # noqa: E402

from corroborator.extract.attribution import find_attributions  # noqa: E402
from corroborator.model import Document  # noqa: E402

SCORER = ROOT.parent / "shared" / "eval" / "score_attribution.py"
CACHE = ROOT / "out" / "bench-cache"


def predict(split: str, limit: int | None, out: pathlib.Path) -> tuple[int, float, float]:
    """Write predictions; return (articles, seconds for extraction, seconds for parsing)."""
    arts = load_split(split, limit)
    t0 = time.perf_counter()
    docs = list(parsed([t for _, t, _ in arts], CACHE))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for (key, text, _), sdoc in zip(arts, docs, strict=True):
            atts = find_attributions(Document(key, key, text), sdoc)
            fh.write(json.dumps({"id": key, "attributions": [
                {"source": a.source, "cue": a.cue, "content": a.content} for a in atts]}) + "\n")
    return len(arts), time.perf_counter() - t0, t_parse


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", default=str(ROOT / "out" / "attribution-pred.jsonl"))
    a = ap.parse_args()
    if not (POLNEAR / a.split).is_dir():
        print(f"bench: no PolNeAR {a.split} split at {POLNEAR}", file=sys.stderr)
        return 1
    out = pathlib.Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n, t_extract, _ = predict(a.split, a.limit, out)
    from corroborator.extract.parse import load_nlp, sentence_case

    sample = [t for _, t, _ in load_split(a.split, min(n, 20))]
    t0 = time.perf_counter()
    for text, sdoc in zip(sample, load_nlp().pipe(map(sentence_case, sample), batch_size=16),
                          strict=True):
        find_attributions(Document("x", "x", text), sdoc)
    speed = len(sample) / (time.perf_counter() - t0)
    res = subprocess.run([sys.executable, str(SCORER), str(out), "--data", str(POLNEAR / a.split)],
                         capture_output=True, text=True, check=False)
    print(res.stdout.rstrip())
    if res.returncode:
        # the train split holds an annotation file the shared scorer cannot read
        print(f"bench: the scorer failed on {a.split}: {res.stderr.strip().splitlines()[-1:]}",
              file=sys.stderr)
    print(f"extraction only {n / max(t_extract, 1e-9):.1f} articles/s; "
          f"parse + extraction {speed:.1f} articles/s")
    return res.returncode


if __name__ == "__main__":
    sys.exit(main())
