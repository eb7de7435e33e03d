"""The outlet of an article, from evidence: which rule named it, and where.

Evidence, strongest first (docs/ingest.md, "Outlets"):

1. a name given with the input: a record's or feed's field, a sidecar ``FILE.meta.json``,
   the page's site name, ``--outlet`` (set before cleaning; ``outlet_basis`` says which);
2. a copyright line naming an outlet ("© 2024 The Straits Times");
3. an address: the page's canonical URL, a "Source link: URL" line, a line at the top
   holding only a URL, the address the page was fetched from (the outlet is the host);
4. a copyright line naming a wire agency ("Copyright Reuters. All rights reserved."):
   the text is the agency's own only when nothing else names an outlet;
5. a masthead line that cleaning cut as furniture and that names the outlet
   ("Get ST's newsletters", "… keeps The Journal open").

A wire credit ("KYIV (Reuters) -", "REUTERS, AFP") names no outlet: it is wire copy
(``Document.wire``). A photo credit ("PHOTO: REUTERS", "© Getty Images") names none either.
When nothing names the outlet, ``outlet`` stays None and reports say "unknown outlet (file
ID)" (corroborator/outlets.py). Every pattern is bounded (no nested quantifiers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from corroborator.clean import lexicon as lx
from corroborator.model import Document, Removed

__all__ = ["infer_outlet", "host_name"]

# a name: capitalised words, "of"/"and"/"&" between them; dots only inside a word
_WORD = r"[A-Z][\w&'’-]{0,30}(?:\.[\w&-]{1,20}){0,3}"
_NAME = rf"(?:[Tt]he )?{_WORD}(?:[ \t]{{1,3}}(?:{_WORD}|of|and|&)){{0,5}}"
COPYRIGHT = re.compile(
    r"(?:©|\([Cc]\)|\bCopyright\b|\bCOPYRIGHT\b)(?:[ \t]{0,3}(?:©|\([Cc]\)))?[ \t]{0,3}"
    r"(?P<year>(?:19|20)\d\d(?:[ \t]{0,3}[-–][ \t]{0,3}(?:19|20)\d\d)?[ \t]{0,3},?[ \t]{0,3})?"
    rf"(?:by[ \t]{{1,3}})?(?P<name>{_NAME})"
)
_PHOTO = re.compile(r"(?i)\b(?:photo|photograph|image|picture|illustration|video|graphic|"
                    r"getty|shutterstock|alamy|istock|credit)s?\b")
_RIGHTS = re.compile(r"(?i)\brights reserved\b|\bcopyright\b")
_NOT_NAME = {"all", "the", "copyright", "photo", "image", "us", "our", "you", "your", "this",
             "it", "we", "getty images", "shutterstock", "alamy", "ap photo", "afp photo"}
_TRAILING = re.compile(r"(?:[ \t]+(?:All|and|of|&|Inc|Ltd|LLC|Limited|Plc|PLC))+$")

_NAME_S = r"(?P<name>(?:The )?[A-Z][\w&-]{0,30}(?: [A-Z][\w&-]{0,30}){0,3})"
MASTHEAD = [
    re.compile(rf"\bGet {_NAME_S}['’]s (?:newsletters?|app|alerts|briefings?)\b"),
    re.compile(rf"\b(?:keeps|keep|keeping) {_NAME_S} (?:open|free|independent|going|alive)\b"),
    re.compile(rf"\b(?:[Tt]hank you|[Tt]hanks) for (?:reading|supporting) {_NAME_S}\b"),
    re.compile(rf"\b(?:[Ss]upport|[Ss]ign up (?:for|to)) {_NAME_S}['’]s "
               r"(?:journalism|reporting|newsletters?)\b"),
]
# "Source link: https://…", "Originally published at https://…", "Canonical URL: …"
SOURCE_URL = re.compile(
    r"(?im)^[ \t]{0,8}(?:source(?: link| url)?|canonical(?: url| link)?|original(?:ly published)?"
    r"(?: article| story)?(?: at| on)?|read (?:more|the original)(?: at| on)?)"
    r"[ \t]{0,3}[:\-–—]?[ \t]{0,3}<?(?P<url>https?://[^\s<>\"]{3,500})"
)
URL_LINE = re.compile(r"[ \t]{0,8}<?(?P<url>https?://[^\s<>\"]{3,500})>?[ \t]{0,8}")
TOP_LINES = 3  # a URL line counts when it is among the first non-empty lines
MAX_LINE = 160  # a copyright line is a short line, not a sentence of the article


@dataclass
class Found:
    name: str
    basis: str
    evidence: str
    span: tuple[int, int] | None


def host_name(url: str | None) -> str | None:
    """The outlet an address names: its host without "www." ("straitstimes.com")."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
    return host


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _copyrights(text: str) -> list[Found]:
    out: list[Found] = []
    for m in COPYRIGHT.finditer(text[:500_000]):
        ls, le = _line_at(text, m.start())
        line = text[ls:le].strip()
        if len(line) > MAX_LINE or _PHOTO.search(line):
            continue
        # "Copyright" inside a sentence ("the US Copyright Office said") is no notice: the
        # word opens the line, or a © or a year marks it
        at_start = not text[ls:m.start()].strip(" \t|·-–—")
        if not (at_start or m.group(0)[:1] in "©(" or m.group("year")):
            continue
        name = _TRAILING.sub("", m.group("name")).strip(" .,'’")
        if not name or name.lower() in _NOT_NAME:
            continue
        start = m.start("name")
        out.append(Found(name, "copyright", text[start:start + len(name)],
                         (start, start + len(name))))
    return out


