"""`corroborator pairs FILE`: one JSON line per sentence pair, errors per line, exit codes."""

from __future__ import annotations

import io
import json
import pathlib
import subprocess
import sys

import pytest

from corroborator import cli
from corroborator.commands.pairs import MAX_SENTENCE_CHARS, is_header
from corroborator.match.claim_pairs import load_model

ROOT = pathlib.Path(__file__).resolve().parents[1]
HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"

# Real news sentence pairs, copied verbatim from shared/data/mrpc/train.tsv (Microsoft
# Research Paraphrase Corpus, Dolan & Brockett 2005; train.tsv lines 2, 11, 16, 21, 47 and
# 8, 10, 14, 32, 59). The model was fitted on MRPC train, so these check the command, not
# the model's accuracy: each is a pair the model separates by a wide margin.
SAME = [  # labelled equivalent (Quality 1): paraphrases of one claim
    ("702876", "702977",
     'Amrozi accused his brother, whom he called "the witness", of deliberately distorting '
     "his evidence.",
     'Referring to him as only "the witness", Amrozi accused his brother of deliberately '
     "distorting his evidence."),
    ("1355540", "1355592",
     "He said the foodservice pie business doesn't fit the company's long-term growth "
     "strategy.",
     '"The foodservice pie business does not fit our long-term growth strategy.'),
    ("771416", "771467",
     "He told The Sun newspaper that Mr. Hussein's daughters had British schools and "
     "hospitals in mind when they decided to ask for asylum.",
     "\"Saddam's daughters had British schools and hospitals in mind when they decided to "
     'ask for asylum -- especially the schools," he told The Sun.'),
    ("2150265", "2150184",
     "Sheena Young of Child, the national infertility support network, hoped the guidelines "
     'would lead to a more "fair and equitable" service for infertility sufferers.',
     "Sheena Young, a spokesman for Child, the national infertility support network, said "
     'the proposed guidelines should lead to a more "fair and equitable" service for '
     "infertility sufferers."),
    ("740726", "739960",
     "The group will be headed by State Department official John S. Wolf, who has served in "
     "Australia, Vietnam, Greece and Pakistan.",
     "The group will be headed by John S. Wolf, an assistant secretary of state who has "
     "served in Australia, Vietnam, Greece and Pakistan."),
]
DIFFERENT = [  # labelled not equivalent (Quality 0): same story, another claim
    ("264589", "264502",
     "The Nasdaq had a weekly gain of 17.27, or 1.2 percent, closing at 1,520.15 on Friday.",
     "The tech-laced Nasdaq Composite .IXIC rallied 30.46 points, or 2.04 percent, to "
     "1,520.15."),
    ("3114205", "3114194",
     "That compared with $35.18 million, or 24 cents per share, in the year-ago period.",
     "Earnings were affected by a non-recurring $8 million tax benefit in the year-ago "
     "period."),
    ("58747", "58516",
     "The Nasdaq composite index increased 10.73, or 0.7 percent, to 1,514.77.",
     "The Nasdaq Composite index, full of technology stocks, was lately up around 18 points."),
    ("2559762", "2559517",
     "Duque will return to Earth Oct. 27 with the station's current crew, U.S. astronaut "
     "Ed Lu and Russian cosmonaut Yuri Malenchenko.",
     "Currently living onboard the space station are American astronaut Ed Lu and Russian "
     "cosmonaut Yuri Malenchenko."),
    ("1963350", "1963106",
     "A former teammate, Carlton Dotson, has been charged with the murder.",
     "His body was found July 25, and former teammate Carlton Dotson has been charged in his "
     "shooting death."),
]
# interleaved, so that a record written out of order would land on the wrong kind of pair
ROWS = [(q, row) for pair in zip(SAME, DIFFERENT, strict=True)
        for q, row in zip((1, 0), pair, strict=True)]


