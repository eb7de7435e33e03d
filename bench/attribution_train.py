"""Train the attribution candidate scorer on PolNeAR train; writes attribution_weights.py.

usage: python bench/attribution_train.py [--limit N]
Takes a few minutes (parsing 840 articles); the parse is cached under out/bench-cache.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
from typing import TYPE_CHECKING

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
from corroborator.extract.attribution_scorer import features  # noqa: E402

WEIGHTS = ROOT / "corroborator" / "extract" / "attribution_weights.py"
CACHE = ROOT / "out" / "bench-cache"
MIN_COUNT = 5


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
        if abs(w) >= 0.02:
            weights[str(name)] = round(float(w), 3)
    return weights


def write_weights(weights: dict[str, float], path: pathlib.Path = WEIGHTS) -> None:
    lines = ['"""Attribution scorer weights (PolNeAR train), by bench/attribution_train.py."""',
             "", "WEIGHTS: dict[str, float] = {"]
    for k in sorted(weights):
        lines.append(f"    {k!r}: {weights[k]!r},")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("-C", type=float, default=0.1)
    a = ap.parse_args()
    arts = load_split("train", a.limit)
    docs = list(parsed([t for _, t, _ in arts], CACHE))
    xs, ys = examples([(sd, g) for sd, (_, _, g) in zip(docs, arts, strict=True)])
    weights = fit(xs, ys, a.C)
    write_weights(weights)
    print(f"trained on {len(arts)} articles, {len(ys)} candidates, {sum(ys)} positive; "
          f"{len(weights)} weights -> {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
