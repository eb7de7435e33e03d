"""Language of a document (lingua, model in the wheel) and a rough visible text of HTML."""

from __future__ import annotations

import functools
import re
from typing import Any

_LANGUAGES = (
    "ENGLISH GERMAN FRENCH SPANISH ITALIAN PORTUGUESE DUTCH RUSSIAN UKRAINIAN POLISH ARABIC "
    "CHINESE JAPANESE KOREAN TURKISH SWEDISH DANISH BOKMAL FINNISH CZECH ROMANIAN HUNGARIAN "
    "GREEK HEBREW PERSIAN HINDI INDONESIAN VIETNAMESE"
).split()
_LETTERS = re.compile(r"[^\W\d_]")
MIN_LETTERS = 40  # below this a guess is noise: the language stays unknown
SAMPLE_CHARS = 6000


@functools.lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in _LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en") of the text, or None when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTERS.findall(sample, 0, 2000)) < MIN_LETTERS:
        return None
    lang = _detector().detect_language_of(sample)
    return lang.iso_code_639_1.name.lower() if lang is not None else None


def visible_text(html: str) -> str:
    """Text a reader would see, roughly: scripts, styles and templates dropped. Not cleaning."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html[:5_000_000])
    except (lxml.etree.ParserError, ValueError, TypeError):
        return ""
    try:
        lxml.etree.strip_elements(root, "script", "style", "noscript", "template", "svg",
                                  lxml.etree.Comment, with_tail=False)
        return " ".join(str(root.text_content()).split())
    except (ValueError, TypeError):
        return ""
