"""Damaged and awkward inputs (issue 35): WARC archives cut short, text in other charsets,
symbolic links in folders, exports without the text field. Real files written with the
real libraries (warcio, Python's codecs); nothing under test is mocked."""

from __future__ import annotations

import csv
import io
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

from corroborator.ingest import read_inputs
from corroborator.pipeline import prepare
from corroborator.settings import Settings

ROOT = pathlib.Path(__file__).resolve().parents[1]
QUIET = Settings(progress=False)


def page(i: int) -> bytes:
    return (f"<html><body><h1>Bridge {i} shut</h1><p>The harbour bridge number {i} was closed "
            "on Saturday after a storm damaged two of its cables, the city transport office "
            "said. While stopping short of confirming the cause, engineers expect repairs to "
            "take at least a week.</p></body></html>").encode()


def write_warc(path: pathlib.Path, gz: bool, pages: int = 3) -> list[int]:
    """A request and a response record per page (as crawlers write them); returns the
    offset where each record starts, and the file's size last."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    starts = []
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        for i in range(1, pages + 1):
            uri = f"https://example.org/story-{i}"
            starts.append(f.tell())
            writer.write_record(writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            starts.append(f.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(page(i)), http_headers=headers))
        starts.append(f.tell())
    return starts


def cut(path: pathlib.Path, size: int, name: str) -> pathlib.Path:
    out = path.with_name(name)
    out.write_bytes(path.read_bytes()[:size])
    return out


@pytest.mark.parametrize(("gz", "where"), [
    (True, "payload"), (True, "payload-end"), (True, "member-start"), (True, "member-trailer"),
    (False, "payload"), (False, "payload-end"), (False, "warc-headers"),
    (False, "http-headers")])
def test_warc_cut_inside_the_last_record(tmp_path: pathlib.Path, gz: bool, where: str) -> None:
    """The last record cut inside its payload, its WARC or HTTP headers (uncompressed), the
    start of its gzip member or the member's trailer (the CRC and size after the data)."""
    whole = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    starts = write_warc(whole, gz)
    last, end = starts[-2], starts[-1]  # the last response record: story-3
    raw = whole.read_bytes()
    if gz:
        size = {"payload": end - 40, "payload-end": end - 12, "member-start": last + 5,
                "member-trailer": end - 3}[where]
    else:
        http = raw.index(b"HTTP/1.1 200 OK", last)
        size = {"payload": end - 120, "payload-end": end - 5, "warc-headers": last + 40,
                "http-headers": http + 20}[where]
    damaged = cut(whole, size, "cut." + whole.name.split(".", 1)[1])
    docs, errors = read_inputs([str(damaged)], QUIET)
    assert [d.url for d in docs] == ["https://example.org/story-1", "https://example.org/story-2"]
    assert all("take at least a week" in (d.raw or "") for d in docs)
    assert len(errors) == 1, errors
    error = errors[0]
    assert error.source.startswith(str(damaged))
    assert error.reason.startswith("WARC record 6 ")  # request, response, request, ... 6th
    assert "cut short" in error.reason and "the 5 whole records before it were read" in \
        error.reason
    if where not in ("member-start", "warc-headers"):  # the URI is in headers that survived
        assert "(https://example.org/story-3)" in error.reason
        assert error.source == f"{damaged}#https://example.org/story-3"


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_cut_at_every_byte(tmp_path: pathlib.Path, gz: bool) -> None:
    """Wherever the file ends: the whole records are read, and an error says so unless
    it ends exactly between records (where nothing shows that more was meant to follow)."""
    from corroborator.ingest.warc import read_warc

    whole = tmp_path / ("a.warc.gz" if gz else "a.warc")
    starts = write_warc(whole, gz, pages=2)
    raw = whole.read_bytes()
    for size in range(1, len(raw) + 1):
        docs, errors = read_warc(io.BytesIO(raw[:size]), "a", "a.warc", QUIET)
        # uncompressed records end in two CRLFs outside their Content-Length: the record
        # itself is whole without them
        ended = [s for s in starts[1:] if s <= size or (not gz and s - 4 <= size)]
        complete = len(ended)
        expected = [f"https://example.org/story-{(k + 1) // 2}" for k in range(1, complete + 1)
                    if k % 2 == 0]
        assert [d.url for d in docs] == expected, size
        between = any(s == size or (not gz and s - 4 <= size <= s) for s in starts)
        if between:
            assert not errors or errors[0].reason == "WARC archive holds no HTML pages", size
        else:
            assert len(errors) == 1, (size, errors)
            assert errors[0].reason.startswith(f"WARC record {complete + 1} "), (size, errors)
            assert "internal error" not in errors[0].reason


