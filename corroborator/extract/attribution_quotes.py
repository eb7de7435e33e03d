"""Quoted passages in raw article text: curly, guillemet and straight quotes.

Quotes may span sentences and paragraphs; an unclosed curly quote ends with its
paragraph when the paragraph ends a sentence; a mistyped opening mark where a closing
one belongs closes the quote.
"""

from __future__ import annotations

OPEN_QUOTES = "\u201c\u00ab\u201e"
CLOSE_QUOTES = "\u201d\u00bb"
MAX_QUOTE = 4000


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted passages (marks included), curly or straight, bounded in length.

    A quote left open at a paragraph end that reopens in the next paragraph
    (the news convention) is one passage.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "'" and text.startswith("''", i) and (i == 0 or text[i - 1].isspace()):
            end = text.find("''", i + 2, min(n, i + MAX_QUOTE))
            if end > 0 and "\n" not in text[i:end]:
                out.append((i, end + 2))
                i = end + 2
                continue
        if ch in OPEN_QUOTES or (ch == '"' and _opens_straight(text, i)):
            close = CLOSE_QUOTES if ch != '"' else '"'
            j = i + 1
            limit = min(n, i + MAX_QUOTE)
            end = -1
            while j < limit:
                c = text[j]
                if c in close or (ch != '"' and c == '"') or (ch == '"' and c in CLOSE_QUOTES) or (
                        c == ch != '"' and text[j - 1] in ".,!?" and _space_at(text, j + 1)):
                    end = j + 1  # a closing mark, or an opening one typed in its place
                    break
                if c == "\n":
                    k = j
                    while k < limit and text[k] in "\n \t\r":
                        k += 1
                    if k < limit and text[k] == ch and _para_continues(text, j):
                        j = k + 1
                        continue
                    end = _unclosed_end(text, i, j)
                    break
                j += 1
            if j == n < i + MAX_QUOTE:
                end = _unclosed_end(text, i, j)
            if end > 0 and end - i > 2:
                out.append((i, end))
                i = end
                continue
        i += 1
    return out


def _space_at(text: str, j: int) -> bool:
    return j >= len(text) or text[j].isspace()


def _unclosed_end(text: str, i: int, j: int) -> int:
    """End of a quote left unclosed at its paragraph's end: the paragraph's end when the
    paragraph ends a sentence, else -1."""
    k = j
    while k > i and text[k - 1] in " \t\r":
        k -= 1
    return k if k - i > 20 and text[k - 1] in ".!?" else -1


def _opens_straight(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{:—–-,") and not nxt.isspace()


def _para_continues(text: str, j: int) -> bool:
    """The paragraph before ``j`` ends without a closing quote mark."""
    k = j - 1
    while k >= 0 and text[k] in " \t\r":
        k -= 1
    return k >= 0 and text[k] not in CLOSE_QUOTES + '"'
