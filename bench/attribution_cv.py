"""The attribution scorer cross-validated on PolNeAR train + dev, articles as units.

usage: python bench/attribution_cv.py [--folds 5] [-C 0.1] [--limit N]
Needs scikit-learn: pip install -e '.[train]'. Parses the 924 articles once (cached under
out/bench-cache), then for each fold fits the logistic scorer on the other folds exactly as
bench/attribution_train.py does, and scores find_attributions with those weights on the
held-out articles with the shared scorer's rule (a gold attribution is found when a
predicted content and the gold content each cover half of the other; source and cue are
right when they overlap the gold ones). The reranker is off in every fold: it was trained
on all of train (on a GPU), so no fold's held-out articles are unseen by it. The shipped
weights, scored on the same folds, are printed for comparison: they were fitted on all of
train, so their figures on train articles are not held-out ones.
"""

from __future__ import annotations

import argparse
import random
import sys

# run as `python bench/<script>.py`: the helper modules beside it are importable
from attribution_polnear import ROOT, Gold, load_split, parsed  # noqa: E402
from attribution_train import CACHE, examples, fit  # noqa: E402

from corroborator.extract.attribution import find_attributions  # noqa: E402
from corroborator.model import Document  # noqa: E402

SEED = 0


def _ov(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(preds: list[list[dict[str, tuple[int, int] | None]]], golds: list[Gold]
          ) -> dict[str, float]:
    """Content precision/recall/F1, and source and cue accuracy over found pairs whose gold
    has one: the shared scorer's rules (shared/eval/score_attribution.py), summed over
    articles; each gold takes the unused prediction it overlaps most."""
    n_pred = n_gold = found = src_ok = src_all = cue_ok = cue_all = 0
    for pred_all, gold in zip(preds, golds, strict=True):
        pred = [p for p in pred_all if p.get("content")]
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        for g in gold:
            gc = g["content"]
            assert gc is not None
            best, bi = 0, None
            for i, p in enumerate(pred):
                pc = p["content"]
                if i in used or pc is None:
                    continue
                o = _ov(gc, pc)
                if o >= 0.5 * (gc[1] - gc[0]) and o >= 0.5 * (pc[1] - pc[0]) and o > best:
                    best, bi = o, i
            if bi is None:
                continue
            used.add(bi)
            found += 1
            p = pred[bi]
            gs, ps, gq, pq = g.get("source"), p.get("source"), g.get("cue"), p.get("cue")
            if gs:
                src_all += 1
                src_ok += bool(ps and _ov(gs, ps))
            if gq:
                cue_all += 1
                cue_ok += bool(pq and _ov(gq, pq))
    prec = found / n_pred if n_pred else 0.0
    rec = found / n_gold if n_gold else 0.0
    return {"precision": prec, "recall": rec,
            "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "source": src_ok / max(1, src_all), "cue": cue_ok / max(1, cue_all)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("-C", type=float, default=0.1, help="inverse L2 regularisation")
    ap.add_argument("--limit", type=int, help="only the first N articles of each split")
    a = ap.parse_args()
    arts = load_split("train", a.limit) + load_split("dev", a.limit)
    docs = list(parsed([t for _, t, _ in arts], CACHE))
    order = list(range(len(arts)))
    random.Random(SEED).shuffle(order)
    fold_of = {i: k % a.folds for k, i in enumerate(order)}
    rows: dict[str, list[dict[str, float]]] = {"cross-validated": [], "shipped weights": []}
    for f in range(a.folds):
        train = [i for i in range(len(arts)) if fold_of[i] != f]
        test = [i for i in range(len(arts)) if fold_of[i] == f]
        xs, ys = examples([(docs[i], arts[i][2]) for i in train])
        weights = fit(xs, ys, a.C)
        golds = [arts[i][2] for i in test]
        for name, w in (("cross-validated", weights), ("shipped weights", None)):
            preds = []
            for i in test:
                key, text, _ = arts[i]
                atts = find_attributions(Document(key, key, text), docs[i], rerank_mode="off",
                                         weights=w)
                preds.append([{"source": x.source, "cue": x.cue, "content": x.content}
                              for x in atts])
            rows[name].append(score(preds, golds))
        r = rows["cross-validated"][-1]
        print(f"fold {f}: {len(train)} articles fitted, {len(test)} held out: content F1 "
              f"{r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f}), source "
              f"{r['source']:.3f}, cue {r['cue']:.3f}", flush=True)
    for name, per in rows.items():
        parts = []
        for k in ("f1", "source", "cue"):
            vals = [p[k] for p in per]
            parts.append(f"{k} {sum(vals) / len(vals):.3f} (worst {min(vals):.3f})")
        print(f"{name:16s} " + ", ".join(parts))
    print(f"({len(arts)} articles from {ROOT.parent / 'shared'}, {a.folds} folds by article, "
          f"seed {SEED}, C={a.C}, reranker off)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
