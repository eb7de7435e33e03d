"""Train the attribution candidate scorer on PolNeAR train.

usage: python bench/attribution_train.py [--limit N] [-C 0.1]
Needs scikit-learn: pip install -e '.[train]'. Takes a few minutes (parsing 840 articles);
the parse is cached under out/bench-cache. Writes the weights as data,
corroborator/extract/attribution_weights.npz, with attribution_weights.meta.json beside it
(training data, settings, command, date, the feature templates' hash that the scorer
checks at load). After retraining, refit the reranker's blend:
python bench/attribution_rerank_train.py blend.
"""

from __future__ import annotations

import argparse
import datetime
import pathlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# run as `python bench/<script>.py`: the helper module beside it is importable

from attribution_polnear import (  # noqa: E402
    ROOT,
    Span2,
    closest_candidates,
    load_split,
    parsed,
)

from corroborator.extract.attribution_candidates import candidates  # noqa: E402
from corroborator.extract.attribution_scorer import (  # noqa: E402
    WEIGHTS_FILE,
    features,
    save_weights,
)

WEIGHTS = WEIGHTS_FILE
CACHE = ROOT / "out" / "bench-cache"
MIN_COUNT = 5
MIN_WEIGHT = 0.02  # smaller weights are dropped


def examples(pairs: list[tuple[Doc, list[dict[str, Span2 | None]]]]
             ) -> tuple[list[list[str]], list[int]]:
    """Feature lists and 0/1 labels: is a candidate the closest match of a gold content."""
    xs: list[list[str]] = []
    ys: list[int] = []
    for sdoc, gold in pairs:
        cands, _ = candidates(sdoc)
        positive = closest_candidates(gold, [c.content for c in cands])
        for ci, c in enumerate(cands):
            xs.append(features(c))
            ys.append(int(ci in positive))
    return xs, ys


def fit(xs: list[list[str]], ys: list[int], c_reg: float = 0.5) -> dict[str, float]:
    """L2 logistic regression over binary features seen at least MIN_COUNT times."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for x in xs for f in set(x))
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    vec = DictVectorizer()
    mat = vec.fit_transform([{f: 1 for f in x if f in keep and f != "bias"} for x in xs])
    model = LogisticRegression(C=c_reg, max_iter=2000)
    model.fit(mat, ys)
    weights = {"bias": float(model.intercept_[0])}
    for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True):
        if abs(w) >= MIN_WEIGHT:
            weights[str(name)] = round(float(w), 3)
    return weights


def write_weights(weights: dict[str, float], path: pathlib.Path = WEIGHTS,
                  meta: dict[str, Any] | None = None) -> pathlib.Path:
    """The weights as data (the same floats back from load_weights) and their metadata
    beside them; returns the metadata file."""
    return save_weights(weights, path, meta)


def training_meta(c_reg: float, limit: int | None, articles: int, candidates_n: int,
                  positives: int) -> dict[str, Any]:
    """What the metadata file says about one training run."""
    import sklearn

    return {
        "model": "L2 logistic regression (scikit-learn LogisticRegression, lbfgs, max_iter "
                 "2000) over binary features (attribution_scorer.features)",
        "data": f"shared/data/polnear/train (PolNeAR v1.0.0 train, {articles} articles"
                f"{f' (--limit {limit})' if limit else ''}, first annotator's .ann of each "
                "article)",
        "split": "all of train; dev (84 articles) is only scored, by bench/attribution.py",
        "label": "1 for the candidate closest to a gold content (bench/attribution_polnear."
                 "closest_candidates), else 0",
        "settings": {"C": c_reg, "min_count": MIN_COUNT, "min_abs_weight": MIN_WEIGHT,
                     "rounding": "weights to 3 decimals, bias unrounded"},
        "examples": {"candidates": candidates_n, "positive": positives},
        "scikit-learn": sklearn.__version__,
        "command": " ".join(["python bench/attribution_train.py", *sys.argv[1:]]),
        "made": datetime.date.today().isoformat(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description="Train the attribution scorer on PolNeAR train.")
    ap.add_argument("--limit", type=int, help="only the first N train articles")
    ap.add_argument("-C", type=float, default=0.1, help="inverse L2 regularisation")
    a = ap.parse_args()
    arts = load_split("train", a.limit)
    docs = list(parsed([t for _, t, _ in arts], CACHE))
    xs, ys = examples([(sd, g) for sd, (_, _, g) in zip(docs, arts, strict=True)])
    weights = fit(xs, ys, a.C)
    meta = write_weights(weights, WEIGHTS,
                         training_meta(a.C, a.limit, len(arts), len(ys), sum(ys)))
    print(f"trained on {len(arts)} articles, {len(ys)} candidates, {sum(ys)} positive; "
          f"{len(weights)} weights -> {WEIGHTS.relative_to(ROOT)}, "
          f"{meta.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