def test_cut_warc_on_the_command_line_is_one_line_not_half_an_article(
        tmp_path: pathlib.Path) -> None:
    whole = tmp_path / "crawl.warc.gz"
    starts = write_warc(whole, gz=True)
    damaged = cut(whole, starts[-1] - 40, "cc-news-part.warc.gz")
    (tmp_path / "story.txt").write_text("Quake hits island off southern Iran. A 5.6 magnitude "
                                        "earthquake struck Qeshm island on Sunday, the agency "
                                        "said. Five people were hurt, officials told ISNA.\n")
    r = subprocess.run([sys.executable, "-m", "corroborator.cli", "analyze", str(damaged),
                        str(tmp_path / "story.txt"), "-f", "json", "-q"], cwd=tmp_path,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and re.fullmatch(
        rf"corroborator: skipped {re.escape(str(damaged))}#https://example\.org/story-3: WARC "
        r"record 6 \(https://example\.org/story-3\) is cut short: the file ends \d+ bytes "
        r"before the record does; the 5 whole records before it were read", lines[0]), lines
    report = json.loads(r.stdout)
    assert [d["source"] for d in report["documents"]] == [
        f"{damaged}#https://example.org/story-1", f"{damaged}#https://example.org/story-2",
        str(tmp_path / "story.txt")]
    assert all(d["text"].endswith("take at least a week.") for d in report["documents"][:2])


# -- charsets ------------------------------------------------------------------------------

WESTERN = ("Officials in Z\u00fcrich and Gen\u00e8ve said on Monday that Jos\u00e9 "
           "M\u00fcller, the architect of the fa\u00e7ade, would appear before the city "
           "council next week to explain the rising costs of the renovation.")
CURLY = ("The mayor said the \u201cnew fa\u00e7ade\u201d would cost \u20ac4.5 million \u2013 "
         "far more than the caf\u00e9 owners\u2019 estimate\u2026 \u201eTr\u00e8s bien\u201c, "
         "said Ms \u00d8verg\u00e5rd, who runs the bakery on the square.")
JAPANESE = ("\u6771\u4eac\u90fd\u306e\u5c0f\u6c60\u767e\u5408\u5b50\u77e5\u4e8b\u306f\u6708"
            "\u66dc\u65e5\u3001\u65b0\u3057\u3044\u9632\u707d\u8a08\u753b\u3092\u767a\u8868"
            "\u3057\u305f\u3002\u8a08\u753b\u3067\u306f\u3001\u5730\u9707\u3084\u53f0\u98a8"
            "\u306b\u5099\u3048\u3066\u907f\u96e3\u6240\u3092\u5897\u3084\u3059\u3068\u3057"
            "\u3066\u3044\u308b\u3002")
CZECH = ("Vl\u00e1da v pond\u011bl\u00ed ozn\u00e1mila, \u017ee se ceny energi\u00ed "
         "zv\u00fd\u0161\u00ed o p\u011bt procent. P\u0159\u00ed\u0161t\u00ed rok bude "
         "t\u011b\u017ek\u00fd, \u0159ekl ministr.")
HUNGARIAN = ("A f\u0151v\u00e1ros polg\u00e1rmestere h\u00e9tf\u0151n bejelentette, hogy a "
             "m\u0171szaki vizsg\u00e1lat ut\u00e1n a hidat lez\u00e1rj\u00e1k.")
FRENCH = ("Le maire a d\u00e9clar\u00e9 que la fa\u00e7ade de l'h\u00f4tel de ville, "
          "endommag\u00e9e lors de la temp\u00eate, serait r\u00e9par\u00e9e d'ici "
          "No\u00ebl. \u00ab C'est une priorit\u00e9 \u00bb, a-t-il ajout\u00e9.")
GREEK = ("\u0397 \u03ba\u03c5\u03b2\u03ad\u03c1\u03bd\u03b7\u03c3\u03b7 \u03b1\u03bd\u03b1"
         "\u03ba\u03bf\u03af\u03bd\u03c9\u03c3\u03b5 \u03c4\u03b7 \u0394\u03b5\u03c5\u03c4"
         "\u03ad\u03c1\u03b1 \u03cc\u03c4\u03b9 \u03bf\u03b9 \u03c4\u03b9\u03bc\u03ad\u03c2.")
FILES = {  # name: (text, how it is written)
    "latin1": (WESTERN, "latin-1"),
    "cp1252": (CURLY, "cp1252"),
    "utf8": (WESTERN + " \u6771\u4eac", "utf-8"),
    "utf16-bom": (CURLY, "utf-16"),  # Python writes the byte-order mark
    "utf16le": (CURLY, "utf-16-le"),
    "utf16be": (WESTERN, "utf-16-be"),
    "sjis": (JAPANESE, "shift_jis"),
    "czech-cp1250": (CZECH, "cp1250"),
    "hungarian-latin2": (HUNGARIAN, "iso8859-2"),
    "french-cp1252": (FRENCH, "cp1252"),
    "greek-cp1253": (GREEK, "cp1253"),
}


def test_charsets_decode_right(tmp_path: pathlib.Path) -> None:
    for name, (text, codec) in FILES.items():
        (tmp_path / f"{name}.txt").write_bytes(text.encode(codec))
    assert any(0x80 <= b <= 0x9F for b in CURLY.encode("cp1252"))  # curly quotes, euro
    assert not CURLY.encode("utf-16-le").startswith(b"\xff\xfe")  # no byte-order mark
    docs, errors = read_inputs([str(tmp_path)], QUIET)
    assert errors == []
    got = {d.id: d.text for d in docs}
    for name, (text, _) in FILES.items():
        assert got[name] == text, name
    assert "Gen\u010dve" not in got["latin1"]  # the reading this issue was about


def test_shift_jis_is_read_then_skipped_for_its_language(tmp_path: pathlib.Path) -> None:
    (tmp_path / "tokyo.txt").write_bytes(JAPANESE.encode("shift_jis"))
    docs, errors = read_inputs([str(tmp_path / "tokyo.txt")], QUIET)
    assert errors == [] and docs[0].text == JAPANESE and docs[0].language == "ja"
    docs = prepare(docs, QUIET)
    assert docs[0].skipped == "language ja is not en"


def test_html_declared_latin1_holding_windows_1252_quotes(tmp_path: pathlib.Path) -> None:
    """Pages labelled ISO-8859-1 are read as windows-1252 (as browsers do): byte 0x93 is a
    curly quote, not an invisible control character."""
    html = (f'<html><head><meta charset="iso-8859-1"></head><body><p>{CURLY}</p></body>'
            "</html>")
    (tmp_path / "page.html").write_bytes(html.encode("cp1252"))
    docs, errors = read_inputs([str(tmp_path / "page.html")], QUIET)
    assert errors == [] and CURLY in (docs[0].raw or "")


# -- symbolic links ------------------------------------------------------------------------

STORY = ("The harbour bridge was closed on Saturday after a storm damaged two of its cables, "
         "the city transport office said. Engineers expect repairs to take a week.")


def _linked_folder(tmp_path: pathlib.Path) -> pathlib.Path:
    inside, outside = tmp_path / "in", tmp_path / "out"
    (inside / "sub").mkdir(parents=True)
    outside.mkdir()
    (inside / "a.txt").write_text(STORY)
    (outside / "secret.txt").write_text("Outside the folder: the ferry operator said on "
                                        "Sunday that two extra boats would run all week.")
    (inside / "passwd").symlink_to("/etc/passwd")
    (inside / "outside.txt").symlink_to("../out/secret.txt")
    (inside / "outdir").symlink_to("../out", target_is_directory=True)
    (inside / "alias.txt").symlink_to("a.txt")  # stays inside: read
    (inside / "sub" / "up").symlink_to("..", target_is_directory=True)  # a loop up the tree
    (inside / "loop1").symlink_to("loop2")
    (inside / "loop2").symlink_to("loop1")
    return inside


def test_links_leaving_the_folder_are_skipped_with_a_reason(tmp_path: pathlib.Path) -> None:
    inside = _linked_folder(tmp_path)
    docs, errors = read_inputs([str(inside)], QUIET)
    assert sorted(d.source for d in docs) == [str(inside / "a.txt"), str(inside / "alias.txt")]
    reasons = {pathlib.Path(e.source).name: e.reason for e in errors}
    assert set(reasons) == {"passwd", "outside.txt", "outdir", "loop1", "loop2"}
    assert reasons["passwd"] == (f"symbolic link to /etc/passwd leaves the folder {inside}; "
                                 "not read (--follow-links reads it)")
    assert "leaves the folder" in reasons["outside.txt"] and "leaves the folder" in \
        reasons["outdir"]
    assert reasons["loop1"].startswith("symbolic link loop")


def test_follow_links_reads_them_and_loops_end(tmp_path: pathlib.Path) -> None:
    inside = _linked_folder(tmp_path)
    docs, errors = read_inputs([str(inside)], Settings(progress=False, follow_links=True))
    names = sorted(pathlib.Path(d.source).relative_to(inside).as_posix() for d in docs)
    assert names == ["a.txt", "alias.txt", "outdir/secret.txt", "outside.txt", "passwd"]
    assert sorted(pathlib.Path(e.source).name for e in errors) == ["loop1", "loop2"]


def test_follow_links_option_on_analyze_and_add(tmp_path: pathlib.Path) -> None:
    from corroborator.cli import build_parser
    from corroborator.commands.common import settings_from_args

    parser = build_parser()
    for command in ("analyze", "add"):
        assert settings_from_args(parser.parse_args([command, "x"])).follow_links is False
        assert settings_from_args(parser.parse_args([command, "x", "--follow-links"])
                                  ).follow_links is True


# -- exports without the text field --------------------------------------------------------

def test_csv_without_the_text_column_is_one_line(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "headline", "body", "link"])
        for i in range(20_000):
            w.writerow([i, f"Bridge {i}", f"{STORY} Item {i}.", f"https://example.org/{i}"])
    docs, errors = read_inputs([str(path)], QUIET)
    assert docs == []
    assert [(e.source, e.reason) for e in errors] == [(str(path), (
        "no column 'text' (the columns are id, headline, body, link); name the one that "
        "holds the article text with --text-field"))]
    docs, errors = read_inputs([str(path)], Settings(progress=False, text_field="body"))
    assert len(docs) == 20_000 and errors == []


