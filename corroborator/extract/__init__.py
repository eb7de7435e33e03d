"""Extract stage: sentences, entities, attributions, quantities and dates per document."""

from __future__ import annotations

from spacy.tokens import Doc

from corroborator.extract.attribution import find_attributions_many
from corroborator.extract.dates import find_dates
from corroborator.extract.doc_text import doc_text
from corroborator.extract.parse import parse_many
from corroborator.extract.published import infer_published
from corroborator.extract.quantities import find_quantities
from corroborator.model import Document, Entity, Sentence
from corroborator.settings import Settings
from corroborator.timing import stage

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"}


def extract_document(doc: Document, sdoc: Doc, settings: Settings | None = None) -> Document:
    """Fill sentences, entities, attributions, quantities, publication date and dates."""
    return _extract([(doc, sdoc)], settings)[0]


def _extract(parsed: list[tuple[Document, Doc]], settings: Settings | None = None
             ) -> list[Document]:
    """``extract_document`` of each pair, in the same order per document; the attribution
    reranker reads the unsure candidates of them all in one pass."""
    settings = settings or Settings()
    for doc, sdoc in parsed:
        doc.sentences = [
            Sentence(doc.id, s.start_char, s.end_char)
            for s in sdoc.sents
            if s.text.strip()
        ]
        masked = doc_text(sdoc)
        doc.sentences = [t for t in (_trim(masked, s) for s in doc.sentences)
                         if t.end > t.start]
        doc.entities = [
            Entity(doc.id, e.start_char, e.end_char, e.label_, e.text)
            for e in sdoc.ents
            if e.label_ in ENTITY_LABELS
        ]
    found = find_attributions_many(parsed, rerank_mode=settings.attribution_rerank)
    for (doc, sdoc), attributions in zip(parsed, found, strict=True):
        doc.attributions = attributions
        with stage("quantities/dates"):
            doc.quantities = find_quantities(doc, sdoc)
            infer_published(doc, sdoc, settings.today)
            doc.dates = find_dates(doc, sdoc)
    return [doc for doc, _ in parsed]


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
    _extract(list(zip(todo, parsed, strict=True)), settings)
    return docs
