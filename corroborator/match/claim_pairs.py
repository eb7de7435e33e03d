"""Do two sentences state the same claim? A learned pair model, and the laws it obeys.

The model is a logistic regression over features of the two sentences alone (their
MiniLM cosine, how well each one's words are covered by the other's, in tokens and in
contextual token vectors, names, numbers, negation). It is fitted by
``bench/pair_model.py`` on real news sentence pairs (MRPC train) and shipped as data:
``claim_pair_model.json`` with its metadata in ``claim_pair_model.meta.json``. The
feature set is hashed; a model fitted on another feature set is refused at load.

In ``analyze`` the model decides the verdict, not the grouping: a claim is
``corroborated`` only when two independent sources among its supporting mentions are
confirmed by it to state the same claim (corroborator.match.confirm).
"""

from __future__ import annotations

import functools
import json
import pathlib
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Any

import numpy as np

from corroborator.errors import CorroboratorError
from corroborator.learned import feature_hash
from corroborator.match.linking import SIGNIFICANT, act_of, text_numbers
from corroborator.match.units import STOP_WORDS

MODEL_FILE = pathlib.Path(__file__).with_name("claim_pair_model.json")

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_NEGATOR = re.compile(r"\b(?:not|no|never|none|nothing|nobody|neither|nor)\b|n[’']t\b",
                      re.IGNORECASE)
# the features, in the model's order; their names are hashed into the model file
FEATURES = (
    "cosine",
    "jaccard_words", "jaccard_content", "cover_content_min", "cover_content_max",
    "jaccard_bigrams", "length_ratio",
    "numbers_differ", "number_one_side", "jaccard_numbers",
    "jaccard_names", "names_unshared",
    "negation_differs", "refusal_differs",
    "align_mean_min", "align_mean_max", "align_worst_min", "align_worst_max",
    "align_low3_min", "align_low3_max", "align_unmatched_max",
)
FEATURE_HASH = feature_hash(FEATURES)


def stance_of(text: str) -> str:
    """assertion / refusal: a sentence that denies, rebuts or declines to confirm (the
    matcher's speech acts: denial and non-denial are refusals)."""
    return "assertion" if act_of(text) == "assertion" else "refusal"


def _jaccard(a: Set[Any], b: Set[Any], empty: float = 1.0) -> float:
    return len(a & b) / len(a | b) if (a or b) else empty


def _cover(a: Set[Any], b: Set[Any]) -> float:
    return len(a & b) / len(a) if a else 1.0


# words, content words, bigrams, length, numbers, names, negated, a refusal
_Facts = tuple[frozenset[str], frozenset[str], frozenset[tuple[str, str]], int,
               frozenset[float], frozenset[str], bool, bool]


@functools.lru_cache(maxsize=65536)
def _text_facts(text: str) -> _Facts:
    words = _WORD.findall(text)
    low = [w.lower() for w in words]
    content = frozenset(low) - STOP_WORDS
    names = frozenset(w.lower() for n, w in enumerate(words) if w[0].isupper() and n > 0)
    return (frozenset(low), content, frozenset(zip(low, low[1:], strict=False)), len(low),
            text_numbers(text), names, bool(_NEGATOR.search(text)),
            stance_of(text) == "refusal")


def _alignment(ta: np.ndarray, tb: np.ndarray) -> tuple[float, ...]:
    """How well each side's tokens find a counterpart in the other (BERTScore-like)."""
    s = ta @ tb.T
    ra, rb = s.max(axis=1), s.max(axis=0)
    mean = (float(ra.mean()), float(rb.mean()))
    worst = (float(ra.min()), float(rb.min()))
    low3 = (float(np.sort(ra)[:3].mean()), float(np.sort(rb)[:3].mean()))
    unmatched = (float((ra < 0.5).mean()), float((rb < 0.5).mean()))
    return (min(mean), max(mean), min(worst), max(worst), min(low3), max(low3),
            max(unmatched))


def features(a: str, b: str, cos: float, ta: np.ndarray, tb: np.ndarray) -> list[float]:
    """The FEATURES of one pair: texts, their sentence cosine, their token vectors.

    Every feature is symmetric: (a, b) and (b, a) score alike."""
    wa, ca, ga, la, na, pa, nega, refa = _text_facts(a)
    wb, cb, gb, lb, nb, pb, negb, refb = _text_facts(b)
    big_a = {v for v in na if v >= SIGNIFICANT}
    big_b = {v for v in nb if v >= SIGNIFICANT}
    return [
        cos,
        _jaccard(wa, wb), _jaccard(ca, cb),
        min(_cover(ca, cb), _cover(cb, ca)), max(_cover(ca, cb), _cover(cb, ca)),
        _jaccard(ga, gb), min(la, lb) / max(la, lb, 1),
        float(bool(big_a) and bool(big_b) and not (big_a & big_b)),
        float(bool(big_a) != bool(big_b)), _jaccard(na, nb),
        _jaccard(pa, pb), float(len(pa ^ pb)),
        float(nega != negb), float(refa != refb),
        *_alignment(ta, tb),
    ]


