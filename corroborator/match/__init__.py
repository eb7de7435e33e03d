"""Match stage: claims across a story's articles, verdicts, figures, contradictions."""

from __future__ import annotations

import copy
from collections.abc import Callable

import numpy as np

from corroborator.extract.actor_places import country_of
from corroborator.extract.embed import embed
from corroborator.extract.speakers import GROUP_PRONOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS
from corroborator.match.absence import absences, nearest_targets, same_side
from corroborator.match.claim_pairs import ClaimGate
from corroborator.match.confirm import confirmed_sources, stance_of_unit
from corroborator.match.figures import build_figures
from corroborator.match.linking import (
    SIGNIFICANT,
    affiliations,
    link_units,
    numbers_of,
    pair_text,
)
from corroborator.match.timeline import build_timeline
from corroborator.match.units import CALL, Unit, units_of
from corroborator.match.verdicts import (
    DENIAL,
    as_asserted,
    claim_kind,
    count_sources,
    excerpt,
    key_terms,
    observed_mentions,
    relaying_mentions,
    set_status,
    story_speakers,
)
from corroborator.model import Claim, Contradiction, Document, Mention, Story
from corroborator.settings import Settings
from corroborator.stories import story_title
from corroborator.vectors import unit, unit_rows

# a mention that opens on one of these reads badly alone ("He did not deny …")
_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS
DENIAL_TARGET_SIMILARITY = 0.5
DENIAL_TARGETS = 3


# on a tie, the statement shown is the mention nearest this many characters: about a news
# sentence's length. Set with the first end-to-end path (ac64d3f), not measured
SHOWN_LENGTH = 160


def _claim_from(units: list[Unit], members: list[int], docs: dict[str, Document],
                vecs: np.ndarray) -> Claim:
    us = [units[i] for i in members]
    mentions = [
        Mention(u.doc, u.start, u.end, u.speaker, u.cue, u.hedged, docs[u.doc].outlet,
                u.reported_by, stance_of_unit(u))
        for u in us
    ]
    # the statement shown: a not-headline, attributed mention that names its subject ("He
    # did not deny" reads badly alone), the one most like the others (what most mentions
    # say, not an outlier joined at the edge), then a full sentence
    own = vecs[members]
    central = (own @ own.T).sum(axis=1).round(3).tolist()
    rep = us[max(range(len(us)), key=lambda k: (
        not us[k].headline, us[k].attributed, _first_word(us[k].text) not in _PRONOUNS,
        central[k], -abs(len(us[k].text) - SHOWN_LENGTH)))]
    speakers = list(dict.fromkeys(x for u in us for x in (u.reported_by, u.speaker) if x))
    kind = claim_kind([u.text for u in us], any(u.quantities for u in us),
                      bool(speakers))
    return Claim(id="", text=" ".join(rep.text.split()), kind=kind,
                 attributed_to=speakers, mentions=mentions)


def _first_word(text: str) -> str:
    words = text.split(maxsplit=1)
    return words[0].strip("\"“‘'(").lower() if words else ""


def _denied_texts(claims: list[Claim], clusters: list[list[int]], units: list[Unit],
                  affiliated: dict[str, set[str]]) -> dict[int, list[str]]:
    """For each denial (by index), what it rejects, stated as the claim it rejects: "the
    country was sending neither weapons nor soldiers", said by a North Korean envoy, reads
    "North Korea was sending weapons and soldiers"."""
    out: dict[int, list[str]] = {}
    for i, c in enumerate(claims):
        if c.kind == "denial":
            country = _country_of_speakers(c.attributed_to, affiliated)
            out[i] = [as_asserted(units[k].claim_text, country) for k in clusters[i]]
    return out


def _denied_vectors(denied: dict[int, list[str]]) -> dict[int, np.ndarray]:
    """The plain embedding of what each denial rejects (the mean over its mentions)."""
    texts = [t for ts in denied.values() for t in ts]
    vecs = embed(texts) if texts else np.zeros((0, 0))
    out: dict[int, np.ndarray] = {}
    start = 0
    for i, ts in denied.items():
        v = vecs[start : start + len(ts)].mean(axis=0)
        start += len(ts)
        out[i] = unit(v)
    return out


def _country_of_speakers(speakers: list[str], affiliated: dict[str, set[str]]) -> str | None:
    """The one country the speakers speak for (a country named as speaker, or the country
    their titles give them), or None when they speak for none or for several."""
    found: set[str] = set()
    for s in speakers:
        named = country_of(s)
        found |= {named} if named else affiliated.get(s.lower(), set())
    return next(iter(found)) if len(found) == 1 else None


