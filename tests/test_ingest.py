"""Ingest of files, folders, stdin, exports, feeds and WARC archives (real files, no mocks)."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import pathlib
import sys

import pytest

from corroborator.commands.common import add_input_arguments, settings_from_args
from corroborator.ingest import mark_duplicates, read_inputs
from corroborator.ingest.bounded import gunzip_bounded
from corroborator.ingest.text import decode_html
from corroborator.model import Document
from corroborator.settings import Settings

QUIET = Settings(progress=False)
STORY = ("The harbour bridge was closed on Saturday after a storm damaged two of its cables, "
         "the city transport office said. Engineers expect repairs to take at least a week, "
         "and ferries will run extra services in the meantime, the operator added.")


def test_text_encodings_bom_crlf_and_guessed_charset(tmp_path: pathlib.Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.replace(". ", ".\r\n").encode())
    (tmp_path / "cp1252.txt").write_bytes(
        ("Caf\u00e9 owners in the harbour district said the storm \u2013 the worst in "
         "years \u2013 flooded their terraces and cellars on Saturday night.").encode("cp1252"))
    polish = ("\u017b\u00f3\u0142ta \u0142\u00f3d\u017a p\u0142yn\u0119\u0142a po "
              "jeziorze, a rz\u0105d.")
    (tmp_path / "cp1250.txt").write_bytes(polish.encode("cp1250"))
    docs, errors = read_inputs([str(tmp_path)], QUIET)
    assert errors == []
    by_id = {d.id: d for d in docs}
    assert by_id["cp1250"].text == polish
    assert by_id["bom"].text.startswith("The harbour") and "\r" not in by_id["bom"].text
    assert "Caf\u00e9 owners" in by_id["cp1252"].text and "\u2013" in by_id["cp1252"].text
    assert by_id["bom"].language == by_id["cp1252"].language == "en"


def test_folder_recursion_globs_hidden_and_missing(tmp_path: pathlib.Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / "c.md").write_text(STORY + " More.")
    os.mkfifo(tmp_path / "pipe.txt")  # would block forever if opened: must be passed over
    docs, errors = read_inputs([str(tmp_path)], Settings(progress=False, include=["*.txt",
                                                                                  "*.html"]))
    assert sorted(d.id for d in docs) == ["a", "b"] and errors == []
    docs, _ = read_inputs([str(tmp_path)], Settings(progress=False, recursive=False))
    assert sorted(d.id for d in docs) == ["a", "c"]
    docs, errors = read_inputs([str(tmp_path / "nope"), str(tmp_path / "a.txt")], QUIET)
    assert [d.id for d in docs] == ["a"]
    assert [(e.source, e.reason) for e in errors] == [(str(tmp_path / "nope"),
                                                       "no such file or folder")]


def test_html_files_plain_gzipped_and_sniffed(tmp_path: pathlib.Path) -> None:
    page = f"<!doctype html><html><head><title>T</title></head><body><p>{STORY}</p></body></html>"
    (tmp_path / "plain.html").write_text(page)
    (tmp_path / "zipped.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "saved-as.txt").write_text(page)
    docs, errors = read_inputs([str(tmp_path)], QUIET)
    assert errors == [] and len(docs) == 3
    for d in docs:
        assert d.format == "html" and d.raw == page and d.text == "" and d.language == "en"


def test_gzip_bomb_and_binary_and_empty_are_error_records(tmp_path: pathlib.Path) -> None:
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"\0" * 5_000_000, 9))
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(STORY.encode())[:-12])
    (tmp_path / "ok.txt").write_text(STORY)
    docs, errors = read_inputs([str(tmp_path)], Settings(progress=False, max_bytes=1_000_000))
    assert [d.id for d in docs] == ["ok"]
    reasons = {pathlib.Path(e.source).name: e.reason for e in errors}
    assert "over the 1000000-byte limit" in reasons["bomb.html.gz"]
    assert reasons["doc.pdf"] == "PDF document, not an article"
    assert "empty" in reasons["empty.txt"]
    assert "gzip" in reasons["broken.txt.gz"]
    with pytest.raises(Exception, match="limit"):
        gunzip_bounded(gzip.compress(b"x" * 100_000) * 3, 250_000)
    assert gunzip_bounded(gzip.compress(b"ab") + gzip.compress(b"cd"), 10) == b"abcd"


def test_jsonl_json_csv_with_configured_fields(tmp_path: pathlib.Path) -> None:
    rows = [{"id": "wire/77", "body": {"text": STORY}, "headline": "Bridge shut",
             "link": "https://example.org/a", "when": "Sat, 02 Mar 2024 08:00:00 GMT"},
            {"body": {"text": f"<div><p>{STORY}</p><p>Second.</p><br></div>"}},
            {"body": {"text": ""}}]
    lines = [json.dumps(r) for r in rows] + ["{not json"]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n")
    settings = Settings(progress=False, text_field="body.text", title_field="headline",
                        url_field="link", date_field="when")
    docs, errors = read_inputs([str(tmp_path / "export.jsonl")], settings)
    first, second = docs
    assert (first.id, first.title, first.url, first.published) == (
        "wire-77", "Bridge shut", "https://example.org/a", "2024-03-02")
    assert first.format == "text" and first.text == STORY
    assert second.id == "export-2" and second.format == "html" and STORY in (second.raw or "")
    assert [e.source.rsplit("#", 1)[1] for e in errors] == ["3", "4"]
    assert "no text in field 'body.text'" in errors[0].reason and errors[1].reason == \
        "not valid JSON"

    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"text": STORY,
                                                                     "published": "2024-03-05"}]}))
    (tmp_path / "rows.csv").write_text('text;title\n"' + STORY + '";Bridge\n')
    docs, errors = read_inputs([str(tmp_path / "wrapped.json"), str(tmp_path / "rows.csv")],
                               QUIET)
    assert errors == []
    assert docs[0].id == "wrapped-1" and docs[0].published == "2024-03-05"
    assert docs[1].id == "rows-1" and docs[1].title == "Bridge" and docs[1].text == STORY


def test_atom_feed_entries(tmp_path: pathlib.Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title><id>urn:g</id>
<updated>2024-03-02T10:00:00Z</updated>
<entry><title>Bridge shut</title><link href="https://example.org/bridge"/><id>urn:1</id>
<updated>2024-03-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;{STORY}&lt;/p&gt;</content></entry>
<entry><title>Empty</title><id>urn:2</id><updated>2024-03-02T10:00:00Z</updated></entry>
</feed>"""
    (tmp_path / "gazette.atom").write_text(atom)
    docs, errors = read_inputs([str(tmp_path / "gazette.atom")], QUIET)
    assert len(docs) == 1 and docs[0].format == "html" and STORY in (docs[0].raw or "")
    assert (docs[0].id, docs[0].title, docs[0].url, docs[0].published) == (
        "gazette-1", "Bridge shut", "https://example.org/bridge", "2024-03-02")
    assert [e.reason for e in errors] == ["entry has no content or summary"]


