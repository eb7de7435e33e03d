"""'No evidence of X' against a claim that X was seen: a contradiction of kind "other".

An actor saying it has no evidence (no sign, no indication, no confirmation) of
something contradicts another claim that reports that something as seen or documented,
unless the two come from the same actor.
"""

from __future__ import annotations

import re

import numpy as np

from corroborator.extract.embed import embed
from corroborator.match.linking import one_actor
from corroborator.match.verdicts import NEGATED, excerpt
from corroborator.model import Claim, Contradiction

# "have no evidence that X", "there is no sign of X", "has not seen any evidence X";
# bounded gaps only (no nested quantifiers): article text is hostile input
_ABSENCE = re.compile(
    r"\b(?:no|not\s+(?:seen|found|had)\s+any|not\s+yet\s+seen\s+any|no\s+clear)\s+"
    r"(?:hard\s+|direct\s+|concrete\s+)?"
    r"(?:evidence|sign|signs|indication|indications|proof|confirmation)\b"
    r"(?:\s+(?:yet|so\s+far))?\s+(?:that|of|to\s+suggest|to\s+show|showing)\s+",
    re.IGNORECASE,
)
# what reports a thing as seen: the other side of "no evidence"
_SEEN = re.compile(
    r"\b(?:documented|recorded|seen|saw|spotted|sighted|sightings?|observed|confirm(?:ed|s)|"
    r"arrived|detected|identified|verified|evidence\s+(?:of|that)|footage|images|photos|"
    r"photographs|videos?)\b",
    re.IGNORECASE,
)
TARGET_SIMILARITY = 0.55  # plain vectors: the story's shared topic is in every one
MAX_TARGETS = 2
MIN_TARGET_CHARS = 15


def absence_target(text: str) -> str | None:
    """What a 'no evidence' statement says is missing, or None when it says none."""
    m = _ABSENCE.search(text)
    if m is None:
        return None
    rest = text[m.end():].strip(" “”\"'‘’.,")
    return rest if len(rest) >= MIN_TARGET_CHARS else None


def absences(claims: list[Claim], cvecs: np.ndarray,
             affiliated: dict[str, set[str]] | None = None
             ) -> tuple[list[Contradiction], dict[str, list[str]]]:
    """Pairs (absence claim, claim that reports the missing thing), with reasons."""
    out: list[Contradiction] = []
    against: dict[str, list[str]] = {}
    found = [(i, t) for i, c in enumerate(claims) if (t := absence_target(c.text))]
    if not found or not len(cvecs):
        return out, against
    seen = [j for j, c in enumerate(claims)
            if c.kind not in ("denial", "non-denial") and _SEEN.search(c.text)
            and not NEGATED.search(c.text) and not absence_target(c.text)]
    if not seen:
        return out, against
    tvecs = embed([t for _, t in found])
    for (i, _), tv in zip(found, tvecs, strict=True):
        a = claims[i]
        who = ", ".join(a.attributed_to) or "an unnamed source"
        said = excerpt(a.text, _ABSENCE)
        for j in nearest_targets(a, claims, seen, cvecs[seen] @ tv, TARGET_SIMILARITY,
                                 MAX_TARGETS, affiliated):
            c = claims[j]
            out.append(Contradiction(
                [c.id, a.id], "other",
                f"{who} has no evidence of what {c.id} reports as seen: “{said}”"))
            against.setdefault(c.id, []).append(a.id)
    return out, against


def nearest_targets(by: Claim, claims: list[Claim], pool: list[int], sims: np.ndarray,
                    floor: float, most: int,
                    affiliated: dict[str, set[str]] | None = None) -> list[int]:
    """The claims of ``pool`` (indices into ``claims``; ``sims`` in the same order) that a
    denial or an absence ``by`` is about: the nearest, at ``floor`` or above, at most
    ``most``, never ``by`` itself nor a claim of its own actor (or its country)."""
    out: list[int] = []
    for k in np.argsort(-sims).tolist():
        if sims[k] < floor or len(out) == most:
            break
        c = claims[pool[k]]
        if c is not by and not same_side(c, by, affiliated):
            out.append(pool[k])
    return out


def same_side(c: Claim, by: Claim, affiliated: dict[str, set[str]] | None = None) -> bool:
    """One actor (or its country) stands behind both claims: a denial or an absence is
    never about its own actor's claims."""
    return any(one_actor(x, y, affiliated) for x in c.attributed_to for y in by.attributed_to)
