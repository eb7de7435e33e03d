"""The one place for what every stage that embeds shares: the embedding size, unit-length
normalisation, and the offline switch for the Hugging Face libraries.

Light on purpose (numpy and the standard library): the store and the story index import it
without loading a model.
"""

from __future__ import annotations

import os

import numpy as np

EMBED_DIM = 384  # all-MiniLM-L6-v2 sentence and token vectors
_FLOOR = 1e-9  # a zero vector stays zero instead of dividing by zero


def unit_rows(m: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (cosine similarity is then a dot product)."""
    return np.asarray(m / np.linalg.norm(m, axis=1, keepdims=True).clip(_FLOOR))


def unit(v: np.ndarray) -> np.ndarray:
    """One vector scaled to unit length."""
    return np.asarray(v / max(float(np.linalg.norm(v)), _FLOOR))


def offline_models() -> None:
    """Models load from their installed packages only: the Hugging Face libraries never
    reach the network, whatever the environment says (the project runs offline)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