def _denials(claims: list[Claim], cvecs: np.ndarray, affiliated: dict[str, set[str]],
             denied: dict[int, np.ndarray], kin: dict[str, list[str]] | None = None,
             counting: frozenset[int] = frozenset(),
             shares: Callable[[int, int], bool] | None = None
             ) -> tuple[list[Contradiction], dict[str, list[str]]]:
    """Denial vs assertion: a denial targets the claims most similar to what it rejects
    (``denied``: _denied_vectors, by claim index). ``kin`` gives, for a claim that states
    one value of a disputed figure, the claims that state its other values
    (_figure_kin): a denial that targets one of them and names no count of its own (it is
    not in ``counting``) denies the counted thing itself ("sending neither weapons nor
    soldiers"), so every value. With ``shares``, a nearest claim is a target only when
    ``shares(denial index, claim index)``: they have a word or a country in common."""
    out: list[Contradiction] = []
    denied_by: dict[str, list[str]] = {}
    # a denial targets the nearest assertions of other actors (not itself, not other
    # denials, not calls for action: "leaders must pressure X" asserts nothing to deny)
    assertions = [j for j, c in enumerate(claims)
                  if c.kind not in ("denial", "non-denial") and not CALL.search(c.text)]
    for i, d in enumerate(claims):
        if d.kind != "denial" or not assertions:
            continue
        who = ", ".join(d.attributed_to) or "an unnamed source"
        said = excerpt(d.text, DENIAL)
        targets = [j for j in nearest_targets(d, claims, assertions,
                                              cvecs[assertions] @ denied[i],
                                              DENIAL_TARGET_SIMILARITY, DENIAL_TARGETS,
                                              affiliated)
                   if shares is None or shares(i, j)]
        if kin and i not in counting:
            pool = {claims[j].id: j for j in assertions}
            more = [pool[k] for j in targets for k in kin.get(claims[j].id, []) if k in pool]
            targets += [j for j in dict.fromkeys(more) if j not in targets
                        and not same_side(claims[j], d, affiliated)]
        for j in targets:
            c = claims[j]
            out.append(Contradiction([c.id, d.id], "denial",
                                     f"{who} denies what {c.id} asserts: “{said}”"))
            denied_by.setdefault(c.id, []).append(f"{d.id} ({who})")
    return out, denied_by


def _figure_kin(numeric: list[Contradiction]) -> dict[str, list[str]]:
    """For each claim that states a value of a disputed figure, the claims that state its
    other values (the claims of the figure's numeric contradiction)."""
    kin: dict[str, list[str]] = {}
    for x in numeric:
        for c in x.claims:
            kin.setdefault(c, []).extend(k for k in x.claims if k != c)
    return kin


def build_story(story_id: str, docs: list[Document], settings: Settings | None = None) -> Story:
    """One story's claim ledger from its prepared documents."""
    settings = settings or Settings()
    by_id = {d.id: d for d in docs}
    units = [u for d in docs for u in units_of(d)]
    affiliated = affiliations(units)
    clusters, raw = link_units(units, settings.link_threshold, affiliated)
    clusters.sort(key=lambda c: (-len({units[i].doc for i in c}), c[0]))
    claims = [_claim_from(units, c, by_id, raw) for c in clusters]
    relaying = [relaying_mentions(c, by_id) for c in claims]
    speakers = story_speakers(by_id)
    gate = (ClaimGate([pair_text(u) for u in units])
            if units and settings.confirm_claims else None)
    unconfirmed: dict[str, int] = {}
    for n, (c, relayed, members) in enumerate(zip(claims, relaying, clusters, strict=True),
                                              start=1):
        c.id = f"c{n}"
        c.outlets, c.independent_sources, _ = count_sources(c, by_id, affiliated, relayed,
                                                            speakers)
        if c.independent_sources >= 2 and gate is not None:
            # the grouping is generous; the verdict counts only the sources whose
            # supporting mentions the claim-pair model confirms as one claim
            confirmed, _ = confirmed_sources(c, members, units, raw, gate, by_id,
                                             affiliated, relayed, speakers)
            if confirmed < c.independent_sources:
                unconfirmed[c.id] = c.independent_sources
                c.independent_sources = max(1, confirmed)
    # denial targets are judged on the plain embeddings: what a denial rejects is the
    # story's shared topic itself ("sending neither weapons nor soldiers")
    cvecs = np.stack([raw[c].mean(axis=0) for c in clusters]) if clusters else raw
    if len(cvecs):
        cvecs = unit_rows(cvecs)
    figures, numeric = build_figures(docs, claims)
    counting = frozenset(i for i, c in enumerate(clusters) if claims[i].kind == "denial"
                         and any(max(v) >= SIGNIFICANT for k in c for v in numbers_of(units[k])))
    rejected = _denied_texts(claims, clusters, units, affiliated)
    denied_terms = {i: frozenset().union(*map(key_terms, ts)) for i, ts in rejected.items()}
    terms: dict[int, frozenset[str]] = {}  # a claim's key terms, found when a denial asks

    def shares(i: int, j: int) -> bool:
        if j not in terms:
            terms[j] = frozenset().union(*(key_terms(units[k].text) for k in clusters[j]))
        return bool(denied_terms[i] & terms[j])

    denials, denied_by = _denials(claims, cvecs, affiliated, _denied_vectors(rejected),
                                  _figure_kin(numeric), counting, shares)
    unseen, _ = absences(claims, cvecs, affiliated)
    contradictions = numeric + denials + unseen
    for c, relayed in zip(claims, relaying, strict=True):
        set_status(c, contradictions, denied_by.get(c.id, []), relayed,
                   observed_mentions(c, by_id), unconfirmed.get(c.id, 0))
    return Story(
        id=story_id,
        title=story_title(docs),
        documents=[d.id for d in docs],
        claims=claims,
        figures=figures,
        contradictions=contradictions,
        dates=[copy.copy(m) for d in docs for m in d.dates],
        timeline=build_timeline(docs, claims),
    )