def test_jsonl_and_json_without_the_text_field_are_one_line(tmp_path: pathlib.Path) -> None:
    lines = [json.dumps({"id": i, "body": STORY, "meta": {"lang": "en"}}) for i in range(500)]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "export.json").write_text(json.dumps({"items": [{"headline": "x",
                                                                 "content": STORY}] * 50}))
    mixed = [json.dumps({"text": STORY + f" {i}."} if i % 3 else {"body": STORY})
             for i in range(1, 31)]
    (tmp_path / "mixed.jsonl").write_text("\n".join(mixed))
    docs, errors = read_inputs([str(tmp_path)], QUIET)
    reasons = {pathlib.Path(e.source).name: e.reason for e in errors}
    assert len(errors) == 3
    assert reasons["export.jsonl"] == ("no record has a field 'text' (the fields are id, body, "
                                       "meta); name the one that holds the article text with "
                                       "--text-field")
    assert reasons["export.json"].startswith("no record has a field 'text' (the fields are "
                                             "headline, content)")
    assert reasons["mixed.jsonl"] == ("10 of 30 records have no field 'text' (#3, #6, #9, "
                                      "#12, #15, #18, #21, #24, #27, #30); the others were read")
    assert sum(d.source.startswith(str(tmp_path / "mixed.jsonl")) for d in docs) == 20


def test_empty_text_is_still_told_per_record(tmp_path: pathlib.Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": STORY}) + "\n" +
                                      json.dumps({"text": ""}) + "\n")
    docs, errors = read_inputs([str(tmp_path / "a.jsonl")], QUIET)
    assert [d.text for d in docs] == [STORY]
    assert [(e.source, e.reason) for e in errors] == [(f"{tmp_path / 'a.jsonl'}#2",
                                                       "no text in field 'text'")]

