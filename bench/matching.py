"""Claim matching: quality on ECB+ and the seeds, and speed on 1,000 articles.

usage: python -m bench.matching [--shared ../shared] [--articles 1000] [--skip-speed]

Quality: ECB+ articles are grouped by their gold event (so this measures matching, not
story grouping) and each group goes through build_story; links between validated
sentences are scored like shared/eval/score_ecbplus.py. Speed: the matching stage alone
(units, embeddings, linking, verdicts, figures) over N prepared real articles taken as
one story, the worst case; claims/s and peak memory are printed. Prepared articles are
cached under out/bench-cache/, keyed by the preparing code (the spaCy pass is not what
this measures).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pathlib
import pickle
import resource
import sys
import time
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if not p.rstrip("/").endswith("bench")]
sys.path.insert(0, str(ROOT))

from corroborator.extract.actors import canonicalise_actors  # noqa: E402
from corroborator.ingest import read_inputs  # noqa: E402
from corroborator.match import build_story  # noqa: E402
from corroborator.match.linking import pair_scorer  # noqa: E402
from corroborator.match.units import units_of  # noqa: E402
from corroborator.model import Document  # noqa: E402
from corroborator.pipeline import prepare  # noqa: E402
from corroborator.settings import Settings  # noqa: E402

CACHE = ROOT / "out" / "bench-cache"


def _prepare_code_key() -> str:
    """A digest of the code that prepares articles: a cache from older code is not reused."""
    h = hashlib.sha1()
    pkg = ROOT / "corroborator"
    files = [pkg / "pipeline.py", pkg / "model.py"] + [
        f for part in ("ingest", "clean", "extract") for f in sorted((pkg / part).rglob("*.py"))]
    for f in files:
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def prepared(paths: list[str], name: str) -> list[Document]:
    CACHE.mkdir(parents=True, exist_ok=True)
    f = CACHE / f"matching-{name}-{_prepare_code_key()}.pkl"
    for old in CACHE.glob(f"matching-{name}-*.pkl"):
        if old != f:
            old.unlink()  # prepared by older code
    if f.exists():
        return list(pickle.loads(f.read_bytes()))
    docs, _ = read_inputs(paths, Settings(progress=False))
    docs = [d for d in prepare(docs, Settings(progress=False)) if not d.skipped]
    f.write_bytes(pickle.dumps(docs))
    return docs


def ecb_links(shared: pathlib.Path) -> None:
    gold = json.loads((shared / "data/ecbplus/gold.json").read_text())["documents"]
    docs = prepared([str(shared / "data/ecbplus/text")], "ecbplus")
    canonicalise_actors(docs)
    chains: dict[tuple[str, int], set[str]] = {}
    for d, g in gold.items():
        ok = set(g["validated_sentences"])
        for cid, ms in g["event_chains"].items():
            for _s, _e, sent in ms:
                if sent in ok:
                    chains.setdefault((d, sent), set()).add(cid)
    by_chain: dict[str, set[tuple[str, int]]] = {}
    for ds, cs in chains.items():
        for c in cs:
            by_chain.setdefault(c, set()).add(ds)
    gold_pairs = {(x, y) for m in by_chain.values() for x, y in itertools.combinations(sorted(m), 2)
                  if x[0] != y[0]}
    groups: dict[str, list[Document]] = {}
    for d in docs:
        groups.setdefault(gold[d.id]["story"], []).append(d)
    sys_pairs: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    t0 = time.perf_counter()
    for key, group in groups.items():
        story = build_story(key, group)
        for claim in story.claims:
            sents = set()
            for m in claim.mentions:
                for k, (a0, a1) in gold[m.doc]["sentences"].items():
                    if m.start < a1 and m.end > a0 and (m.doc, int(k)) in chains:
                        sents.add((m.doc, int(k)))
            sys_pairs |= {(x, y) for x, y in itertools.combinations(sorted(sents), 2)
                          if x[0] != y[0]}
    good = len(sys_pairs & gold_pairs)
    print(f"ECB+ claim links (gold story groups, {len(docs)} articles, "
          f"{time.perf_counter() - t0:.0f} s): gold {len(gold_pairs)} ours {len(sys_pairs)} "
          f"right {good} precision {good / max(1, len(sys_pairs)):.3f} "
          f"recall {good / max(1, len(gold_pairs)):.3f}")
    # the floor: every pair of validated sentences of one gold story, linked
    every = {(x, y) for k in groups for x, y in itertools.combinations(
        sorted(ds for ds in chains if gold[ds[0]]["story"] == k), 2) if x[0] != y[0]}
    print(f"ECB+ linking every cross-document sentence pair of a story: {len(every)} pairs, "
          f"precision {len(every & gold_pairs) / max(1, len(every)):.3f}, "
          f"recall {len(every & gold_pairs) / max(1, len(gold_pairs)):.3f}")
    pair_ranking(groups, gold, chains, gold_pairs)
    # how much of the gold is the one happening each story is about
    main: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for k in groups:
        pairs = [{(x, y) for x, y in itertools.combinations(sorted(m), 2) if x[0] != y[0]}
                 for c, m in by_chain.items() if gold[next(iter(m))[0]]["story"] == k]
        main |= max(pairs, key=len, default=set())
    print(f"ECB+ gold pairs within the largest chain of their story: "
          f"{len(main & gold_pairs) / max(1, len(gold_pairs)):.3f}")


def pair_ranking(groups: dict[str, list[Document]], gold: dict[str, Any],
                 chains: dict[tuple[str, int], set[str]],
                 gold_pairs: set[tuple[tuple[str, int], tuple[str, int]]]) -> None:
    """The pair score alone, without clustering: every cross-document pair of units on
    annotated sentences, ranked by pair_score (forbidden pairs last); the precision at
    which the ranking reaches a share of the right pairs. A ceiling for any threshold on
    the pair score; clustering adds links by transitivity and removes some."""
    ranked: list[tuple[float, bool]] = []
    for group in groups.values():
        units = [u for d in group for u in units_of(d)]
        scorer = pair_scorer(units)
        sents = [{(u.doc, int(k)) for k, (a0, a1) in gold[u.doc]["sentences"].items()
                  if u.start < a1 and u.end > a0 and (u.doc, int(k)) in chains} for u in units]
        on = [i for i, s in enumerate(sents) if s]
        for n, i in enumerate(on):
            for j in on[n + 1:]:
                if units[i].doc == units[j].doc:
                    continue
                right = any((min(x, y), max(x, y)) in gold_pairs
                            for x in sents[i] for y in sents[j])
                s = scorer(i, j)
                ranked.append((float("-inf") if s is None else s, right))
    ranked.sort(key=lambda x: -x[0])
    total = sum(r for _, r in ranked)
    line, hit, want = [], 0, [0.4, 0.5, 0.6]
    for n, (_, r) in enumerate(ranked, start=1):
        hit += r
        while want and hit >= want[0] * total:
            line.append(f"recall {want.pop(0):.1f} at precision {hit / n:.3f}")
    print(f"ECB+ unit pairs ranked by pair score alone ({len(ranked)} pairs, "
          f"{total / max(1, len(ranked)):.3f} right): " + ", ".join(line))


def speed(shared: pathlib.Path, n: int) -> None:
    pool = prepared([str(shared / "data/ecbplus/text")], "ecbplus")
    pool += prepared([str(shared / "data/polnear/train/text")], "polnear-train")
    docs = pool[:n]
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    story = build_story("bench", docs)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    mentions = sum(len(c.mentions) for c in story.claims)
    print(f"matching stage on {len(docs)} articles as one story: {dt:.1f} s, "
          f"{len(story.claims)} claims from {mentions} units, "
          f"{len(story.claims) / dt:.1f} claims/s, {mentions / dt:.1f} units/s, "
          f"peak RSS {rss / 1024:.0f} MiB (before the stage {rss0 / 1024:.0f} MiB)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--skip-speed", action="store_true")
    a = ap.parse_args()
    shared = pathlib.Path(a.shared)
    ecb_links(shared)
    if not a.skip_speed:
        speed(shared, a.articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
