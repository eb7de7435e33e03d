"""Claim units: the content of one assertion, not a whole paragraph.

A unit is a sentence, narrowed to an attribution's content where the sentence reports
speech, and split in two where two independent clauses are joined ("X happened, and Y
was taking place"). Units come from the parse already stored on the Document, so this
stage needs no model of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from corroborator.extract.dates import (
    CLOCK_PATTERN,
    DAY_PATTERN,
    MONTH_PATTERN,
    YEAR_PATTERN,
    ZONE_PATTERN,
)
from corroborator.extract.parse import TITLE_ABBREVIATIONS
from corroborator.match.verdicts import DENIAL, HEARSAY, NON_DENIAL
from corroborator.model import Attribution, Document, Quantity

MIN_UNIT_CHARS = 25
MAX_UNIT_CHARS = 600
LEAD_SENTENCES = 2
MIN_ARTICLE_SENTENCES = 5  # shorter texts (a caption, a post) have no lead to speak of
NARROW_DATE_DAYS = 3  # wider ranges ("this week") say too little to match on
# ", and " / "; " followed by a clause that has its own subject and finite verb
_CLAUSE_JOIN = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;)\s+")
# hedged wording: what passes on unnamed reports (verdicts.HEARSAY: "reportedly", "are
# said to") and words that doubt without citing anyone
_HEDGE = re.compile(rf"{HEARSAY.pattern}|\b(?:purported|apparently|unconfirmed)\b",
                    re.IGNORECASE)
# "As reported earlier, X" / "As previously reported by the agency, X": the writer points
# back to earlier reports; what is claimed is X
_REPORTED_PREFACE = re.compile(
    r"^As\s+(?:was\s+|has\s+been\s+|we\s+)?(?:previously\s+|earlier\s+|first\s+)?"
    r"(?:reported|noted|mentioned|announced)\b[^,]{0,60},\s+(?=\S)"
)
# Cues that make their subject the source of the content; "X plans to" or "X should"
# attributions (annotated as such in PolNeAR) do not make X the source of a claim.
_REPORTING_CUE = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|according|cit\w+|report\w*|stat\w+|"
    r"claim\w*|announc\w+|confirm\w*|den(?:y|ies|ied|ying)|warn\w*|believ\w+|estimat\w+|"
    r"fear\w*|add\w*|writ\w+|wrote|not\w*|insist\w*|suggest\w*|argu\w+|assert\w*|"
    r"alleg\w+|acknowledg\w+|reveal\w*|describ\w+|call\w*|urg\w+|demand\w*|quot\w+|"
    r"learn\w*|document\w*|record\w*|show\w*|accus\w+|admit\w*|explain\w*|predict\w*|"
    r"think\w*|thought|expect\w*|assess\w*|conclud\w+|indicat\w+|accord\w*|respond\w*|"
    r"repl\w+|referred|repeat\w*|mention\w*|tweet\w*|post\w*|publish\w*|rul\w+|sho?w\w*|"
    r"detail\w*|disclos\w+|outlin\w+|specif\w+|inform\w*|emphasi[sz]\w+|stress\w*|"
    r"underlin\w+|underscor\w+|highlight\w*|point\w*|clarif\w+|observ\w+|remark\w*|"
    r"comment\w*|conced\w+|testif\w+|affirm\w*|contend\w*|recount\w*|recall\w*|"
    r"declar\w+|proclaim\w*|reiterat\w+|complain\w*|caution\w*|hint\w*|signal\w*|"
    r"pledg\w+|vow\w*|promis\w+)\b",
    re.IGNORECASE,
)
# ", where Ukrainian troops have occupied dozens of villages": a non-restrictive relative
# clause asserts something of its own, often the background other outlets state as a
# sentence; it ends at the next comma, dash or sentence end
_RELATIVE = re.compile(r",\s+(?:where|which|who|whose)\s+")
# a closing quote ends it, an opening one (after a space) does not: "into a "global conflict.""
_RELATIVE_END = re.compile(r",\s|[.;:!?](?:\s|$)|\s[—–-]\s|(?<=\S)[\"”](?=[\s,.;:!?]|$)")
# a piece cut off before what completes it: "responded to the claims by", "The claims by
# South Korea and others are"
_FRAGMENT_END = re.compile(
    r"\b(?:by|to|of|the|a|an|that|and|or|for|with|in|on|at|from|as|than|about|"
    r"is|are|was|were|be|been|being)\W*$", re.IGNORECASE
)
# "… visited Pyongyang in June, when": the subordinate clause went to an attribution; what
# is left before it is the claim
_DANGLING = re.compile(
    r"[\s,;:—–-]+(?:when|where|which|who|whom|whose|while|because|if|although|though|"
    r"whether|but)\W*$", re.IGNORECASE)
# a call for action: "must pressure Moscow", "There needs to be pressure", "should be met"
CALL = re.compile(r"\b(?:must|should|ought\s+to|needs?\s+to|have\s+to|has\s+to)\b",
                  re.IGNORECASE)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|may|might|should|must|"
    r"did|does|do|said|says|told|sent|took|made|went|came|saw|gave|found|thought|knew|"
    r"became|left|held|brought|began|kept|met|led|won|lost|fell|rose|spoke|wrote)\b|\b\w+ed\b"
)


# A publication stamp run into a sentence where the text lost its line breaks ("…
# checks into rehab at Betty Ford Center May 3, 2013 at 7:31 AM ET Updated 5:40 p.m. ET
# Early Friday morning, …"): a dated clock time, or a date or time after a label
# ("Published May 03, 2013"). Headline, stamp and lead are not one sentence: the sentence
# is cut around it.
_STAMP_LABEL = (r"(?:(?:first|originally|last)\s{1,3})?(?:published|updated|posted|modified|"
                r"edited)(?:\s{1,3}(?:time|on|at))?\s{0,3}:?\s{0,3}")
_STAMP_DATE = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
               rf"(?:{MONTH_PATTERN}\.?\s+{DAY_PATTERN},?\s+{YEAR_PATTERN}|{DAY_PATTERN}\s+"
               rf"{MONTH_PATTERN}\.?,?\s+{YEAR_PATTERN}|\d{{1,2}}\s?/\s?\d{{1,2}}\s?/\s?"
               r"\d{2,4}|\d{4}\s?[-.]\s?\d{2}\s?[-.]\s?\d{2})")
_STAMP_TIME = (rf"(?:{CLOCK_PATTERN})(?:\s?[ap]\.?\s?m\b\.?)?(?:\s?\(?{ZONE_PATTERN}\b"
               r"(?:\s?[+-]\s?\d{1,2}(?:\s?:\s?\d\d)?\)?)?)?")
_STAMP = re.compile(
    rf"(?:{_STAMP_LABEL})?{_STAMP_DATE},?\s+(?:at\s+|[|/-]\s+)?{_STAMP_TIME}"
    rf"|{_STAMP_LABEL}(?:{_STAMP_DATE}(?:,?\s+(?:at\s+)?{_STAMP_TIME})?|{_STAMP_TIME})",
    re.IGNORECASE,
)
_STAMP_GAP = re.compile(r"[\s|/,;-]{0,4}")
# a dated time the sentence speaks of: "the meeting on May 3, 2013 at 10:00"
_TOLD_TIME = re.compile(r"\b(?:on|at|by|until|till|since|from|before|after|to|of|for|"
                        r"between|and|or|the)\W*$", re.IGNORECASE)


def without_stamps(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of sentence [start, end) around the publication stamps run into it."""
    return _around(start, end, stamps_in(text, start, end), text)


