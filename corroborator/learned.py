"""Learned numbers shipped as data: a data file with a metadata file beside it.

Each trained model the package ships (the claim-pair model, the attribution scorer's
weights, the attribution reranker) is a data file written by its ``bench/`` script, and a
``<name>.meta.json`` beside it that says what it was trained on, how, by which command and
when. The metadata holds a hash of the feature set the code computes (its names, and a
version to bump when a feature keeps its name but changes meaning); a model made for
another feature set is refused at load with the command that remakes it.

Light on purpose: only the standard library, so any loader can use it.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
from collections.abc import Sequence
from typing import Any

from corroborator.errors import CorroboratorError


def feature_hash(names: Sequence[str]) -> str:
    """16 hex digits of SHA-256 over the names, one per line (order matters)."""
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def meta_path(data: pathlib.Path) -> pathlib.Path:
    """The metadata file beside a data file: ``x.npz`` -> ``x.meta.json``."""
    return data.with_name(data.name.split(".", 1)[0] + ".meta.json")


def read_meta(path: pathlib.Path) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CorroboratorError(f"cannot read the model metadata {path}: {e}") from e
    if not isinstance(meta, dict):
        raise CorroboratorError(f"cannot read the model metadata {path}: not a JSON object")
    return meta


def check_meta(data: pathlib.Path, expected: str, command: str) -> dict[str, Any]:
    """The metadata beside ``data``, if its feature hash is ``expected`` (what this code
    computes); else a one-line error naming the file, both hashes and ``command``."""
    path = meta_path(data)
    meta = read_meta(path)
    found = meta.get("feature_hash")
    if found != expected:
        raise CorroboratorError(
            f"{path}: made for another feature set (feature hash {found}, this code "
            f"computes {expected}); retrain with {command}")
    return meta


def write_meta(data: pathlib.Path, meta: dict[str, Any]) -> pathlib.Path:
    """Write ``meta`` beside ``data`` (indented JSON, as the pair model's)."""
    path = meta_path(data)
    path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
