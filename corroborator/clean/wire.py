"""Wire-agency credits and signs that an article is a republished copy."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corroborator.clean import lexicon as lx
from corroborator.clean.furniture import split_lines
from corroborator.model import Removed

ORIGINALLY = re.compile(
    r"(?i:\b(?:this (?:article|story|post|piece) (?:was )?originally (?:appeared|published|ran)"
    r"|originally (?:published|appeared)|first (?:published|appeared)|republished)"
    r" (?:on|in|at|by|with)(?: permission (?:from|of))?) "
    r"((?:[Tt]he )?[A-Z][\w.&'’-]{0,40}(?: (?:[A-Z][\w.&'’-]{0,40}|of|and|&)){0,4})"
)
# "Newsweek has contacted X for comment": the writing outlet names itself.
SELF_CONTACT = re.compile(
    r"(?:^|[.!?”\"]\s{1,3})([A-Z][\w.&'’-]{1,30}(?: [A-Z][\w.&'’-]{1,30}){0,3})"
    r" (?:has|had) (?:contacted|reached out to|asked|approached|emailed|requested comment)"
    r"\b[^.]{0,300}\bcomment"
)
NOT_OUTLET = {"he", "she", "it", "they", "we", "this", "that", "police", "the company",
              "the government", "the ministry", "the department", "the spokesman", "officials",
              "the agency", "the office", "the bbc"}
SOURCE_TRAILER = re.compile(r"(?i)^(?:source(?: link| url)?|read (?:the )?original"
                            r"(?: article| story)?)\W*$")
SOURCE_NAMED = re.compile(r"(?i)^source:\s{0,3}([A-Z][\w.&' -]{1,60})$")


@dataclass
class Credits:
    """Agencies credited and where the article was first published, if a copy."""

    wire: list[str]
    republished_from: str | None
    removed: list[Removed]


def _add(found: list[str], name: str) -> None:
    canon = lx.AGENCIES.get(name.strip().lower())
    if canon and canon not in found:
        found.append(canon)


def _agencies_in(credit: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*(?:,|/|&|\band\b)\s*", credit):
        _add(out, part)
    return out


def find_credits(text: str, removed: list[Removed], outlet: str | None = None) -> Credits:
    """Wire credits (datelines, trailing "REUTERS, AFP", "— AP") and republication marks."""
    wire: list[str] = []
    cut: list[Removed] = []
    republished: str | None = None
    gone = sorted((r.start, r.end) for r in removed)

    def is_removed(s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in gone)

    lines = split_lines(text)
    for ln in lines:
        t = ln.text
        if SOURCE_TRAILER.match(t):
            republished = republished or "unknown"
            continue
        m_src = SOURCE_NAMED.match(t)
        if m_src and len(t) < 80:
            republished = m_src.group(1).strip()
        if ln is lines[-1] and t.strip(" .-\u2013\u2014").lower() in lx.AGENCIES:
            _add(wire, t.strip(" .-\u2013\u2014"))  # a last line holding only "REUTERS"
        if is_removed(ln.start, ln.end):
            continue
        m = lx.DATELINE_CREDIT.match(t) or lx.PAREN_CREDIT.match(t)
        if m:
            inner = t[t.index("(", 0, m.end()) + 1: t.index(")", 0, m.end())]
            for a in _agencies_in(inner):
                if a not in wire:
                    wire.append(a)
        tail = t[-120:]
        # a credit list closing the paragraph after a sentence stop: "... he added. REUTERS, AFP"
        for m2 in lx.AGENCY_LIST.finditer(tail):
            if m2.end() != len(tail.rstrip(" .")):
                continue
            before = tail[: m2.start()].rstrip()
            credit = m2.group(0)
            if before.endswith((".", "!", "?", "”", '"', "’")) and (
                    credit.isupper() or (ln is lines[-1] and credit[:1].isupper())):
                for a in _agencies_in(credit):
                    if a not in wire:
                        wire.append(a)
                start = ln.start + (len(t) - len(tail)) + m2.start()
                cut.append(Removed(start, start + len(credit), "wire-credit"))
        m3 = lx.DASH_CREDIT_END.search(tail)
        if m3 and (ln is lines[-1] or ln.text.startswith(("-", "\u2013", "\u2014"))):
            name = re.sub(r"^[-\u2013\u2014\s]+", "", m3.group(0)).strip(" .")
            _add(wire, name)
        if republished is None:
            mo = ORIGINALLY.search(t[:5000])
            if mo:
                republished = mo.group(1).strip(" .")
    if republished in (None, "unknown"):
        named = _self_named(text, outlet)
        if named:
            republished = named
    if republished and outlet and republished.lower() == outlet.lower():
        republished = None
    return Credits(wire, republished, cut)


def _self_named(text: str, outlet: str | None) -> str | None:
    """An outlet that says it contacted someone for comment: the text is its copy."""
    for m in SELF_CONTACT.finditer(text[:200_000]):
        name = m.group(1).strip()
        if name.lower() in NOT_OUTLET or (outlet and name.lower() == outlet.lower()):
            continue
        if len(name.split()) == 1 and name.lower() in {"he", "she"}:
            continue
        return name
    return None
