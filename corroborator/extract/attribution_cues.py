"""Candidate attributions from a dependency parse: a cue token, its source and its content.

Every verb proposes candidates with different content boundaries; a learned scorer
(attribution_scorer.py) keeps the best one where it is an attribution. Quote marks are
found on the raw text so quotes spanning sentences and paragraphs stay whole.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from corroborator.extract.attribution_quotes import CLOSE_QUOTES, OPEN_QUOTES
from corroborator.extract.doc_text import doc_text

MERGE_GAP = 400
# "A," he told the host, "B.": at most this many characters from A's end to B's start
SPLIT_GAP = 120
_CLOSING = CLOSE_QUOTES + "\"' "
MAX_BLOCK = 2000  # characters of an unquoted paragraph under "X added:"
# a clause reaching this many characters past its quote is offered whole as well
UNQUOTED_MIN = 10

CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd", "dative")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
INHERIT_DEPS = ("conj", "advcl", "xcomp", "pcomp")
TRAILING_DEPS = ("relcl", "advcl", "conj", "acl", "parataxis", "appos", "npadvmod")
# contents taken from the sentence around the cue: they may hold the cue and the source
AROUND_CUE = ("sentence", "parataxis", "parataxis_side", "aside", "aside_cut")
SPEECH_LEMMAS = frozenset(
    "say tell add write ask note report announce claim state explain argue insist "
    "warn confirm deny reply respond declare acknowledge admit suggest predict "
    "believe fear estimate think assert allege maintain stress tweet post reveal "
    "learn indicate conclude recall continue comment mention agree complain "
    "promise vow pledge urge demand accuse describe call cite".split()
)
HEDGE_WORDS = frozenset(
    "allegedly reportedly purportedly purported alleged apparently possibly "
    "could may might reputedly supposedly unconfirmed".split()
)
HEDGE_PASSIVE = frozenset(("say", "believe", "report", "think", "rumor", "rumour", "allege"))


@dataclass
class Candidate:
    """One proposed attribution with the parse facts the scorer looks at."""

    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue_token: Token
    kind: str  # "verb", "according", "colon"
    content_dep: str
    quoted: bool = False
    source_token: Token | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _trim(sdoc: Doc, start: int, end: int) -> tuple[int, int] | None:
    text = doc_text(sdoc)
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    if end > start and text[end - 1] == "." and end - start > 1:
        end -= 1
        if text[end - 1] in ".":
            end += 1
    return (start, end) if end > start else None


def _subtree_span(tok: Token, skip: Token | None = None) -> tuple[int, int]:
    toks = [t for t in tok.subtree
            if skip is None or not skip.left_edge.i <= t.i <= skip.right_edge.i]
    if not toks:
        toks = [tok]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _source_of(v: Token) -> Token | None:
    subjects = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # two subjects side by side are one phrase the parser split ("One of X's
        # United Nations | representatives said"): the one nearest the verb is its head
        return subjects[-1] if subjects[-1].i < v.i else subjects[0]
    for c in v.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if v.dep_ == "relcl":
        return v.head
    if v.dep_ == "pcomp" and v.head.lower_ == "as":
        # "state media quoted Putin as saying X": Putin says X (state media report it)
        obj = [c for c in v.head.head.children if c.dep_ == "dobj"]
        if obj:
            return obj[0]
    if v.dep_ == "advcl" and v.tag_ == "VBG":
        # "X proved Y, Zelensky said, calling for Z": the parser hangs the participle on
        # the reported clause; its subject is the speaker of the "said" just before it
        said = [c for c in v.head.children if c.dep_ == "parataxis" and c.i < v.i
                and c.lemma_ in SPEECH_LEMMAS]
        subj = [c for c in said[-1].children if c.dep_ == "nsubj"] if said else []
        if subj:
            return subj[0]
        if v.lemma_ in SPEECH_LEMMAS and v.i > 0 and v.nbor(-1).text == ",":
            # "X said that Y plans Z, citing W" / "X said the talks failed, adding that W":
            # X cites or adds, though the parser hangs the participle on the reported
            # clause's verb
            node = v.head
            for _ in range(3):
                if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
                    break
                node = node.head
                subj = [c for c in node.children if c.dep_ == "nsubj"]
                if node.lemma_ in SPEECH_LEMMAS and subj:
                    return subj[0]
    node = v
    for _ in range(3):
        if node.dep_ not in INHERIT_DEPS or node.head.i == node.i:
            break
        node = node.head
        for c in node.children:
            if c.dep_ == "nsubj":
                return c
    return None


def _source_span(src: Token) -> tuple[int, int]:
    """The subject noun phrase, cut at a following relative clause or comma clause."""
    toks = list(src.subtree)
    for sib in reversed([c for c in src.head.lefts if c.dep_ == src.dep_ and c.i < src.i]):
        if sib.right_edge.i + 1 != toks[0].i:
            break
        toks = list(sib.subtree) + toks  # a split subject: "One of the | representatives"
    for c in src.children:
        if c.dep_ in ("relcl", "acl") and c.i > src.i:
            toks = [t for t in toks if t.i < c.left_edge.i]
            break
    while len(toks) > 1 and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        if toks[-1].text == ")" and any(t.text == "(" for t in toks):
            break
        toks.pop()
    while len(toks) > 1 and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _quote_at(quotes: list[tuple[int, int]], span: tuple[int, int]) -> int | None:
    """Index of the quote that holds most of ``span`` (at least half of it)."""
    best, bi = 0, None
    for i, (qs, qe) in enumerate(quotes):
        if qe <= span[0] or qs >= span[1]:
            continue
        o = min(qe, span[1]) - max(qs, span[0])
        if o > best:
            best, bi = o, i
    if bi is not None and best * 2 >= span[1] - span[0]:
        return bi
    return None


def _in_quote(quotes: list[tuple[int, int]], pos: int) -> bool:
    """``pos`` lies inside a quote; ``quotes`` are sorted and apart, so only the last one
    opening before ``pos`` can hold it."""
    i = bisect.bisect_left(quotes, (pos, 0)) - 1
    return i >= 0 and pos < quotes[i][1]


def _extend_quote(sdoc: Doc, quotes: list[tuple[int, int]], qi: int,
                  cue: tuple[int, int]) -> tuple[int, int]:
    """Join "A," he said. "B." into one content running from A to B, and "A," he said,
    "B." the same way when the parse hangs only B on the verb."""
    qs, qe = quotes[qi]
    text = doc_text(sdoc)
    if qs >= cue[1] and qi > 0 and _split_half(sdoc, quotes[qi - 1], qs, cue):
        return quotes[qi - 1][0], qe
    if qe <= cue[0] and qi + 1 < len(quotes):
        ns, ne = quotes[qi + 1]
        gap = text[qe:ns]
        if ns >= cue[1] and "\n" not in gap and len(gap) < MERGE_GAP and not _new_sentence(
                text[cue[1]:ns]) and not _own_cue_after(sdoc, ne) and not _verb_between(
                sdoc, cue[1], ns):
            return qs, ne
    return qs, qe


def _split_half(sdoc: Doc, first: tuple[int, int], second_start: int,
                cue: tuple[int, int]) -> bool:
    """``first`` is the opening half of a quote the cue splits ("A," he told the host, "B."):
    it ends on a comma, the cue clause is short, on one line, ends on a comma, and holds no
    sentence end and no other verb ("medical problem," a doctor had typed "X" is no split)."""
    ps, pe = first
    text = doc_text(sdoc)
    if not (pe <= cue[0] and second_start - pe < SPLIT_GAP):
        return False
    lead = sdoc.char_span(pe, cue[0], alignment_mode="contract")
    return ("\n" not in text[pe:second_start]
            and text[ps:pe].rstrip(_CLOSING).endswith(",")
            and "," in text[cue[1]:second_start]
            and not _stops(lead, text[pe:cue[0]], ".!?;:")
            and not (lead is not None and any(t.pos_ in ("VERB", "AUX") for t in lead)))


CLAUSE_DEPS = frozenset(("advcl", "conj", "ccomp", "xcomp", "parataxis"))


def _verb_between(sdoc: Doc, cue_end: int, end: int) -> bool:
    """A clause of the cue's own between it and the next quote ("he said, adding that it
    would take “more hours”", "said after X failed to appear"): that quote belongs
    to the other clause. Verbs inside a noun phrase ("said Jo Lee, who ran the DNC") do not
    count."""
    span = sdoc.char_span(cue_end, end, alignment_mode="contract")
    cue = sdoc.char_span(max(0, cue_end - 1), cue_end, alignment_mode="expand")
    if span is None or cue is None or not len(cue):
        return False
    v = cue[-1]
    return any(t.pos_ in ("VERB", "AUX") and t.head.i == v.i and t.dep_ in CLAUSE_DEPS
               for t in span)


def _own_cue_after(sdoc: Doc, end: int) -> bool:
    """A reporting verb after the quote ending at ``end``, in its sentence and paragraph
    (\u201cB,\u201d she added): that quote has a speaker of its own."""
    text = doc_text(sdoc)
    tok = sdoc.char_span(max(0, end - 1), end, alignment_mode="expand")
    if tok is None or not len(tok):
        return False
    stop = tok[-1].sent.end_char
    line = text.find("\n", end, stop)
    stop = stop if line < 0 else line
    after = sdoc.char_span(end, stop, alignment_mode="contract")
    return after is not None and any(t.pos_ in ("VERB", "AUX") and t.lemma_ in SPEECH_LEMMAS
                                     for t in after)


def _new_sentence(gap: str) -> bool:
    """Words after a sentence end in ``gap``: the next quote has its own lead-in."""
    cut = max(gap.rfind(". "), gap.rfind("! "), gap.rfind("? "))
    return cut >= 0 and any(ch.isalpha() for ch in gap[cut + 2:])


def _content_child(v: Token) -> Token | None:
    best: Token | None = None
    for dep in CONTENT_DEPS:
        for c in v.children:
            if c.dep_ == dep:
                best = c
                break
        if best is not None:
            break
    return best


def _cut_at_clause(tok: Token, span: tuple[int, int], conj: bool = False
                   ) -> tuple[int, int] | None:
    """``span`` cut before its first comma-led clause (", which ...", ", although ..."),
    or with ``conj`` before its first coordinated verb ("... and praised X")."""
    doc = tok.doc
    cut = None
    for t in tok.subtree:
        if t.i == tok.i:
            continue
        left = t.left_edge.i - 1
        if conj:
            ok = (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and left > tok.i
                  and doc[left].dep_ == "cc")
        else:
            ok = t.dep_ in TRAILING_DEPS and left > tok.i and doc[left].text in ",;("
        if ok and (cut is None or left < cut):
            cut = left
    if cut is None:
        return None
    end = doc[cut].idx
    return (span[0], end) if end > span[0] else None


def _vp_span(v: Token) -> tuple[int, int] | None:
    """Everything the verb governs to its right up to a comma-led clause ("painted X as Y")."""
    kids = [c for c in v.children if c.i > v.i]
    toks: list[Token] = []
    for c in kids:
        if c.dep_ in ("punct", "cc", "conj", "advcl", "parataxis", "mark") or c.dep_ == "npadvmod":
            break
        toks.append(c)
    if len(toks) < 2:
        return None
    return toks[0].left_edge.idx, toks[-1].right_edge.idx + len(toks[-1].right_edge.text)


def _gap_info(text: str, single: tuple[int, int], joined: tuple[int, int]) -> dict[str, str]:
    """What lies between the two quotes of a joined quote ("gap=sent" when a sentence ends)."""
    rest = text[single[1]:joined[1]]
    nxt = min((rest.find(ch) for ch in OPEN_QUOTES + '"' if rest.find(ch) >= 0), default=0)
    gap = rest[:nxt]
    size = "s" if len(gap) < 25 else "m" if len(gap) < 60 else "l"
    ends = "sent" if any(p in gap for p in (". ", ".\n")) else "comma" if "," in gap else "none"
    return {"gap": ends + "|" + size, "endq": text[single[1] - 2:single[1] - 1]}


def _prep_contents(v: Token) -> list[tuple[str, tuple[int, int]]]:
    """The object of a preposition the verb takes ("called for X", "accused Y of X")."""
    out = []
    for c in v.children:
        if c.dep_ != "prep" or c.i < v.i:
            continue
        objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        if objs:
            out.append(("prep_" + c.lower_, _subtree_span(objs[0])))
    return out[:2]


_FAR_STOPS = frozenset({";", ":", "(", ")", "-", "--", "\u2013", "\u2014", "\u2015"})


def _far_that(v: Token) -> tuple[int, int] | None:
    """ "tweeted in the early morning hours that X": a "that" clause the parse hung on a word
    between it and the speech verb, with no other verb between them; the clause from "that"."""
    for t in v.doc[v.i + 1:v.sent.end]:
        if t.pos_ in ("VERB", "AUX") or t.text in _FAR_STOPS or t.is_quote:
            return None
        if t.lower_ == "that" and t.dep_ == "mark":
            head = t.head
            if head.i < t.i or head.head == v:
                return None
            return t.idx, _subtree_span(head)[1]
    return None


def verb_candidates(sdoc: Doc, quotes: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates per verb: the clause, object, verb phrase, prepositional object or quote."""
    out: list[Candidate] = []
    for v in sdoc:
        if v.pos_ not in ("VERB", "AUX") or v.dep_ == "aux" or v.dep_ == "auxpass":
            continue
        if v.pos_ == "AUX" and v.lemma_ == "be":
            continue
        cue = _cue_span(v)
        child = _content_child(v)
        options: list[tuple[str, tuple[int, int], bool]] = []
        info: dict[str, str] = {}
        content: tuple[int, int] | None = None
        dep = child.dep_ if child is not None else "none"
        if child is not None:
            content = _subtree_span(child)
            if child.dep_ in ("dobj", "dative"):
                for c in v.children:
                    if c.dep_ == "ccomp":
                        cs, ce = _subtree_span(c)
                        content = (min(content[0], cs), max(content[1], ce))
        quoted = False
        if content is not None:
            qi = _quote_at(quotes, content)
            if qi is not None and not _in_quote(quotes, v.idx):
                clause = content
                content = _extend_quote(sdoc, quotes, qi, cue)
                quoted = True
                if dep == "ccomp" and (clause[0] < content[0] - UNQUOTED_MIN
                                       or clause[1] > content[1] + UNQUOTED_MIN):
                    # the clause around the quote ("said there remains a "gap," when …");
                    # not "plans to "move the cargo"": the quote is what is said. A clause
                    # the parse starts inside the quote takes its opening mark along.
                    qs, qe = quotes[qi]
                    if qs < clause[0] < qe < clause[1]:
                        clause = (qs, clause[1])
                    options.append((dep + "_unq", clause, False))
                if content != quotes[qi]:
                    options.append(("quote1", quotes[qi], True))
                    info.update(_gap_info(doc_text(sdoc), quotes[qi], content))
        colon = _colon_follows(v)
        if content is None or (not quoted and colon):
            qc = _adjacent_quote(sdoc, quotes, v)
            if qc is not None:
                content, quoted, dep = qc, True, "quote"
                single = [q for q in quotes if q[0] == qc[0]]
                if single and single[0] != qc:
                    options.append(("quote1", single[0], True))
                    info.update(_gap_info(doc_text(sdoc), single[0], qc))
            elif colon:
                block = _block_after(sdoc, v)
                if block is not None:
                    options.append(("block", block, True))
        if v.lemma_ in SPEECH_LEMMAS and not quoted and (child is None
                                                         or child.dep_ != "ccomp"):
            far = _far_that(v)
            if far is not None:
                options.append(("ccomp", far, False))
        if content is None and v.lemma_ in SPEECH_LEMMAS and not any(
                c.dep_ in ("dobj", "prep") for c in v.children):
            content, dep = (v.sent.start_char, v.sent.end_char), "sentence"
        if content is not None:
            options.append((dep, content, quoted))
            if child is not None and not quoted and dep == child.dep_:
                for conj in (False, True):
                    cut = _cut_at_clause(child, content, conj)
                    if cut is not None:
                        options.append((dep + ("_cutc" if conj else "_cut"), cut, False))
                        info["cut" + str(conj)] = "yes"
        if not quoted:
            vp = _vp_span(v)
            if vp is not None and vp != content:
                options.append(("vp", vp, False))
            options.extend((d, sp, False) for d, sp in _prep_contents(v))
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i]
            comp = [c for c in v.children if c.dep_ in ("xcomp", "ccomp") and c.i > v.i]
            if subj and comp:
                options.append(("subj_" + comp[0].dep_, (subj[0].left_edge.idx, _subtree_span(
                    comp[0])[1]), False))
            passive = [c for c in v.children if c.dep_ == "nsubjpass"]
            if passive and not comp:
                options.append(("subjpass", _subtree_span(passive[0]), False))
            if v.dep_ == "parataxis" and v.lemma_ in SPEECH_LEMMAS:
                # "A proved B, Zelensky said, calling for C": the side of the sentence
                # away from "Zelensky said", which is not part of what was said
                lead = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
                start = min([v.idx] + [c.left_edge.idx for c in lead])
                side = _sentence_minus(sdoc, v.sent, start, v.idx + len(v.text))
                options.append(("parataxis", (v.sent.start_char, v.sent.end_char), False))
                if side is not None:
                    options.append(("parataxis_side", side, False))
            elif v.lemma_ in SPEECH_LEMMAS:
                options.extend(_aside_options(sdoc, v))
        src = _source_of(v)
        tail = _trailing_report(sdoc, v)
        if tail is not None:
            # "X had been trained there, the intelligence service reported in its channel."
            # parsed as an apposition with a participle: the clause before it is the
            # content, as when the parse gets it right
            options.append(("ccomp", tail[0], False))
            src = tail[1]
        source_full = _source_span(src) if src is not None else None
        seen: set[tuple[int, int]] = set()
        for dep, raw, q in options:
            span = raw if q else _trim(sdoc, *raw)
            if span is None or span in seen:
                continue
            seen.add(span)
            source = source_full
            if source and not (source[1] <= span[0] or source[0] >= span[1]) and (
                    _in_quote(quotes, source[0])
                    or not (q or dep in AROUND_CUE)
                    or dep.startswith("subj_")):
                source = None
            if dep == "subjpass":
                source = _agent_span(v)
            if cue[0] < span[1] and cue[1] > span[0] and not q and dep not in AROUND_CUE \
                    and not dep.startswith("subj_"):
                continue
            out.append(Candidate(cue, span, source, v, "verb", dep, q, src, dict(info)))
    return out


