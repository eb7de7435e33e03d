"""End to end: the seeds through every stage, the report's format and its provenance."""

from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest

from corroborator.cli import main
from corroborator.report.json_report import report_schema, validate_report
from tests.conftest import check_report_spans


def test_seed_report_is_valid_against_schema(seed_report: dict) -> None:
    validate_report(seed_report)
    assert len(seed_report["documents"]) == 5


def test_schema_rejects_a_broken_report(seed_report: dict) -> None:
    broken = json.loads(json.dumps(seed_report))
    broken["stories"][0]["claims"][0]["status"] = ["probably-true"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, report_schema())


def test_every_span_points_into_its_document(seed_report: dict) -> None:
    assert check_report_spans(seed_report) > 50


def test_one_story_with_cross_outlet_claims(seed_report: dict) -> None:
    assert len(seed_report["stories"]) == 1
    story = seed_report["stories"][0]
    assert set(story["documents"]) == {d["id"] for d in seed_report["documents"]}
    multi = [c for c in story["claims"] if len({m["doc"] for m in c["mentions"]}) >= 2]
    assert multi, "no claim was matched across two articles"
    for c in story["claims"]:
        docs = {m["doc"] for m in c["mentions"]}
        assert c["outlets"] == len(docs)
        assert 1 <= c["independent_sources"] <= max(len(c["mentions"]), 1)
        if c["independent_sources"] >= 2:
            assert "corroborated" in c["status"]
        else:
            assert "single-source" in c["status"]
        for flag in c["status"]:
            assert c["explanations"][flag]


def test_markdown_brief_leads_with_corroborated(tmp_path: pathlib.Path, seeds_dir) -> None:
    out = tmp_path / "brief.md"
    # "markdown" is "md" spelt out
    assert main(["analyze", str(seeds_dir), "--format", "markdown", "-o", str(out), "-q"]) == 0
    text = out.read_text()
    assert text.startswith("# Corroboration brief")
    assert text.index("### Corroborated") < text.index("### Single source")
    # the actors close the brief: one name each, with the names they also go by
    actors = text[text.index("## Actors"):]
    assert "- **Volodymyr Zelensky** (person) — also " in actors and "Zelenskyy" in actors


def test_brief_marks_a_cut_quote_and_never_splits_an_escape() -> None:
    """Written for this test: a long mention is cut at a word with "…" (before, its first
    200 escaped characters ended mid-word and could end on a lone backslash)."""
    from corroborator.model import Claim, Document, Mention, Story
    from corroborator.report.markdown import render_story

    text = "*bold* words " * 30 + "\nshort  text\n here"
    cut_end, short = text.index("\n"), text.index("short")
    doc = Document(id="d", source="test", text=text, outlet="Outlet")
    claim = Claim("c1", "word", "event", status=["single-source"],
                  mentions=[Mention("d", 0, cut_end),
                            Mention("d", short, len(text))])
    lines = render_story(Story("s", "t", ["d"], [claim]), {"d": doc})
    long, brief = [x.split(": “", 1)[1] for x in lines if x.startswith("  - ")]
    assert long.endswith("…”") and "\\*" in long and not long.endswith("\\…”")
    plain = long[:-1].replace("\\", "")  # cut to 200 characters before escaping, at a word
    assert len(plain) <= 201 and not plain[:-1].endswith(" ")
    assert brief == "short text here”"


def test_bad_inputs_are_reported_and_the_run_goes_on(tmp_path: pathlib.Path, seeds_dir,
                                                     capsys) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "nothing").mkdir()
    good = seeds_dir / "001_3a929d0f6b981742.txt"
    code = main(["analyze", str(tmp_path / "empty.txt"), str(tmp_path / "binary.bin"),
                 str(tmp_path / "nothing"), str(good), "--format", "json", "-q"])
    captured = capsys.readouterr()
    assert code == 0
    report = json.loads(captured.out)
    assert [d["id"] for d in report["documents"]] == ["001_3a929d0f6b981742"]
    errs = [line for line in captured.err.splitlines() if line.startswith("corroborator:")]
    assert len(errs) == 3
    assert all("Traceback" not in line for line in captured.err.splitlines())
    assert {e["source"] for e in report["errors"]} == {
        str(tmp_path / "empty.txt"), str(tmp_path / "binary.bin"), str(tmp_path / "nothing")}


def test_nothing_analysed_exits_1(tmp_path: pathlib.Path, capsys) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    assert main(["analyze", str(tmp_path / "empty.txt"), "-q"]) == 1
    assert "empty" in capsys.readouterr().err


def test_unwritable_output_is_one_line_before_any_work(tmp_path: pathlib.Path, seeds_dir,
                                                         capsys) -> None:
    for target, why in ((tmp_path / "no" / "brief.md", "no folder"), (tmp_path, "is a folder")):
        assert main(["analyze", str(seeds_dir), "-o", str(target), "-q"]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and why in err[0] and "Traceback" not in err[0]


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as e:
        main(["analyze", "--format", "pdf", "x"])
    assert e.value.code == 2


def test_docs_example_runs(capsys) -> None:
    """The Python example in docs/analyze.md stays true."""
    import re

    from tests.conftest import ROOT

    text = (ROOT / "docs" / "analyze.md").read_text()
    code = re.search(r"```python\n(.*?)```", text, re.S)
    assert code is not None
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code.group(1), "docs/analyze.md", "exec"), {})
    finally:
        os.chdir(cwd)
    assert capsys.readouterr().out.strip() == "True True"


def test_seed_scores_reach_the_floors(seed_report: dict, shared_dir, tmp_path) -> None:
    """The shared scorer on the seed report: the floors of the end-to-end issue."""
    import subprocess
    import sys

    path = tmp_path / "report.json"
    path.write_text(json.dumps(seed_report))
    out = subprocess.run([sys.executable, str(shared_dir / "eval" / "score_seeds.py"), str(path),
                          "--docs", str(shared_dir / "seeds"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    m = json.loads(out)
    assert m["one_story"] == 1.0 and m["content_kept"] == 1.0
    assert m["evidence_recall"] >= 0.9
    assert m["linking_precision"] >= 0.95 and m["linking_recall"] >= 0.5
    assert m["boilerplate_recall"] >= 0.95 and m["wire"] == 1.0
    assert m["dates"] == 1.0 and m["figure_values"] == 1.0 and m["denials"] == 1.0


@pytest.mark.slow
def test_real_pages_of_many_sites_and_languages(shared_dir, tmp_path: pathlib.Path) -> None:
    """Many unrelated real pages (some not English) go through every stage without a crash."""
    from corroborator.pipeline import analyze
    from corroborator.report.json_report import render_json

    pages = sorted((shared_dir / "data" / "article-extraction" / "html").glob("*.html.gz"))
    report = json.loads(render_json(analyze([str(p) for p in pages])))
    validate_report(report)
    assert len(report["documents"]) == len(pages) >= 80
    assert len(report["stories"]) >= 5
    assert check_report_spans(report) > 100
    for e in report["errors"]:
        assert "\n" not in e["reason"] and "Traceback" not in e["reason"]
