"""Score attribution candidates with a small logistic model trained on PolNeAR train.

Features are parse facts (cue lemma, dependency of the content, quote, subject kind), each
a named binary feature ``template=value``. The weights are data, written by
bench/attribution_train.py: ``attribution_weights.npz`` (the feature names, UTF-8 one per
line, and their float64 weights) with ``attribution_weights.meta.json`` beside it (training
data, settings, command, date and the hash of TEMPLATES). A value never seen in training
scores 0; weights made for another set of templates are refused at load.
"""

from __future__ import annotations

import functools
import math
import pathlib
import zipfile
from collections.abc import Mapping
from typing import Any

from spacy.tokens import Token

from corroborator.errors import CorroboratorError
from corroborator.extract.attribution_cues import SPEECH_LEMMAS, Candidate
from corroborator.extract.doc_text import doc_text
from corroborator.learned import check_meta, feature_hash, write_meta

WEIGHTS_FILE = pathlib.Path(__file__).with_name("attribution_weights.npz")
RETRAIN = "python bench/attribution_train.py"
# Bump when a template keeps its name but its value changes meaning (then retrain).
FEATURE_VERSION = "1"
# The feature templates ``features`` emits, in its order: the name before "=" of every
# feature. A renamed, added or dropped template changes FEATURE_HASH, and weights trained
# on the old set are refused (tests/test_learned.py checks that ``features`` emits
# only these and that every shipped weight belongs to one).
TEMPLATES = (
    "bias", "kind", "lemma", "lemma_dep", "dep", "vdep", "tag", "skind", "size", "dep_size",
    "dep_skind", "quoted", "speech", "speech_dep", "neg", "mark", "lemma_skind", "lemma_q",
    "start", "dep_start", "lemma_start", "where", "dep_where", "to_sent_end", "dep_to_end",
    "pos", "lemma_dep_size", "src", "dep_src", "lemma_where", "lemma_kind", "lemma_vdep",
    "skind_where", "after", "dep_after", "lemma_after", "before", "dep_before",
    "before_after", "finite", "dep_finite", "lemma_finite", "first_pos", "dep_first_pos",
    "last_pos", "dep_last_pos", "lemma_cq", "lemma_nest", "kind_cq_nest", "dep_cq_nest",
    "skind_nest",
    # x_KEY=value and x_KEY=value|dep for each mark the candidate generators set
    # (Candidate.extra)
    "x_alt", "x_as_clause", "x_chead", "x_cq", "x_cutFalse", "x_cutTrue", "x_endq", "x_ext",
    "x_gap", "x_inner", "x_lead_in", "x_nest", "x_qpos", "x_turn",
)
FEATURE_HASH = feature_hash((f"version={FEATURE_VERSION}", *TEMPLATES))

START_WORDS = frozenset("that to if whether how what why when who the a an".split())
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019"
FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
PRONOUNS = frozenset("i you he she it we they who which that this one".split())


