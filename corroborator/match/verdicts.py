"""Claim kinds, independence of sources, and verdict flags with their reasons."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from corroborator.clean.lexicon import AGENCIES
from corroborator.extract.actor_places import countries_in
from corroborator.extract.actors import JOINT
from corroborator.extract.speakers import GROUP_PRONOUNS, PERSON_PRONOUNS
from corroborator.model import Claim, ClaimKind, Contradiction, Document, Mention, Status
from corroborator.outlets import count_outlets

NON_DENIAL = re.compile(
    r"\b(?:neither\s+confirm\w*\s+nor\s+den\w*|"
    r"(?:did|does|do|has|had|have|would|could)\s+not\s+(?:deny|denied|confirm\w*)|"
    r"(?:did|does|do|has|had|have|would|could)n[’']t\s+(?:deny|denied|confirm\w*)|"
    r"not\s+denied|declined\s+to\s+(?:confirm|comment|deny)|refused\s+to\s+(?:confirm|deny)|"
    r"stopp\w*\s+short\s+of\s+confirm\w*|no\s+confirmation)\b",
    re.IGNORECASE,
)
# what a verb of denial must have for object to deny a claim
_CLAIM_NOUNS = (r"claims?|reports?|allegations?|accusations?|rumou?rs?|accounts?|assertions?|"
               r"suggestions?|criticism|charges?|story|stories|notion|idea|speculation|"
               r"characteri[sz]ations?|premise|argument|theory|theories|findings|conclusions?|"
               r"involvement|wrongdoing|responsibility|knowledge|links?|ties|role|presence")
DENIAL = re.compile(
    r"\b(?:"
    # a verb of denial with a claim for object: "denied that", "denied sending", "denied the
    # reports", "dismissed the criticism as", "denies." ("deny the right", "rejected a
    # request", "dismiss her proposals" deny no claim)
    r"(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?)"
    r"(?=\s+(?:that|it|this|having|being|[a-z]+ing)\b"
    r"|\s+(?:(?:any|the|these|those|such|all|his|her|its|their|our|my|[\w'’-]+['’]s)\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?:" + _CLAIM_NOUNS + r")\b"
    r"|\s*(?:[.,;:!?”\"’)]|$))"
    r"|refut\w*|"
    r"(?:groundless|baseless|unfounded|false|fake|untrue|fabricated)\s+(?:rumou?rs?|"
    r"claims?|reports?|allegations?)|rubbish|nonsense|"
    r"(?:are|were|is|was|all|just|nothing\s+but|pack\s+of)\s+(?:[\w'’-]+\s+){0,2}?"
    r"[“\"]?lies|"
    # "was sending neither weapons nor soldiers"; not a subject "Neither A nor B have …",
    # nor qualities one lacks: "has neither the temperament nor the judgment"
    r"(?<!^)(?<![.!?]\s)(?<![“\"]\s)(?<![“\"])"
    r"(?:(?<!\bhas\s)(?<!\bhave\s)(?<!\bhad\s)neither\s+(?:the|a|an)\s+\w+"
    r"|neither\s+(?!(?:the|a|an)\b)\w+(?:\s+\w+)?)\s+nor|"
    # "the family contests police allegations that ...", not "the contested region"
    # (a noun "dispute over claims to the islands" is no denial either)
    r"(?:disput(?:e|es|ed|ing)|contest(?:s|ed|ing)?)(?!\s+(?:over|about|between|with|among)\b)"
    r"\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:claims?|allegations?|accounts?|reports?|assertions?))\b",
    re.IGNORECASE,
)
# a rebuttal that names no verb of denial: "there is no evidence that", "no sign of",
# "nothing X made public indicated Y": it disputes what it names, it does not support it
REBUTTAL = re.compile(
    r"\b(?:no|little|scant)\s+(?:(?:hard|credible|real|firm|direct|such)\s+)?"
    r"(?:evidence|proof|indication|sign|signs)\b|"
    r"\bnothing\b(?:\s+[\w'’-]+){0,8}?\s+(?:indicat|show|suggest|prov|support)\w*\b",
    re.IGNORECASE,
)
# what a denier calls itself ("the country was sending neither weapons nor soldiers"): read
# as the denier's country, so the denial is compared with claims that name it
_SELF_REFERENCE = re.compile(
    r"\b(?:(?:the|this|our|its|their)\s+(?:country|nation|government|state|regime)|"
    r"we|us|our)\b", re.IGNORECASE)
_NEITHER = re.compile(r"\bneither\s+", re.IGNORECASE)
_NOR = re.compile(r"\bnor\b", re.IGNORECASE)
# the plain negators (no verbs of denial): what "no evidence of X" and a denial negate
NEGATED = re.compile(r"\b(?:no|not|never|neither|nor)\b|n[’']t\b", re.IGNORECASE)
# an outlet passing on what unnamed others say ("are said to have been given", "reportedly",
# "multiple reports about", "reports emerged"): not its own reporting, and perhaps the very
# reports other outlets name; "a man who allegedly shot" hedges a detail, not the claim
HEARSAY = re.compile(
    r"\b(?:reportedly|purportedly|supposedly|reputedly|"
    r"(?<!\bwho\s)(?<!\bthat\s)(?<!\bwhich\s)allegedly|"
    r"(?:is|are|was|were|been|being)\s+(?:widely\s+)?"
    r"(?:said|reported|believed|thought|rumou?red)\s+to|"
    r"according\s+to\s+(?:[\w-]+\s+){0,2}?reports|"
    r"(?:unconfirmed|media|press|news|multiple|several|numerous|various)\s+reports?|"
    r"reports?\s+(?:have\s+|had\s+)?(?:emerged|surfaced|suggest\w*|say|said|claim\w*|"
    r"indicat\w*))\b",
    re.IGNORECASE,
)
# a cue that names no one and points to what others say: "reports", "are said", "emerged";
# not a bare "said" or "has said", whose speaker the parse missed ("and said the officers …")
_HEARSAY_CUE = re.compile(
    r"\b(?:reports?|reported|rumou?r\w*|alleg\w*|emerged|surfaced)\b|"
    r"\b(?:is|are|was|were|been|being)\s+(?:[a-z]+\s+)?(?:said|believed|thought)\b",
    re.IGNORECASE)
# the outlet's own observed reporting: its reporter saw, or it has seen, the thing itself
# ("A Reuters reporter at the scene saw …", "Our correspondent watched as …", "documents
# seen by The Guardian", "footage verified by the BBC"); not attributed, yet not
# unattributed either ("emails obtained by Judicial Watch" name a source all the same)
_WITNESS = (r"saw|sees?|seen|watched|witnessed|heard|observed|visited|counted|found|"
            r"verified|reviewed|obtained|examined|analy[sz]ed|photographed|filmed|geolocated")
OBSERVED = re.compile(
    r"(?<!\btold\s)(?<!\bto\s)(?<!\bwith\s)(?<!\bfor\s)\b(?i:our|an?|the)\s+(?:[A-Z][\w.&'’-]*\s+){0,3}(?i:own\s+)?"
    r"(?i:correspondents?|reporters?|journalists?|photographers?|photojournalists?|"
    r"camera\s*(?:man|men|crew)|news\s+team|reporting\s+team|video\s+journalists?)\b"
    r"[^.;!?]{0,60}?\b(?i:" + _WITNESS + r")\b|"
    r"\b(?i:seen|reviewed|obtained|verified|examined|analy[sz]ed|geolocated|witnessed|"
    r"filmed|photographed)\s+by\s+(?i:the\s+)?[A-Z]"
)
_QUANTITY_HINT = re.compile(r"\d|\b(?:dozens?|hundreds?|thousands?|millions?)\b", re.IGNORECASE)


def excerpt(text: str, pattern: re.Pattern[str] | None, width: int = 120) -> str:
    """At most ``width`` characters of ``text`` on one line around the first match of
    ``pattern`` (its start when none), cut at words, with an ellipsis where text was left
    out: an explanation quotes the words that deny, not the speaker's long title before
    them."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    m = pattern.search(flat) if pattern is not None else None
    at = m.start() if m else 0
    start = max(0, min(at - width // 3, len(flat) - width))
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > max(start, at) else end
    if end == len(flat):
        return ("…" if start else "") + flat[start:]
    return ("…" if start else "") + flat[start:end].rstrip(" ,;:") + "…"


def as_asserted(text: str, country: str | None = None) -> str:
    """What a denial rejects, stated as the claim it rejects: the negation dropped
    ("was sending neither weapons nor soldiers" → "was sending weapons and soldiers") and
    the denier's name for itself read as its country, when that is known."""
    out = NEGATED.sub("", _NOR.sub("and", _NEITHER.sub("", text)))
    if country:
        out = _SELF_REFERENCE.sub(country, out)
    return " ".join(out.split())


_TERM = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# words that frame a denial or a report, not what it is about
_FRAME_WORDS = frozenset(
    "deny denies denied denying reject rejects rejected rejecting dismiss dismisses "
    "dismissed dismissing refute refutes refuted refuting rubbish nonsense groundless "
    "baseless unfounded false fake untrue fabricated lies neither said says told tell "
    "that this there their they them which what with from have been were will would "
    "could should about into than also only just more most other some such these those "
    "when where while whom whose".split())


def key_terms(text: str) -> frozenset[str]:
    """What a text is about, to check that a denial and its target share something: its
    content words (first five letters, four letters or more, denial and framing words
    aside) and the countries it names by any name ("DPRK", "Pyongyang" -> North Korea)."""
    words = _TERM.findall(text)
    terms = {w.lower()[:5] for w in words if len(w) >= 4 and w.lower() not in _FRAME_WORDS}
    return frozenset(terms | {"@" + c for c in countries_in(words)})


def claim_kind(texts: list[str], has_quantity: bool, attributed: bool) -> ClaimKind:
    """denial / non-denial / quantity / statement / event, from the mentions' wording."""
    joined = " ".join(texts)
    if NON_DENIAL.search(joined):
        return "non-denial"
    if DENIAL.search(joined) or REBUTTAL.search(joined):
        return "denial"
    if has_quantity and _QUANTITY_HINT.search(joined):
        return "quantity"
    return "statement" if attributed else "event"


# two mentions this close in wording (rapidfuzz, 0-100) are one text copied: an
# unattributed near-copy of an attributed mention repeats that speaker's words
# (one_voice, token-set ratio: "The metal church building … was heavily damaged" in one
# outlet, the same sentence ending ", Kroon said" in another); two unattributed ones are
# one copied text (origin_of, plain ratio), as wire copy under one credit always was
COPY_RATIO = 90


def origin_of(m: Mention, doc: Document, docs: dict[str, Document],
              text: str, others: list[tuple[Mention, str]]) -> str:
    """Who this mention really comes from, after folding copies.

    A duplicate or a republished copy is its original; wire copy with near-identical
    wording under the same agency credit is that agency; the same sentence word for word
    (near-identical, no source named) in other articles is one copied text, whoever
    printed it first, credited or not; otherwise the outlet.
    """
    if doc.duplicate_of:
        return f"outlet:{doc.duplicate_of}"
    if doc.republished_from:
        return f"outlet:{doc.republished_from.lower()}"
    copies = [m.doc]
    for om, otext in others:
        od = docs[om.doc]
        if om.doc == m.doc or fuzz.ratio(text, otext) < COPY_RATIO:
            continue
        shared = {w.lower() for w in doc.wire} & {w.lower() for w in od.wire}
        if shared:
            return "wire:" + sorted(shared)[0]
        if not om.speaker:
            copies.append(om.doc)
    if len(copies) > 1:
        return "copy:" + min(copies)
    return f"outlet:{(doc.outlet or doc.id).lower()}"


def _is_news(name: str | None, outlets: set[str]) -> bool:
    """A wire agency ("The Associated Press", "Yonhap") or an outlet of the corpus."""
    if not name:
        return False
    low = name.strip().lower()
    return low in AGENCIES or low in outlets


def relays_unnamed(m: Mention, text: str) -> bool:
    """The mention names no source and passes on what unnamed others say."""
    if m.speaker:
        return False
    return bool(HEARSAY.search(text) or (m.cue and _HEARSAY_CUE.search(m.cue)))


def relaying_mentions(claim: Claim, docs: dict[str, Document]) -> list[Mention]:
    """The mentions that relay unnamed reports and count as nothing else: an article that
    names a source for the claim elsewhere leans on that source."""
    sourced = {m.doc for m in claim.mentions if m.speaker}
    return [m for m in claim.mentions if m.doc not in sourced
            and relays_unnamed(m, docs[m.doc].text[m.start : m.end])]


def count_sources(claim: Claim, docs: dict[str, Document],
                  affiliated: dict[str, set[str]] | None = None,
                  relaying: Sequence[Mention] | None = None,
                  known: set[str] | None = None) -> tuple[int, int, list[str]]:
    """(outlets, independent sources, asserting actors) for one claim.

    Three outlets quoting one actor are one source, and so are a country and its
    official ("Russia" and "Russian President Vladimir Putin", from ``affiliated``);
    unattributed mentions count by the outlet they come from, after folding wire and
    republished copies, unless that outlet names a source for the claim elsewhere.
    Mentions that relay unnamed reports ("are said to", "reportedly"; ``relaying``, found
    here when not given) are together one source at most, and none beside any other: they
    may be the very reports others name. Speakers are read as one_voice reads them. Only
    supporting mentions count (``stance``): a hedged mention or the outlet's own
    speculation ("this could escalate …") vouches for nothing; a claim with mentions has
    one source at least. A joint speaker ("NATO and United States") counts as each actor
    it names that speaks in the story on its own (``known``: all the
    story's speakers, found here when not given).
    """
    n_outlets = count_outlets((docs[m.doc].outlet, m.doc) for m in claim.mentions)
    outlets = {(docs[m.doc].outlet or m.doc) for m in claim.mentions}
    texts = one_voice([(m, docs[m.doc].text[m.start : m.end]) for m in claim.mentions])
    speakers: dict[str, str] = {}
    origins: set[str] = set()
    # an article that names a source for the claim and repeats it unattributed ("In light
    # of the estimated 12,000 soldiers") leans on that source, not on its own reporting
    sourced = {m.doc for m in claim.mentions if m.speaker}
    if relaying is None:
        relaying = relaying_mentions(claim, docs)
    relayed = {id(m) for m in relaying}
    news = {o.lower() for o in outlets if o}
    if known is None:
        known = story_speakers(docs)
    for m, text in texts:
        if m.stance != "supports":
            continue  # hedged or speculative: it doubts or guesses, it does not vouch
        if m.speaker:
            # a relayed source counts as the actor who made it public in that article ("HUR
            # said it intercepted …": HUR vouches for the intercepts), unless that is a news
            # agency or outlet passing on what the speaker said ("He warned …, The
            # Associated Press reported"): the speaker asserts it
            who = m.speaker if _is_news(m.reported_by, news) else (m.reported_by or m.speaker)
            for one in actors_in(who, known):
                speakers.setdefault(one.lower(), one)
        elif m.doc not in sourced and id(m) not in relayed:
            origins.add(origin_of(m, docs[m.doc], docs, text, texts))
    folded = {k for k in speakers
              if any(c.lower() in speakers for c in (affiliated or {}).get(k, ()))}
    independent = len(speakers) - len(folded) + len(origins)
    return n_outlets, independent or int(bool(claim.mentions)), list(speakers.values())


_SPEAKER_WORD = re.compile(r"[\w'’-]+")


def one_voice(texts: list[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """The speakers behind one claim's mentions, as a reader counts them: an unattributed
    near-copy of an attributed mention of another article carries its speaker; a pronoun
    ("He said") is the claim's named speaker (the longest name, when there are several);
    a shorter form of a named speaker ("fire chief" beside "local fire chief") is that
    speaker, not another."""
    named = sorted({m.speaker for m, _ in texts if m.speaker and not _pronoun(m.speaker)},
                   key=len, reverse=True)
    out = []
    for m, text in texts:
        who = m.speaker
        if who and _pronoun(who):
            who = named[0] if named else None
        elif who:
            words = set(_SPEAKER_WORD.findall(who.lower()))
            who = next((n for n in named if words < set(_SPEAKER_WORD.findall(n.lower()))),
                       who)
        if not who:
            who = next((o.speaker for o, t in texts
                        if o.speaker and not _pronoun(o.speaker) and o.doc != m.doc
                        and fuzz.token_set_ratio(text, t) >= COPY_RATIO), None)
        out.append((m if who == m.speaker else dataclasses.replace(m, speaker=who), text))
    return out


def _pronoun(name: str) -> bool:
    return name.lower() in PERSON_PRONOUNS | GROUP_PRONOUNS


def story_speakers(docs: dict[str, Document]) -> set[str]:
    """Every speaker of the story's articles (``known`` for count_sources)."""
    return {a.speaker for d in docs.values() for a in d.attributions if a.speaker}


def actors_in(speaker: str, known: set[str]) -> list[str]:
    """The actors a joint speaker names ("NATO and United States", as actors.JOINT joins
    them), when each is a speaker of the story on its own too; else the speaker alone."""
    parts = speaker.split(JOINT)
    if len(parts) > 1 and all(p in known for p in parts):
        return parts
    return [speaker]


def observed_mentions(claim: Claim, docs: dict[str, Document]) -> list[Mention]:
    """The mentions that tell what the outlet itself saw ("Our correspondent watched as …")
    and name no other source."""
    return [m for m in claim.mentions if not m.speaker
            and OBSERVED.search(docs[m.doc].text[m.start : m.end])]


def set_status(claim: Claim, contradictions: list[Contradiction], denied_by: list[str],
               relaying: Sequence[Mention] = (), observed: Sequence[Mention] = (),
               unconfirmed: int = 0) -> None:
    """Fill ``claim.status`` and a one-line reason for each flag; ``relaying`` are the
    mentions that relay unnamed reports, ``observed`` the outlets' own observations;
    ``unconfirmed``, when not 0, the sources the grouping gave the claim before the
    claim-pair model confirmed only ``claim.independent_sources`` of them."""
    unnamed = len(relaying)
    status: list[Status] = []
    why: dict[str, str] = {}
    cites = ", ".join(f"{m.doc}[{m.start}:{m.end}]" for m in claim.mentions[:4])
    relayed = (f"; {unnamed} mention(s) relay unnamed reports: one source at most, none "
               "beside a named one" if unnamed else "")
    if observed:
        relayed += "; the outlet's own observation: " + ", ".join(
            f"{m.doc}[{m.start}:{m.end}]" for m in observed[:3])
    if claim.independent_sources >= 2:
        status.append("corroborated")
        why["corroborated"] = (f"{claim.independent_sources} independent sources in "
                               f"{claim.outlets} outlets: {cites}{relayed}")
    else:
        status.append("single-source")
        why["single-source"] = f"one source only: {cites}{relayed}"
    if unconfirmed:
        why["unconfirmed"] = (
            f"{unconfirmed} sources carry related statements, but the claim-pair model "
            f"confirms {claim.independent_sources} independent source(s) stating this same "
            "claim; the others may state a different claim on the same subject")
    if not any(m.speaker for m in claim.mentions) and not observed:
        status.append("unattributed")
        why["unattributed"] = f"no mention names a source: {cites}"
    against = [c for c in contradictions if claim.id in c.claims]
    if against:
        status.append("contested")
        why["contested"] = "; ".join(c.explanation for c in against[:3])
    if denied_by:
        status.append("denied")
        why["denied"] = "denied in " + ", ".join(denied_by[:3])
    claim.status = status
    claim.explanations = why
