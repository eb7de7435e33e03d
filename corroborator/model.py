"""The data model every pipeline stage reads and writes.

Offsets are always Python ``str`` indices into ``Document.text`` (the text as read
from disk for plain text; the extracted article text for HTML and feeds), so that
``doc.text[start:end]`` is the evidence a user can be shown.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any, Literal, TypeVar

ClaimKind = Literal["event", "quantity", "statement", "denial", "non-denial"]
Status = Literal["corroborated", "single-source", "unattributed", "contested", "denied"]


@dataclass
class Span:
    """A character range in one document."""

    doc: str
    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class Removed:
    """A stretch of the original text that cleaning cut out, and why."""

    start: int
    end: int
    reason: str


@dataclass
class Entity:
    """A named entity found by the parser (PERSON, ORG, GPE, NORP...)."""

    doc: str
    start: int
    end: int
    label: str
    text: str
    canonical: str | None = None


@dataclass
class Sentence:
    doc: str
    start: int
    end: int


@dataclass
class Attribution:
    """Who (source) said (cue) what (content). Spans may be None where absent."""

    doc: str
    content: tuple[int, int]
    source: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None
    speaker: str | None = None
    hedged: bool = False
    hedge: str | None = None
    direct: bool = False
    # a reported chain: this attribution sits inside another's content ("the ministry said
    # local officials told it ..."); the outer speaker, who reports this one, goes here
    reported_by: str | None = None


@dataclass
class Quantity:
    """A number with what it counts: "about 12,000 | North Korean troops"."""

    doc: str
    start: int
    end: int
    value: float | None
    text: str = ""
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    counted: str | None = None
    qualifier: str | None = None


@dataclass
class DateMention:
    """A date expression resolved to ISO start/end dates (None when unresolved)."""

    doc: str
    start: int
    end: int
    text: str
    value_start: str | None = None
    value_end: str | None = None
    relative: bool = False
    # False when the expression names no year and the article's year is not known: the
    # value is placed in an assumed year (Document.published_evidence says which)
    year_known: bool = True


@dataclass
class Document:
    """One article. ``text`` is what every offset points into."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    # which evidence named the outlet ("metadata", "sidecar", "option", "url",
    # "canonical-url", "source-link", "url-line", "copyright", "masthead") and what it said;
    # outlet_span, when the evidence is in the text, is where: text[start:end] == evidence
    outlet_basis: str | None = None
    outlet_evidence: str | None = None
    outlet_span: tuple[int, int] | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    published_basis: str | None = None
    published_evidence: str | None = None
    # False when no evidence gave the year (the date is placed in an assumed year, named in
    # published_evidence); None when there is no date at all
    published_year_known: bool | None = None
    published_span: tuple[int, int] | None = None  # the header date or dateline, if any
    language: str | None = None
    wire: list[str] = field(default_factory=list)
    republished_from: str | None = None
    duplicate_of: str | None = None
    format: str = "text"  # "text" or "html": how ``raw`` is to be read by clean
    raw: str | None = None  # the page as fetched (HTML), when text is derived from it
    canonical_url: str | None = None
    removed: list[Removed] = field(default_factory=list)
    # HTML: which extractor's text was kept and why (the loss guard says so here)
    extraction: str | None = None
    skipped: str | None = None  # why English-only stages skipped it
    # filled by extract
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    def kept_ranges(self) -> list[tuple[int, int]]:
        """The complement of ``removed``: the article text that survived cleaning."""
        out: list[tuple[int, int]] = []
        pos = 0
        for r in sorted(self.removed, key=lambda r: r.start):
            if r.start > pos:
                out.append((pos, r.start))
            pos = max(pos, r.end)
        if pos < len(self.text):
            out.append((pos, len(self.text)))
        return out

    def body(self) -> str:
        """The cleaned article text, paragraphs joined by newlines."""
        parts = [self.text[s:e].strip() for s, e in self.kept_ranges()]
        return "\n".join(p for p in parts if p)


@dataclass
class Mention:
    """One place a claim is stated, with who said it there."""

    doc: str
    start: int
    end: int
    speaker: str | None = None
    cue: str | None = None
    hedged: bool = False
    outlet: str | None = None
    reported_by: str | None = None
    # supports / reports-doubt (hedged, passing on unnamed reports): only supporting
    # mentions can make a claim corroborated
    stance: str = "supports"


@dataclass
class Claim:
    id: str
    text: str
    kind: ClaimKind = "statement"
    attributed_to: list[str] = field(default_factory=list)
    status: list[Status] = field(default_factory=list)
    outlets: int = 0
    independent_sources: int = 0
    mentions: list[Mention] = field(default_factory=list)
    explanations: dict[str, str] = field(default_factory=dict)


