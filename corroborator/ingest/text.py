"""Bytes to text: plain text (UTF-8, BOM, CRLF, guessed charsets) and HTML (declared charset)."""

from __future__ import annotations

import codecs
import pathlib
import re

from corroborator.errors import InputRejected
from corroborator.model import Document

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""",
                           re.I)
# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be")]
# a label that means windows-1252 in practice (as in the WHATWG Encoding Standard): a page
# that says ISO-8859-1 and holds curly quotes (bytes 0x80-0x9F) means those quotes
_MEANS_CP1252 = {"iso8859-1"}


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return "cp1252" if codec in _MEANS_CP1252 else codec


_COMMON_MARKS = set("\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac\u00a3\u00b0\u00a0"
                    "\u00b7\u00ab\u00bb\u00a9\u00ae\u2022\u00bd\u00bc\u00be\u00a7\u00bf\u00a1")


def oddness(text: str) -> int:
    """Non-ASCII characters that look mis-decoded: symbols, or letters standing alone
    (except Greek and Cyrillic ones, which are often words: "Η", "в")."""
    odd = 0
    for i, c in enumerate(text):
        if c < "\x80" or c in _COMMON_MARKS or "\u0370" <= c <= "\u04ff":
            continue
        if c.isalpha() and ((i > 0 and text[i - 1].isalpha()) or
                            (i + 1 < len(text) and text[i + 1].isalpha())):
            continue
        odd += 1
    return odd


# The accented letters of Western European languages, one alphabet each: French, German,
# Spanish, Portuguese, Italian, Catalan, Dutch, Danish/Norwegian, Swedish, Finnish, Icelandic
_WESTERN = [frozenset(a) for a in (
    "àâæçéèêëîïôœùûüÿ", "äöüß", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóùú", "àçèéíïòóúü",
    "áéíóúàèëïöü", "æøåéóüä", "åäöé", "äöåšž", "áðéíóúýþæö",
)]
_ORDINALS = frozenset("ªº")  # 1º, 2ª: letters to Python, marks to a reader
# symbols Western text uses (the mis-read letters of other code pages are mostly others:
# "³" for "ł", "¹" for "ą", "¯" for "Ż")
_WESTERN_MARKS = _COMMON_MARKS | set("×±™‰ªº")
# languages (as detect_language names them) written in windows-1252
_WESTERN_LANGUAGES = {"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "id"}
_WORD = re.compile(r"[^\W\d_]+")


def reads_western(text: str) -> bool:
    """Text that reads as a Western European language.

    Hardly a stray symbol; nearly every word's accented letters from one Western alphabet
    ("Genève" yes; "Pøíliš", the windows-1252 reading of Czech "Příliš", no); and no other
    language recognised in it (the windows-1252 reading of Hungarian "főváros" is
    "fõváros", all Portuguese letters, but the words are still Hungarian).
    """
    from corroborator.ingest.language import detect_language

    sample = text[:100_000]
    foreign = sum(1 for c in sample if c >= "\x80")
    stray = sum(1 for c in sample
                if c >= "\x80" and not c.isalpha() and c not in _WESTERN_MARKS)
    words = [{c for c in w.lower() if c >= "\x80"} - _ORDINALS for w in _WORD.findall(sample)]
    mixed = sum(1 for w in words if w and not any(w <= alphabet for alphabet in _WESTERN))
    if (stray + mixed) * 20 > foreign:
        return False
    return detect_language(sample) in _WESTERN_LANGUAGES | {None}


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text that lacks its byte-order mark, told by its NUL bytes: Latin-script text
    has a NUL in every other byte (the high byte of ASCII), on the odd side for little-endian
    and the even side for big-endian. None when the bytes are not that."""
    head = data[:8192]
    pairs = len(head) // 2
    if len(data) % 2 or pairs < 2:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    if odd * 10 >= pairs * 3 and even * 20 <= pairs:
        codec = "utf-16-le"
    elif even * 10 >= pairs * 3 and odd * 20 <= pairs:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text[:4096] if c < " " and c not in "\t\n\r\f")
    return text if controls * 100 <= len(text[:4096]) else None


def _guess(data: bytes, source: str) -> str:
    """Decode bytes that are not UTF-8 and declare nothing.

    Windows-1252 (which reads Latin-1 text the same) whenever its reading is plausible
    Western European text; otherwise, of charset-normalizer's candidates, the one that
    reads cleanest (fewest stray symbols), ties going to the detector's order. See
    docs/ingest.md, "Character sets".
    """
    from charset_normalizer import from_bytes

    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = ""
    if western and reads_western(western):
        return western
    sample = data[:2_000_000]
    matches = from_bytes(sample)
    names = [m.encoding for m in matches if m.encoding][:6]
    if not names and not western:
        raise InputRejected(f"{source}: undecodable bytes, not text")
    best_text, best_odd = "", -1
    for name in [*names, "cp1252"]:
        try:
            text = western if name == "cp1252" else data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        odd = oddness(text[:100_000])
        if text and (best_odd < 0 or odd < best_odd):  # ties: the detector's order
            best_text, best_odd = text, odd
    return best_text or data.decode(names[0] if names else "cp1252", errors="replace")


def normalise_text(text: str) -> str:
    """Newlines as "\\n" and no NUL bytes: every reader's text goes through this before it
    is judged empty."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Bytes to str with newlines normalised; binary or empty input is rejected."""
    if not data.strip():
        raise InputRejected(f"{source}: empty file")
    bom = next(((mark, enc) for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom:
        text = data[len(bom[0]):].decode(bom[1], errors="replace")
    elif b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputRejected(f"{source}: binary file (NUL bytes), not text")
        text = utf16
    else:
        text = ""
        for enc in filter(None, ("utf-8", _known_codec(declared))):
            try:
                text = data.decode(enc)
                break
            except (UnicodeDecodeError, LookupError):
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
