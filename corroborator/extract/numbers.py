"""Read numbers written in digits or words ("12,000", "1.5 million", "three", "a dozen")."""

from __future__ import annotations

import re

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000,
    "crores": 10_000_000,
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
    "b": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
}
GROUP_WORDS = {"dozen": 12, "score": 20}
FRACTION_WORDS = {"half": 0.5, "quarter": 0.25}

DIGITS_RE = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# "3bn", "45M", "200MM" (finance's million: upper case only, "200mm" is millimetres); the
# tokenizer leaves a sentence's full stop on "45M." ("It cost $45M.")
DIGIT_SCALE_RE = re.compile(r"^(\d+(?:\.\d+)?)((?i:k|m|mn|bn|b|tn|trn)|MM)\.?$")


def scale_of(word: str) -> float | None:
    """The factor a scale word or letter stands for ("million", "bn", "K", "MM"), else None.
    Upper-case "MM" is a million; "mm" is no scale (millimetres)."""
    w = word.rstrip(".")
    return 1_000_000.0 if w == "MM" else SCALE_WORDS.get(w.lower())


def is_number_word(word: str) -> bool:
    """A word that can be part of a written number."""
    w = word.lower()
    return (w in UNITS_WORDS or w in TENS_WORDS or w in SCALE_WORDS and len(w) > 3
            or w in GROUP_WORDS or _hyphen_number(w) is not None)


def _hyphen_number(w: str) -> float | None:
    if "-" not in w:
        return None
    a, _, b = w.partition("-")
    if a in TENS_WORDS and b in UNITS_WORDS and 0 < UNITS_WORDS[b] < 10:
        return float(TENS_WORDS[a] + UNITS_WORDS[b])
    return None


def parse_digits(text: str) -> float | None:
    """'12,000' -> 12000.0, '1.5' -> 1.5, '3bn' -> 3e9; None when not a plain number."""
    t = text.strip()
    if DIGITS_RE.match(t):
        return float(t.replace(",", ""))
    m = DIGIT_SCALE_RE.match(t)
    if m:
        return float(m.group(1)) * (scale_of(m.group(2)) or 1.0)
    return None


def parse_number_words(words: list[str]) -> float | None:
    """Value of a number written as words and digits: ['1.5', 'million'], ['twenty-one'],
    ['three', 'hundred', 'and', 'forty']; None when the words do not form a number."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower().strip()
        if w in ("and", "a", "an"):
            if w in ("a", "an") and not seen:
                current = 1.0
                seen = True
            continue
        digits = parse_digits(raw.strip())
        if digits is not None:
            current += digits
            seen = True
        elif w in UNITS_WORDS:
            current += UNITS_WORDS[w]
            seen = True
        elif w in TENS_WORDS:
            current += TENS_WORDS[w]
            seen = True
        elif (h := _hyphen_number(w)) is not None:
            current += h
            seen = True
        elif w in GROUP_WORDS:
            current = (current or 1.0) * GROUP_WORDS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif w in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[w]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None
