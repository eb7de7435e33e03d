"""Fit the actor model (is a listed speaker an actor?) and report it cross-validated.

usage: python -m bench.actor_model [--folds 5] [--write]
Needs scikit-learn: pip install -e '.[train]'.

Reads ``tests/data/actors.jsonl`` (names the tool listed as actors on ECB+ and PolNeAR
articles, each labelled actor or not by reading) and computes
corroborator.extract.actor_model.FEATURES for each name.

1. k-fold cross-validation, folds by article (an ECB+ topic, a PolNeAR file: names of one
   article never sit in two folds). Inside each training part a 5-fold inner
   cross-validation chooses the threshold (the least out-of-fold cost, an actor hidden
   costing twice a stray name listed);
   the held-out fold is scored at it. Baselines on the same folds: keep every name (what
   the tool did), and the kind alone (a logistic model over the kind one-hot and shape).
   Mean and worst fold are printed: accuracy, non-actors removed, actors kept.
2. With --write, the model refitted on all names, its threshold chosen the same way on
   out-of-fold scores of all names, is written to corroborator/extract/actor_model.npz with
   actor_model.meta.json beside it.
"""

from __future__ import annotations

import argparse
import datetime
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if not p.rstrip("/").endswith("bench")]
sys.path.insert(0, str(ROOT))

from corroborator.extract import actor_model  # noqa: E402
from corroborator.learned import write_meta  # noqa: E402

DATA = ROOT / "tests" / "data" / "actors.jsonl"
SHARED = ROOT.parent / "shared"
C = 1.0
ACTOR_COST = 2.0  # an actor hidden weighs twice a stray name listed
SEED = 0
N_BASIC = len(actor_model.KINDS) + len(actor_model.SHAPE) + len(actor_model.ENTITY)


def load(path: pathlib.Path = DATA) -> tuple[list[dict[str, object]], np.ndarray, np.ndarray]:
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    y = np.array([int(bool(r["actor"])) for r in rows])
    groups = np.array([_group(str(r["source"])) for r in rows])
    return rows, y, groups


def _group(source: str) -> str:
    name = pathlib.Path(source).name
    if source.startswith("ecbplus"):
        return "ecb-" + name.split("_", 1)[0]  # the topic: its stories share names
    return "pn-" + name


def name_features(rows: list[dict[str, object]]) -> np.ndarray:
    """actor_model.features for each row, with the named entities of its article (parsed
    as the pipeline parses it)."""
    from corroborator.extract.parse import parse
    from corroborator.extract.speakers import clean_name
    from corroborator.model import Document

    by_source: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_source.setdefault(str(r["source"]), []).append(i)
    x = np.zeros((len(rows), len(actor_model.FEATURES)), dtype=np.float32)
    for source, idx in by_source.items():
        text = (SHARED / "data" / source).read_text(encoding="utf-8")
        sdoc = parse(Document(id="d", source=source, text=text))
        persons = {clean_name(e.text) for e in sdoc.ents if e.label_ == "PERSON"}
        persons |= {w.lower() for n in persons if (w := n.split()[-1] if n.split() else "")}
        orgs = {clean_name(e.text) for e in sdoc.ents if e.label_ in ("ORG", "NORP", "GPE",
                                                                     "FAC")}
        x[idx] = actor_model.features([str(rows[i]["name"]) for i in idx],
                                      [str(rows[i]["tool_type"]) for i in idx], persons, orgs)
    return x


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=C, max_iter=5000).fit(x, y)
    return lr.coef_[0].astype(np.float32), float(lr.intercept_[0])


def prob(x: np.ndarray, model: tuple[np.ndarray, float]) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ model[0] + model[1]))))