def _write_warc(path: pathlib.Path, pages: list[tuple[str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for uri, body in pages:
            req = writer.create_warc_record(uri, "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers))
        for status, ctype in (("404 Not Found", "text/html"), ("200 OK", "image/png")):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                "https://example.org/x", "response", payload=io.BytesIO(b"\x89PNG...."),
                http_headers=headers))


def test_warc_gz_of_real_pages(tmp_path: pathlib.Path, shared_dir: pathlib.Path) -> None:
    truth = json.loads((shared_dir / "data/article-extraction/ground-truth.json").read_text())
    keys = sorted(truth)[:3]
    bodies = [gzip.decompress((shared_dir / f"data/article-extraction/html/{k}.html.gz")
                              .read_bytes()) for k in keys]
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, [(truth[k]["url"], b) for k, b in zip(keys, bodies, strict=True)])
    docs, errors = read_inputs([str(path)], QUIET)
    assert errors == []
    assert [d.url for d in docs] == [truth[k]["url"] for k in keys]
    assert [d.id for d in docs] == ["crawl-1", "crawl-2", "crawl-3"]
    for d, body in zip(docs, bodies, strict=True):
        assert d.format == "html" and d.raw == decode_html(body, "x", "utf-8")
        assert d.language is not None


def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    for data, fmt in ((STORY.encode(), "text"),
                      (f"<html><body><p>{STORY}</p></body></html>".encode(), "html")):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        docs, errors = read_inputs(["-"], QUIET)
        assert errors == [] and docs[0].format == fmt and docs[0].source == "-"


def test_duplicates_exact_near_and_distinct(tmp_path: pathlib.Path, seeds_dir) -> None:
    seeds = sorted(seeds_dir.glob("*.txt"))
    base = seeds[0].read_text()
    (tmp_path / "a.txt").write_text(base)
    (tmp_path / "b.txt").write_text("Reporting by a wire service\n\n" + base.replace(".", ". ", 3))
    (tmp_path / "c.html").write_text(f"<html><body><nav>Home | World</nav><p>{base}</p>"
                                     "<footer>Copyright</footer></body></html>")
    for s in seeds[1:]:
        (tmp_path / s.name).write_text(s.read_text())
    docs, errors = read_inputs([str(tmp_path), str(tmp_path / "a.txt")], QUIET)
    by_id = {d.id: d for d in docs}
    assert by_id["b"].duplicate_of == "a" and by_id["c"].duplicate_of == "a"
    assert by_id["a-2"].duplicate_of == "a" and by_id["a"].duplicate_of is None
    assert all(by_id[s.stem].duplicate_of is None for s in seeds[1:])
    unrelated = [Document(id="x", source="x", text=STORY), Document(id="y", source="y",
                                                                    text=base)]
    assert mark_duplicates(unrelated) == 0


def test_language_marks_non_english(tmp_path: pathlib.Path) -> None:
    (tmp_path / "de.txt").write_text(
        "Die Hafenbr\u00fccke wurde am Samstag gesperrt, nachdem ein Sturm zwei ihrer Seile "
        "besch\u00e4digt hatte, teilte das st\u00e4dtische Verkehrsamt mit.")
    (tmp_path / "short.txt").write_text("Ok.")
    docs, _ = read_inputs([str(tmp_path)], QUIET)
    assert {d.id: d.language for d in docs} == {"de": "de", "short": None}


def test_progress_bar_only_on_a_terminal(tmp_path: pathlib.Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import pty

    for i in range(7):
        (tmp_path / f"{i}.txt").write_text(STORY + f" Item {i}.")
    master, slave = pty.openpty()
    tty = os.fdopen(slave, "w")
    monkeypatch.setattr(sys, "stderr", tty)
    docs, _ = read_inputs([str(tmp_path)], Settings(progress=True))
    tty.flush()
    os.set_blocking(master, False)
    shown = os.read(master, 65536)
    monkeypatch.undo()
    tty.close()
    os.close(master)
    assert len(docs) == 7 and b"reading" in shown


def test_command_arguments_build_settings_and_reject_no_input(tmp_path: pathlib.Path) -> None:
    p = argparse.ArgumentParser(prog="x")
    add_input_arguments(p)
    urls = tmp_path / "u.txt"
    urls.write_text("https://example.org/a\n", encoding="utf-8")
    s = settings_from_args(p.parse_args(["a", "--urls", str(urls), "--text-field", "body",
                                         "--include", "*.html", "--allow-private", "-q"]))
    assert (s.url_files, s.text_field, s.include, s.allow_private, s.progress) == (
        [str(urls)], "body", ["*.html"], True, False)
    with pytest.raises(SystemExit) as e:
        settings_from_args(p.parse_args([]))
    assert e.value.code == 2
