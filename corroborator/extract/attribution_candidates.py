"""Candidates beyond verbs ("according to X", noun cues, "SPEAKER:" lines) and the full set.

Verb candidates and the helpers they share come from attribution_cues.py; the scorer
(attribution_scorer.py) keeps the ones that are attributions.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from spacy.tokens import Doc, Token

from corroborator.extract.attribution_cues import (
    SPEECH_LEMMAS,
    Candidate,
    _in_quote,
    _sentence_minus,
    _source_of,
    _source_span,
    _subtree_span,
    _trim,
    verb_candidates,
)
from corroborator.extract.attribution_quotes import (
    CLOSE_QUOTES,
    MAX_QUOTE,
    OPEN_QUOTES,
    quote_spans,
)
from corroborator.extract.doc_text import doc_text

CLOSING = ".,;:!?\"\u201d\u2019' \t\r"
NOUN_CUES = frozenset(
    "claim statement report plan charge promise warning accusation allegation assertion "
    "belief view suggestion argument announcement comment remark fear hope call push "
    "effort criticism complaint demand pledge proposal opposition support concern "
    "insistence emphasis denial admission prediction estimate testimony contention "
    "position stance idea decision vow threat question message attack insinuation "
    "assessment analysis finding conclusion opinion response answer reference doubt notion "
    "acknowledgment recognition worry impression assurance expectation suspicion".split()
)


def according_candidates(sdoc: Doc) -> list[Candidate]:
    """ "according to X": content is the clause the phrase hangs on, or (a "_whole" variant)
    the whole sentence when the phrase sits inside it."""
    out: list[Candidate] = []
    for t in sdoc:
        if t.lower_ != "according" or t.i + 1 >= len(sdoc) or sdoc[t.i + 1].lower_ != "to":
            continue
        to = sdoc[t.i + 1]
        objs = [c for c in [*to.children, *t.children] if c.dep_ == "pobj"]
        cue = (t.idx, to.idx + 2)
        src = objs[0] if objs else None
        phrase_end = cue[1]
        sent = t.sent
        if src is not None:
            last = src.right_edge
            rest = sdoc[last.i + 1:sent.end]
            if t.i == sent.start and all(u.is_punct or u.is_space for u in rest):
                # "According to X, the move reeks of fear." parsed with the clause inside
                # the phrase: the phrase ends at its first comma
                comma = next((u for u in sdoc[src.i + 1:last.i + 1] if u.text == ","), None)
                last = sdoc[comma.i - 1] if comma is not None else last
            phrase_end = last.idx + len(last.text)
        content = _sentence_minus(sdoc, sent, t.idx, phrase_end)
        if content is None:
            continue
        source = _source_span(src) if src is not None else None
        if source is not None and source[1] > phrase_end:
            source = _trim(sdoc, source[0], phrase_end)
        out.append(Candidate(cue, content, source, t, "according", "prep", False, src))
        whole = _trim(sdoc, sent.start_char, sent.end_char)
        if whole is not None and whole[0] < t.idx and phrase_end < whole[1] - 2:
            out.append(Candidate(cue, whole, source, t, "according", "prep_whole", False, src))
    return out


# verbs that report in an "as X noted" clause ("put it", "pointed out" by their particles)
AS_LEMMAS = SPEECH_LEMMAS | {"put", "point", "observe", "write"}


def as_candidates(sdoc: Doc) -> list[Candidate]:
    """ "The levee, as one engineer pointed out, was never ...", "As the paper reported, X",
    "X, as a memo put it": the clause an "as X said" clause hangs on is what X said; the
    sentence on the far side of it, or the whole sentence when it sits in the middle."""
    out: list[Candidate] = []
    for v in sdoc:
        if v.dep_ not in ("advcl", "parataxis") or v.lemma_.lower() not in AS_LEMMAS:
            continue
        marks = [c for c in v.children if c.dep_ == "mark"]
        if len(marks) != 1 or marks[0].lower_ != "as" or marks[0].i > v.i:
            continue
        objs = [c for c in v.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
        if v.lemma_.lower() == "put" and [o.lower_ for o in objs] != ["it"]:
            continue
        if v.lemma_.lower() != "put" and objs:
            continue  # "as he made the case that X": the clause says its own content
        src = _source_of(v)
        if src is None:
            continue
        sent = v.sent
        a, b = v.left_edge.idx, v.right_edge.idx + len(v.right_edge.text)
        if a <= sent.start_char + 1:
            content = _trim(sdoc, b, sent.end_char)
        elif b >= sent.end_char - 2:
            content = _trim(sdoc, sent.start_char, a)
        else:
            content = _trim(sdoc, sent.start_char, sent.end_char)
        if content is None:
            continue
        particle = [c for c in v.children if c.dep_ in ("prt", "dobj") and c.i == v.i + 1]
        end = particle[0] if particle else v
        out.append(Candidate((v.idx, end.idx + len(end.text)), content, _source_span(src), v,
                             "verb", "as_side", False, src, {"as_clause": "1"}))
    return out


POLL_NOUNS = frozenset({"poll", "survey"})


def poll_candidates(sdoc: Doc) -> list[Candidate]:
    """ "In a Marist poll released Monday, 31% said ...": a sentence that opens on a poll
    reports the poll's finding (source the poll, cue "In", content the rest). Only at a
    sentence's start: "X rose in the polls" inside a clause is mostly the outlet's own word
    (PolNeAR train: 16 of 19 sentence-initial ones are annotated, 22 of 83 inside)."""
    out: list[Candidate] = []
    for sent in sdoc.sents:
        t = sent[0]
        if t.lower_ != "in" or t.dep_ != "prep" or t.head.pos_ not in ("VERB", "AUX"):
            continue
        objs = [c for c in t.children if c.dep_ == "pobj"]
        if not objs or objs[0].lemma_.lower() not in POLL_NOUNS:
            continue
        last = objs[0].right_edge
        phrase_end = last.idx + len(last.text)
        content = _trim(sdoc, phrase_end, sent.end_char)
        source = _trim(sdoc, objs[0].left_edge.idx, phrase_end)
        if content is None or source is None:
            continue
        out.append(Candidate((t.idx, t.idx + len(t.text)), content, source, t, "according",
                             "in_poll", False, objs[0], {"lead_in": "1"}))
    return out


def noun_candidates(sdoc: Doc) -> list[Candidate]:
    """Noun cues ("the claim that X", "Trump's plan to X", "criticism of X")."""
    out: list[Candidate] = []
    for n in sdoc:
        if n.pos_ != "NOUN" or n.lemma_.lower() not in NOUN_CUES:
            continue
        content: tuple[int, int] | None = None
        dep = "none"
        for c in n.children:
            if c.i < n.i:
                continue
            if c.dep_ in ("acl", "ccomp", "relcl") and any(
                    g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to") for g in c.children):
                content, dep = _subtree_span(c), "n_" + c.dep_
                break
            if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "for", "that", "against"):
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    content, dep = _subtree_span(objs[0]), "n_prep_" + c.lower_
                    break
        if content is None:
            continue
        span = _trim(sdoc, *content)
        if span is None:
            continue
        src: Token | None = None
        for c in n.children:
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_ in ("PERSON", "ORG")):
                src = c
            elif c.dep_ == "prep" and c.lower_ in ("by", "from") and src is None:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                src = objs[0] if objs else None
        if src is None and n.dep_ in ("dobj", "attr") and n.head.pos_ in ("VERB", "AUX"):
            src = _source_of(n.head)
        source = _source_span(src) if src is not None else None
        if source and not (source[1] <= span[0] or source[0] >= span[1]):
            source = None
        out.append(Candidate((n.idx, n.idx + len(n.text)), span, source, n, "noun", dep,
                             False, src))
    return out


def adjective_candidates(sdoc: Doc) -> list[Candidate]:
    """Stances carried by adjectives ("critical of X", "hopeful that X", "sick of X")."""
    out: list[Candidate] = []
    for a in sdoc:
        if a.pos_ != "ADJ" or a.dep_ not in ("acomp", "amod", "oprd", "ROOT"):
            continue
        content: tuple[int, int] | None = None
        dep = "none"
        for c in a.children:
            if c.i < a.i:
                continue
            if c.dep_ in ("ccomp", "xcomp"):
                content, dep = _subtree_span(c), "a_" + c.dep_
                break
            if c.dep_ == "prep" and c.lower_ in ("of", "about", "for", "toward", "towards",
                                                   "with", "on", "to", "over"):
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    content, dep = _subtree_span(objs[0]), "a_prep_" + c.lower_
                    break
        span = _trim(sdoc, *content) if content is not None else None
        if span is None:
            continue
        src = _source_of(a.head) if a.dep_ in ("acomp", "oprd") else None
        source = _source_span(src) if src is not None else None
        if source and not (source[1] <= span[0] or source[0] >= span[1]):
            source = None
        out.append(Candidate((a.idx, a.idx + len(a.text)), span, source, a, "adj", dep,
                             False, src))
    return out


# a speaker's label in capitals at a paragraph's start, maybe inside a quote mark: "HOST:
_CAPS = r"[A-Z][A-Z.'\u2019-]*"
_LABEL = re.compile(rf"^[\"'\u201c\u201d\u2018\u2019]*({_CAPS}(?: {_CAPS}){{0,3}}):[ \t]", re.M)
# a paragraph that ends a turn without a label: a stage note, "(CROSSTALK)", or an ellipsis;
# only short paragraphs are tried (a stage note is a few words)
_TURN_BREAK = re.compile(r"[\"'\u201c\u201d\u2018\u2019]*(?:\([^()]*\)|[.\u2026 ]+)[\"\u201d]?")
_BREAK_MAX = 80


def dialogue_turns(text: str) -> dict[int, int]:
    """The turns of a transcript (``HOST: ...`` / ``GUEST: ...``): label colon -> end of
    the turn. A dialogue has three labelled paragraphs or more, two speakers or more, and one
    speaker at least twice (a lone ``UPDATE:`` or ``VIDEO:`` makes none). A turn runs over
    the paragraphs after it up to the next label or stage note; the last turn is its own
    paragraph (what follows a transcript is the outlet's again)."""
    labels = [m for m in _LABEL.finditer(text)
              if sum(ch.isalpha() for ch in m.group(1)) >= 2]
    speakers = Counter(m.group(1).split()[-1] for m in labels)
    if len(labels) < 3 or len(speakers) < 2 or max(speakers.values()) < 2:
        return {}
    turns: dict[int, int] = {}
    for i, m in enumerate(labels):
        colon = m.end(1)
        end = _line_end(text, colon)
        if i + 1 < len(labels):
            nxt = labels[i + 1].start()
            while end < nxt and end - colon < MAX_QUOTE:
                start = end
                while start < nxt and text[start].isspace():
                    start += 1
                stop = _line_end(text, start)
                para = text[start:stop].strip()
                if start >= nxt or (len(para) <= _BREAK_MAX and _TURN_BREAK.fullmatch(para)):
                    break
                end = stop
        turns[colon] = min(end, colon + MAX_QUOTE)
    return turns


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def colon_candidates(sdoc: Doc) -> list[Candidate]:
    """ "SPEAKER: text" at a paragraph start (transcripts, headlines); a transcript's turn
    (dialogue_turns) takes every paragraph of the turn and is marked ``turn``."""
    out: list[Candidate] = []
    text = doc_text(sdoc)
    turns = dialogue_turns(text)
    for t in sdoc:
        if t.text != ":" or t.i == 0:
            continue
        line_start = text.rfind("\n", max(0, t.idx - 61), t.idx) + 1
        if line_start == 0 and t.idx > 61:
            continue
        while line_start < t.idx and text[line_start] in QUOTE_MARKS:
            line_start += 1  # a transcript line quoted whole: "WALLACE: ...
        head = text[line_start:t.idx]
        if not head.strip() or len(head) > 60 or any(ch in head for ch in ".!?\""):
            continue
        line_end = text.find("\n", t.idx, t.idx + MAX_QUOTE)
        line_end = min(len(text), t.idx + MAX_QUOTE) if line_end < 0 else line_end
        span = _trim(sdoc, t.idx + 1, turns.get(t.idx, min(line_end, t.idx + MAX_QUOTE)))
        src = _trim(sdoc, line_start, t.idx)
        if span is None or src is None:
            continue
        extra = {"chead": _head_case(head)}
        if t.idx in turns:
            extra["turn"] = "1"
        out.append(Candidate((t.idx, t.idx + 1), span, src, t, "colon", "colon", False, None,
                             extra))
    return out


def _head_case(head: str) -> str:
    """"caps" for a speaker in capitals (WALLACE:), "title" for Title Case, else "other"."""
    letters = [ch for ch in head if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return "caps"
    words = head.split()
    return "title" if words and all(w[0].isupper() for w in words) else "other"


DASHES = "\u2015\u2014\u2013"
QUOTE_MARKS = '"' + OPEN_QUOTES + CLOSE_QUOTES
# a closing quote mark, then at most a few spaces and a dash
_SIGNED = re.compile(f"[{CLOSE_QUOTES}\"][ \t]{{0,2}}[{DASHES}]")
MAX_SIGNED = 500  # dash-signed quotes looked at per article


def dash_candidates(sdoc: Doc, quotes: list[tuple[int, int]]) -> list[Candidate]:
    """A quote signed at its line's end: “...” ― Jane Doe (reader responses, epigraphs)."""
    out: list[Candidate] = []
    text = doc_text(sdoc)
    for qs, qe in quotes + _unpaired_signed(text, quotes):
        k = qe
        while k < len(text) and k - qe < 3 and text[k] in " \t":
            k += 1
        if k >= len(text) or text[k] not in DASHES:
            continue
        line_end = text.find("\n", k, k + 80)  # bounded: a name, not a paragraph
        line_end = min(len(text), k + 80) if line_end < 0 else line_end
        src = _trim(sdoc, k + 1, line_end)
        if src is None or src[1] - src[0] > 60 or not text[src[0]].isupper() or any(
                ch in text[src[0]:src[1]] for ch in "!?" + QUOTE_MARKS):
            continue
        dash = sdoc.char_span(k, k + 1, alignment_mode="expand")
        name = sdoc.char_span(src[0], src[1], alignment_mode="expand")
        if dash is None or not len(dash) or name is None or not len(name):
            continue
        out.append(Candidate((k, k + 1), (qs, qe), src, dash[0], "colon", "dash", True,
                             name.root))
    return out


def _unpaired_signed(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs signed with a dash whose quote marks the quote finder did not pair (one
    opened with a closing mark: ”Fear. I am truly afraid …” ― Edwin G.): the paragraph
    from its opening mark to its closing one."""
    ends = {qe for _, qe in quotes}
    out = []
    for n, m in enumerate(_SIGNED.finditer(text)):
        if n >= MAX_SIGNED:
            break  # hostile text: each look back reads up to MAX_QUOTE characters
        qe = m.start() + len(m.group(0).rstrip(" \t" + DASHES))
        line = text.rfind("\n", max(0, qe - MAX_QUOTE), qe) + 1
        if qe in ends or (line == 0 and qe > MAX_QUOTE):
            continue
        if text[line:line + 1] in QUOTE_MARKS and qe - line > 2:
            out.append((line, qe))
    return out


def candidates(sdoc: Doc) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """All candidates of a parsed document and the quote spans found in its text."""
    quotes = quote_spans(doc_text(sdoc))
    cands = (verb_candidates(sdoc, quotes) + according_candidates(sdoc) + poll_candidates(sdoc)
             + as_candidates(sdoc)
             + noun_candidates(sdoc)
             + colon_candidates(sdoc) + adjective_candidates(sdoc)
             + dash_candidates(sdoc, quotes))
    cands += boundary_variants(sdoc, quotes, cands)
    cands += quote_continuations(sdoc, quotes, cands)
    for c in cands:
        c.content = _closed(doc_text(sdoc), quotes, c.content)
        c.extra["cq"] = str(_in_quote(quotes, c.cue[0]))
        c.extra["nest"] = _nesting(c.cue_token)
    _add_context(cands, quotes)
    return cands, quotes


def _closed(text: str, quotes: list[tuple[int, int]], span: tuple[int, int]
            ) -> tuple[int, int]:
    """``span``, run on to the end of a quote it opens and stops just short of: the parse
    leaves the closing mark to the sentence (said they came away with "more questions than
    answers.")."""
    s, e = span
    # quotes are sorted and apart: only the last one opening before ``e`` can qualify
    i = bisect.bisect_left(quotes, (e, 0)) - 1
    if i >= 0:
        qs, qe = quotes[i]
        if s <= qs < e < qe <= e + 3 and not any(ch.isalnum() for ch in text[e:qe]):
            return s, qe
    return span


CUT_MARKS = frozenset((",", ";", "(", "\u2014", "\u2013", "--"))


def boundary_variants(sdoc: Doc, quotes: list[tuple[int, int]], cands: list[Candidate]
                      ) -> list[Candidate]:
    """A second end for an unquoted content after its cue: cut at its first comma, dash,
    semicolon or bracket outside quotes ("_pc"); the scorer picks between the two."""
    out: list[Candidate] = []
    have = {(c.cue, c.content) for c in cands}
    for c in cands:
        if c.quoted or c.kind == "colon" or c.content[0] < c.cue[1]:
            continue
        s, e = c.content
        span = sdoc.char_span(s, e, alignment_mode="expand")
        mark = next((t for t in (span[1:] if span is not None else ())
                     if t.text in CUT_MARKS and not _in_quote(quotes, t.idx)), None)
        cut = _trim(sdoc, s, mark.idx) if mark is not None else None
        if cut is None or cut[1] - cut[0] < 3 or (c.cue, cut) in have:
            continue
        have.add((c.cue, cut))
        out.append(Candidate(c.cue, cut, c.source, c.cue_token, c.kind, c.content_dep + "_pc",
                             c.quoted, c.source_token, dict(c.extra)))
    return out


def quote_continuations(sdoc: Doc, quotes: list[tuple[int, int]], cands: list[Candidate]
                        ) -> list[Candidate]:
    """A content followed by quotes with no speaker of their own ("X said that A. "B."")
    runs on through them: one candidate to the first such quote, one to the last."""
    text = doc_text(sdoc)
    starts = {q[0]: q for q in quotes}
    out: list[Candidate] = []
    for c in cands:
        if c.kind == "colon":
            continue
        lead = ""
        end = c.content[1]
        if c.cue[0] >= c.content[1]:
            # "A," said Jo Lee, a lawyer. "B.": the quote after the speaker's clause
            # the quote may span sentences of its own; it must end in the cue's sentence
            sent_end = c.cue_token.sent.end_char
            if c.content[1] < c.cue_token.sent.start_char or sent_end - c.content[1] > 200:
                continue
            end, lead = sent_end, "pre_"
        chain: list[tuple[int, int]] = []
        while len(chain) < 4:
            q = _standalone_quote_after(text, starts, end)
            if q is None:
                break
            chain.append(q)
            end = q[1]
        for q in sorted({chain[0], chain[-1]}) if chain else ():
            gap = text[c.content[1]:q[0]]
            info = dict(c.extra, ext=lead + ("para" if "\n" in gap else "sent") + "|"
                        + ("1" if q == chain[0] else "n"))
            out.append(Candidate(c.cue, (c.content[0], q[1]), c.source, c.cue_token, c.kind,
                                 c.content_dep + "_ext", c.quoted, c.source_token, info))
    return out


def _standalone_quote_after(text: str, starts: dict[int, tuple[int, int]], end: int
                            ) -> tuple[int, int] | None:
    """The quote opening right after ``end`` (past closing punctuation and at most one
    paragraph break) that ends its paragraph or runs straight into another quote."""
    k = end
    while k < len(text) and k - end < 8 and k not in starts and text[k] in CLOSING:
        k += 1
    breaks = 0
    while k < len(text) and text[k] in "\n \t\r" and breaks < 3:
        breaks += text[k] == "\n"
        k += 1
    q = starts.get(k)
    if q is None or breaks > 2:
        return None
    m = q[1]
    while m < len(text) and text[m] in " \t\r":
        m += 1
    if m >= len(text) or text[m] == "\n" or m in starts:
        return q
    return None


def _add_context(cands: list[Candidate], quotes: list[tuple[int, int]]) -> None:
    """Facts about a candidate's rivals: its length rank among one cue's contents, cues inside
    its content, and how it sits against the quotes."""
    by_cue: dict[tuple[int, int], list[Candidate]] = {}
    for c in cands:
        by_cue.setdefault(c.cue, []).append(c)
    for group in by_cue.values():
        lens = sorted({c.content[1] - c.content[0] for c in group})
        for c in group:
            n = c.content[1] - c.content[0]
            c.extra["alt"] = ("only" if len(lens) == 1 else "longest" if n == lens[-1]
                              else "shortest" if n == lens[0] else "mid")
    cue_starts = sorted({c.cue[0] for c in cands})
    q_starts = [q[0] for q in quotes]
    for c in cands:
        s, e = c.content
        inner = bisect.bisect_left(cue_starts, e) - bisect.bisect_left(cue_starts, s)
        c.extra["inner"] = str(min(inner, 2))
        i = bisect.bisect_right(q_starts, s) - 1
        j = bisect.bisect_left(q_starts, s)
        if i >= 0 and quotes[i][1] >= e:
            c.extra["qpos"] = "in"
        elif j < len(quotes) and quotes[j][1] <= e:
            c.extra["qpos"] = "holds"
        elif j < len(quotes) and quotes[j][0] < e:
            c.extra["qpos"] = "cuts"
        else:
            c.extra["qpos"] = "none"


def _nesting(v: Token) -> str:
    """How the cue sits under another verb: "speech" inside a reported clause, "verb", "top"."""
    node = v
    for _ in range(4):
        if node.head.i == node.i:
            return "top"
        dep = node.dep_
        node = node.head
        if node.pos_ in ("VERB", "AUX") and dep in ("ccomp", "xcomp", "advcl", "conj", "dobj"):
            return ("speech_" if node.lemma_ in SPEECH_LEMMAS else "verb_") + dep
    return "deep"
