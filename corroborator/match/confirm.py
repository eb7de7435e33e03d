"""Which of a claim's mentions stand behind it, and how many independent sources the
claim-pair model confirms.

The matcher groups mentions generously (one claim, its gist and its wordings); a verdict
of ``corroborated`` must hold on its own. So:

- each mention has a stance: ``supports``, or ``reports-doubt`` when it hedges or passes
  on unnamed reports ("reportedly", "are said to", "apparently") or is the outlet's own
  speculation (unattributed "could", "might", "may"); only supporting mentions are
  counted as sources, with or without the model (verdicts.count_sources); a rebuttal or a denial
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

import re
from collections.abc import Sequence

import numpy as np

from corroborator.match.claim_pairs import ClaimGate
from corroborator.match.units import Unit
from corroborator.match.verdicts import count_sources
from corroborator.model import Claim, Document, Mention

# a claim of many mentions compares each with its nearest few of other articles only
PARTNERS = 6


# the outlet's own guess: an unattributed "could", "might", "may" or "would" ("This could escalate
# the conflict") speculates; it reports no fact another outlet could confirm
_SPECULATION = re.compile(r"\b(?:could|might|may|would)\b")


def stance_of_unit(u: Unit) -> str:
    """supports, or reports-doubt: a hedged mention, or an unattributed speculation."""
    if u.hedged or (not u.speaker and _SPECULATION.search(u.claim_text)):
        return "reports-doubt"
    return "supports"


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
        ms = [claim.mentions[support[g]] for g in group]
        sub = Claim(id=claim.id, text=claim.text, mentions=ms)
        _, n, _ = count_sources(sub, docs, affiliated,
                                [m for m in ms if id(m) in relayed], known)
        if n > best[0]:
            best = (n, ms)
    return best