@dataclass(frozen=True)
class PairModel:
    """A fitted logistic regression over FEATURES (standardised), and its threshold."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((np.atleast_2d(x) - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def to_json(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        return {"features": list(FEATURES), "feature_hash": FEATURE_HASH,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept,
                "threshold": self.threshold, **(extra or {})}


def model_from_json(data: dict[str, Any], where: str = "model") -> PairModel:
    """A PairModel from its JSON form; a model of another feature set is an error."""
    if data.get("feature_hash") != FEATURE_HASH or data.get("features") != list(FEATURES):
        raise CorroboratorError(
            f"{where}: fitted on another feature set (hash {data.get('feature_hash')}, "
            f"this code computes {FEATURE_HASH}); refit with python -m bench.pair_model")
    return PairModel(np.asarray(data["mean"], dtype=np.float64),
                     np.asarray(data["scale"], dtype=np.float64),
                     np.asarray(data["coef"], dtype=np.float64),
                     float(data["intercept"]), float(data["threshold"]))


@functools.lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_FILE)) -> PairModel:
    try:
        data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CorroboratorError(f"cannot read the claim-pair model {path}: {e}") from e
    return model_from_json(data, path)


@dataclass(frozen=True)
class PairVerdict:
    score: float
    same_claim: bool
    relation: str  # same-claim / disputes / different


# below the threshold, a pair this likely to be about one thing, one side refusing and the
# other not, is told apart as ``disputes`` (a label only: it decides no link)
DISPUTE_FLOOR = 0.5


def relation_of(a: str, b: str, p: float, threshold: float) -> PairVerdict:
    """same-claim when the model's probability reaches the threshold; else ``disputes``
    when one side refuses (denies, rebuts, will not confirm) and the other does not, on a
    close subject; else ``different``.

    A refusal is not made a law here: on MRPC train 16 of the 29 pairs where only one side
    reads as a refusal are labelled the same claim ("declined to comment" / "had no
    comment"); the model weighs it as a feature instead."""
    same = p >= threshold
    if same:
        return PairVerdict(round(p, 4), True, "same-claim")
    if p >= DISPUTE_FLOOR and _text_facts(a)[7] != _text_facts(b)[7]:
        return PairVerdict(round(p, 4), False, "disputes")
    return PairVerdict(round(p, 4), False, "different")


def pair_features(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """FEATURES for each pair of texts (embeds them; vectors are cached per text)."""
    from corroborator.extract.embed import embed, embed_tokens

    texts = list(dict.fromkeys(t for p in pairs for t in p))
    tokens = dict(zip(texts, embed_tokens(texts), strict=True))
    vecs = dict(zip(texts, embed(texts), strict=True))
    return np.array([features(a, b, float(vecs[a] @ vecs[b]), tokens[a], tokens[b])
                     for a, b in pairs], dtype=np.float64).reshape(len(pairs), len(FEATURES))


def judge_pairs(pairs: Sequence[tuple[str, str]], model: PairModel | None = None
                ) -> list[PairVerdict]:
    """Score each (a, b) pair with the shipped model and threshold (as ``analyze`` links)."""
    if not pairs:
        return []
    model = model or load_model()
    probs = model.probability(pair_features(pairs))
    return [relation_of(a, b, float(p), model.threshold)
            for (a, b), p in zip(pairs, probs, strict=True)]


class ClaimGate:
    """The pair model over one story's mentions, asked pair by pair (by index into
    ``texts``) and remembered: what the matcher asks before it links two articles."""

    def __init__(self, texts: Sequence[str], model: PairModel | None = None) -> None:
        self.texts = list(texts)
        self.model = model or load_model()
        self._p: dict[tuple[int, int], float] = {}
        self._tokens: dict[int, np.ndarray] = {}
        self._vecs: dict[int, np.ndarray] = {}

    def _embed(self, idx: set[int]) -> None:
        from corroborator.extract.embed import embed, embed_tokens

        todo = sorted(i for i in idx if i not in self._tokens)
        if todo:
            texts = [self.texts[i] for i in todo]
            for i, t, v in zip(todo, embed_tokens(texts), embed(texts), strict=True):
                self._tokens[i], self._vecs[i] = t, v

    def probabilities(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        """P(same claim) for each (i, j), computed in one batch for those not yet known."""
        todo = list(dict.fromkeys(k for i, j in pairs
                                  if (k := (min(i, j), max(i, j))) not in self._p))
        if todo:
            self._embed({i for p in todo for i in p})
            x = np.array([features(self.texts[i], self.texts[j],
                                   float(self._vecs[i] @ self._vecs[j]),
                                   self._tokens[i], self._tokens[j]) for i, j in todo])
            for k, p in zip(todo, self.model.probability(x).tolist(), strict=True):
                self._p[k] = p
        return [self._p[(min(i, j), max(i, j))] for i, j in pairs]

    def same(self, i: int, j: int) -> bool:
        return self.probabilities([(i, j)])[0] >= self.model.threshold
