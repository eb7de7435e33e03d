"""Numbers with what they count: "about 12,000 | North Korean troops", "$3bn", "40%".

Own rules over the spaCy parse: a number (digits or words) becomes a quantity with its
approximation qualifier, range, normalised unit (money, percent, distance, duration...)
and the noun phrase it counts. Years, dates, times, ordinals, ages and list or model
numbers are not quantities.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from corroborator.extract.dates import CLOCK_PATTERN, scan
from corroborator.extract.doc_text import doc_text
from corroborator.extract.numbers import (
    GROUP_WORDS,
    SCALE_WORDS,
    TENS_WORDS,
    UNITS_WORDS,
    parse_digits,
    parse_number_words,
    scale_of,
)
from corroborator.extract.parse import title_case
from corroborator.model import Document, Quantity

QUALIFIERS = [
    "no more than", "no fewer than", "no less than", "as many as", "as few as", "as much as",
    "more than", "less than", "fewer than", "up to", "at least", "at most", "close to",
    "in excess of", "upwards of", "just over", "just under", "well over", "an estimated",
    "a estimated", "nearly", "almost", "about", "around", "approximately", "roughly",
    "some", "estimated", "over", "under", "only", "just", "approx.", "circa", "c.",
]
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB",
                  "₩": "KRW", "₴": "UAH", "₹": "INR", "C$": "CAD", "A$": "AUD", "Rs": "INR",
                  "Rs.": "INR", "INR": "INR"}
UNIT_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "rouble": "RUB", "ruble": "RUB",
    "won": "KRW", "yuan": "CNY", "yen": "JPY", "hryvnia": "UAH", "rupee": "INR",
    "percent": "%", "per cent": "%", "%": "%", "percentage point": "pp",
    "kilometre": "km", "kilometer": "km", "km": "km", "mile": "mi", "metre": "m", "meter": "m",
    "m": "m", "foot": "ft", "feet": "ft", "ft": "ft", "yard": "yd", "centimetre": "cm",
    "centimeter": "cm", "cm": "cm", "millimetre": "mm", "millimeter": "mm", "mm": "mm",
    "inch": "in", "kilogram": "kg", "kg": "kg", "gram": "g", "g": "g", "tonne": "t", "ton": "t",
    "pound": "lb", "lb": "lb", "lbs": "lb", "litre": "l", "liter": "l", "gallon": "gal",
    "barrel": "bbl", "acre": "acre", "hectare": "ha", "square mile": "mi2",
    "square kilometre": "km2", "square kilometer": "km2", "mph": "mph", "degree": "deg",
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "decade": "decade", "century": "century",
}
DURATIONS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth", "eleventh", "twelfth", "last"}
NUMBER_WORDS = set(UNITS_WORDS) | set(TENS_WORDS) | {"hundred", "thousand", "million",
                                                     "billion", "trillion", "lakh", "lakhs",
                                                     "crore", "crores"} | set(GROUP_WORDS)
MEASURES = {"km", "mi", "m", "ft", "yd", "cm", "mm", "in", "kg", "g", "t", "lb", "l", "gal",
            "acre", "ha", "mi2", "km2", "mph", "deg"}
FRACTION_TAIL = re.compile(r"(?:-|\s)and(?:-|\s)an?(?:-|\s)(half|quarter)\b", re.IGNORECASE)
ONE_EXCLUDED_NEXT = {"of", "another", "day", "thing", "way", "time", "point", "side", "hand",
                     "more", "or", "who", "that", "which", "in"}
COUNT_HEAD_POS = {"NOUN", "PROPN"}
MAX_TEXT = 200


def _is_number_token(t: Token) -> bool:
    w = t.lower_
    if w in NUMBER_WORDS or w in ("bn", "mn", "mln", "trn", "tn"):
        return True
    if parse_digits(t.text) is not None:
        return True
    return bool(re.fullmatch(r"[a-z]+-[a-z]+", w)) and parse_number_words([w]) is not None


def _number_runs(sdoc: Doc) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of consecutive number words/digits ("1.5 million")."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(sdoc)
    while i < n:
        if not _is_number_token(sdoc[i]) or sdoc[i].lower_ in SCALE_WORDS and not sdoc[i].like_num \
                or (sdoc[i].lower_ in SCALE_WORDS and i > 0
                    and any(ch.isdigit() for ch in sdoc[i - 1].text)):
            i += 1  # a scale word after digits it could not join ("$10-$12 million") is no count
            continue
        j = i + 1
        while j < n and (_is_number_token(sdoc[j]) or (
                sdoc[j].text == "-" and j + 1 < n and sdoc[j - 1].lower_ in TENS_WORDS
                and sdoc[j + 1].lower_ in UNITS_WORDS) or (
                sdoc[j].text == "-" and j + 1 < n and parse_digits(sdoc[j - 1].text) is not None
                and len(sdoc[j + 1].lower_) > 3 and sdoc[j + 1].lower_ in SCALE_WORDS)):
            if parse_digits(sdoc[j].text) is not None and (
                    parse_digits(sdoc[j - 1].text) is not None
                    or sdoc[j - 1].lower_ not in SCALE_WORDS):
                break  # two separate figures ("2 3", "five 787 Dreamliners")
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _value(tokens: list[Token]) -> float | None:
    words = [t.text for t in tokens if t.text != "-"]
    joined: list[str] = []
    for w in words:
        if joined and joined[-1].lower() in TENS_WORDS and w.lower() in UNITS_WORDS:
            joined[-1] = f"{joined[-1]}-{w}"
        else:
            joined.append(w)
    return parse_number_words(joined)


def _excluded(sdoc: Doc, i: int, j: int, text: str, in_date: list[bool]) -> bool:
    """Years, dates, times, ordinals, ages, identifiers, list numbers."""
    first, last = sdoc[i], sdoc[j - 1]
    if any(in_date[t.idx] for t in sdoc[i:j]):
        return True
    nxt = sdoc[j] if j < len(sdoc) else None
    prev = sdoc[i - 1] if i > 0 else None
    raw = text[first.idx : last.idx + len(last.text)]
    if re.search(r"\d(st|nd|rd|th)$", raw, re.I) or first.lower_ in ORDINAL_WORDS:
        return True
    if ":" in raw or re.fullmatch(r"\d{3,}-\d{3,}.*", raw):
        return True
    after = text[last.idx + len(last.text) : last.idx + len(last.text) + 14].lower()
    if re.match(r"-[a-z]", after) and not re.match(r"-(?:to|and)\b", after) and not (
            _unit_at(sdoc, j + 1)[0] in MEASURES and sdoc[j].text == "-"):
        return True  # "four-star general", "10-day truce": a modifier, not a count
    if _model_code(text, first.idx, last.idx + len(last.text)):
        return True
    if re.match(r"\s+(?:Under|Over)\s+\d", text[last.idx + len(last.text) : last.idx + 30]):
        return True  # a title: "40 Under 40"
    if re.match(r"-?\s?(year|month|week|day)s?[- ]old\b", after) or re.match(
            r"\s*(a\.m\.|p\.m\.|am\b|pm\b|o'clock)", after):
        return True
    if prev is not None and prev.lower_ in ("aged", "age", "ages", "no.", "number", "#", "no"):
        return prev.lower_ != "no" or prev.text == "No"
    if prev is not None and prev.is_title and not prev.is_sent_start and \
            prev.pos_ in ("PROPN", "NOUN") \
            and prev.lower_ not in QUALIFIERS and prev.text not in CURRENCY_SIGNS \
            and first.like_num and first.text[:1].isdigit():
        return True  # "Article 5", "Section 230", "Flight 17"
    if first.is_alpha and first.text[:1].isupper() and not first.is_sent_start and \
            nxt is not None and nxt.text[:1].isupper() and (
            _running_text(first.sent) or (prev is not None and prev.is_quote)):
        return True  # a name: "starred in Million Dollar Mermaid", "the Six Day War"
    before = text[max(0, first.idx - 1) : first.idx]
    if before.isalpha() or (before == "-" and first.idx >= 2 and text[first.idx - 2].isalpha()):
        return True  # "F-16", "G7"
    line_start = text.rfind("\n", 0, first.idx) + 1
    if not text[line_start : first.idx].strip() and re.match(r"[.)]\s", after):
        return True  # numbered list item
    v = _value(list(sdoc[i:j]))
    if v is not None and re.fullmatch(r"(1[6-9]|20)\d\d", raw) and not (
            prev is not None and prev.text in CURRENCY_SIGNS) and not (
            nxt is not None and (nxt.text == "%" or nxt.lower_ in ("percent", "per"))):
        return True  # a year
    if first.ent_type_ in ("TIME",) or (first.ent_type_ == "DATE" and not (
            nxt is not None and nxt.lemma_.lower() in DURATIONS)):
        return True
    if prev is not None and prev.lower_ in ("several", "many", "few", "tens", "hundreds"):
        return True  # vague: "several thousand"
    if j - i == 1 and first.lower_ in GROUP_WORDS and not (
            prev is not None and (prev.lower_ in ("a", "an") or prev.like_num)):
        return True  # "the score was 3:1", "his credit score"; not "a dozen", "three score"
    if first.lower_ == "zero" and not (nxt is not None and (nxt.text == "%" or nxt.like_num)):
        return True
    if re.match(r"\s*[:;]\s*\d", after):
        return True  # "28: 685-690", a citation or score
    if first.lower_ == "one" and j - i == 1:
        if nxt is None or nxt.lower_ in ONE_EXCLUDED_NEXT or nxt.is_punct or \
                (prev is not None and prev.lower_ in ("no", "the", "this", "that", "any", "every")):
            return True
        if first.dep_ != "nummod":
            return True
        if nxt.tag_ == "MD" or (nxt.tag_ == "VBZ" and nxt.lemma_ not in ("be", "have")):
            return True  # the pronoun: "if one steps back"
    return False


def _running_text(sent: Span) -> bool:
    """The sentence is not a headline set in title case (the parser's test)."""
    return not title_case([t.text for t in sent if t.is_alpha])


def _model_code(text: str, start: int, end: int) -> bool:
    """"787-9", "737-800": a hyphen between digits that cannot be a range (the second
    number shorter and smaller than the first)."""
    a = re.search(r"(\d+)[-–]$", text[max(0, start - 8) : start])
    b = re.match(r"[-–](\d+)\b", text[end : end + 8])
    pairs = ([(a.group(1), text[start:end])] if a else []) + (
        [(text[start:end], b.group(1))] if b else [])
    return any(x.isdigit() and y.isdigit() and len(y) < len(x) and int(y) < int(x)
               for x, y in pairs)


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    head = text[max(0, start - 20) : start].lower()
    for q in QUALIFIERS:
        if re.search(r"(?:^|[^a-z])" + re.escape(q) + r"\s+$", head):
            return q, start - len(head) + head.rfind(q)
    return None, start


def _unit_at(sdoc: Doc, k: int) -> tuple[str | None, int]:
    """The normalised unit starting at token k, and the token index after it."""
    if k >= len(sdoc):
        return None, k
    t = sdoc[k]
    two = f"{t.lemma_.lower()} {sdoc[k + 1].lemma_.lower()}" if k + 1 < len(sdoc) else ""
    if two in UNIT_WORDS:
        return UNIT_WORDS[two], k + 2
    if two.startswith("per cent"):
        return "%", k + 2
    for form in (t.lower_, t.lemma_.lower(), t.lower_.rstrip("s")):
        if form in UNIT_WORDS:
            if form in ("m", "g") and t.text != form:
                return None, k
            if form in ("second",) and t.lower_ == "second":
                return None, k
            return UNIT_WORDS[form], k + 1
    return None, k


def _noun_phrase_end(sdoc: Doc, k: int, limit: int = 6) -> int:
    """End (exclusive) of the noun phrase starting at token k: modifiers then a noun head."""
    end = k
    for m in range(k, min(len(sdoc), k + limit)):
        t = sdoc[m]
        adv = t.pos_ == "ADV" and m + 1 < len(sdoc) and sdoc[m + 1].pos_ == "ADJ"
        comparative = t.tag_ == "JJR" and m + 1 < len(sdoc) and sdoc[m + 1].lower_ == "than"
        if t.pos_ in COUNT_HEAD_POS or (t.pos_ == "ADJ" and not comparative) or t.text == "-" \
                or adv:
            if "\n" in t.text_with_ws and t.pos_ not in COUNT_HEAD_POS:
                break
            if t.pos_ in COUNT_HEAD_POS:
                end = m + 1
                if t.dep_ not in ("compound", "amod", "nmod") or not m < t.head.i < k + limit:
                    break
            if "\n" in t.text_with_ws:
                break
        else:
            break
    return end


def _remote_counted(sdoc: Doc, tok: Token) -> str | None:
    """What a number counts when the noun is elsewhere: "of which 500 are officers", "the
    number of soldiers ... is about 12,000"."""
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        for c in head.children:
            if c.dep_ == "attr" and c.pos_ in COUNT_HEAD_POS:
                return _phrase(c)
    if tok.dep_ in ("attr", "acomp", "dobj", "npadvmod") or head.lemma_ == "be":
        verb = head if head.pos_ in ("AUX", "VERB") else head.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_ in ("number", "total", "tally",
                                                                   "count", "toll"):
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for o in p.children:
                            if o.dep_ == "pobj":
                                return _phrase(o)
    return None


def _phrase(t: Token) -> str:
    left = [c.left_edge.i for c in t.lefts if c.dep_ in ("compound", "amod", "nmod")
            and c.left_edge.i >= t.i - 4]
    start = min(left + [t.i])
    return t.doc[start : t.i + 1].text


_CLOCK = re.compile(CLOCK_PATTERN)


def find_quantities(doc: Document, sdoc: Doc) -> list[Quantity]:
    """Quantities in one parsed document, offsets into ``doc.text``."""
    text = doc_text(sdoc)
    in_date = [False] * (len(text) + 1)
    for r in scan(text, None):
        if r.kind != "hours":
            for c in range(r.start, r.end):
                in_date[c] = True
    for m in _CLOCK.finditer(text):
        for c in range(m.start(), m.end()):
            in_date[c] = True
    runs = _number_runs(sdoc)
    out: list[Quantity] = []
    used_until = -1
    for n, (i, j) in enumerate(runs):
        if i < used_until or _excluded(sdoc, i, j, text, in_date):
            continue
        value = _value(list(sdoc[i:j]))
        if value is None:
            continue
        start_tok, end_tok = i, j
        low = high = None
        tail = FRACTION_TAIL.match(text, sdoc[j - 1].idx + len(sdoc[j - 1].text))
        if tail is not None:  # "five-and-a-half points", "two and a half years"
            value += 0.5 if tail.group(1).lower() == "half" else 0.25
            while end_tok < len(sdoc) and sdoc[end_tok].idx < tail.end():
                end_tok += 1
        # a range: "10,000-12,000", "10 to 12 million", "between 10,000 and 12,000"
        if n + 1 < len(runs) and runs[n + 1][0] == j + 1 and sdoc[j].lower_ in (
                "-", "–", "—", "to", "and") and (sdoc[j].lower_ != "and" or (
                i > 0 and sdoc[i - 1].lower_ == "between")) and not (
                i > 0 and sdoc[i - 1].lower_ == "from" and sdoc[j].lower_ == "to"):
            i2, j2 = runs[n + 1]
            v2 = _value(list(sdoc[i2:j2]))
            if v2 is not None and not _excluded(sdoc, i2, j2, text, in_date):
                factor = _scale_suffix(sdoc[j2 - 1].text)
                if j - i == 1 and factor > 1 and v2 > value * 100:
                    value *= factor  # "10 to 12 million", "$10-12M"
                if v2 >= value:
                    low, high = value, v2
                    end_tok = j2
        unit: str | None = None
        prev = sdoc[start_tok - 1] if start_tok > 0 else None
        start_char = sdoc[start_tok].idx
        if prev is not None and prev.text in CURRENCY_SIGNS:
            unit = CURRENCY_SIGNS[prev.text]
            start_char = prev.idx
        elif prev is not None and prev.text.upper() in ("US", "USD") and start_tok > 1:
            unit = "USD"
        k = end_tok
        word_unit, k2 = _unit_at(sdoc, k)
        if k + 1 < len(sdoc) and sdoc[k].text == "-" and _unit_at(sdoc, k + 1)[0] in MEASURES:
            word_unit, k2 = _unit_at(sdoc, k + 1)  # "an 8-inch screen"
        if word_unit is not None and not (unit and word_unit == "lb"):
            if unit is None or word_unit == unit:
                unit = word_unit
            k = k2
        if k < len(sdoc) and k == end_tok and sdoc[k].lower_ in ("bn", "mn", "m", "k", "mm") \
                and (unit in CURRENCY_SIGNS.values() or sdoc[k].text in ("bn", "mn", "K", "MM")):
            # a scale written apart from its digits ("$45 M", "$300K" parsed as 300 + K)
            factor = scale_of(sdoc[k].text) or 1.0
            if value < 1_000:
                value *= factor
                low, high = (None, None) if low is None or high is None else (
                    low * factor, high * factor)
            k += 1
        if unit and low is None and k + 1 < len(sdoc) and sdoc[k].lower_ in ("to", "-", "–") \
                and not (i > 0 and sdoc[i - 1].lower_ == "from"):
            nxt_run = next((r for r in runs if r[0] == k + 1), None)
            if nxt_run is not None:
                v2 = _value(list(sdoc[nxt_run[0] : nxt_run[1]]))
                u2, k3 = _unit_at(sdoc, nxt_run[1])
                if v2 is not None and u2 == unit and v2 >= value:
                    low, high, end_tok, k = value, v2, nxt_run[1], k3
        counted: str | None = None
        plus = unit is None and k + 1 < len(sdoc) and sdoc[k].lower_ == "plus"
        if plus:  # "50 plus points"
            k += 1
        end = k
        if plus and sdoc[k].is_lower and sdoc[k].tag_ in ("NNS", "VBZ"):
            end = k + 1
            counted = sdoc[k].text
        elif unit is None and k + 1 < len(sdoc) and sdoc[k].text.isdigit() and \
                not sdoc[i].text[:1].isdigit() and _noun_phrase_end(sdoc, k + 1) > k + 1:
            end = _noun_phrase_end(sdoc, k + 1)  # "five 787 Dreamliner sales": a model code
            counted = sdoc[k:end].text
            used_until = end
        elif k < len(sdoc) and sdoc[k].lower_ == "of" and unit and unit not in ("%", "pp"):
            end = _noun_phrase_end(sdoc, k + 1)
            if end > k + 1:
                counted = sdoc[k + 1 : end].text
            else:
                end = k
        elif unit is None and k + 2 < len(sdoc) and sdoc[k].lower_ == "of" and \
                sdoc[k + 1].lower_ in ("the", "these", "those", "their", "its", "our"):
            np_end = _noun_phrase_end(sdoc, k + 2)
            counted = sdoc[k + 2 : np_end].text if np_end > k + 2 else None
            end = k
        elif unit is None or unit in DURATIONS:
            end = _noun_phrase_end(sdoc, k)
            if end > k:
                counted = sdoc[k:end].text
            else:
                end = k
                if unit is None:
                    counted = _remote_counted(sdoc, sdoc[end_tok - 1])
        if unit in DURATIONS and counted:
            end, counted = k, None
        # a rate: "300 grams of soap per month"
        if end + 1 < len(sdoc) and sdoc[end].lower_ in ("per", "a", "each") and \
                sdoc[end + 1].lemma_.lower() in DURATIONS and unit:
            unit = f"{unit}/{sdoc[end + 1].lemma_.lower()}"
            end += 2
        qualifier, qstart = _qualifier(text, start_char)
        if plus and qualifier is None:
            qualifier = "at least"
        if prev is not None and prev.lower_ in ("every", "per", "each"):
            qualifier, qstart = "every", prev.idx
            for q in out:
                if q.end <= qstart and q.start >= qstart - 80 and q.qualifier is None and \
                        "\n" not in text[q.start : qstart] and "." not in text[q.end : qstart]:
                    q.qualifier = "ratio"
        if qualifier and unit is None and counted is None:
            counted = _remote_counted(sdoc, sdoc[end_tok - 1])
        start = qstart
        stop = sdoc[end - 1].idx + len(sdoc[end - 1].text) if end > 0 else start
        if unit is None and counted is None and sdoc[end_tok - 1].dep_ in ("pobj", "dobj") and \
                value < 10 and sdoc[i].like_num and not sdoc[i].text[:1].isdigit():
            continue  # a bare "two" or "five" that counts nothing named
        if stop - start > MAX_TEXT:
            stop = sdoc[end_tok - 1].idx + len(sdoc[end_tok - 1].text)
        out.append(Quantity(
            doc=doc.id, start=start, end=stop, value=None if low is not None else value,
            text=doc.text[start:stop], low=low, high=high, unit=unit, counted=counted,
            qualifier=qualifier))
        used_until = max(used_until, end_tok, k if low is not None else end_tok)
    return _join_money_ranges(out, text)


_LAST_WORD = re.compile(r"([A-Za-z]+)\.?$")


def _scale_suffix(text: str) -> float:
    """The factor a written figure ends on: "$12 million", "12M" -> 1e6; else 1."""
    m = _LAST_WORD.search(text.strip())
    return (scale_of(m.group(1)) or 1.0) if m else 1.0


# "$10 million to $12 million", "between $10M and $12M", "$10 to $12 million"; not "from
# $10 million to $12 million" (a change, as with bare numbers)
_RANGE_JOIN = re.compile(r"\s{0,2}(?:-|\u2013|\u2014|to|and)\s{0,2}$")
_BETWEEN = re.compile(r"(?i)\bbetween\s{1,2}$")
_FROM = re.compile(r"(?i)\bfrom\s{1,2}$")


def _join_money_ranges(qs: list[Quantity], text: str) -> list[Quantity]:
    """Two sums of one currency written as the ends of a range become one range."""
    out: list[Quantity] = []
    for q in qs:
        p = out[-1] if out else None
        if (p is not None and p.value is not None and q.value is not None and p.unit
                and p.unit == q.unit and p.unit in CURRENCY_SIGNS.values() and not p.counted
                and p.qualifier not in ("ratio", "every") and q.qualifier is None):
            gap = text[p.end : q.start]
            before = text[max(0, p.start - 12) : p.start]
            is_and = gap.strip() == "and"
            low = p.value
            factor = _scale_suffix(q.text)
            if _scale_suffix(p.text) == 1 and low * factor <= q.value:
                low *= factor  # "$10 to $12 million": the first sum takes the second's scale
            if (_RANGE_JOIN.fullmatch(gap) and (not is_and or _BETWEEN.search(before))
                    and not _FROM.search(before) and low <= q.value):
                out[-1] = Quantity(doc=p.doc, start=p.start, end=q.end, value=None,
                                   text=text[p.start : q.end], low=low, high=q.value,
                                   unit=p.unit, counted=q.counted, qualifier=p.qualifier)
                continue
        out.append(q)
    return out
