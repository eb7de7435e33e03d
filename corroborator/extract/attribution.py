"""Who said what: source, cue and content spans of each attribution, with hedges and speakers.

Candidates come from the dependency parse (attribution_candidates.py), a small model trained on
PolNeAR keeps the attributions (attribution_scorer.py), and speakers.py names the speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from spacy.tokens import Doc

from corroborator.extract.attribution_candidates import candidates
from corroborator.extract.attribution_cues import (
    HEDGE_PASSIVE,
    HEDGE_WORDS,
    SPEECH_LEMMAS,
    Candidate,
)
from corroborator.extract.attribution_rerank import rerank_many
from corroborator.extract.attribution_scorer import load_weights, score
from corroborator.extract.doc_text import doc_text
from corroborator.extract.speakers import resolve_speakers
from corroborator.model import Attribution, Document
from corroborator.settings import rerank_from_env
from corroborator.timing import stage

# Where each number was measured (docs/quotes.md has the runs). THRESHOLD: best content
# F1 on PolNeAR train articles held out from training (5c211be, retrained to dev F1 0.709);
# 0.22 gave +0.002 on dev, within noise, and 0.25 was kept
THRESHOLD = 0.25
# candidate marks (Candidate.extra) that make an attribution whatever the scorer says
_BY_FORM = frozenset({"turn", "lead_in", "as_clause"})
# below this probability a candidate must not overlap a kept content at all (bar a reported
# chain); 6d3fa8c: on PolNeAR train articles 600-839, trained on 0-599, content F1 0.691 ->
# 0.701 with this rule at 0.6
SURE = 0.6
# a reporting clause that opens a kept content ("He has warned that X," the agency reported)
# is kept from this probability on: the outer attribution vouches for its shape. 411aaf5,
# with the rule (PolNeAR dev content F1 0.711 -> 0.710, seeds 0.90 -> 0.92); 0.1 itself was
# not swept
CHAIN_FLOOR = 0.1
# the shortest content, in characters, that a cut before a relay ("X, according to Z") or
# before a closing attribution ("X, arguing that Y") may leave; shorter, the content stays
# whole (ded7e57, 1fe0a79: seeds, PolNeAR dev and ECB+ unchanged; not swept)
MIN_CUT_CONTENT = 10
# a closing attribution's content ends within this many characters of the outer content's
# end (punctuation and spaces between the two ends), and the joining comma, dash or
# conjunction is looked for this many characters before its cue (1fe0a79: PolNeAR dev
# content F1 0.742 -> 0.744 with the rule, seeds unchanged; neither number swept)
END_SLACK = 2
JOIN_LOOK_BACK = 40


def select(cands: list[Candidate], threshold: float = THRESHOLD,
           probs: list[float] | None = None) -> list[tuple[Candidate, float]]:
    """Candidates scored above the threshold, one per content and one per cue, best first;
    an unsure candidate may not overlap a kept content unless it is a reported chain.
    ``probs`` are the candidates' probabilities; the logistic scorer's when not given."""
    if probs is None:
        weights = load_weights()
        probs = [score(c, weights) for c in cands]
    scored = sorted(zip(cands, probs, strict=True), key=lambda x: -x[1])
    kept: list[tuple[Candidate, float]] = []
    seen_content: set[tuple[int, int]] = set()
    seen_cue: set[tuple[int, int]] = set()
    for c, p in scored:
        if p < threshold:
            break
        if c.content in seen_content or c.cue in seen_cue or _adverbial(c) or _writers(c):
            continue
        twin = next((k for k, _ in kept if _same_content(c.content, k.content)
                     and not _nested(c, k)), None)
        if twin is not None:
            if p >= SURE and c.content[0] <= twin.cue[0] < c.content[1]:
                # "said the talks had failed, adding that X": "adding" holds X; "said"
                # keeps what comes before it
                short = _cut_before(scored, c, twin, kept)
                if short is not None:
                    seen_content.add(short[0].content)
                    seen_cue.add(c.cue)
                    kept.append(short)
            continue
        if p < SURE and any(_overlap(c.content, k.content) and not _nested(c, k) for k, _ in kept):
            continue
        seen_content.add(c.content)
        seen_cue.add(c.cue)
        kept.append((c, p))
    kept += _opening_chains(scored, kept)
    kept.sort(key=lambda x: x[0].cue[0])
    return kept


def _cut_before(scored: list[tuple[Candidate, float]], c: Candidate, k: Candidate,
                kept: list[tuple[Candidate, float]]) -> tuple[Candidate, float] | None:
    """The best candidate of ``c``'s cue whose content ends before ``k``'s cue and overlaps
    no kept content."""
    for d, p in scored:
        if p < CHAIN_FLOOR:
            return None
        if (d.cue == c.cue and d.content[1] <= k.cue[0]
                and not any(_overlap(d.content, x.content) for x, _ in kept)):
            return d, p
    return None


def _opening_chains(scored: list[tuple[Candidate, float]], kept: list[tuple[Candidate, float]]
                    ) -> list[tuple[Candidate, float]]:
    """Reported chains a kept attribution opens with: in "He has warned that X," the agency
    reported, the agency reports that he warned; X is his, reported by the agency. The inner
    reporting clause must start the kept content, have its own source and a finite speech
    verb with a clause for content, and hold its content inside the kept one."""
    out: list[tuple[Candidate, float]] = []
    cues = {k.cue for k, _ in kept}
    for k, _ in kept:
        for c, p in scored:
            if p < CHAIN_FLOOR:
                break
            if (c.cue not in cues and c.source is not None and c.source[0] == k.content[0]
                    and c.kind == "verb"
                    and c.cue_token.lemma_ in SPEECH_LEMMAS and c.cue_token.tag_ != "VB"
                    and c.content_dep.startswith("ccomp")
                    and k.content[0] <= c.content[0] and c.content[1] <= k.content[1]
                    and c.content != k.content and c.cue != k.cue and _has_subject(c)):
                out.append((c, p))
                cues.add(c.cue)
                break
    return out


# a clause of time or cause right after the verb is no report ("as the witness said before he
# left")
_ADVERBIAL = re.compile(r"(?:before|after|until|because|once)\b", re.I)


def _adverbial(c: Candidate) -> bool:
    """The content is the verb's clause of time or cause, which the parse sometimes takes
    for its object."""
    text = doc_text(c.cue_token.doc)
    return (c.kind == "verb" and 0 <= c.content[0] - c.cue[1] <= 2
            and _ADVERBIAL.match(text, c.content[0]) is not None)


# what may stand before an imperative at a sentence's start ("So don't forget that ...")
_IMPERATIVE_LEAD = frozenset({"do", "n't", "not", "never", "please", "now", "so", "and", "but",
                              "just", "\u2019t", "don\u2019t", "don't"})


def _writers(c: Candidate) -> bool:
    """The outlet's own voice, no one's report: an imperative to the reader ("Don't forget
    that X", "please ask yourself"), "it is worth noting that X", "it goes without saying
    that X", "having said that"."""
    if c.source is not None or c.kind != "verb":
        return False
    v = c.cue_token
    if v.tag_ == "VB" and v.dep_ == "ROOT" and not any(
            k.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") or k.tag_ == "MD"
            for k in v.children) and all(
            t.lower_ in _IMPERATIVE_LEAD or t.is_punct or t.is_space
            for t in v.doc[v.sent.start:v.i]):
        return True
    if v.tag_ == "VBG" and (v.head.lower_ == "worth" or (
            v.head.lower_ == "without" and v.head.head.lemma_ == "go")):
        return True
    return v.tag_ == "VBN" and any(k.lower_ == "having" and k.dep_ == "aux" for k in v.children)


def _has_subject(c: Candidate) -> bool:
    """The content does not open on a verb ("which he said is designed to ..." gives none)."""
    span = c.cue_token.doc.char_span(c.content[0], c.content[1], alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].tag_ not in ("VBZ", "VBD", "VBP", "MD")


def _same_content(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Each span covers at least half of the other (the same content, cut differently)."""
    o = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return 2 * o >= a[1] - a[0] and 2 * o >= b[1] - b[0]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The spans share at least one character."""
    return min(a[1], b[1]) > max(a[0], b[0])


def _nested(a: Candidate, b: Candidate) -> bool:
    """An "according to" whose content holds the other cue: a reported chain, not a duplicate."""
    if "according" not in (a.kind, b.kind):
        return False
    return (b.content[0] <= a.cue[0] < b.content[1]) or (a.content[0] <= b.cue[0] < a.content[1])


def hedge_of(sdoc: Doc, c: Candidate) -> str | None:
    """The hedge word on the cue or in the content ("reportedly", "could", "said to"); a
    participle cue takes the hedge of the clause it hangs on ("Russia reportedly expressed
    doubts, saying: ..." passes the words on as reported, not as Russia's for sure)."""
    v = c.cue_token
    heads = [v]
    if v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp") and v.head.i != v.i:
        heads.append(v.head)
    for t in (t for h in heads for t in h.children):
        if t.lower_ in HEDGE_WORDS and t.dep_ in ("advmod", "aux"):
            return t.text
    if v.dep_ in ("xcomp", "ccomp") and v.head.lower_ in HEDGE_WORDS:
        return v.head.text
    if v.lemma_ in HEDGE_PASSIVE and any(t.dep_ == "auxpass" for t in v.children) and any(
            t.dep_ == "xcomp" for t in v.children):
        return v.text + " to"
    s, e = c.content
    for t in sdoc.char_span(s, e, alignment_mode="expand") or []:
        if t.lower_ in HEDGE_WORDS:
            return t.text
        followed_by_to = t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "to"
        if t.lemma_ in HEDGE_PASSIVE and followed_by_to and any(
                a.dep_ == "auxpass" for a in t.children):
            return t.text + " to"
    return None


def _holder(sdoc: Doc, source: tuple[int, int] | None) -> tuple[int, int] | None:
    """The source span, unless it is only a time ("This week has seen reports that ...")."""
    if source is None:
        return None
    span = sdoc.char_span(source[0], source[1], alignment_mode="expand")
    if span is not None and span.root.ent_type_ in ("DATE", "TIME"):
        return None
    return source


def _back_over_joins(text: str, s: int, cut: int) -> int:
    """``cut`` moved back over the spaces, commas, semicolons and dashes before it."""
    while cut > s and (text[cut - 1].isspace() or text[cut - 1] in ",;-\u2014\u2013"):
        cut -= 1
    return cut


def _before_relay(text: str, c: Candidate, kept: list[Candidate]) -> tuple[int, int]:
    """``c``'s content, ending before an "according to" that relays the whole of ``c``
    ("NIS said that X, according to Yonhap": what NIS said is X; Yonhap reports it)."""
    s, e = c.content
    for d in kept:
        if (d is not c and d.kind == "according" and s < d.cue[0] < e
                and d.content[0] <= c.cue[0] < d.content[1]):
            cut = _back_over_joins(text, s, d.cue[0])
            if cut - s >= MIN_CUT_CONTENT:
                e = min(e, cut)
    return s, e


# what joins an attribution on to the content before it: a comma, dash or semicolon, or a
# conjunction or relative pronoun ("X, arguing that Y", "X and said Y", "X, although he
# again refused to Y")
_JOIN = re.compile(r"[,;\u2014\u2013]|\s-\s|\b(?:and|but|or|while|although|though|who|which|"
                   r"when|whereas)\b", re.IGNORECASE)


_THAT = re.compile(r"\bthat\b", re.IGNORECASE)


def _last_join(text: str, lo: int, hi: int) -> int | None:
    """Where the last comma, dash or conjunction in ``text[lo:hi]`` starts."""
    last = None
    for m in _JOIN.finditer(text, lo, hi):
        last = m.start()
    return last


def _before_nested(text: str, span: tuple[int, int], c: Candidate, kept: list[Candidate],
                   starts: list[int]) -> tuple[int, int]:
    """``span`` (``c``'s content), ending before a kept attribution that closes it ("said he
    did not believe X, arguing that Y": what he said is X; Y is what he argued). The inner
    cue and content lie inside ``span`` and end with it; the cut is at the last comma, dash
    or conjunction before the inner cue. Without one, or with an infinitive cue ("failed to
    note that Y"), the inner attribution is part of the outer content. ``kept`` is sorted by
    cue start and ``starts`` holds those starts: only cues inside ``span`` are read."""
    s, e = span
    if c.kind == "according":
        return span
    for d in kept[bisect.bisect_right(starts, s):bisect.bisect_left(starts, e)]:
        v = d.cue_token
        if (d is c or not (s < d.cue[0] and d.cue[1] <= d.content[0])
                or not e - END_SLACK <= d.content[1] <= e + END_SLACK
                or (v.tag_ == "VB" and any(t.lower_ == "to" for t in v.children))):
            continue
        join = _last_join(text, max(s, d.cue[0] - JOIN_LOOK_BACK), d.cue[0])  # bounded
        if d.source is not None and s <= d.source[0] < d.cue[0]:
            # "A promised X and said Y" joins after the source; ", who says Y" and "when
            # Clinton blasted Y" before it; "X has warned that Y," the president said, not
            # at all: what the president said is that X warned
            join = _last_join(text, d.source[1], d.cue[0])
            if join is None:
                join = _last_join(text, max(s, d.source[0] - JOIN_LOOK_BACK), d.source[0] + 1)
        if join is None or _THAT.search(text, join, d.cue[0]):
            continue  # a clause the cue is part of ("said X and that the footage did not
            # show Y": the footage is still what was said)
        cut = _back_over_joins(text, s, join)
        if cut - s >= MIN_CUT_CONTENT:
            e = cut
    return s, e


def find_attributions(doc: Document, sdoc: Doc, threshold: float = THRESHOLD,
                      rerank_mode: str | None = None,
                      weights: dict[str, float] | None = None) -> list[Attribution]:
    """Attributions in one parsed document, offsets into ``doc.text``; ``rerank_mode`` is
    ``Settings.attribution_rerank`` ("on", "off" or "int8"; None: its default, from
    CORROBORATOR_ATTRIBUTION_RERANK); ``weights``: the scorer's
    (the shipped ones when None; bench/attribution_cv.py passes each fold's). Raises
    ValueError when ``sdoc`` is not a parse of ``doc.text`` (its length differs): every
    span is an offset into both."""
    return find_attributions_many([(doc, sdoc)], threshold, rerank_mode, weights)[0]


def find_attributions_many(parsed: Sequence[tuple[Document, Doc]],
                           threshold: float = THRESHOLD, rerank_mode: str | None = None,
                           weights: dict[str, float] | None = None
                           ) -> list[list[Attribution]]:
    """``find_attributions`` of each (document, parse) pair, the unsure candidates of them
    all read again by the reranker in one pass (batches of like length pad less)."""
    for doc, sdoc in parsed:
        if len(doc_text(sdoc)) != len(doc.text):
            raise ValueError(f"document {doc.id!r}: the parse has {len(doc_text(sdoc))} "
                             f"characters and the text {len(doc.text)}; attributions need a "
                             "parse of the text")
    weights = load_weights() if weights is None else weights
    scored: list[tuple[list[Candidate], list[float]] | None] = []
    with stage("attribution"):
        for doc, sdoc in parsed:
            if len(doc_text(sdoc)) != len(doc.text):
                scored.append(None)
                continue
            cands, _quotes = candidates(sdoc)
            scored.append((cands, [score(c, weights) for c in cands]))
    rerank_mode = rerank_mode or rerank_from_env()
    todo = [(doc.text, *got) for (doc, _), got in zip(parsed, scored, strict=True) if got]
    reranked = iter(rerank_many(todo, int8=rerank_mode == "int8") if rerank_mode != "off"
                    else [probs for _, _, probs in todo])
    out: list[list[Attribution]] = []
    with stage("attribution"):
        for (doc, sdoc), got in zip(parsed, scored, strict=True):
            out.append(_attributions(doc, sdoc, got[0], next(reranked), threshold)
                       if got else [])
    return out


def _attributions(doc: Document, sdoc: Doc, cands: list[Candidate], probs: list[float],
                  threshold: float) -> list[Attribution]:
    """The attributions kept of one document's scored candidates."""
    # a transcript's turn, a sentence opened by a poll and the clause an "as X noted" clause
    # hangs on are attributions by their form, which the scorer sees too seldom to learn
    probs = [max(p, SURE) if c.extra.keys() & _BY_FORM else p
             for c, p in zip(cands, probs, strict=True)]
    out: list[Attribution] = []
    kept = select(cands, threshold, probs)
    cands_kept = [k for k, _ in kept]  # sorted by cue start
    starts = [k.cue[0] for k in cands_kept]
    for c, _p in kept:
        hedge = hedge_of(sdoc, c)
        out.append(Attribution(
            doc=doc.id, content=_before_nested(doc.text, _before_relay(doc.text, c, cands_kept),
                                               c, cands_kept, starts),
            source=_holder(sdoc, c.source), cue=c.cue,
            hedged=hedge is not None, hedge=hedge, direct=c.quoted,
        ))
    resolve_speakers(doc, sdoc, out)
    return out