def stamps_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The publication stamps run into sentence [start, end), each as one span."""
    cuts: list[tuple[int, int]] = []
    for m in _STAMP.finditer(text, start, end):
        if _TOLD_TIME.search(text, max(start, m.start() - 12), m.start()):
            continue
        if cuts and _STAMP_GAP.fullmatch(text, cuts[-1][1], m.start()):
            cuts[-1] = (cuts[-1][0], m.end())  # "PUBLISHED: … PM UPDATED: … AM"
        else:
            cuts.append((m.start(), m.end()))
    return cuts


def _around(start: int, end: int, cuts: list[tuple[int, int]], text: str
            ) -> list[tuple[int, int]]:
    """The non-blank parts of [start, end) between the ``cuts``."""
    if not cuts:
        return [(start, end)]
    out, at = [], start
    for s, e in cuts:
        out.append((at, s))
        at = e
    out.append((at, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


@dataclass
class Unit:
    """One candidate claim mention, with the evidence the matcher compares."""

    doc: str
    start: int
    end: int
    text: str
    sentence: tuple[int, int]
    speaker: str | None = None
    cue: str | None = None
    hedged: bool = False
    reported_by: str | None = None
    attributed: bool = False
    quantities: list[Quantity] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    headline: bool = False
    lead: bool = False  # in the first sentences of an article long enough to have a lead
    dates: list[tuple[str, str]] = field(default_factory=list)  # resolved ISO ranges
    content: str = ""  # the asserted content, without source and cue, when attributed
    source_text: str = ""  # the source as written ("Russian President Vladimir Putin")
    context: str = ""  # the whole sentence the unit is cut from
    antecedent: str = ""  # what a relative clause tells of ("Kursk area" for ", where …")

    @property
    def claim_text(self) -> str:
        return self.content or self.text

    @property
    def embed_text(self) -> str:
        """What the matcher embeds: the claim, after the antecedent of a relative clause."""
        return f"{self.antecedent}: {self.claim_text}" if self.antecedent else self.claim_text


def _extent(a: Attribution) -> tuple[int, int]:
    spans = [x for x in (a.source, a.cue, a.content) if x is not None]
    return min(x[0] for x in spans), max(x[1] for x in spans)


def _attributions_in(doc: Document, s: int, e: int) -> list[tuple[int, int, Attribution]]:
    """Outermost attributions reaching into sentence [s, e), each clipped to it.

    Nested ones (a reported chain inside a quote) belong to the outer assertion.
    """
    found: list[tuple[int, int, Attribution]] = []
    for a in doc.attributions:
        cs, ce = a.content
        in_sentence = (a.cue is not None and s <= a.cue[0] < e) or (cs < e and ce > s)
        if not in_sentence:
            continue
        xs, xe = _extent(a)
        xs, xe = max(xs, s), min(xe, e)
        if xe - xs >= MIN_UNIT_CHARS:
            found.append((xs, xe, a))
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    chosen: list[tuple[int, int, Attribution]] = []
    for xs, xe, a in found:
        if any(xs < ce and xe > cs for cs, ce, _ in chosen):
            continue
        chosen.append((xs, xe, a))
    return sorted(chosen, key=lambda t: t[0])


def _pieces(doc: Document, s: int, e: int) -> list[tuple[int, int, Attribution | None]]:
    """The sentence cut into attributed extents and the unattributed stretches between."""
    out: list[tuple[int, int, Attribution | None]] = []
    pos = s
    for xs, xe, a in _attributions_in(doc, s, e):
        if xs - pos >= 40 and not (a.source is None and _cut_short(doc.text[pos:xs])):
            out.extend((ps, pe, None) for ps, pe in _split_clauses(doc.text[pos:xs], pos))
        elif a.source is None:
            # "It is widely believed that …": the unit reads from "It", not "is"; "the EU
            # joined the US with expressing its alarm …": from "the EU", not "expressing"
            xs = pos
        act = _act_before_saying(doc, a, xs, xe)
        if act is not None:
            # "Russia has neither confirmed nor denied the claims, stating only: …": what
            # the speaker did, and what it said, are two claims
            out.append((xs, act, a))
            xs = a.content[0]
        out.append((xs, xe, a))
        pos = xe
    if e - pos >= 40 or pos == s:
        out.extend((ps, pe, None) for ps, pe in _split_clauses(doc.text[pos:e], pos))
    return out


# the speaker's own act before a participle that reports: "X has not denied the claims,"
# then "saying …", "stating …", "adding …"
_SAYING = re.compile(r"[a-z]+ing$")


def _act_before_saying(doc: Document, a: Attribution, xs: int, xe: int) -> int | None:
    """Where the speaker's own clause ends when the cue is a participle after it ("Russia
    has neither confirmed nor denied the claims, stating only: …"): the comma before the
    cue. None when the stretch between source and cue is no clause of its own."""
    if a.source is None or a.cue is None or not xs <= a.source[0] < a.cue[0]:
        return None
    if not (a.cue[1] <= a.content[0] < xe) or not _SAYING.search(doc.text[a.cue[0]:a.cue[1]]):
        return None
    between = doc.text[a.source[1] : a.cue[0]]
    comma = between.rstrip().endswith(",")
    if not comma or len(between) < MIN_UNIT_CHARS or not _FINITE.search(between):
        return None
    return a.source[1] + len(between.rstrip()) - 1


def _cut_short(text: str) -> bool:
    """A short stretch that ends on a word which needs more ("… joined the US with")."""
    return len(text) <= 200 and _FRAGMENT_END.search(text) is not None


# what is left of a reported sentence once its attributions are cut out is a claim only
# when it is a clause: not a phrase ("For the coordination of the deployment"), a
# participle ("referring to the North by …", "published by state media"), a subordinate
# clause ("if North Korean soldiers became combatants"); a piece cut before its end is
# left out for every sentence (_FRAGMENT_END)
_SUBORDINATE_START = re.compile(
    r"^(?:if|when|whenever|because|although|though|unless|whether|while|as|after|before|"
    r"since|until|once)\b", re.IGNORECASE)
# lower case, or capitalised before a preposition: "Speaking to reporters", not "Beijing"
_PARTICIPLE_START = re.compile(
    r"^(?:[a-z]+ing\b|[a-z]+ed\s+(?:by|to|on|in|at|from|with|as)\b"
    r"|[A-Z][a-z]+ing\s+(?:to|with|on|at|in|about|from|for)\b)")
_COMMA_PARTICIPLE = re.compile(r",\s+[a-z]+ed\b")
# a happening told as a gerund inside a phrase: "… after receiving reports from …"
_GERUND_EVENT = re.compile(r"\b(?:after|before|by|while|upon|on|since)\s+\w+ing\b",
                           re.IGNORECASE)
# "While stopping short of …", "Without denying …": a phrase with no subject
_GERUND_PHRASE = re.compile(
    r"(?i:while|when|though|although|without|despite|after|before|in|by|on)\s+[a-z]+ing\b")


def _leftover_fragment(text: str, reported: bool = True) -> bool:
    """An unattributed piece that makes no claim: cut before its end in any sentence, or,
    beside the attributions of a reported sentence, not a clause of its own."""
    if _FRAGMENT_END.search(text):
        return True
    if not reported:
        return False
    body = text.strip(" \t\n\"'“”‘’([")
    if _GERUND_EVENT.search(body):
        return False  # it tells a happening, whatever it starts with
    # "In a statement, posted to X this afternoon": an -ed word after a comma is a
    # participle, not the piece's verb
    verbs = _COMMA_PARTICIPLE.sub(",", body)
    return (not _FINITE.search(verbs) or _SUBORDINATE_START.match(body) is not None
            or _PARTICIPLE_START.match(body) is not None)


def _split_clauses(text: str, start: int) -> list[tuple[int, int]]:
    """Split at a clause join when both halves look like clauses of their own."""
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_JOIN.finditer(text):
        left, right = text[pos : m.start()], text[m.end() :]
        if len(left) < 40 or len(right) < 40:
            continue
        head = right.split(",")[0]
        if not _FINITE.search(head) or not _FINITE.search(left):
            continue
        pieces.append((start + pos, start + m.start()))
        pos = m.end()
    pieces.append((start + pos, start + len(text)))
    return pieces


def _days(start: str, end: str) -> int:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days
    except ValueError:
        return 10**6


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "\"'“”‘’,;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "\"'“”‘’,;:—–-"):
        e -= 1
    return s, e


def _unit(doc: Document, s: int, e: int, att: Attribution | None,
          sent: tuple[int, int], headline: bool) -> Unit:
    u = Unit(doc.id, s, e, doc.text[s:e], sent, headline=headline)
    u.context = " ".join(doc.text[sent[0] : sent[1]].split())[:MAX_UNIT_CHARS]
    if att is not None:
        u.speaker = att.speaker or (doc.text[att.source[0] : att.source[1]]
                                    if att.source else None)
        u.cue = doc.text[att.cue[0] : att.cue[1]] if att.cue else None
        u.hedged = att.hedged
        u.reported_by = att.reported_by
        u.source_text = doc.text[att.source[0] : att.source[1]] if att.source else ""
        vouched = _names_source(doc, att) or bool(DENIAL.search(u.text)
                                                   or NON_DENIAL.search(u.text))
        if not vouched:
            # not a reporting cue: the subject is not the claim's source, unless the
            # sentence is its denial ("X did not deny the reports but mocked ..."); a
            # reported chain's reporter still vouches for it
            u.speaker = att.reported_by
        inner = _relayed(doc, att, s, e)
        if inner is not None and u.speaker:
            # a reported chain ("A said B told them X"): X's source is B, reported by A, or
            # by whoever reports A ("HUR said it intercepted ... According to the intercepts,
            # Moscow plans ...": HUR vouches for the intercepts)
            u.speaker, u.reported_by = inner.speaker, att.reported_by or inner.reported_by
        u.attributed = u.speaker is not None
        cs, ce = max(att.content[0], s), min(att.content[1], e)
        if ce - cs >= MIN_UNIT_CHARS and (vouched or _is_clause(doc.text[cs:ce])):
            # what a cue that names no source governs is a claim only when it is a clause
            # ("plans to close two mines"); a bare noun phrase ("Dozens gathered to remember
            # the teenager") is not: the unit's whole text is the claim
            u.content = doc.text[cs:ce]
    if not u.content:
        preface = _REPORTED_PREFACE.match(u.text)
        if preface and len(u.text) - preface.end() >= MIN_UNIT_CHARS:
            u.content = u.text[preface.end() :]
    if not u.hedged:
        u.hedged = _HEDGE.search(u.text) is not None
    u.quantities = [q for q in doc.quantities if s <= q.start < e]
    u.dates = [(d.value_start, d.value_end) for d in doc.dates
               if s <= d.start < e and d.value_start and d.value_end
               and _days(d.value_start, d.value_end) <= NARROW_DATE_DAYS]
    u.entities = {
        (en.canonical or en.text).lower()
        for en in doc.entities
        if en.start >= sent[0] and en.end <= sent[1]
    }
    return u


_INFINITIVE = re.compile(r"\bto\s+[a-z]+\b")


def _is_clause(text: str) -> bool:
    """A finite verb or an infinitive, not a bare noun phrase."""
    return bool(_FINITE.search(text) or _INFINITIVE.search(text))


# a quote this short with no verb after a verb that does not report is a name or a title
TITLE_WORDS = 5


def _names_source(doc: Document, att: Attribution) -> bool:
    """A reporting cue, or a direct quote that says something: the attribution's subject is
    the content's source. A quoted name after another verb ("he and Kim signed a so-called
    "comprehensive strategic partnership pact"") quotes a title, not their words."""
    if att.cue is not None and _REPORTING_CUE.search(doc.text[att.cue[0] : att.cue[1]]):
        return True
    quoted = doc.text[att.content[0] : att.content[1]]
    return att.direct and (_is_clause(quoted) or len(quoted.split()) > TITLE_WORDS)


