"""The quantity table in docs/figures-and-dates.md stays true."""

from __future__ import annotations

from corroborator.extract.parse import parse
from corroborator.extract.quantities import find_quantities
from corroborator.model import Document
from tests.conftest import ROOT


def _rows() -> list[list[str]]:
    text = (ROOT / "docs" / "figures-and-dates.md").read_text(encoding="utf-8")
    section = text.split("## Quantities", 1)[1].split("##", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines()
            if line.startswith("|") and "---" not in line]
    return [[c.strip() for c in r] for r in rows[1:]]


def _num(cell: str) -> float | None:
    return None if cell in ("", "None") else float(cell.replace(",", ""))


def test_documented_quantities() -> None:
    rows = _rows()
    assert len(rows) >= 5
    for text, value, lowhigh, _unit, counted, _qual in rows:
        doc = Document(id="d", source="docs", text=f"Officials said {text} were involved.")
        qs = find_quantities(doc, parse(doc))
        assert qs, text
        q = qs[0]
        assert doc.text[q.start : q.end] == q.text
        assert q.value == _num(value), (text, q)
        if lowhigh:
            low, high = (float(x) for x in lowhigh.replace("–", " ").split())
            assert (q.low, q.high) == (low, high), (text, q)
        if counted:
            assert q.counted == counted, (text, q)


def test_publication_date_example_runs() -> None:
    """The python block of docs/figures-and-dates.md's publication date section."""
    import re

    text = (ROOT / "docs" / "figures-and-dates.md").read_text(encoding="utf-8")
    section = text.split("## Publication date", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None
    exec(compile(block.group(1), "docs/figures-and-dates.md", "exec"), {})  # noqa: S102
