"""JSONL, JSON and CSV exports: one Document per record, fields named by Settings."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from corroborator.errors import InputRejected
from corroborator.ingest.dates import iso_date
from corroborator.ingest.sniff import looks_like_html
from corroborator.ingest.text import normalise_text
from corroborator.model import Document, InputError
from corroborator.settings import Settings

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_ID_FIELDS = ("id", "_id", "uuid", "guid", "doc_id", "article_id")
_LIST_KEYS = ("articles", "items", "documents", "docs", "records", "data", "results", "entries")


def safe_id(value: Any) -> str | None:
    """A record's own id made safe for file names and URLs, or None when it has none."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    s = _ID_UNSAFE.sub("-", str(value)).strip("-.")[:80]
    return s or None


_MISSING = object()


def _walk(record: dict[str, Any], name: str) -> Any:
    """``record[name]``, where a dotted name ("article.body") walks nested objects;
    ``_MISSING`` when there is no such field."""
    if name in record:
        return record[name]
    cur: Any = record
    for part in name.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return _MISSING
        cur = cur[part]
    return cur


def field(record: dict[str, Any], name: str) -> Any:
    """``record[name]`` (a dotted name walks nested objects), None when absent."""
    value = _walk(record, name)
    return None if value is _MISSING else value


def has_field(record: dict[str, Any], name: str) -> bool:
    """Whether ``record`` has ``name`` at all (a dotted name walks nested objects)."""
    return _walk(record, name) is not _MISSING


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def record_document(record: Any, stem: str, n: int, source: str, settings: Settings) -> Document:
    """One record (a dict) as a Document; HTML in the text field becomes format "html"."""
    if not isinstance(record, dict):
        raise InputRejected("record is not an object")
    body = field(record, settings.text_field)
    if isinstance(body, list) and all(isinstance(x, str) for x in body):
        body = "\n\n".join(body)
    if isinstance(body, str):  # NUL bytes are dropped before the text is judged empty
        body = normalise_text(body)
    if not isinstance(body, str) or not body.strip():
        raise InputRejected(f"no text in field {settings.text_field!r}")
    own = next((safe_id(field(record, k)) for k in _ID_FIELDS if field(record, k) is not None),
               None)
    doc = Document(id=own or f"{stem}-{n}", source=f"{source}#{n}", text=body)
    if looks_like_html(body):
        doc.format, doc.raw, doc.text = "html", body, ""
    doc.title = _str(field(record, settings.title_field))
    doc.url = _str(field(record, settings.url_field))
    doc.author = _str(field(record, "author"))
    doc.outlet = _str(field(record, "outlet"))
    if doc.outlet:
        doc.outlet_basis, doc.outlet_evidence = "metadata", "record field outlet"
    published = iso_date(_str(field(record, settings.date_field)))
    if published:
        doc.published, doc.published_basis = published, "metadata"
    return doc


def _json_records(text: str) -> Iterator[tuple[int, Any]]:
    """Records of a JSON document (array, wrapped array, or one object) or of JSON lines."""
    stripped = text.strip()
    if stripped.startswith(("[", "{")):
        try:
            whole = json.loads(stripped)
        except (ValueError, RecursionError):
            whole = None
        else:
            if isinstance(whole, dict):
                inner = next((whole[k] for k in _LIST_KEYS if isinstance(whole.get(k), list)),
                             None)
                whole = inner if inner is not None else [whole]
            if isinstance(whole, list):
                yield from enumerate(whole, start=1)
                return
            raise InputRejected("JSON holds neither objects nor a list of them")
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except (ValueError, RecursionError):
            yield lineno, InputRejected("not valid JSON")


def _csv_records(text: str, tab: bool) -> Iterator[tuple[int, Any]]:
    """Rows of a CSV/TSV text; the delimiter is the one the header line uses most."""
    csv.field_size_limit(64 * 1024 * 1024)
    header = text[:4096].split("\n", 1)[0]
    counts = {c: header.count(c) for c in ",;\t|"}
    delimiter = "\t" if tab else max(counts, key=lambda c: (counts[c], c == ","))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for n, row in enumerate(reader, start=1):
            yield n, {k: v for k, v in row.items() if isinstance(k, str)}
    except csv.Error as e:
        yield reader.line_num, InputRejected(f"bad CSV ({e})")


def read_records(text: str, kind: str, stem: str, source: str, settings: Settings
                 ) -> tuple[list[Document], list[InputError]]:
    """Every record of a JSON/JSONL/CSV text; a bad record is an error, the rest go on.

    Records without the text field at all are told once per file, with the fields (CSV:
    columns) the file has, not once per record: a 100,000-row export with its text under
    another name is one line, not 100,000.
    """
    docs: list[Document] = []
    errors: list[InputError] = []
    lacking: list[int] = []  # records without the text field
    names: dict[str, None] = {}  # the fields those records have, in order of appearance
    done = 0
    rows = _csv_records(text, source.lower().endswith((".tsv", ".tsv.gz"))) if kind == "csv" \
        else _json_records(text)
    for n, record in rows:
        if done >= settings.max_records:
            errors.append(InputError(source, f"stopped after {settings.max_records} records"))
            break
        done += 1
        if isinstance(record, dict) and not has_field(record, settings.text_field):
            lacking.append(n)
            for key in list(record)[:100]:
                if len(names) < 100:
                    names.setdefault(str(key))
            continue
        try:
            if isinstance(record, InputRejected):
                raise record
            docs.append(record_document(record, stem, n, source, settings))
        except InputRejected as e:
            errors.append(InputError(f"{source}#{n}", str(e)))
    if lacking:
        errors.append(InputError(source, _lacking(lacking, list(names), done, kind,
                                                  settings.text_field)))
    if not docs and not errors:
        errors.append(InputError(source, "no records"))
    return docs, errors


def _lacking(numbers: list[int], names: list[str], done: int, kind: str, wanted: str) -> str:
    """One line for all the records that lack the text field."""
    what = "column" if kind == "csv" else "field"
    shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
    if len(numbers) == done:
        has = f"the {what}s are {shown}" if names else f"it has no {what}s"
        missing = f"no {what} {wanted!r}" if kind == "csv" else \
            f"no record has a field {wanted!r}"
        return f"{missing} ({has}); name the one that holds the article text with --text-field"
    listed = ", ".join(f"#{n}" for n in numbers[:10]) + (", ..." if len(numbers) > 10 else "")
    return (f"{len(numbers)} of {done} records have no {what} {wanted!r} ({listed}); "
            "the others were read")