def group_folds(groups: np.ndarray, k: int, seed: int = SEED) -> list[np.ndarray]:
    """k folds of row indices; every group (article) in exactly one fold."""
    uniq = sorted(set(groups.tolist()))
    rng = np.random.default_rng(seed)
    rng.shuffle(uniq)
    of = {g: i % k for i, g in enumerate(uniq)}
    return [np.array([i for i, g in enumerate(groups) if of[g] == f]) for f in range(k)]


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int) -> np.ndarray:
    out = np.zeros(len(y))
    for test in group_folds(groups, k, SEED + 1):
        train = np.setdiff1d(np.arange(len(y)), test)
        out[test] = prob(x[test], fit(x[train], y[train]))
    return out


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The threshold with the least cost: an actor left out of the list costs
    ACTOR_COST, a non-actor listed costs 1 (a user misses a hidden actor more than they
    mind a stray name)."""
    cands = np.unique(np.round(scores, 3))
    costs = [ACTOR_COST * ((scores < t) & (y == 1)).sum() + ((scores >= t) & (y == 0)).sum()
             for t in cands]
    return float(cands[int(np.argmin(costs))])


def measure(keep: np.ndarray, y: np.ndarray) -> dict[str, float]:
    non = y == 0
    return {"accuracy": float((keep == y.astype(bool)).mean()),
            "removed": float((~keep[non]).mean()) if non.any() else 1.0,
            "kept": float(keep[~non].mean()) if (~non).any() else 1.0}


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray, k: int
                   ) -> dict[str, list[dict[str, float]]]:
    res: dict[str, list[dict[str, float]]] = {"keep every name": [], "kind, shape, entities": [],
                                              "model": []}
    for test in group_folds(groups, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        res["keep every name"].append(measure(np.ones(len(test), bool), y[test]))
        for name, cols in (("kind, shape, entities", slice(0, N_BASIC)), ("model", slice(None))):
            xt = x[train][:, cols]
            t = best_threshold(out_of_fold(xt, y[train], groups[train], 5), y[train])
            keep = prob(x[test][:, cols], fit(xt, y[train])) >= t
            res[name].append(measure(keep, y[test]))
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    rows, y, groups = load()
    x = name_features(rows)
    print(f"{len(rows)} names, {int(y.sum())} actors, {len(set(groups.tolist()))} articles/topics")
    res = cross_validate(x, y, groups, a.folds)
    summary: dict[str, dict[str, float]] = {}
    for name, per in res.items():
        line = []
        for key in ("accuracy", "removed", "kept"):
            vals = [p[key] for p in per]
            summary[f"{name}"] = summary.get(name, {}) | {f"{key}_mean": float(np.mean(vals)),
                                                          f"{key}_worst": float(min(vals))}
            line.append(f"{key} {np.mean(vals):.3f} (worst {min(vals):.3f})")
        print(f"{name:16s} " + ", ".join(line))
    if a.write:
        t = best_threshold(out_of_fold(x, y, groups, a.folds), y)
        coef, intercept = fit(x, y)
        np.savez(actor_model.MODEL, coef=coef, intercept=np.float32(intercept),
                 threshold=np.float32(t))
        write_meta(actor_model.MODEL, {
            "model": f"logistic regression (scikit-learn LogisticRegression, C={C}, lbfgs) "
                     "over actor_model.FEATURES (kind one-hot, name shape, MiniLM-L6 "
                     "embedding of the name)",
            "data": "tests/data/actors.jsonl (names listed by corroborator on ECB+ and "
                    "PolNeAR train articles, labelled actor or not by reading)",
            "split": f"all {len(rows)} names; threshold {t:.3f} from {a.folds}-fold "
                     "out-of-fold accuracy, folds by article (ECB+ topic)",
            "settings": {"C": C, "seed": SEED, "folds": a.folds},
            "cross_validation": summary,
            "feature_version": actor_model.FEATURE_VERSION,
            "feature_hash": actor_model.FEATURE_HASH,
            "command": actor_model.COMMAND,
            "date": datetime.date.today().isoformat(),
        })
        print(f"wrote {actor_model.MODEL.relative_to(ROOT)} (threshold {t:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
