"""Learned numbers shipped as data: each data file has its metadata beside it, made for the
feature set this code computes; another feature set is refused at load, in one line."""

from __future__ import annotations

import json
import pathlib
import shutil

import numpy as np
import pytest

from corroborator.errors import CorroboratorError
from corroborator.extract import attribution_rerank, attribution_scorer
from corroborator.extract.attribution_candidates import candidates
from corroborator.extract.attribution_scorer import (
    FEATURE_HASH,
    RETRAIN,
    TEMPLATES,
    WEIGHTS_FILE,
    load_weights,
    save_weights,
    template_of,
)
from corroborator.extract.parse import parse
from corroborator.learned import feature_hash, meta_path
from corroborator.match import claim_pairs
from corroborator.model import Document

META_KEYS = {"data", "split", "settings", "command", "made", "feature_hash"}


def _meta(data: pathlib.Path) -> dict:
    return json.loads(meta_path(data).read_text(encoding="utf-8"))


def test_shipped_weights_carry_their_metadata() -> None:
    meta = _meta(WEIGHTS_FILE)
    assert META_KEYS <= meta.keys()
    assert meta["feature_hash"] == FEATURE_HASH
    assert meta["templates"] == list(TEMPLATES)
    weights = load_weights()
    assert meta["weights"] == len(weights) > 30000
    assert load_weights() is weights  # read once


def test_every_shipped_weight_belongs_to_a_template() -> None:
    """A template renamed in the code but not in TEMPLATES, or weights of a dropped one,
    leave weights no feature can reach."""
    unknown = {template_of(k) for k in load_weights()} - set(TEMPLATES)
    assert not unknown


def test_features_emit_only_the_listed_templates(nlp) -> None:
    text = ('"We will not back down," the mayor said on Monday. According to officials, the '
            'bridge reopens in May. Critics warned that repairs had cost more than planned, '
            'and the agency said it was "reviewing the contract".')
    doc = Document("t", "t", text)
    cands, _ = candidates(parse(doc))
    emitted = {template_of(f) for c in cands for f in attribution_scorer.features(c)}
    assert emitted <= set(TEMPLATES), emitted - set(TEMPLATES)
    base = {t for t in TEMPLATES if not t.startswith("x_")}
    assert base <= emitted, base - emitted


def test_weights_round_trip_exactly(tmp_path: pathlib.Path) -> None:
    weights = load_weights()
    path = tmp_path / "attribution_weights.npz"
    meta = save_weights(weights, path, {"command": "test", "made": "today"})
    assert meta == tmp_path / "attribution_weights.meta.json"
    back = load_weights(str(path))
    assert back == weights and list(back) == sorted(weights)
    assert np.array_equal(np.array(list(back.values())), np.array(list(weights.values())))
    assert _meta(path)["feature_hash"] == FEATURE_HASH


def test_weights_of_another_feature_set_are_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "attribution_weights.npz"
    shutil.copy(WEIGHTS_FILE, path)
    meta = _meta(WEIGHTS_FILE) | {"feature_hash": "0123456789abcdef"}
    meta_path(path).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(CorroboratorError) as e:
        load_weights(str(path))
    msg = str(e.value)
    assert "\n" not in msg and str(meta_path(path)) in msg
    assert "0123456789abcdef" in msg and FEATURE_HASH in msg and RETRAIN in msg


def test_weights_without_metadata_are_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "attribution_weights.npz"
    shutil.copy(WEIGHTS_FILE, path)
    with pytest.raises(CorroboratorError, match="cannot read the model metadata"):
        load_weights(str(path))


def test_a_renamed_template_changes_the_hash() -> None:
    renamed = tuple("lemma_dependency" if t == "lemma_dep" else t for t in TEMPLATES)
    version = f"version={attribution_scorer.FEATURE_VERSION}"
    assert feature_hash((version, *TEMPLATES)) == FEATURE_HASH
    assert feature_hash((version, *renamed)) != FEATURE_HASH


def test_reranker_metadata_matches_its_layout(tmp_path: pathlib.Path) -> None:
    meta = _meta(attribution_rerank.ADAPTER)
    assert META_KEYS <= meta.keys()
    assert meta["feature_hash"] == attribution_rerank.FEATURE_HASH
    assert meta["layout"] == list(attribution_rerank.LAYOUT)
    blend = np.load(attribution_rerank.ADAPTER)["blend"]
    assert meta["blend"] == [float(x) for x in blend]
    path = tmp_path / "attribution_reranker.npz"
    meta_path(path).write_text(json.dumps(meta | {"feature_hash": "fedcba9876543210"}),
                               encoding="utf-8")
    with pytest.raises(CorroboratorError, match="fedcba9876543210") as e:
        attribution_rerank.Reranker(adapter=path)  # refused before the encoder loads
    assert "\n" not in str(e.value) and attribution_rerank.RETRAIN in str(e.value)


def test_claim_pair_model_hash_is_the_shared_helper() -> None:
    assert claim_pairs.FEATURE_HASH == feature_hash(claim_pairs.FEATURES)
    assert _meta(claim_pairs.MODEL_FILE)["feature_hash"] == claim_pairs.FEATURE_HASH