def _trailing_report(sdoc: Doc, v: Token) -> tuple[tuple[int, int], Token] | None:
    """A reporting clause ending a sentence that the parser read as an apposition with a
    participle (", the intelligence service reported in its Telegram channel."): the
    sentence before its comma, and the speaker."""
    if v.lemma_ not in SPEECH_LEMMAS or v.tag_ not in ("VBD", "VBN", "VBZ") or v.dep_ != "acl":
        return None
    noun, sent = v.head, v.sent
    left = noun.left_edge.i
    if noun.dep_ != "appos" or noun.i > v.i or left - 1 <= sent.start:
        return None
    if sdoc[left - 1].text != "," or any(
            c.dep_ not in ("prep", "punct", "advmod", "npadvmod") for c in v.rights):
        return None
    if any(not t.is_punct for t in sdoc[v.right_edge.i + 1 : sent.end]):
        return None
    return (sent.start_char, sdoc[left - 1].idx), noun


def _aside_options(sdoc: Doc, v: Token) -> list[tuple[str, tuple[int, int], bool]]:
    """A reporting clause set off by commas inside what it reports ("The latest test, North
    Korea said, was its biggest yet"), however the parser hung it: the whole sentence, and
    the sentence up to its first comma after the aside."""
    subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i]
    sent = v.sent
    if not subj:
        return []
    left = subj[0].left_edge.i
    if left - 1 <= sent.start or sdoc[left - 1].text != ",":
        return []
    close = next((t for t in sdoc[v.i + 1:min(v.i + 8, sent.end)]
                  if t.text == "," or t.pos_ in ("VERB", "AUX") or t.is_sent_end), None)
    if close is None or close.text != "," or close.i + 2 >= sent.end:
        return []
    out = [("aside", (sent.start_char, sent.end_char), False)]
    after = next((t for t in sdoc[close.i + 1:sent.end] if t.text in (",", ";")), None)
    if after is not None:
        out.append(("aside_cut", (sent.start_char, after.idx), False))
    return out


