"""Turn a Report into plain values the templates show: the ledger, evidence, coverage.

Everything here returns text pieces, never markup: templates escape each piece and wrap
the evidence span in <mark>, so hostile article text cannot become HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from corroborator.model import Claim, Document, Mention, Report, Story
from corroborator.outlets import outlet_label, outlet_names

VERDICTS = ["corroborated", "contested", "denied", "single-source", "unattributed"]
VERDICT_LABELS = {
    "corroborated": "Corroborated",
    "contested": "Contested",
    "denied": "Denied",
    "single-source": "Single source",
    "unattributed": "Unattributed",
    "other": "Other claims",
}
CONTEXT_CHARS = 320  # most context shown either side of a span, within its paragraph


@dataclass
class Segment:
    """A run of text with how to show it."""

    text: str
    mark: bool = False
    removed: str | None = None  # the reason cleaning cut it, when shown on request


@dataclass
class Evidence:
    """One mention of a claim shown in its context."""

    doc: Document
    mention: Mention
    outlet: str
    segments: list[Segment]
    quote: str  # doc.text[start:end], exactly


@dataclass
class ClaimGroup:
    verdict: str
    label: str
    claims: list[Claim] = field(default_factory=list)


def outlet_of(doc: Document) -> str:
    """The outlet name to show for a document; "unknown outlet (file ID)" when unknown."""
    return outlet_label(doc)


def mention_outlet(report: Report, m: Mention) -> str:
    try:
        return outlet_of(report.doc(m.doc))
    except KeyError:
        if m.outlet:
            return m.outlet
        return m.doc


def primary_verdict(claim: Claim) -> str:
    """The group a claim is listed under: the first verdict in VERDICTS order it carries."""
    for v in VERDICTS:
        if v in claim.status:
            return v
    return "other"


def group_claims(story: Story) -> list[ClaimGroup]:
    """The claim ledger grouped by verdict, groups in VERDICTS order, empty ones dropped."""
    groups = {v: ClaimGroup(v, VERDICT_LABELS[v]) for v in [*VERDICTS, "other"]}
    for c in story.claims:
        groups[primary_verdict(c)].claims.append(c)
    return [g for g in groups.values() if g.claims]


def valid_span(doc: Document, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(doc.text)


def segment_text(text: str, lo: int, hi: int, marks: list[tuple[int, int]],
                 removed: list[tuple[int, int, str]] | None = None) -> list[Segment]:
    """Split text[lo:hi] at every mark and removed boundary; each piece says how to show it."""
    cuts = {lo, hi}
    for s, e in marks:
        cuts.update(x for x in (s, e) if lo < x < hi)
    for s, e, _ in removed or []:
        cuts.update(x for x in (s, e) if lo < x < hi)
    points = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(points, points[1:], strict=False):
        if a >= b:
            continue
        mark = any(s <= a and b <= e for s, e in marks)
        why = next((r for s, e, r in removed or [] if s <= a and b <= e), None)
        last = out[-1] if out else None
        if last and last.mark == mark and last.removed == why:
            last.text += text[a:b]
        else:
            out.append(Segment(text[a:b], mark, why))
    return out


def context_bounds(text: str, start: int, end: int, limit: int = CONTEXT_CHARS
                   ) -> tuple[int, int]:
    """The paragraph around a span (line breaks end paragraphs), clipped to ``limit`` chars."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    lo = max(lo, start - limit)
    hi = min(hi, end + limit)
    return lo, hi


def evidence_for(report: Report, mentions: list[Mention]) -> list[Evidence]:
    """Each mention with its paragraph; mentions whose offsets fall outside the text are dropped."""
    out: list[Evidence] = []
    for m in mentions:
        try:
            doc = report.doc(m.doc)
        except KeyError:
            continue
        if not valid_span(doc, m.start, m.end):
            continue
        lo, hi = context_bounds(doc.text, m.start, m.end)
        segs = segment_text(doc.text, lo, hi, [(m.start, m.end)])
        if lo > 0 and segs:
            segs.insert(0, Segment("… "))
        if hi < len(doc.text) and doc.text[hi:hi + 1] != "\n":
            segs.append(Segment(" …"))
        out.append(Evidence(doc, m, mention_outlet(report, m), segs, doc.text[m.start:m.end]))
    return out


