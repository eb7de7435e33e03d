"""Score attribution candidates with a small logistic model trained on PolNeAR train.

The weights live in attribution_weights.py, written by bench/attribution_train.py;
features are parse facts (cue lemma, dependency of the content, quote, subject kind).
"""

from __future__ import annotations

import math

from spacy.tokens import Token

from corroborator.extract.attribution_cues import SPEECH_LEMMAS, Candidate

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
    after = _char_kind(doc.text, c.content[1])
    f += ["after=" + after, "dep_after=" + c.content_dep + "|" + after,
          "lemma_after=" + lemma + "|" + after]
    before = _char_kind(doc.text[max(0, c.content[0] - 3):c.content[0]][::-1], 0)
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


def score(c: Candidate, weights: dict[str, float]) -> float:
    """Probability that the candidate is an attribution."""
    z = sum(weights.get(f, 0.0) for f in features(c))
    z = max(-30.0, min(30.0, z))
    return 1.0 / (1.0 + math.exp(-z))
