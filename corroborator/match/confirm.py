"""Which of a claim's mentions stand behind it, and how many independent sources the
claim-pair model confirms.

The matcher groups mentions generously (one claim, its gist and its wordings); a verdict
of ``corroborated`` must hold on its own. So:

- each mention has a stance: ``supports``, or ``reports-doubt`` when it hedges or passes
  on unnamed reports ("reportedly", "are said to", "apparently"); a rebuttal or a denial
  is never a supporting mention of what it rejects: the matcher keeps it in a claim of
  its own (kind ``denial``), whose contradiction marks the target ``contested``/``denied``;
- two supporting mentions of different articles confirm each other when the claim-pair
  model (claim_pairs, fitted on MRPC, threshold chosen at cross-validated precision 0.90)
  says they state the same claim;
- the claim's independent sources are counted over the largest group of mutually
  connected confirmed mentions, with the same folding rules as before (wire copies,
  republications, one actor's officials, unnamed reports).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from corroborator.extract.speakers import GROUP_PRONOUNS, PERSON_PRONOUNS
from corroborator.match.claim_pairs import ClaimGate
from corroborator.match.units import Unit
from corroborator.match.verdicts import count_sources
from corroborator.model import Claim, Document, Mention

# a claim of many mentions compares each with its nearest few of other articles only
PARTNERS = 6
# an unattributed mention this close in wording (rapidfuzz token_set_ratio, 0-100) to an
# attributed one of another article repeats that speaker's words: it is not the outlet's
# own second source ("The metal church building … was heavily damaged", in one outlet;
# the same sentence ending ", Kroon said", in another)
COPY_RATIO = 90
_SPEAKER_WORD = re.compile(r"[\w'’-]+")


def stance_of_unit(u: Unit) -> str:
    return "reports-doubt" if u.hedged else "supports"


def _components(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def confirmed_sources(claim: Claim, members: Sequence[int], units: Sequence[Unit],
                      raw: np.ndarray, gate: ClaimGate, docs: dict[str, Document],
                      affiliated: dict[str, set[str]], relaying: Sequence[Mention],
                      known: set[str]) -> tuple[int, list[Mention]]:
    """(independent sources the model confirms, the mentions that confirm them).

    ``members`` are the claim's unit indices, in the order of ``claim.mentions``."""
    support = [k for k, m in enumerate(claim.mentions) if m.stance == "supports"]
    if len({claim.mentions[k].doc for k in support}) < 2:
        return 0, []
    pairs: set[tuple[int, int]] = set()
    vecs = raw[[members[k] for k in support]]
    sims = vecs @ vecs.T
    for a, ka in enumerate(support):
        others = [b for b in np.argsort(-sims[a]).tolist()
                  if claim.mentions[support[b]].doc != claim.mentions[ka].doc][:PARTNERS]
        pairs.update((min(a, b), max(a, b)) for b in others)
    ordered = sorted(pairs)
    probs = gate.probabilities([(members[support[a]], members[support[b]])
                                for a, b in ordered])
    edges = [p for p, x in zip(ordered, probs, strict=True) if x >= gate.model.threshold]
    best: tuple[int, list[Mention]] = (0, [])
    relayed = {id(m) for m in relaying}
    for group in _components(len(support), edges):
        if len(group) < 2:
            continue
        ms = _one_voice([claim.mentions[support[g]] for g in group],
                        [units[members[support[g]]].text for g in group])
        sub = Claim(id=claim.id, text=claim.text, mentions=ms)
        _, n, _ = count_sources(sub, docs, affiliated,
                                [m for m in ms if id(m) in relayed], known)
        if n > best[0]:
            best = (n, ms)
    return best


def _one_voice(ms: list[Mention], texts: list[str]) -> list[Mention]:
    """The speakers behind a group of mentions that state one claim, as a reader counts
    them: an unattributed near-copy of an attributed mention carries its speaker; a
    pronoun ("He said") or a shorter form of a named speaker ("fire chief" beside "local
    fire chief") is that speaker, not another."""
    named = sorted({m.speaker for m in ms if m.speaker and not _pronoun(m.speaker)},
                   key=len, reverse=True)
    out = []
    for m, text in zip(ms, texts, strict=True):
        who = m.speaker
        if who and _pronoun(who):
            who = named[0] if named else None
        elif who:
            words = set(_SPEAKER_WORD.findall(who.lower()))
            who = next((n for n in named if words < set(_SPEAKER_WORD.findall(n.lower()))),
                       who)
        if not who:
            who = next((o.speaker for o, t in zip(ms, texts, strict=True)
                        if o.speaker and not _pronoun(o.speaker) and o.doc != m.doc
                        and fuzz.token_set_ratio(text, t) >= COPY_RATIO), None)
        out.append(m if who == m.speaker else dataclasses.replace(m, speaker=who))
    return out


def _pronoun(name: str) -> bool:
    return name.lower() in PERSON_PRONOUNS | GROUP_PRONOUNS