def _relayed(doc: Document, att: Attribution, s: int, e: int) -> Attribution | None:
    """The attribution nested in ``att``'s content that holds most of that content within
    the unit s..e ("NIS said X, according to Yonhap": X is NIS's, relayed by Yonhap)."""
    best, best_cover = None, 0.5 * (min(e, att.content[1]) - max(s, att.content[0]))
    for b in doc.attributions:
        if b is att or not b.speaker or b.reported_by is None or not _names_source(doc, b):
            continue  # "X said Moscow plans to ...": Moscow is not a source
        if not (att.content[0] <= b.content[0] and b.content[1] <= att.content[1]):
            continue
        bs, be = _extent(b)  # the relayed statement: its source, cue and content
        cover = min(e, be, att.content[1]) - max(s, bs, att.content[0])
        if cover >= best_cover:
            best, best_cover = b, cover
    return best


# a full stop after a title is no clause end: "which was attended by Alaska Gov. Sarah Palin"
_TITLE_STOP = re.compile(rf"\b(?:{'|'.join(TITLE_ABBREVIATIONS)})$")


def _relative_end(text: str, at: int) -> re.Match[str] | None:
    end = _RELATIVE_END.search(text, at)
    while end is not None and end.group().startswith(".") and _TITLE_STOP.search(
            text, 0, end.start()):
        end = _RELATIVE_END.search(text, end.end())
    return end


