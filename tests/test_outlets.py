"""Outlets (issue 37): named from evidence, "unknown outlet (file ID)" without it, and one
count in every view (analyze, the store's `stories` and `show`, the web home and story
pages, claims)."""

from __future__ import annotations

import json
import pathlib
import re

import httpx
import pytest

from corroborator.clean import clean_documents
from corroborator.cli import main
from corroborator.ingest import read_inputs
from corroborator.model import Document, Report, document_from_json, story_from_json
from corroborator.outlets import count_outlets, outlet_label
from corroborator.settings import Settings
from corroborator.web.context import claim_outlets
from corroborator.web.present import story_outlets

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
EXAMPLES = ROOT / "examples" / "outlets"
# the seeds' outlets after this change: two named by a masthead line, three unknown
SEED_OUTLETS = {
    "000_c282c74df527475c": None,
    "001_3a929d0f6b981742": "ST",  # "Sign up now: Get ST's newsletters delivered to …"
    "002_c660a855ca50e628": None,  # a copy of Newsweek ("Newsweek has contacted …")
    "003_a7747dc26ab496b8": None,
    "004_a62985fc72f8daaf": "The Journal",  # "… keeps The Journal open."
}


def cleaned(paths: list[str], settings: Settings | None = None) -> dict[str, Document]:
    settings = settings or Settings(progress=False)
    docs, errors = read_inputs(paths, settings)
    assert errors == []
    return {d.id: d for d in clean_documents(docs, settings)}


def assert_provenance(d: Document) -> None:
    if d.outlet_span is not None:
        s, e = d.outlet_span
        assert d.text[s:e] == d.outlet_evidence


def test_seed_outlets_named_only_where_the_text_names_them() -> None:
    docs = cleaned([str(p) for p in sorted(SEEDS.glob("*.txt"))])
    assert {k: d.outlet for k, d in docs.items()} == SEED_OUTLETS
    for d in docs.values():
        assert_provenance(d)
    assert docs["001_3a929d0f6b981742"].outlet_basis == "masthead"
    # a wire credit is wire copy, not the outlet
    assert docs["001_3a929d0f6b981742"].wire == ["Reuters", "AFP"]
    assert outlet_label(docs["003_a7747dc26ab496b8"]) == (
        "unknown outlet (file 003_a7747dc26ab496b8)")
    assert outlet_label(docs["002_c660a855ca50e628"]) == (
        "unknown outlet (file 002_c660a855ca50e628, a copy of Newsweek)")


def test_copyright_line_names_the_outlet_with_its_span(tmp_path: pathlib.Path) -> None:
    """A seed article (000) with the copyright line its site prints under it."""
    text = (SEEDS / "000_c282c74df527475c.txt").read_text(encoding="utf-8")
    f = tmp_path / "zelensky.txt"
    f.write_text(text + "\n\nCopyright © 2024 The Independent. All rights reserved.\n",
                 encoding="utf-8")
    d = cleaned([str(f)])["zelensky"]
    assert (d.outlet, d.outlet_basis) == ("The Independent", "copyright")
    assert d.outlet_span is not None and d.text[slice(*d.outlet_span)] == "The Independent"
    d = cleaned([str(EXAMPLES / "ferry.txt")])["ferry"]
    assert (d.outlet, d.outlet_basis, d.outlet_evidence) == (
        "The Coastal Times", "copyright", "The Coastal Times")


def test_photo_credit_and_wire_credit_name_no_outlet(tmp_path: pathlib.Path) -> None:
    text = (SEEDS / "003_a7747dc26ab496b8.txt").read_text(encoding="utf-8")
    f = tmp_path / "photo.txt"
    f.write_text(text.replace("\n", "\nPhoto: © Getty Images\n", 1)
                 + "\nThe US Copyright Office said it would not comment.\n", encoding="utf-8")
    assert cleaned([str(f)])["photo"].outlet is None
    d = cleaned([str(EXAMPLES / "wire.txt")])["wire"]
    assert d.outlet is None and d.wire == ["Reuters"]


def test_agency_copyright_is_the_agencys_own_text(tmp_path: pathlib.Path) -> None:
    wire = (EXAMPLES / "wire.txt").read_text(encoding="utf-8")
    f = tmp_path / "own.txt"
    f.write_text(wire + "\nCopyright 2024 Thomson Reuters. All rights reserved.\n",
                 encoding="utf-8")
    d = cleaned([str(f)])["own"]
    assert d.outlet == "Reuters" and (d.outlet_basis or "").startswith("copyright")
    assert_provenance(d)
    # the same notice on another site's page: the site is the outlet
    g = tmp_path / "site.txt"
    g.write_text("https://www.coastnews.example/storm-warnings-lifted\n" + f.read_text(),
                 encoding="utf-8")
    d = cleaned([str(g)])["site"]
    assert (d.outlet, d.outlet_basis) == ("coastnews.example", "url-line")
    assert_provenance(d)


def test_source_link_names_the_outlet_by_its_host(tmp_path: pathlib.Path) -> None:
    text = (SEEDS / "002_c660a855ca50e628.txt").read_text(encoding="utf-8")
    f = tmp_path / "copy.txt"
    f.write_text(text.replace("Source link\n", "Source link: https://www.newsweek.com/"
                              "ukraine-north-korea-troops-russia-1973004\n"), encoding="utf-8")
    d = cleaned([str(f)])["copy"]
    assert (d.outlet, d.outlet_basis) == ("newsweek.com", "source-link")
    assert (d.outlet_evidence or "").startswith("https://www.newsweek.com/")
    assert_provenance(d)
    # without an address the bare "Source link" names no one
    assert cleaned([str(SEEDS / "002_c660a855ca50e628.txt")])[
        "002_c660a855ca50e628"].outlet is None


