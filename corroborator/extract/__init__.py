"""Extract stage: sentences, entities, attributions, quantities and dates per document."""

from __future__ import annotations

from spacy.tokens import Doc

from corroborator.extract.attribution import find_attributions
from corroborator.extract.dates import find_dates
from corroborator.extract.parse import parse_many
from corroborator.extract.published import infer_published
from corroborator.extract.quantities import find_quantities
from corroborator.model import Document, Entity, Sentence
from corroborator.settings import Settings
from corroborator.timing import stage

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"}


def extract_document(doc: Document, sdoc: Doc, settings: Settings | None = None) -> Document:
    """Fill sentences, entities, attributions, quantities, publication date and dates."""
    doc.sentences = [
        Sentence(doc.id, s.start_char, s.end_char)
        for s in sdoc.sents
        if s.text.strip()
    ]
    masked = sdoc.text
    doc.sentences = [t for t in (_trim(masked, s) for s in doc.sentences) if t.end > t.start]
    doc.entities = [
        Entity(doc.id, e.start_char, e.end_char, e.label_, e.text)
        for e in sdoc.ents
        if e.label_ in ENTITY_LABELS
    ]
    settings = settings or Settings()
    with stage("attribution"):
        doc.attributions = find_attributions(doc, sdoc,
                                             rerank_mode=settings.attribution_rerank)
    with stage("quantities/dates"):
        doc.quantities = find_quantities(doc, sdoc)
        infer_published(doc, sdoc, settings.today)
        doc.dates = find_dates(doc, sdoc)
    return doc


def _trim(masked: str, s: Sentence) -> Sentence:
    """Drop white space and blanked furniture from both ends of a sentence."""
    text = masked[s.start : s.end]
    lead = len(text) - len(text.lstrip())
    tail = len(text) - len(text.rstrip())
    return Sentence(s.doc, s.start + lead, s.end - tail)


def extract_documents(docs: list[Document], settings: Settings | None = None
                      ) -> list[Document]:
    """Parse the English documents in one batch and extract from each."""
    todo = [d for d in docs if not d.skipped and d.text.strip()]
    with stage("parse"):
        parsed = parse_many(todo)
    for d, sdoc in zip(todo, parsed, strict=True):
        extract_document(d, sdoc, settings)
    return docs