def _tsv(path: pathlib.Path, header: bool = True) -> pathlib.Path:
    lines = [HEADER] if header else []
    lines += ["\t".join([str(q), *row]) for q, row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _check_scored(records: list[dict]) -> None:
    threshold = load_model().threshold
    for r in records:
        assert set(r) == {"line", "score", "same_claim", "relation"}, r
        assert 0.0 <= r["score"] <= 1.0
        assert r["same_claim"] is (r["score"] >= threshold)
        assert (r["relation"] == "same-claim") is r["same_claim"]
        assert r["relation"] in ("same-claim", "disputes", "different")


def _check_kinds(records: list[dict], quality: list[int]) -> None:
    """Most clear paraphrases are one claim, most clear different pairs are not."""
    same = [r["same_claim"] for r, q in zip(records, quality, strict=True) if q == 1]
    diff = [r["same_claim"] for r, q in zip(records, quality, strict=True) if q == 0]
    assert sum(same) >= len(same) - 1, records
    assert not any(diff), records


def test_mrpc_tsv_one_line_per_pair_in_order_header_skipped(tmp_path, capsys):
    path = _tsv(tmp_path / "pairs.tsv")
    assert cli.main(["pairs", str(path)]) == 0
    captured = capsys.readouterr()
    records = _records(captured.out)
    assert [r["line"] for r in records] == list(range(2, len(ROWS) + 2))  # line 1: header
    _check_scored(records)
    _check_kinds(records, [q for q, _ in ROWS])
    assert captured.err.splitlines() == [
        f"corroborator: {path} line 1 read as a header row, not scored "
        "(--no-header scores it)"]


def test_no_header_scores_the_first_row_and_quiet_says_nothing(tmp_path, capsys):
    path = _tsv(tmp_path / "pairs.tsv")
    assert cli.main(["pairs", str(path), "--no-header", "-q"]) == 0
    captured = capsys.readouterr()
    records = _records(captured.out)
    assert [r["line"] for r in records] == list(range(1, len(ROWS) + 2))
    _check_scored(records)
    assert captured.err == ""


def test_header_rule():
    assert is_header(HEADER.split("\t"))
    for row in (["sentence1", "sentence2"], ["id", "text_a", "text_b"], ["a", "b"],
                ["Sentence A", "Sentence B"], ["premise", "hypothesis"]):
        assert is_header(row), row
    assert not is_header(["1", *SAME[0][2:]])
    for row in (["Stocks fall", "Markets drop"], ["Stocks fall", "Stocks fall"],
                ["Shares rose 5%", "Shares rose 6%"], ["#1 String"]):
        assert not is_header(row), row


def test_jsonl_bad_lines_get_error_records_and_the_rest_is_scored(tmp_path, capsys):
    good = [json.dumps({"a": row[2], "b": row[3]}) for _, row in ROWS]
    bad = {
        2: '{"a": "The storm hit the coast.", "b": ',                # broken JSON
        4: json.dumps({"a": "The storm hit the coast."}),             # no b
        6: json.dumps({"a": "   ", "b": "The storm hit the coast."}),  # empty sentence
        8: json.dumps({"a": "x" * (MAX_SENTENCE_CHARS + 1), "b": "y"}),  # too long
        10: json.dumps(["a", "b"]),                                   # not an object
        12: "[" * 100_000,                                            # nested too deeply
    }
    lines = list(good)
    for n in sorted(bad):
        lines.insert(n - 1, bad[n])
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["pairs", str(path)]) == 0
    captured = capsys.readouterr()
    records = _records(captured.out)
    assert [r["line"] for r in records] == list(range(1, len(lines) + 1))
    errors = [r for r in records if "error" in r]
    assert [r["line"] for r in errors] == sorted(bad)
    assert all(set(r) == {"line", "error"} and r["error"] for r in errors)
    scored = [r for r in records if "error" not in r]
    assert len(scored) == len(ROWS)
    _check_scored(scored)
    _check_kinds(scored, [q for q, _ in ROWS])
    err = captured.err.splitlines()
    assert len(err) == len(bad) and "Traceback" not in captured.err
    assert all(line.startswith(f"corroborator: {path} line ") for line in err)


def test_standard_input_to_output_file_with_progress(tmp_path, monkeypatch, capsys):
    data = "".join(json.dumps({"a": row[2], "b": row[3]}) + "\n" for _, row in ROWS[:5])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        b"\xef\xbb\xbf" + data.encode("utf-8"))))
    out = tmp_path / "out.jsonl"
    assert cli.main(["pairs", "-", "-o", str(out), "--batch-size", "2"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"corroborator: scored {n}/5 pairs" for n in (2, 4, 5)]
    records = _records(out.read_text(encoding="utf-8"))
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5]
    _check_scored(records)


def test_missing_file_exits_1_with_one_line(tmp_path, capsys):
    assert cli.main(["pairs", str(tmp_path / "missing.tsv")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"corroborator: cannot read {tmp_path / 'missing.tsv'}: no such file"]


def test_binary_file_exits_1_with_one_line(tmp_path, capsys):
    path = tmp_path / "pairs.tsv"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe")
    assert cli.main(["pairs", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.splitlines()) == 1
    assert "not text" in captured.err


def test_json_array_file_exits_1_with_one_line(tmp_path, capsys):
    path = tmp_path / "pairs.json"
    path.write_text(json.dumps([{"a": row[2], "b": row[3]} for _, row in ROWS], indent=1),
                    encoding="utf-8")
    assert cli.main(["pairs", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.splitlines()) == 1
    assert "a JSON array" in captured.err


def test_no_readable_pair_exits_1(tmp_path, capsys):
    path = tmp_path / "pairs.tsv"
    path.write_text("1\tonly one sentence\n\n2\t\t\n3\t \tThe storm hit the coast.\n",
                    encoding="utf-8")
    assert cli.main(["pairs", str(path), "--no-header"]) == 1
    captured = capsys.readouterr()
    records = _records(captured.out)
    assert [r["line"] for r in records] == [1, 3, 4]
    assert all("error" in r for r in records)
    assert captured.err.splitlines()[-1] == (
        f"corroborator: no sentence pair in {path} could be scored")


def test_usage_errors_exit_2(tmp_path):
    with pytest.raises(SystemExit) as e:
        cli.main(["pairs"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        cli.main(["pairs", str(tmp_path / "x.tsv"), "--batch-size", "0"])
    assert e.value.code == 2


def test_help_does_not_import_the_models():
    code = ("import sys; from corroborator import cli; import corroborator.commands.pairs; "
            "heavy = {'torch', 'sentence_transformers', 'corroborator.match.claim_pairs'}; "
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_documented_examples_run(capsys):
    doc = (ROOT / "docs" / "pairs.md").read_text(encoding="utf-8")
    assert "corroborator pairs examples/pairs/mrpc-sample.tsv" in doc
    assert cli.main(["pairs", str(ROOT / "examples" / "pairs" / "mrpc-sample.tsv")]) == 0
    records = _records(capsys.readouterr().out)
    assert [r["line"] for r in records] == [2, 3, 4, 5]
    _check_scored(records)
    assert [r["same_claim"] for r in records] == [True, False, True, False]


def test_batch_size_does_not_change_scores(tmp_path):
    path = _tsv(tmp_path / "pairs.tsv")
    runs = []
    for size in ("1", "256"):  # separate processes: the embedding caches start empty
        out = subprocess.run([sys.executable, "-m", "corroborator.cli", "pairs", str(path),
                              "-q", "--batch-size", size],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
        runs.append(_records(out))
    assert runs[0] == runs[1]