def _relative_clauses(doc: Document, parent: Unit) -> list[Unit]:
    """The non-restrictive relative clauses of a unit that read as clauses of their own.

    They stay inside their parent too; only a direct quote's speaker is theirs, since
    "X said Y, which Z" leaves Z to the writer as often as to X.
    """
    out: list[Unit] = []
    text = doc.text[parent.start : parent.end]
    for m in _RELATIVE.finditer(text):
        end = _relative_end(text, m.end())
        s, e = _trim(doc.text, parent.start + m.start() + 1,
                     parent.start + (end.start() if end else len(text)))
        if any(a.source and a.source[0] <= s and e <= a.source[1] for a in doc.attributions):
            continue  # it tells who the source is ("intelligence …, which X shared on Y")
        words = doc.text[s:e].split()
        if e - s < MIN_UNIT_CHARS or len(words) < 5 or not _FINITE.search(" ".join(words[1:])):
            continue
        quote = next((a for a in doc.attributions
                      if a.direct and a.content[0] <= s and e <= a.content[1]), None)
        u = _unit(doc, s, e, quote, parent.sentence, parent.headline)
        u.lead = parent.lead
        u.antecedent = _antecedent(doc.text[max(parent.start, s - 80):parent.start + m.start()])
        if quote is None and parent.speaker:
            _reported_by_pronoun(u, parent)
        out.append(u)
    return out


