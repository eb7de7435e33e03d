"""A parsed document's text, joined once.

spaCy's ``Doc.text`` joins every token's text each time it is read; the attribution stage
reads it per candidate, which on ECB+ articles cost more than the rest of that stage's
Python work. Tokens never change after the parse (a retokenisation keeps the text too), so
the joined text is kept in the Doc's ``user_data`` the first time it is asked for.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "corroborator.text"


def doc_text(sdoc: Doc) -> str:
    """``sdoc.text``, joined on the first call and kept with the Doc."""
    text = sdoc.user_data.get(_KEY)
    if text is None:
        text = sdoc.user_data[_KEY] = sdoc.text
    return str(text)
