"""Line classifier for page furniture in scraped plain text.

Each line gets general features (length, closing punctuation, share of lower-case words,
bullets, position, repetition in the page and across the batch, known furniture phrases as
one signal). The article core is the contiguous run of lines with the highest weight (a
maximum-sum segment, as in body-text extraction): long prose counts for, furniture and
short lines against, text after a comments heading for less. Outside the core everything
goes but the headline just above it; inside, only lines with a positive furniture signal
and runs of short link-like lines go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corroborator.clean import lexicon as lx
from corroborator.model import Removed

WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*")
MAX_LINE = 20_000  # longer lines are prose or garbage; patterns never see more than this
END_DECAY = 0.3
DATA_RUN = 3
DIGIT = re.compile(r"\d")
LONG_PARA_WORDS = 20.0
LONG_PARA_CAP = 1.0
SHORT_WEIGHT = -3.0
BULLET_WEIGHT = -3.0
BULLET_PROSE = 0.5  # a list item is less often the article than a paragraph
LIST_HEADING_WEIGHT = -25.0
LIST_DECAY = 0.75
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad \t"
ANCHOR_BONUS = 25.0  # the first paragraph after a byline or date line starts an article
SENTENCE_END = tuple('.!?"”’)»…:;\u3002\uff01\uff1f\u300d')


@dataclass
class Line:
    """One non-empty line of the document and what the classifier found in it."""

    start: int
    end: int
    text: str
    words: int = 0
    lower_share: float = 0.0
    ends_sentence: bool = False
    reason: str | None = None  # a positive furniture signal
    repeated: bool = False
    punctuated: bool = False  # sentence punctuation inside, not a run of link words
    bullet: bool = False
    end_marker: bool = False
    list_heading: bool = False

    @property
    def prose(self) -> bool:
        """A finished sentence of ordinary text, or a long run of it."""
        if self.words >= 25 and self.lower_share >= 0.45 and self.punctuated:
            return True
        return self.words >= 7 and self.ends_sentence and self.lower_share >= 0.35

    @property
    def title_like(self) -> bool:
        t = self.text.rstrip()
        return (4 <= self.words <= 30 and not t.endswith((".", ":", ";", ","))
                and self.reason is None and not self.text.isupper() and self.text[:1].isupper())


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets (stripped of surrounding blanks)."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped and stripped.strip(INVISIBLE):
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(Line(start, start + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _measure(line: Line) -> None:
    sample = line.text[:MAX_LINE]
    cjk = len(lx.CJK.findall(sample))
    words = WORD.findall(lx.CJK.sub(" ", sample) if cjk else sample)
    line.words = len(words) + cjk // 2  # about two characters a word in Chinese/Japanese
    alpha = [w for w in words if w[0].isalpha()]
    # scripts without case (CJK, Arabic, Hebrew...) count as lower case
    lower = sum(1 for w in alpha if not w[0].isupper()) + cjk // 2
    line.lower_share = lower / (len(alpha) + cjk // 2) if alpha or cjk > 1 else 0.0
    line.ends_sentence = sample.rstrip().endswith(SENTENCE_END)
    line.punctuated = len(lx.INNER_PUNCT.findall(sample)) * 30 >= line.words
    digits = sum(1 for w in words if w[0].isdigit())
    if digits * 4 > len(words) + 4:  # phone numbers, scores, prices: not running prose
        line.punctuated = False
        line.ends_sentence = False
    line.bullet = bool(lx.BULLET.match(sample))
    line.end_marker = line.words <= 16 and bool(lx.END_MARKER.match(sample[:200]))
    line.list_heading = line.words <= 12 and bool(lx.LINK_LIST_HEADING.match(sample[:200]))


def _is_appeal(text: str) -> bool:
    """An appeal for money, a subscription or a sign-up, addressed to the reader."""
    sample = text[:2000]
    if sample[:1] in "\"“‘'«":
        return False  # a quotation is reported speech, not the page talking
    strong = {m.group(0).lower() for m in lx.APPEAL_STRONG.finditer(sample)}
    if "readers like you" in strong:
        return True
    weak = {m.group(0).lower() for m in lx.APPEAL_WEAK.finditer(sample)}
    return bool(strong) and len(strong | weak) >= 2 and bool(lx.SECOND_PERSON.search(sample))


def _is_timestamp(text: str) -> bool:
    """"Updated Nov 19, 6:55 AM", "November 20, 2019 / 1:07 AM / CBS News": a date line."""
    if not lx.DATELINE.search(text):
        return False
    if lx.DATE_LABEL.match(text):
        return True
    rest = lx.DATE_WORDS.sub(" ", lx.DATELINE.sub(" ", text))
    return len(WORD.findall(rest)) <= 3


def _is_breadcrumb(line: Line) -> bool:
    """"Home > World > Europe": short word items between separators (not a table row)."""
    t = line.text[:400]
    if line.words > 30 or t.startswith("|") or sum(c.isdigit() for c in t) > 3:
        return False
    return len(lx.BREADCRUMB_SEP.findall(t)) >= 2


def _is_lone_credit(text: str) -> bool:
    """"AP", "PHOTO: REUTERS", "Getty Images": a credit standing alone on its line."""
    t = text.strip(" .:-\u2013\u2014()[]")
    if t.lower() in lx.AGENCIES or (len(t) < 60 and lx.PHOTOGRAPHER.match(t)):
        return True
    if len(t) < 90 and lx.CREDIT_LINE.search(t) and not t.endswith((".", "!", "?")):
        return True
    if lx.PHOTO_LABEL.match(text):
        return True
    return len(t) < 60 and bool(lx.PHOTO_CREDIT_TAIL.fullmatch(t))


def _is_caption(line: Line) -> bool:
    """A picture caption: a caption opener, a credit tail, or a truncated teaser line."""
    t = line.text[:MAX_LINE]
    if lx.TOGGLE_END.search(t[-20:]) or lx.CAPTION_START.match(t):
        return True
    if line.words <= 60 and lx.PAREN_CREDIT_END.search(t[-80:]):
        return True
    if line.words <= 60:
        tail = t[-80:]
        m = lx.PHOTO_CREDIT_TAIL.search(tail)
        # "… earlier this year. Alamy Stock Photo": the credit follows the sentence stop.
        if m and m.start() > 0 and tail[: m.start()].rstrip().endswith((".", "!", "?", "”", '"')):
            head = tail[m.start():]
            if not head[:1].islower():
                return True
    return False


def _is_bare_url(t: str) -> bool:
    """Only a web address, spaces around its punctuation allowed; most lines fail on their
    first characters."""
    head = t.lstrip()
    return (head[:4].lower() in ("http", "www.") and len(t) < 2000
            and lx.BARE_URL.fullmatch(lx.URL_GAPS.sub(r"\1", head.rstrip())) is not None)


def classify_line(line: Line) -> str | None:
    """A furniture reason from the line's own text, or None."""
    t = line.text[:MAX_LINE]
    if _is_lone_credit(t):
        return "photo-credit"
    if _is_caption(line):
        return "photo-caption"
    if line.words <= 14 or not line.ends_sentence:
        item = lx.BULLET.sub("", t[:400], count=1) if line.bullet else t[:400]
        for pat, reason in lx.SHORT_LINE_PATTERNS:
            if line.words <= 25 and pat.search(item):
                return reason
        if _is_breadcrumb(line):
            return "navigation"
    if _is_bare_url(t):
        return "navigation"
    if line.words <= 20 and lx.EMAIL_ADDRESS.search(t[:300]):
        return "contact"
    if line.words <= 25 and not line.prose and lx.TAGGED_TEASER.search(t[-40:]):
        return "navigation"
    if lx.GLUED_TEASER.match(t[:300]):
        return "navigation"  # "Headline Words In Title CaseThe teaser sentence starts..."
    if line.words <= 60 and _is_appeal(t):
        return "donation-appeal"
    if not any(c.isalnum() for c in t[:200]):
        return "other"
    if line.words <= 20 and lx.BYLINE.match(t[:300]):
        return "byline"
    if line.words <= 20 and not line.prose and _is_timestamp(t[:300]):
        return "dateline"
    for pat, reason in lx.SHORT_LINE_PATTERNS[4:6]:  # comment forms, source trailers
        if line.words <= 40 and pat.search(t[:400]):
            return reason
    return None


