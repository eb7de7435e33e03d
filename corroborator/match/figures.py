"""Figures: quantities that measure the same thing across a story's articles."""

from __future__ import annotations

from corroborator.model import Claim, Contradiction, Document, Figure


def build_figures(docs: list[Document], claims: list[Claim]
                  ) -> tuple[list[Figure], list[Contradiction]]:
    """Group quantities into figures; differing values become numeric contradictions."""
    return [], []