# function words: left out of the matcher's word bags and off an antecedent's front
STOP_WORDS = frozenset(
    "the a an of to in on and or for with by from that this is are was were be been has have "
    "had will would could should at as it its their they he she his her we our not but which "
    "who said says".split()
)


def _antecedent(before: str) -> str:
    """The words a relative clause's comma follows: a name's run of capitalised words
    ("met Mr. Ivanov" gives "Mr. Ivanov"), else the last two words less function words
    ("to the Kursk region" gives "Kursk region")."""
    words = before.split()
    if words and words[-1][:1].isupper():
        k = len(words)
        while k > max(0, len(words) - 4) and words[k - 1][:1].isupper():
            k -= 1
        return " ".join(words[k:])
    tail = words[-2:]
    while tail and tail[0].lower() in STOP_WORDS:
        tail = tail[1:]
    return " ".join(tail)


# "X said Y, which he warned could escalate …": the pronoun reporting inside a relative
# clause of a reported sentence is that sentence's speaker
_RELATIVE_REPORT = re.compile(
    r"^(?:which|who|that)\s+(?:he|she|they)\s+(?:had\s+|has\s+|have\s+)?([a-z]+)\b"
)


def _reported_by_pronoun(u: Unit, parent: Unit) -> None:
    m = _RELATIVE_REPORT.match(u.text)
    if m is None or not _REPORTING_CUE.fullmatch(m.group(1)):
        return
    _speaks_for(u, parent)
    u.cue = m.group(1)


