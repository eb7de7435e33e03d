"""Is a listed speaker an actor? A small logistic model over the name.

Actors are people, organisations, countries and documents that speak or are spoken of as
sources; a speaker phrase the attribution stage took from the wrong words ("nothing",
"monthlong reprieve", "May 12 deadline", "death of Alexandros") is none. The model reads
the name: its MiniLM embedding, the kind ``actors._kind`` gave it, its shape (capitals,
digits, a possessive, a leading article) and whether the parser found it as a named
entity. Fitted by ``python -m bench.actor_model --write`` on ``tests/data/actors.jsonl``
(names listed by the tool on ECB+ and PolNeAR articles, labelled by reading); shipped as
``actor_model.npz`` with ``actor_model.meta.json``.
"""

from __future__ import annotations

import functools
import pathlib
import re

import numpy as np

from corroborator.learned import check_meta, feature_hash

KINDS = ("person", "people", "organisation", "country", "document", "role")
SHAPE = ("words", "capitalised", "all_lower", "digit", "possessive", "article", "of",
         "single_word", "upper_acronym")
# what the parser's named entities say of the name (canonicalise_actors has them)
ENTITY = ("person_name", "person_surname", "organisation_name", "in_an_entity")
FEATURE_VERSION = "2"
DIM = 384  # MiniLM-L6 sentence embedding
FEATURES = [f"kind={k}" for k in KINDS] + [f"shape={s}" for s in SHAPE] + [
    f"entity={e}" for e in ENTITY] + [f"embed[{i}]" for i in range(DIM)]
FEATURE_HASH = feature_hash([f"version={FEATURE_VERSION}", *FEATURES])
MODEL = pathlib.Path(__file__).with_name("actor_model.npz")
COMMAND = "python -m bench.actor_model --write"

_WORD = re.compile(r"[\w’'.\-]+")


def shape(name: str) -> list[float]:
    words = _WORD.findall(name)
    n = max(1, len(words))
    caps = sum(1 for w in words if w[:1].isupper())
    return [
        min(len(words), 8) / 8,
        caps / n,
        float(caps == 0),
        float(bool(re.search(r"\d", name))),
        float(bool(re.search(r"[’']s\b", name))),
        float(bool(words) and words[0].lower() in ("the", "a", "an")),
        float(" of " in f" {name.lower()} "),
        float(len(words) == 1),
        float(any(w.isupper() and len(w) >= 2 for w in words)),
    ]


def entity(name: str, person_names: set[str], org_names: set[str],
           entity_words: set[str]) -> list[float]:
    """Whether the parser named it a person (whole, or its last word as a surname), an
    organisation or place, or holds any of its capitalised words inside an entity."""
    words = _WORD.findall(name)
    last = words[-1].lower() if words else ""
    caps = [w.lower() for w in words if w[:1].isupper()]
    return [float(name in person_names), float(bool(last) and last in person_names),
            float(name in org_names), float(bool(caps) and all(w in entity_words for w in caps))]


def features(names: list[str], kinds: list[str], person_names: set[str],
             org_names: set[str]) -> np.ndarray:
    """One row per name: kind one-hot, shape, entity flags, embedding (``FEATURES``).
    ``person_names``: full names and lower-case surnames of PERSON entities;
    ``org_names``: ORG, NORP, GPE and FAC entities (as ``canonicalise_actors`` has them)."""
    from corroborator.extract.embed import embed

    if not names:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    entity_words = {w.lower() for n in person_names | org_names for w in _WORD.findall(n)}
    onehot = np.array([[float(k == kk) for kk in KINDS] for k in kinds], dtype=np.float32)
    shp = np.array([shape(n) for n in names], dtype=np.float32)
    ent = np.array([entity(n, person_names, org_names, entity_words) for n in names],
                   dtype=np.float32)
    vecs = np.asarray(embed(names), dtype=np.float32)
    return np.hstack([onehot, shp, ent, vecs])


@functools.cache
def _load() -> tuple[np.ndarray, float, float]:
    check_meta(MODEL, FEATURE_HASH, COMMAND)
    with np.load(MODEL) as z:
        return (np.asarray(z["coef"], dtype=np.float32), float(z["intercept"]),
                float(z["threshold"]))


def actor_probability(names: list[str], kinds: list[str], person_names: set[str],
                      org_names: set[str]) -> np.ndarray:
    coef, intercept, _ = _load()
    x = features(names, kinds, person_names, org_names)
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ coef + intercept))))


def is_actor(names: list[str], kinds: list[str], person_names: set[str],
             org_names: set[str]) -> list[bool]:
    """Whether each name (with the kind ``actors._kind`` gave it) is an actor."""
    if not names:
        return []
    threshold = _load()[2]
    return [bool(p >= threshold)
            for p in actor_probability(names, kinds, person_names, org_names)]
