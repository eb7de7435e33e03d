"""Choose story-grouping weights on ECB+ by leave-topics-out cross-validation.

usage: python -m bench.stories_tune [--configs 400] [--folds 5] [--seed 3]
Clusters the whole corpus once per sampled configuration (clustering never sees labels),
scores B-cubed F1 per fold of topics, then for each fold picks the configuration best on
the OTHER folds and reports its score on the held-out fold (nested estimate). Also prints
the configuration with the best mean fold score and how it does on each half of the
topics clustered alone (robustness to corpus size).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import random
import sys
from dataclasses import asdict, replace

import numpy as np

if __package__ in (None, ""):
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))

from bench.ecb_cache import ROOT, prepared_folder  # noqa: E402
from corroborator.stories import features_for  # noqa: E402
from corroborator.stories.grouping import (  # noqa: E402
    DEFAULT_PARAMS,
    DEFAULT_REFINE,
    GroupingParams,
    RefineParams,
    component_similarities,
    two_pass_labels,
)

SHARED = ROOT.parent / "shared"


def bcubed(labels: list[int], gold: list[str], subset: list[int]) -> float:
    """B-cubed F1 over the documents in ``subset`` (clusters cut to the subset)."""
    p = r = 0.0
    for i in subset:
        sys_same = {j for j in subset if labels[j] == labels[i]}
        gold_same = {j for j in subset if gold[j] == gold[i]}
        both = len(sys_same & gold_same)
        p += both / len(sys_same)
        r += both / len(gold_same)
    p, r = p / len(subset), r / len(subset)
    return 2 * p * r / (p + r) if p + r else 0.0


def sample(rng: random.Random) -> tuple[GroupingParams, RefineParams]:
    """A random configuration near the current defaults."""
    def pick(xs: list[float]) -> float:
        return rng.choice(xs)
    p = GroupingParams(
        w_words=pick([0.1, 0.2, 0.3]), w_entities=pick([0.1, 0.2, 0.3, 0.4]),
        w_embedding=pick([0.2, 0.3, 0.4]), w_years=pick([0.0, 0.1, 0.2, 0.3]),
        threshold=pick([0.15, 0.2, 0.25, 0.3]), w_places=pick([0.0, 0.1, 0.2]),
        w_dates=pick([0.0, 0.1, 0.2, 0.3]), w_conflict=pick([0.0, 0.1, 0.2, 0.4]),
        optional_missing=rng.random() < 0.5)
    r = RefineParams(
        w_words=pick([0.0, 0.1, 0.2]), w_entities=pick([0.4, 0.6, 0.8]),
        w_embedding=pick([0.1, 0.2, 0.3]), w_years=pick([0.0, 0.1, 0.2, 0.3]),
        threshold=pick([0.03, 0.05, 0.08, 0.12]), min_size=rng.choice([3, 4, 6]),
        w_places=pick([0.0, 0.1, 0.2]), w_dates=pick([0.0, 0.1, 0.2, 0.3]),
        w_conflict=pick([0.0, 0.1, 0.2, 0.4]), optional_missing=rng.random() < 0.5)
    return p, r


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--configs", type=int, default=400)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--local", action="store_true", help="perturb the current choice")
    a = ap.parse_args()
    docs = prepared_folder(SHARED / "data" / "ecbplus" / "text", "ecbplus")
    gold_all = json.loads((SHARED / "data" / "ecbplus" / "gold.json").read_text())["documents"]
    stems = [pathlib.Path(d.id).stem for d in docs]
    gold = [gold_all[s]["story"] for s in stems]
    topics = [gold_all[s]["topic"] for s in stems]
    feats = features_for(docs)
    parts = component_similarities(feats)
    rng = random.Random(a.seed)
    tlist = sorted(set(topics), key=lambda t: int(t))
    rng.shuffle(tlist)
    folds = [[i for i, t in enumerate(topics) if t in set(tlist[k :: a.folds])]
             for k in range(a.folds)]
    draw = (lambda: perturb(rng, current_choice())) if a.local else (lambda: sample(rng))
    configs = [(DEFAULT_PARAMS, DEFAULT_REFINE)] + [draw() for _ in range(a.configs)]
    configs.append(current_choice())
    scores = np.zeros((len(configs), a.folds))
    full = np.zeros(len(configs))
    allidx = list(range(len(docs)))
    for c, (p, r) in enumerate(configs):
        labels = two_pass_labels(feats, p, r, parts)
        scores[c] = [bcubed(labels, gold, f) for f in folds]
        full[c] = bcubed(labels, gold, allidx)
    nested = []
    for k in range(a.folds):
        train = [j for j in range(a.folds) if j != k]
        best = int(np.argmax(scores[:, train].mean(axis=1)))
        nested.append(scores[best, k])
        print(f"fold {k}: best on others = config {best} "
              f"(train {scores[best, train].mean():.3f}) held-out {scores[best, k]:.3f}")
    print(f"nested CV mean held-out F1 {np.mean(nested):.3f} (per fold "
          f"{', '.join(f'{x:.3f}' for x in nested)})")
    print(f"defaults: full {full[0]:.3f} fold mean {scores[0].mean():.3f}")
    print(f"current choice: full {full[-1]:.3f} fold mean {scores[-1].mean():.3f} "
          f"min fold {scores[-1].min():.3f}")
    order = np.argsort(-scores.mean(axis=1))
    for c in order[:8]:
        p, r = configs[c]
        print(f"config {c}: fold mean {scores[c].mean():.3f} min {scores[c].min():.3f} "
              f"full {full[c]:.3f}\n  {asdict(p)}\n  {asdict(r)}")
    best_p, best_r = configs[int(order[0])]
    halves = [[i for i, t in enumerate(topics) if int(t) <= 11],
              [i for i, t in enumerate(topics) if int(t) > 11]]
    for name, (p, r) in (("best", (best_p, best_r)), ("current", configs[-1])):
        out = []
        for h in halves:
            sub = [feats[i] for i in h]
            lab = two_pass_labels(sub, p, r)
            out.append(bcubed(lab, [gold[i] for i in h], list(range(len(h)))))
        print(f"{name}: topics 1-11 alone {out[0]:.3f}, 12-22 alone {out[1]:.3f}")
    return 0


def current_choice() -> tuple[GroupingParams, RefineParams]:
    """The configuration under test (edit while exploring)."""
    return replace(DEFAULT_PARAMS), replace(DEFAULT_REFINE)


def perturb(rng: random.Random, base: tuple[GroupingParams, RefineParams]
            ) -> tuple[GroupingParams, RefineParams]:
    """The base configuration with two or three weights moved by one step."""
    p, r = base
    for _ in range(rng.choice([2, 3])):
        which = rng.choice(["p", "r"])
        obj = p if which == "p" else r
        name = rng.choice([k for k in asdict(obj) if k.startswith(("w_", "threshold"))])
        step = 0.02 if name == "threshold" else 0.1
        val = max(0.0, round(getattr(obj, name) + rng.choice([-step, step]), 3))
        if which == "p":
            p = replace(p, **{name: val})
        else:
            r = replace(r, **{name: val})
    return p, r


if __name__ == "__main__":
    sys.exit(main())