def _carries_on(text: str, prev_end: int, start: int, unit_text: str) -> bool:
    """An unattributed call for action ("There needs to be tangible pressure on X") right
    after an attributed sentence of the same paragraph: news copy makes no calls of its
    own, so it carries on the last speaker's words."""
    return "\n" not in text[prev_end:start] and CALL.search(unit_text) is not None


def _subjectless_refusal(text: str) -> bool:
    """A denial or non-denial told in a phrase with no subject of its own ("While stopping
    short of confirming boots on the ground, | an official said …"): its subject is the
    speaker of the clause that follows."""
    return _GERUND_PHRASE.match(text) is not None and (
        DENIAL.search(text) is not None or NON_DENIAL.search(text) is not None)


def _speaks_for(u: Unit, prev: Unit) -> None:
    u.speaker, u.reported_by, u.attributed = prev.speaker, prev.reported_by, True


def units_of(doc: Document) -> list[Unit]:
    """Claim units of one prepared document, in reading order."""
    units: list[Unit] = []
    rank = -1
    voice: tuple[int, Unit] | None = None  # the last sentence's end and its speaking unit
    for n, sent in enumerate(doc.sentences):
        stamps = stamps_in(doc.text, sent.start, sent.end)
        parts = _around(sent.start, sent.end, stamps, doc.text)
        # the stamp's date is when the parts around it were written: "checks into rehab"
        # in a headline stamped May 3 is not the check-in of a headline stamped June 13
        stamped = [(d.value_start, d.value_end) for a, b in stamps for d in doc.dates
                   if a <= d.start < b and d.value_start and d.value_end
                   and _days(d.value_start, d.value_end) <= NARROW_DATE_DAYS]
        for k, (ss, se) in enumerate(parts):
            stext = doc.text[ss:se]
            if len(stext) < MIN_UNIT_CHARS or len(stext.split()) < 5:
                continue
            rank += 1
            headline = n == 0 and k == 0 and (len(parts) > 1 or not stext.rstrip().endswith(
                (".", "”", '"')))
            first = len(units)
            voice = _sentence_units(doc, ss, se, headline, rank, voice, units)
            for u in units[first:]:
                u.dates = u.dates or stamped[:1]
    if rank + 1 < MIN_ARTICLE_SENTENCES:
        for u in units:
            u.lead = False
    return units