def _agent_span(v: Token) -> tuple[int, int] | None:
    """The "by X" agent of a passive verb."""
    for c in v.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return _source_span(g)
    return None


_PAUSE = re.compile(f"[,;:()\u2014\u2013\"{OPEN_QUOTES}{CLOSE_QUOTES}]")


def _cue_span(v: Token) -> tuple[int, int]:
    """The cue verb with its auxiliaries and negation ("has said", "did not deny"), not
    across punctuation ("Probably not," Ms. Moore said: the "not" is in the quote)."""
    toks = [v] + [c for c in v.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < v.i
                  and not _PAUSE.search(doc_text(v.doc)[c.idx : v.idx])]
    toks.sort(key=lambda t: t.i)
    first = toks[0]
    return first.idx, v.idx + len(v.text)


def _colon_follows(v: Token) -> bool:
    nxt = v.nbor(1) if v.i + 1 < len(v.doc) else None
    return nxt is not None and nxt.text == ":"


def _block_after(sdoc: Doc, v: Token) -> tuple[int, int] | None:
    """The paragraph under a line that ends on the verb and a colon ("The governor added:"
    then the words, set as a paragraph of their own without quote marks)."""
    text = doc_text(sdoc)
    colon = v.idx + len(v.text)
    while colon < len(text) and text[colon] in " \t":
        colon += 1
    k = colon + 1
    if colon >= len(text) or text[colon] != ":" or text[k:k + 1] not in ("\n", "\r"):
        return None
    while k < len(text) and text[k] in "\n\r \t" and k - colon < 8:
        k += 1
    end = text.find("\n", k, k + MAX_BLOCK)
    end = min(len(text), k + MAX_BLOCK) if end < 0 else end
    return _trim(sdoc, k, end)