def _weight(line: Line) -> float:
    if line.end_marker:
        return -40.0
    if line.list_heading:
        return LIST_HEADING_WEIGHT
    if line.reason or line.repeated:
        return -max(4.0, float(min(line.words, 40)))
    if line.prose:
        # long paragraphs are the article's; short sentences are as often teasers or comments
        w = line.words * min(LONG_PARA_CAP, max(0.3, line.words / LONG_PARA_WORDS))
        return w * BULLET_PROSE if line.bullet else w
    if line.words >= 15:
        return line.words * 0.3
    return BULLET_WEIGHT if line.bullet else SHORT_WEIGHT


def _weights(lines: list[Line]) -> list[float]:
    """Line weights; text after a comments/related heading counts for less."""
    out: list[float] = []
    factor = 1.0
    since_anchor = 99
    bonus = True
    for ln in lines:
        w = _weight(ln)
        w = w * factor if w > 0 else w
        if bonus and (ln.reason in ("byline", "dateline")
                      or lx.DATELINE_CREDIT.match(ln.text[:100])):
            since_anchor = 0
        elif since_anchor < 3 and ln.prose and bonus and factor == 1.0:
            w += ANCHOR_BONUS  # once: comments carry a date line each, the article one
            bonus = False
        since_anchor += 1
        out.append(w)
        if ln.end_marker:
            factor = max(0.1, factor * END_DECAY)
        elif ln.list_heading:
            factor = max(0.1, factor * LIST_DECAY)
    return out


