"""Fuzz ingest with random bytes, HTML and JSONL: a document or an error record, never a crash."""

from __future__ import annotations

import json
import pathlib
import tempfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corroborator.ingest import read_inputs
from corroborator.settings import Settings

QUIET = Settings(progress=False, max_bytes=200_000)
SUFFIXES = [".txt", ".html", ".htm", ".html.gz", ".jsonl", ".json", ".csv", ".xml", ".rss",
            ".warc", ".warc.gz", ".gz", ".bin", ""]
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check(path: pathlib.Path) -> None:
    """Every input ends as documents or error records tied to it; no reader crashed."""
    docs, errors = read_inputs([str(path)], QUIET)
    assert docs or errors
    assert all(e.source.startswith(str(path)) for e in errors)
    assert not any(e.reason.startswith("internal error") for e in errors), errors
    for d in docs:
        assert d.source.startswith(str(path)) and d.id
        assert (d.format == "html" and d.raw) or (d.format == "text" and d.text.strip())


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES),
       prefix=st.sampled_from([b"", b"\x1f\x8b\x08\x00", b"WARC/1.0\r\n", b"<html><body>",
                               b"<?xml version='1.0'?><rss>", b"\xef\xbb\xbf", b'{"text": ',
                               b"["]))
def test_random_bytes(data: bytes, suffix: str, prefix: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / f"input{suffix}"
        path.write_bytes(prefix + data)
        _check(path)


_tag = st.sampled_from(["p", "div", "a", "script", "style", "meta", "title", "br", "article",
                        "table", "td", "!--", "![CDATA[", "html", "body", "head"])
_piece = st.one_of(
    st.text(max_size=40),
    st.builds(lambda t, a, x: f"<{t} {a}>{x}</{t}>", _tag, st.text(max_size=20),
              st.text(max_size=60)),
    st.builds(lambda t: f"<{t}", _tag),
    st.sampled_from(["&amp;", "&#0;", "&#x110000;", "\x00", "\r\n", "<meta charset='bogus'>",
                     "<meta charset=utf-16>", "\ud7ff", "<!doctype html>"]),
)


@FUZZ
@given(pieces=st.lists(_piece, max_size=30), encoding=st.sampled_from(["utf-8", "utf-16",
                                                                       "latin-1"]))
def test_random_html(pieces: list[str], encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "page.html"
        path.write_bytes("".join(pieces).encode(encoding, errors="replace"))
        _check(path)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "title", "url", "published", "id", "x"]), inner, max_size=5),
    max_leaves=15,
)


@FUZZ
@given(records=st.lists(_json, max_size=8), garbage=st.lists(st.text(max_size=30), max_size=3),
       suffix=st.sampled_from([".jsonl", ".json", ".ndjson"]))
@example(records=[{"text": "\x00"}], garbage=[], suffix=".jsonl")  # found by this test: NUL only
def test_random_jsonl(records: list[object], garbage: list[str], suffix: str) -> None:
    lines = [json.dumps(r) for r in records] + garbage
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / f"export{suffix}"
        path.write_text("\n".join(lines), encoding="utf-8", errors="replace")
        _check(path)