def _adjacent_quote(sdoc: Doc, quotes: list[tuple[int, int]], v: Token) -> tuple[int, int] | None:
    """A quote right after (he said: "...") or right before ("...," he said) the verb."""
    text = doc_text(sdoc)
    vs, ve = v.idx, v.idx + len(v.text)
    prev = max((i for i, q in enumerate(quotes) if q[1] <= vs), default=None)
    nxt = min((i for i, q in enumerate(quotes) if q[0] >= ve), default=None)
    if nxt is not None:
        gap = text[ve:quotes[nxt][0]]
        joined = ":" in gap or "," in gap or gap.strip() == ""
        if len(gap) <= 60 and joined and "\n\n" not in gap.strip(" ") and (
                ":" in gap or (prev is None and _in_clause(sdoc, v, quotes[nxt][0]))):
            return _extend_quote(sdoc, quotes, nxt, (vs, ve))
    if prev is not None:
        gap = text[quotes[prev][1]:vs]
        span = sdoc.char_span(quotes[prev][1], vs, alignment_mode="expand")
        other_verb = span is not None and any(t.pos_ == "VERB" and t.i != v.i for t in span)
        if len(gap) <= 60 and "\n" not in gap and not _stops(span, gap) \
                and not other_verb and (nxt is None or quotes[nxt][0] >= ve):
            return _extend_quote(sdoc, quotes, prev, (vs, ve))
    return None


def _stops(span: Span | None, gap: str, marks: str = ".!?") -> bool:
    """The gap between a quote and its verb holds a full stop, exclamation or question mark
    (or other ``marks``) of its own, not the point of "Ms." or "U.S.", which the tokenizer
    keeps in the word."""
    if span is None:
        return any(c in gap for c in marks)
    return any(t.is_punct and set(t.text) <= set(marks) for t in span)


def _in_clause(sdoc: Doc, v: Token, pos: int) -> bool:
    sent = v.sent
    return sent.start_char <= pos < sent.end_char + 2


def _sentence_minus(sdoc: Doc, sent: Span, a: int, b: int) -> tuple[int, int] | None:
    """The longer side of a sentence around the phrase a..b."""
    left = _trim(sdoc, sent.start_char, a)
    right = _trim(sdoc, b, sent.end_char)
    lw = left[1] - left[0] if left else 0
    rw = right[1] - right[0] if right else 0
    return left if lw >= rw else right