def _sentence_units(doc: Document, start: int, end: int, headline: bool, rank: int,
                    voice: tuple[int, Unit] | None, units: list[Unit]
                    ) -> tuple[int, Unit] | None:
    """Append the units of sentence [start, end) to ``units``; return the sentence's
    speaking unit for the next sentence (``voice``)."""
    pieces = _pieces(doc, start, end)
    first = len(units)
    reported = any(att is not None for _, _, att in pieces)
    for s, e, att in pieces:
        s, e = _trim(doc.text, s, e)
        if e - s < MIN_UNIT_CHARS or len(doc.text[s:e].split()) < 4:
            continue
        e = min(e, s + MAX_UNIT_CHARS)
        if att is None:
            dangling = _DANGLING.search(doc.text[s:e])
            if dangling is not None and dangling.start() >= MIN_UNIT_CHARS:
                e = s + dangling.start()
            if _leftover_fragment(doc.text[s:e], reported):
                continue  # "responded to the claims by", "In an interview with the BBC"
        parent = _unit(doc, s, e, att, (start, end), headline)
        parent.lead = rank < LEAD_SENTENCES
        if (att is not None and att.cue is not None and att.source is not None
                and s <= att.source[0] and att.source[1] <= e <= att.cue[0]):
            # the speaker's own act before "…, saying": the cue is not its cue (a unit
            # cut short before its cue, "“…” he said", keeps it)
            parent.cue = None
            parent.hedged = _HEDGE.search(parent.text) is not None
        if att is None and voice is not None and _carries_on(doc.text, voice[0], s,
                                                               parent.text):
            _speaks_for(parent, voice[1])
        units.append(parent)
        units.extend(_relative_clauses(doc, parent))
    said = [u for u in units[first:] if u.speaker]
    voice = (end, said[-1]) if said else None
    for u in units[first:]:
        if (not u.speaker and said and u.end <= said[0].start
                and _subjectless_refusal(u.text)):
            _speaks_for(u, said[0])
    return voice