def _address(doc: Document) -> Found | None:
    text = doc.text
    if doc.canonical_url and host_name(doc.canonical_url):
        span = _find(text, doc.canonical_url)
        return Found(host_name(doc.canonical_url) or "", "canonical-url", doc.canonical_url, span)
    for m in SOURCE_URL.finditer(text[:500_000]):
        host = host_name(m.group("url"))
        if host:
            return Found(host, "source-link", m.group("url"), (m.start("url"), m.end("url")))
    pos, seen = 0, 0
    while seen < TOP_LINES and pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if text[pos:end].strip():
            seen += 1
            line = URL_LINE.fullmatch(text, pos, end)
            host = host_name(line.group("url")) if line else None
            if line and host:
                return Found(host, "url-line", line.group("url"),
                             (line.start("url"), line.end("url")))
        pos = end + 1
    if doc.url and host_name(doc.url):
        return Found(host_name(doc.url) or "", "url", doc.url, _find(text, doc.url))
    return None


def _find(text: str, s: str) -> tuple[int, int] | None:
    i = text.find(s)
    return (i, i + len(s)) if i >= 0 else None


def _masthead(text: str, removed: list[Removed]) -> Found | None:
    """A self-naming furniture line; only in what cleaning cut, never in the article."""
    for r in sorted(removed, key=lambda r: r.start):
        chunk = text[r.start:r.end]
        for pat in MASTHEAD:
            m = pat.search(chunk)
            if m and m.group("name").lower() not in _NOT_NAME:
                s = r.start + m.start("name")
                return Found(m.group("name"), "masthead", text[s:r.start + m.end("name")],
                             (s, r.start + m.end("name")))
    return None


def _is_agency(name: str) -> bool:
    return name.strip().lower() in lx.AGENCIES


def _says_rights(text: str, f: Found) -> bool:
    """A copyright notice ("Copyright Reuters", "… All rights reserved"), not a bare "© AFP"
    under a photo."""
    if f.span is None:
        return False
    ls, le = _line_at(text, f.span[0])
    return bool(_RIGHTS.search(text[ls:le]))


def infer_outlet(doc: Document, removed: list[Removed] | None = None) -> Document:
    """Fill ``outlet`` (with ``outlet_basis``/``outlet_evidence``/``outlet_span``) from
    the evidence in the text when no earlier evidence named it; ``removed``: the furniture
    spans found so far (masthead lines are looked for only there)."""
    if doc.outlet:
        doc.outlet_basis = doc.outlet_basis or "metadata"
        return doc
    text = doc.text or ""
    marks = _copyrights(text)
    own = next((f for f in marks if not _is_agency(f.name)), None)
    found = own or _address(doc)
    if found is None:
        found = next((f for f in marks if _is_agency(f.name) and _says_rights(text, f)), None)
        if found is not None:
            found.name = lx.AGENCIES[found.name.strip().lower()]
            found.basis = "copyright (the agency's own text)"
    if found is None:
        found = _masthead(text, list(removed if removed is not None else doc.removed))
    if found is not None and found.name:
        doc.outlet, doc.outlet_basis = found.name, found.basis
        doc.outlet_evidence, doc.outlet_span = found.evidence, found.span
    return doc