def test_sidecar_and_outlet_option(tmp_path: pathlib.Path) -> None:
    docs = cleaned([str(EXAMPLES)])
    assert set(docs) == {"ferry", "harbour", "wire"}  # the sidecar is no article
    h = docs["harbour"]
    assert (h.outlet, h.outlet_basis, h.url, h.published) == (
        "Harbour Gazette", "sidecar", "https://harbourgazette.example/bridge-reopens",
        "2024-03-05")
    assert h.outlet_span is None and h.outlet_evidence == "harbour.txt.meta.json: outlet"
    named = cleaned([str(EXAMPLES)], Settings(progress=False, outlet="Coast Daily"))
    assert {k: (d.outlet, d.outlet_basis) for k, d in named.items()} == {
        "ferry": ("Coast Daily", "option"), "harbour": ("Harbour Gazette", "sidecar"),
        "wire": ("Coast Daily", "option")}
    # a sidecar that is not JSON is reported; the file is still read
    (tmp_path / "a.txt").write_text((EXAMPLES / "wire.txt").read_text(), encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text("{outlet: nope", encoding="utf-8")
    read, errors = read_inputs([str(tmp_path)], Settings(progress=False))
    assert [d.id for d in read] == ["a"] and read[0].outlet is None
    assert len(errors) == 1 and "sidecar not read" in errors[0].reason


def test_outlet_option_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(EXAMPLES / "wire.txt"), "--outlet", "Coast Daily", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["outlet"] == "Coast Daily"
    with pytest.raises(SystemExit) as e:
        main(["clean", str(EXAMPLES / "wire.txt"), "--outlet", " "])
    assert e.value.code == 2


def test_unknown_outlets_are_each_their_own() -> None:
    pairs = [(None, "a"), (None, "b"), ("Reuters", "c"), ("REUTERS", "d")]
    assert count_outlets(pairs) == 3


def test_docs_outlets_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_ingest_docs import run_python_block

    doc = (ROOT / "docs" / "ingest.md").read_text(encoding="utf-8")
    run_python_block(doc[doc.index("## Outlets"):], monkeypatch)


# --- one count everywhere, on the seeds ---------------------------------------------------


def _report(obj: dict) -> Report:
    return Report(documents=[document_from_json(d) for d in obj["documents"]],
                  stories=[story_from_json(s) for s in obj["stories"]])


def _page_counts(base: str, story_id: str) -> tuple[int, int]:
    home = httpx.get(base + "/").text
    row = re.search(r'href="/stories/' + re.escape(story_id) +
                    r'">.*?</th>\s*<td class="num">(\d+)</td><td class="num">(\d+)</td>',
                    home, re.S)
    assert row is not None
    page = httpx.get(f"{base}/stories/{story_id}").text
    said = re.search(r"(\d+) articles? from (\d+) outlets?", page)
    assert said is not None
    return int(row.group(2)), int(said.group(2))


def _agree(report: Report, listed: int) -> None:
    (story,) = report.stories
    docs = [report.doc(i) for i in story.documents]
    assert listed == count_outlets((d.outlet, d.id) for d in docs) == 5
    assert len(story_outlets(report, story)) == 5
    labels = sorted(story_outlets(report, story))
    assert labels == sorted(["ST", "The Journal", "unknown outlet (file 000_c282c74df527475c)",
                             "unknown outlet (file 002_c660a855ca50e628, a copy of Newsweek)",
                             "unknown outlet (file 003_a7747dc26ab496b8)"])
    for c in story.claims:
        assert c.outlets == len(claim_outlets(report, c)) <= 5


@pytest.mark.slow
def test_one_outlet_count_through_the_store(tmp_path: pathlib.Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from corroborator.store import Store
    from corroborator.web.app import create_app
    from tests.test_web_support import running_server

    db = str(tmp_path / "c.db")
    assert main(["add", str(SEEDS), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert main(["show", row["id"], "--db", db, "--format", "json"]) == 0
    report = _report(json.loads(capsys.readouterr().out))
    _agree(report, row["outlets"])
    assert main(["show", row["id"], "--db", db]) == 0
    assert "5 articles from 5 outlets: " in capsys.readouterr().out
    with running_server(create_app(lambda: Store(db))) as base:
        assert _page_counts(base, row["id"]) == (5, 5)


@pytest.mark.slow
def test_one_outlet_count_from_analyze(tmp_path: pathlib.Path) -> None:
    from corroborator.web.app import create_app
    from corroborator.web.memory_store import MemoryStore, story_summary
    from tests.test_web_support import running_server

    out = tmp_path / "o.json"
    assert main(["analyze", str(SEEDS), "--format", "json", "-o", str(out), "-q"]) == 0
    report = _report(json.loads(out.read_text(encoding="utf-8")))
    (story,) = report.stories
    _agree(report, story_summary(report, story.id)["outlets"])
    with running_server(create_app(lambda: MemoryStore(report))) as base:
        assert _page_counts(base, story.id) == (5, 5)