def document_segments(doc: Document, marks: list[tuple[int, int]], show_removed: bool
                      ) -> list[list[Segment]]:
    """The document as paragraphs of segments; removed furniture only when asked for."""
    removed = [(r.start, r.end, r.reason) for r in doc.removed if valid_span(doc, r.start, r.end)]
    paragraphs: list[list[Segment]] = []
    pos = 0
    text = doc.text
    while pos <= len(text):
        nl = text.find("\n", pos)
        hi = len(text) if nl < 0 else nl
        segs = segment_text(text, pos, hi, marks, removed)
        if not show_removed:
            segs = [s for s in segs if s.removed is None]
        if any(s.text.strip() for s in segs):
            paragraphs.append(segs)
        if nl < 0:
            break
        pos = nl + 1
    return paragraphs


def story_outlets(report: Report, story: Story) -> list[str]:
    """Outlets of the story's documents, in document order, each once (one per
    corroborator.outlets.outlet_key: the count every view shows)."""
    by_id = {d.id: d for d in report.documents}
    docs = [by_id[i] for i in story.documents if i in by_id]
    seen = outlet_names(docs)
    for c in story.claims:
        for m in c.mentions:
            name = mention_outlet(report, m)
            if name not in seen:
                seen.append(name)
    return seen


@dataclass
class CoverageRow:
    claim: Claim
    cells: list[bool]


def coverage_matrix(report: Report, story: Story) -> tuple[list[str], list[CoverageRow]]:
    """Outlet × claim: which outlets carry each claim (claims in ledger order)."""
    outlets = story_outlets(report, story)
    rows: list[CoverageRow] = []
    for g in group_claims(story):
        for c in g.claims:
            carried = {mention_outlet(report, m) for m in c.mentions}
            rows.append(CoverageRow(c, [o in carried for o in outlets]))
    return outlets, rows


def story_documents(report: Report, story: Story) -> list[Document]:
    out: list[Document] = []
    for doc_id in story.documents:
        try:
            out.append(report.doc(doc_id))
        except KeyError:
            continue
    return out


def find_claim(story: Story, claim_id: str) -> Claim | None:
    return next((c for c in story.claims if c.id == claim_id), None)


def format_number(v: float | None) -> str:
    """12000.0 -> '12,000'; 2.5 -> '2.5'; None -> '?'."""
    if v is None:
        return "?"
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _parse_time(iso: str | None) -> datetime | None:
    try:
        when = datetime.fromisoformat(iso or "")
    except ValueError:
        return None
    # the store writes UTC; a time without an offset is taken to be UTC as well
    return when.astimezone(UTC) if when.tzinfo is not None else when.replace(tzinfo=UTC)


def machine_time(iso: str | None) -> str:
    """A valid HTML ``datetime`` value: '2026-12-08T02:10:36Z' (whole seconds, UTC); a bare
    date stays a date; anything unparseable is returned as it is."""
    when = _parse_time(iso)
    if when is None or len(iso or "") <= 10:
        return iso or ""
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def readable_time(iso: str | None) -> str:
    """'2026-12-08T02:10:36.485924+00:00' -> '8 Dec 2026, 02:10 UTC'; a bare date
    '2024-10-25' -> '25 Oct 2024'; anything unparseable is returned as it is."""
    when = _parse_time(iso)
    if when is None:
        return iso or ""
    day = f"{when.day} {MONTHS[when.month - 1]} {when.year}"
    return day if len(iso or "") <= 10 else f"{day}, {when:%H:%M} UTC"