def features(c: Candidate) -> list[str]:
    """Named binary features of one candidate."""
    v = c.cue_token
    lemma = v.lemma_.lower()
    src = c.source_token
    if src is None:
        skind = "none"
    elif src.lower_ in PRONOUNS:
        skind = "pron"
    elif src.ent_type_:
        skind = "ent_" + src.ent_type_
    elif src.pos_ == "PROPN":
        skind = "propn"
    else:
        skind = "noun"
    n = c.content[1] - c.content[0]
    size = "s" if n < 20 else "m" if n < 80 else "l"
    neg = any(ch.dep_ == "neg" for ch in v.children)
    mark = any(g.dep_ == "mark" and g.lower_ in ("that", "if", "whether")
               for ch in v.children if ch.dep_ == "ccomp" for g in ch.children)
    f = [
        "bias",
        "kind=" + c.kind,
        "lemma=" + lemma,
        "lemma_dep=" + lemma + "|" + c.content_dep,
        "dep=" + c.content_dep,
        "vdep=" + v.dep_,
        "tag=" + v.tag_,
        "skind=" + skind,
        "size=" + size,
        "dep_size=" + c.content_dep + "|" + size,
        "dep_skind=" + c.content_dep + "|" + skind,
        "quoted=" + str(c.quoted),
        "speech=" + str(lemma in SPEECH_LEMMAS),
        "speech_dep=" + str(lemma in SPEECH_LEMMAS) + "|" + c.content_dep,
        "neg=" + str(neg),
        "mark=" + str(mark),
        "lemma_skind=" + lemma + "|" + skind,
    ]
    if c.quoted:
        f.append("lemma_q=" + lemma)
    doc = v.doc
    first = doc.char_span(c.content[0], c.content[1], alignment_mode="expand")
    start_word = first[0].lower_ if first is not None and len(first) else ""
    start = start_word if start_word in START_WORDS else (
        "quote" if start_word and start_word[0] in QUOTE_CHARS else "other")
    sent = v.sent
    where = ("before" if c.content[1] <= c.cue[0]
             else "after" if c.content[0] >= c.cue[1] else "around")
    f += [
        "start=" + start,
        "dep_start=" + c.content_dep + "|" + start,
        "lemma_start=" + lemma + "|" + start,
        "where=" + where,
        "dep_where=" + c.content_dep + "|" + where,
        "to_sent_end=" + str(c.content[1] >= sent.end_char - 2),
        "dep_to_end=" + c.content_dep + "|" + str(c.content[1] >= sent.end_char - 2),
        "pos=" + v.pos_,
        "lemma_dep_size=" + lemma + "|" + c.content_dep + "|" + size,
        "src=" + str(c.source is not None),
        "dep_src=" + c.content_dep + "|" + str(c.source is not None),
        "lemma_where=" + lemma + "|" + where,
        "lemma_kind=" + lemma + "|" + c.kind,
        "lemma_vdep=" + lemma + "|" + v.dep_,
        "skind_where=" + skind + "|" + where,
    ]
    after = _char_kind(doc_text(doc), c.content[1])
    f += ["after=" + after, "dep_after=" + c.content_dep + "|" + after,
          "lemma_after=" + lemma + "|" + after]
    before = _char_kind(doc_text(doc)[max(0, c.content[0] - 3):c.content[0]][::-1], 0)
    f += ["before=" + before, "dep_before=" + c.content_dep + "|" + before,
          "before_after=" + before + "|" + after]
    span: list[Token] = list(first) if first is not None else []
    finite = "fin" if any(t.tag_ in FINITE_TAGS for t in span) else (
        "verb" if any(t.pos_ == "VERB" for t in span) else "noverb")
    first_pos = span[0].pos_ if len(span) else ""
    last_pos = span[-1].pos_ if len(span) else ""
    f += ["finite=" + finite, "dep_finite=" + c.content_dep + "|" + finite,
          "lemma_finite=" + lemma + "|" + finite, "first_pos=" + first_pos,
          "dep_first_pos=" + c.content_dep + "|" + first_pos, "last_pos=" + last_pos,
          "dep_last_pos=" + c.content_dep + "|" + last_pos]
    cq, nest = c.extra.get("cq", ""), c.extra.get("nest", "")
    f += ["lemma_cq=" + lemma + "|" + cq, "lemma_nest=" + lemma + "|" + nest,
          "kind_cq_nest=" + c.kind + "|" + cq + "|" + nest,
          "dep_cq_nest=" + c.content_dep + "|" + cq + "|" + nest,
          "skind_nest=" + skind + "|" + nest]
    for k, val in sorted(c.extra.items()):
        f.append(f"x_{k}={val}")
        f.append(f"x_{k}={val}|{c.content_dep}")
    return f


def _char_kind(text: str, pos: int) -> str:
    """What follows a content span: sentence end, comma, quote, dash, word or end of text."""
    rest = text[pos:pos + 3].lstrip(" ")
    if not rest:
        return "end"
    ch = rest[0]
    if ch in ".!?\n":
        return "stop"
    if ch in ",;:":
        return "comma"
    if ch in QUOTE_CHARS:
        return "quote"
    if ch in "-\u2013\u2014(":
        return "dash"
    return "word"


def template_of(name: str) -> str:
    """The template of a feature name: ``lemma_dep=say|ccomp`` -> ``lemma_dep``."""
    return name.split("=", 1)[0]


@functools.lru_cache(maxsize=4)
def load_weights(path: str = str(WEIGHTS_FILE)) -> dict[str, float]:
    """The scorer's weights by feature name, read once per file. The metadata beside the
    file must carry this code's FEATURE_HASH."""
    import numpy as np

    file = pathlib.Path(path)
    check_meta(file, FEATURE_HASH, RETRAIN)
    try:
        with np.load(file) as data:
            names = data["names"].tobytes().decode("utf-8").split("\n")
            values = data["weights"].tolist()
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
        raise CorroboratorError(f"cannot read the attribution weights {file}: {e}") from e
    if len(names) != len(values):
        raise CorroboratorError(f"cannot read the attribution weights {file}: "
                                f"{len(names)} names for {len(values)} weights")
    return dict(zip(names, values, strict=True))


def save_weights(weights: Mapping[str, float], path: pathlib.Path = WEIGHTS_FILE,
                 meta: Mapping[str, Any] | None = None) -> pathlib.Path:
    """Write ``weights`` as load_weights reads them (names sorted, float64: the same
    floats back), and the metadata beside them: ``meta`` (training data, settings,
    command, date) with this code's feature templates and hash. Returns the metadata
    file."""
    import numpy as np

    names = sorted(weights)
    if any("\n" in n for n in names):
        raise ValueError("a feature name holds a newline")
    np.savez_compressed(path, names=np.frombuffer("\n".join(names).encode("utf-8"),
                                                  dtype=np.uint8),
                        weights=np.array([weights[n] for n in names], dtype=np.float64))
    return write_meta(path, {**(meta or {}), "weights": len(names),
                             "format": "names: uint8 array, UTF-8 feature names one per line, "
                                       "sorted; weights: float64 array in the same order",
                             "feature_version": FEATURE_VERSION, "templates": list(TEMPLATES),
                             "feature_hash": FEATURE_HASH})


def score(c: Candidate, weights: Mapping[str, float]) -> float:
    """Probability that the candidate is an attribution."""
    z = sum(weights.get(f, 0.0) for f in features(c))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))