@dataclass
class FigureValue:
    value: float | None
    low: float | None = None
    high: float | None = None
    sources: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


@dataclass
class Figure:
    subject: str
    unit: str | None
    values: list[FigureValue] = field(default_factory=list)


@dataclass
class Contradiction:
    claims: list[str]
    kind: str
    explanation: str


@dataclass
class TimelineEntry:
    start: str
    end: str
    text: str
    claims: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    year_known: bool = True  # False when the date's year is assumed (DateMention.year_known)


@dataclass
class Actor:
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Story:
    id: str
    title: str
    documents: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    # every date the story's articles mention; in JSON without DateMention.relative
    dates: list[DateMention] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)


@dataclass
class InputError:
    source: str
    reason: str


@dataclass
class Report:
    documents: list[Document] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    version: int = 1

    def doc(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)


_DOC_REPORT_FIELDS = (
    "id source title outlet outlet_basis outlet_evidence outlet_span url author published "
    "published_basis published_evidence "
    "published_year_known published_span language wire republished_from duplicate_of "
    "extraction skipped"
).split()


def document_to_json(d: Document, with_text: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {k: getattr(d, k) for k in _DOC_REPORT_FIELDS}
    out["removed"] = [asdict(r) for r in d.removed]
    if with_text:
        out["text"] = d.text
    return out


def story_to_json(s: Story) -> dict[str, Any]:
    """The report's story object: ``asdict(story)``, its dates without ``relative``."""
    out = asdict(s)
    for d in out["dates"]:
        del d["relative"]
    return out


def report_to_json(r: Report, with_text: bool = True) -> dict[str, Any]:
    """The JSON report of shared/eval/REPORT_FORMAT.md, plus errors and actors."""
    return {
        "version": r.version,
        "documents": [document_to_json(d, with_text) for d in r.documents],
        "stories": [story_to_json(s) for s in r.stories],
        "actors": [asdict(a) for a in r.actors],
        "errors": [asdict(e) for e in r.errors],
    }


T = TypeVar("T")
_Convert = Callable[[Any], Any] | None  # None: the JSON value is taken as it is


def _converter(tp: Any) -> _Convert:
    """How to turn a JSON value into one of the annotated type ``tp``: dataclasses, lists,
    tuples and dicts are rebuilt (a None stays None); anything else is taken as it is."""
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and is_dataclass(tp):
        return _loader(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(inner)
    if origin is list:
        item = _converter(typing.get_args(tp)[0])
        return list if item is None else (lambda v: [item(x) for x in v])
    if origin is tuple:
        if typing.get_args(tp) == (int, int):  # a span
            return lambda v: (int(v[0]), int(v[1]))
        parts = [_converter(a) or (int if a is int else None) for a in typing.get_args(tp)]
        return lambda v: tuple(x if f is None else f(x) for f, x in zip(parts, v, strict=True))
    if origin is dict:
        value = _converter(typing.get_args(tp)[1])
        return dict if value is None else (lambda v: {k: value(x) for k, x in v.items()})
    return None


_LOADERS: dict[type, Callable[[dict[str, Any]], Any]] = {}


def _loader(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """The function that rebuilds ``cls`` from JSON, made once from its field types."""
    if cls in _LOADERS:
        return _LOADERS[cls]
    hints = typing.get_type_hints(cls)
    names = frozenset(hints)
    rebuilt = [(k, f) for k, tp in hints.items() if (f := _converter(tp)) is not None]

    def load(o: dict[str, Any]) -> T:
        if not rebuilt and names.issuperset(o):
            return cls(**o)  # the common case, made fast: a flat object of known keys
        fields = {k: v for k, v in o.items() if k in names}
        for k, f in rebuilt:
            if fields.get(k) is not None:
                fields[k] = f(fields[k])
        return cls(**fields)

    _LOADERS[cls] = load
    return load


def from_json(cls: type[T], o: dict[str, Any]) -> T:
    """Rebuild a model object from its ``asdict`` form, nested objects included; keys the
    class does not have are passed over, and missing ones take the field's default."""
    return _loader(cls)(o)


def document_from_json(o: dict[str, Any]) -> Document:
    """Rebuild a Document, annotations included, from ``asdict(document)``."""
    return from_json(Document, o)


def story_from_json(o: dict[str, Any]) -> Story:
    """Rebuild a Story from ``asdict(story)`` (the report's story object)."""
    return from_json(Story, o)