def _best_segment(weights: list[float]) -> tuple[int, int]:
    """Indices [i, j] of the contiguous run with the largest sum (Kadane)."""
    best, best_i, best_j = float("-inf"), 0, -1
    cur, cur_i = 0.0, 0
    for j, w in enumerate(weights):
        if cur <= 0:
            cur, cur_i = w, j
        else:
            cur += w
        if cur > best:
            best, best_i, best_j = cur, cur_i, j
    return best_i, best_j


@dataclass
class Furniture:
    """The classifier's verdict on one document."""

    removed: list[Removed]
    headline: str | None
    headline_span: tuple[int, int] | None


def _neighbour_reason(lines: list[Line], i: int) -> str:
    for k in (i - 1, i + 1):
        if 0 <= k < len(lines) and lines[k].reason == "donation-appeal":
            return "donation-appeal"
    return "navigation" if lines[i].words <= 6 else "other"


def find_furniture(text: str, repeated: Iterable[str] = (), trim: bool = True,
                   headline: str | None = None) -> Furniture:
    """Classify every line of ``text``; with ``trim``, lines outside the core go too."""
    lines = split_lines(text)
    rep = set(repeated)
    seen: set[str] = set()
    counts: dict[str, int] = {}
    for ln in lines:
        key = _norm(ln.text.lstrip("*\u2022- "))[:80]
        counts[key] = counts.get(key, 0) + 1
    for ln in lines:
        _measure(ln)
        ln.reason = classify_line(ln)
        key = _norm(ln.text.lstrip("*\u2022- "))[:80]
        ln.repeated = not ln.prose and _norm(ln.text) in rep
        if trim and ln.reason is None and ln.words >= 3 and (
                counts[key] >= 3 or (key in seen and not ln.prose)):
            ln.reason = "repeated"  # a caption or teaser shown again and again
        seen.add(key)
    cut_short = [ln for ln in lines if ln.reason is None and ln.words >= 12
                 and lx.TRUNCATED_END.search(ln.text[-40:])]
    if trim and len(cut_short) >= 2:
        for ln in cut_short:  # summaries cut off mid-sentence: a list of story teasers
            ln.reason = "teaser"
    if not lines:
        return Furniture([], headline, None)
    first, last = (0, len(lines) - 1)
    if trim:
        first, last = _best_segment(_weights(lines))
        if last < first:
            first, last = 0, len(lines) - 1
    data = _data_runs(lines) if trim else set()
    if data:
        last = _extend_over_list(lines, last, data)
    head_i = _find_headline(lines, first, headline)
    dek = _standfirst(lines, first, head_i) if trim else None
    removed: list[Removed] = []
    for i, ln in enumerate(lines):
        if i in (head_i, dek):
            continue
        if first <= i <= last:
            if i in data:
                continue
            if ln.reason:
                removed.append(Removed(ln.start, ln.end, ln.reason))
            elif ln.repeated and ln.words <= 3:
                removed.append(Removed(ln.start, ln.end, "repeated"))
            elif trim and _in_link_run(lines, i):
                removed.append(Removed(ln.start, ln.end, "navigation"))
        else:
            removed.append(Removed(ln.start, ln.end, ln.reason or _neighbour_reason(lines, i)))
    hl = lines[head_i] if head_i is not None else None
    return Furniture(removed, hl.text if hl else headline, (hl.start, hl.end) if hl else None)


