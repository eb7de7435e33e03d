"""Store benchmark: add 10,000 real articles one at a time; time per add as the store grows.

usage: python -m bench.store [--n 10000] [--db PATH] [--rebuild-sample 50]
Texts: the ECB+ articles of shared/data (462), repeated with new ids and a changed last
line. Each distinct text is prepared (spaCy) and embedded ONCE and the annotations are
reused for its repeats, so the per-add figure measures the store: index lookup, story
assignment, one SQLite transaction. Story rebuilds (the match stage) are timed apart on a
sample, since their cost depends on the story's size, not on the store's.
"""

from __future__ import annotations

import argparse
import copy
import os
import pathlib
import resource
import statistics
import sys
import tempfile
import time

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))

from bench.ecb_cache import ROOT, prepared_folder  # noqa: E402
from corroborator.model import Document  # noqa: E402
from corroborator.store import Store  # noqa: E402
from corroborator.stories import features_for  # noqa: E402
from corroborator.stories.features import shingle_minhash  # noqa: E402

CHECKPOINTS = (1000, 5000, 10000)
WINDOW = 200  # adds timed around each checkpoint


def variant(base: Document, i: int) -> Document:
    d = copy.copy(base)
    d.id = f"{base.id}-r{i}"
    d.text = base.text + f"\nUpdated copy {i}."  # appended: every offset stays true
    return d


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--rebuild-sample", type=int, default=10)
    a = ap.parse_args()
    base = prepared_folder(ROOT.parent / "shared" / "data" / "ecbplus" / "text", "ecbplus")
    feats = features_for(base)
    print(f"{len(base)} distinct prepared ECB+ texts, repeated to {a.n} articles; each text "
          "prepared and embedded once, its annotations reused for its repeats")
    tmp = tempfile.TemporaryDirectory()
    db = a.db or os.path.join(tmp.name, "bench.db")
    store = Store(db)
    times: list[float] = []
    t_all = time.perf_counter()
    for i in range(a.n):
        b = i % len(base)
        d = variant(base[b], i)
        f = copy.copy(feats[b])
        f.doc_id = d.id
        f.minhash = shingle_minhash(d.body().lower()) if i >= len(base) else f.minhash
        t0 = time.perf_counter()
        store.store_prepared(d, f)
        times.append(time.perf_counter() - t0)
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1} articles, {store.counts()['stories']} stories", file=sys.stderr)
    total = time.perf_counter() - t_all
    print(f"added {a.n} articles in {total:.1f}s: {a.n / total:.0f} articles/s "
          "(including MinHash of each changed text)")
    for n in CHECKPOINTS:
        if n <= a.n:
            w = times[max(0, n - WINDOW) : n]
            print(f"  N={n:>6}: median {statistics.median(w) * 1000:.2f} ms, "
                  f"p99 {pct(w, 0.99) * 1000:.2f} ms per add (last {len(w)} adds)")
    counts = store.counts()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory before story rebuilds (store + index + embedding model): {before:.0f} MiB")
    ids = [r["id"] for r in store.list_stories()][: a.rebuild_sample]
    rb: list[tuple[float, int]] = []
    for sid in ids:
        t0 = time.perf_counter()
        st = store.rebuild_story(sid)
        rb.append((time.perf_counter() - t0, len(st.documents) if st else 0))
    if rb:
        print(f"story rebuild (match stage) on {len(rb)} stories of "
              f"{min(n for _, n in rb)}-{max(n for _, n in rb)} articles: median "
              f"{statistics.median(t for t, _ in rb):.2f}s, max {max(t for t, _ in rb):.2f}s")
    store.close()
    size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
    print(f"store: {counts['articles']} articles, {counts['stories']} stories, "
          f"{size / 2**20:.1f} MiB on disk")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS, whole process incl. embedding model): {peak:.0f} MiB")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
