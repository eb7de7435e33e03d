"""Bytes to text: plain text (UTF-8, BOM, CRLF, guessed charsets) and HTML (declared charset)."""

from __future__ import annotations

import codecs
import pathlib
import re

from corroborator.errors import InputRejected
from corroborator.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""",
                           re.I)
_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be")]


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


_COMMON_MARKS = set("\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac\u00a3\u00b0\u00a0"
                    "\u00b7\u00ab\u00bb\u00a9\u00ae\u2022\u00bd\u00bc\u00be\u00a7\u00bf\u00a1")


def oddness(text: str) -> int:
    """Non-ASCII characters that look mis-decoded: symbols, or letters standing alone."""
    odd = 0
    for i, c in enumerate(text):
        if c < "\x80" or c in _COMMON_MARKS:
            continue
        if c.isalpha() and ((i > 0 and text[i - 1].isalpha()) or
                            (i + 1 < len(text) and text[i + 1].isalpha())):
            continue
        odd += 1
    return odd


def _guess(data: bytes, source: str) -> str:
    """Decode bytes of unknown charset: of the plausible codecs, the one that reads cleanest."""
    from charset_normalizer import from_bytes

    sample = data[:2_000_000]
    matches = from_bytes(sample)
    names = [m.encoding for m in matches if m.encoding][:6]
    if not names:
        raise InputRejected(f"{source}: undecodable bytes, not text")
    best_text, best_odd = "", -1
    for name in [*names, "cp1252"]:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        odd = oddness(text[:100_000])
        if best_odd < 0 or odd < best_odd:
            best_text, best_odd = text, odd
    return best_text or data.decode(names[0], errors="replace")


def normalise_text(text: str) -> str:
    """Newlines as "\\n" and no NUL bytes: every reader's text goes through this before it
    is judged empty."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Bytes to str with newlines normalised; binary or empty input is rejected."""
    if not data.strip():
        raise InputRejected(f"{source}: empty file")
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom:
        text = data[len(codecs.BOM_UTF8 if bom == "utf-8" else codecs.BOM_UTF16_LE):].decode(
            bom, errors="replace")
    else:
        if b"\x00" in data[:8192]:
            raise InputRejected(f"{source}: binary file (NUL bytes), not text")
        text = ""
        for enc in filter(None, ("utf-8", _known_codec(declared))):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = _guess(data, source)
    text = normalise_text(text)
    if not text.strip():
        raise InputRejected(f"{source}: empty file")
    return text


def decode_html(data: bytes, source: str, declared: str | None = None) -> str:
    """HTML bytes to str: BOM, then the HTTP charset, then <meta charset>, then a guess."""
    if not data.strip():
        raise InputRejected(f"{source}: empty page")
    meta = _META_CHARSET.search(data[:4096])
    hint = _known_codec(declared) or _known_codec(meta.group(1).decode("ascii") if meta else None)
    if hint and hint not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        hint_first: str | None = hint
    else:
        hint_first = None
    if hint_first and not any(data.startswith(m) for m, _ in _BOMS):
        try:
            text = normalise_text(data.decode(hint_first))
        except UnicodeDecodeError:
            text = decode_text(data, source)
    else:
        text = decode_text(data, source)
    if not text.strip():
        raise InputRejected(f"{source}: empty page")
    return text


def read_text_file(path: pathlib.Path, max_bytes: int) -> Document:
    """One plain-text file as a Document (kept for callers that read a single file)."""
    from corroborator.ingest.bounded import read_file_bounded

    try:
        data = read_file_bounded(path, max_bytes)
    except InputRejected as e:
        raise InputRejected(f"{path}: {e}") from None
    return Document(id=path.name.split(".")[0] if "." in path.name else path.name,
                    source=str(path), text=decode_text(data, str(path)))