# furniture a summary line under the headline may be parted from the body by
STANDFIRST_GAP = frozenset(("photo-credit", "follow-prompt", "newsletter", "byline", "dateline",
                            "share"))


def _standfirst(lines: list[Line], first: int, head_i: int | None) -> int | None:
    """The summary sentence between the headline and the body ("X called the move a clear
    escalation."), parted from the body only by credits, prompts and bylines: kept."""
    if head_i is None:
        return None
    i = first - 1
    while i > head_i and first - i <= 3 and lines[i].reason in STANDFIRST_GAP:
        i -= 1
    if i == first - 1 or i <= head_i or i - head_i > 3 or any(
            lines[k].reason not in STANDFIRST_GAP for k in range(head_i + 1, i)):
        return None  # right under the headline, past furniture at most
    ln = lines[i]
    if ln.reason is not None or ln.repeated or not ln.prose or ln.bullet or ln.words > 60:
        return None
    return i


def _data_item(ln: Line) -> bool:
    """A list line carrying figures: a tour date, an ingredient, a score line (no bare date)."""
    t = ln.text[:300]
    if ln.repeated or ln.reason not in (None, "dateline") or not 2 <= ln.words <= 30 \
            or not DIGIT.search(t):
        return False
    rest = lx.DATE_WORDS.sub(" ", lx.DATELINE.sub(" ", t)) if lx.DATELINE.search(t) else t
    return len(WORD.findall(rest)) > 1


def _lead_shape(ln: Line) -> str:
    """The kind of token a list line starts with: bullet, number or word."""
    c = ln.text[:1]
    return "*" if ln.bullet else "9" if c.isdigit() else "A" if c.isalpha() else "."


def _data_runs(lines: list[Line]) -> set[int]:
    """Lines in runs of DATA_RUN or more figure-carrying list items of one shape."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and _data_item(lines[i]) and (
                not run or _lead_shape(lines[i]) == _lead_shape(lines[run[-1]])):
            run.append(i)
            continue
        if len(run) >= DATA_RUN:
            out.update(run)
        run = [i] if i < len(lines) and _data_item(lines[i]) else []
    return out


def _extend_over_list(lines: list[Line], last: int, data: set[int]) -> int:
    """The core's end moved over a figure list that closes the article (after one heading)."""
    i = last + 1
    if i < len(lines) and i not in data and i + 1 in data and lines[i].reason is None \
            and lines[i].words <= 12 and (lines[i].title_like or lines[i].text.endswith(":")):
        i += 1
    if i not in data:
        return last
    while i + 1 in data:
        i += 1
    return i


def _short(ln: Line) -> bool:
    return not ln.prose and ln.words < 15


def _in_link_run(lines: list[Line], i: int) -> bool:
    """A short non-sentence line next to another: a menu, tag list or link list."""
    ln = lines[i]
    if not _short(ln) or (ln.title_like and not ln.bullet and ln.words >= 4):
        return False
    if ln.ends_sentence and ln.words >= 8 and not ln.bullet:
        return False  # "Fired Jim O'Brien, coach. Named Maurice Cheeks coach.": no menu item
    prev = lines[i - 1] if i > 0 else None
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return any(n is not None and _short(n) and (n.bullet or not n.title_like or n.words < 4)
               for n in (prev, nxt))


def _find_headline(lines: list[Line], first: int, known: str | None) -> int | None:
    """The headline: the known title's line, else a title-like line just above the core."""
    if known:
        k = _norm(known)
        for i, ln in enumerate(lines[: first + 3]):
            if _norm(ln.text) == k:
                return i
    for i in range(first - 1, max(-1, first - 8), -1):
        if lines[i].title_like and lines[i].words >= 4:
            return i
    return None


def _norm(s: str) -> str:
    return " ".join(s.lower().split())[:300]


def repeated_lines(texts: list[str], min_docs: int = 2) -> set[str]:
    """Short lines that occur in several documents of the batch (site furniture)."""
    counts: dict[str, int] = {}
    for t in texts:
        seen = {_norm(ln.text) for ln in split_lines(t) if len(ln.text) <= 200}
        for s in seen:
            counts[s] = counts.get(s, 0) + 1
    return {s for s, n in counts.items() if n >= min_docs}
