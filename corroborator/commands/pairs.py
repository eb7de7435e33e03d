"""`corroborator pairs FILE`: does each pair of sentences state the same claim?

Each pair is scored by the learned claim-pair model that ``analyze --confirm-claims``
confirms sources with (corroborator.match.claim_pairs), one JSON line per pair, in input
order. See docs/pairs.md.
"""

from __future__ import annotations

import argparse
import codecs
import json
import pathlib
import re
import sys
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from corroborator.commands.common import _positive_int, output_problem
from corroborator.errors import InputRejected
from corroborator.settings import Settings

MAX_SENTENCE_CHARS = 5000
BATCH_SIZE = 256
SUFFIX_FORMATS = {".tsv": "tsv", ".txt": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".json": "jsonl"}
_GZIP = b"\x1f\x8b"

# A header cell is a column label: letters, spaces, "_" or "-", with an optional index
# before ("#1 String") or after ("sentence1", "text_a", "Sentence B").
_LABEL = re.compile(r"(?:#?\s*(\d{1,2})[\s_.:-]*)?([A-Za-z][A-Za-z _-]{0,29}?)"
                    r"(?:[\s_-]*(\d{1,2}|[ABab]))?")
_COLUMN_NAMES = frozenset(
    "a b sentence string text premise hypothesis question answer claim evidence source "
    "target left right first second reference candidate headline title".split())

# (line number, (a, b)) for a readable pair, (line number, reason) for an unreadable line
Item = tuple[int, tuple[str, str] | str]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("pairs", help="tell whether each pair of sentences states the same claim",
                       description="Score sentence pairs with the claim-pair model that "
                                   "analyze --confirm-claims confirms sources with: one JSON "
                                   "line per pair, in input "
                                   "order, with its score, same_claim and relation.")
    p.add_argument("file", metavar="FILE",
                   help="TSV with the two sentences in the last two columns, or JSONL with "
                        'one {"a": ..., "b": ...} object a line; - for standard input')
    p.add_argument("--format-in", choices=["tsv", "jsonl"],
                   help="input format (default: from the file name, .tsv/.txt or "
                        ".jsonl/.json, else from the first non-empty line)")
    p.add_argument("--header", action=argparse.BooleanOptionalAction, default=None,
                   help="TSV: the first non-empty line is (or is not) a header row "
                        "(default: detected, see docs/pairs.md)")
    p.add_argument("--output", "-o", metavar="FILE", help="write the JSON lines here, not stdout")
    p.add_argument("--max-bytes", type=_positive_int, default=Settings.max_bytes, metavar="N",
                   help="largest input read (bytes)")
    p.add_argument("--batch-size", type=_positive_int, default=BATCH_SIZE, metavar="N",
                   help=f"pairs scored at a time (default {BATCH_SIZE})")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress or header notes")
    p.set_defaults(run=run)


def _say(message: str) -> None:
    print("".join(c if c.isprintable() else " " for c in message), file=sys.stderr,
          flush=True)


def read_bytes(name: str, max_bytes: int) -> bytes:
    """The whole input, at most ``max_bytes``; an InputRejected with one line otherwise."""
    from corroborator.ingest.bounded import read_file_bounded, read_stream_bounded

    try:
        if name == "-":
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise InputRejected("standard input cannot be read")
            return read_stream_bounded(stream, max_bytes, "standard input")
        path = pathlib.Path(name)
        if path.is_dir():
            raise InputRejected("is a folder")
        if not path.exists():
            raise InputRejected("no such file")
        return read_file_bounded(path, max_bytes)
    except OSError as e:
        raise InputRejected(e.strerror or str(e)) from None


def text_lines(data: bytes) -> list[tuple[int, str | None]]:
    """(line number, text) per line; text None for a line that is not UTF-8.

    UTF-8 with or without a BOM (UTF-16 with a BOM too); binary data is an InputRejected."""
    from corroborator.ingest.sniff import binary_kind

    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise InputRejected("damaged UTF-16 text") from None
            return [(n, ln.removesuffix("\r")) for n, ln in enumerate(text.split("\n"), 1)]
    what = binary_kind(data[:16]) or ("gzip data" if data.startswith(_GZIP) else None)
    if what or b"\x00" in data:
        raise InputRejected(f"{what or 'binary data'}, not text")
    data = data.removeprefix(codecs.BOM_UTF8)
    out: list[tuple[int, str | None]] = []
    bad = 0
    for n, raw in enumerate(data.split(b"\n"), 1):
        try:
            out.append((n, raw.removesuffix(b"\r").decode("utf-8")))
        except UnicodeDecodeError:
            out.append((n, None))
            bad += 1
    if bad and all(t is None or not t.strip() for _, t in out):
        raise InputRejected("not UTF-8 text")
    return out


def input_format(name: str, lines: list[tuple[int, str | None]], forced: str | None) -> str:
    """tsv or jsonl: --format-in, else the file name's suffix, else the first line."""
    if forced:
        return forced
    if name != "-":
        suffix = pathlib.Path(name).suffix.lower()
        if suffix in SUFFIX_FORMATS:
            return SUFFIX_FORMATS[suffix]
    first = first_line(lines)
    return "jsonl" if first and first.lstrip().startswith("{") else "tsv"


def first_line(lines: list[tuple[int, str | None]]) -> str | None:
    """The first non-empty line ("" when it is not UTF-8), or None when there is none."""
    for _, text in lines:
        if text is None:
            return ""
        if text.strip():
            return text
    return None


def _label(cell: str) -> tuple[str, str | None] | None:
    """(label, its index) when ``cell`` reads as a column name, else None."""
    m = _LABEL.fullmatch(cell.strip())
    if not m:
        return None
    return m.group(2).strip(" _-").lower(), (m.group(1) or m.group(3) or "").lower() or None


def is_header(cells: list[str]) -> bool:
    """A header row: its last two cells are column labels, either one label with two
    indexes (#1 String / #2 String, sentence1 / sentence2, text_a / text_b) or two common
    column names (a / b, premise / hypothesis, ...)."""
    if len(cells) < 2:
        return False
    a, b = _label(cells[-2]), _label(cells[-1])
    if a is None or b is None:
        return False
    if a[0] == b[0] and a[1] and b[1] and a[1] != b[1]:
        return True
    return a[0] != b[0] and a[0] in _COLUMN_NAMES and b[0] in _COLUMN_NAMES


def check_pair(a: Any, b: Any) -> tuple[str, str] | str:
    """The pair, stripped, or why it cannot be scored."""
    out = []
    for key, value in (("a", a), ("b", b)):
        if not isinstance(value, str):
            return f"sentence {key} is not a string"
        value = value.strip()
        if not value:
            return f"sentence {key} is empty"
        if len(value) > MAX_SENTENCE_CHARS:
            return (f"sentence {key} is {len(value)} characters, over the "
                    f"{MAX_SENTENCE_CHARS}-character limit")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"sentence {key} is not valid Unicode (a lone surrogate)"
        out.append(value)
    return out[0], out[1]


def tsv_items(lines: list[tuple[int, str | None]], header: bool | None
              ) -> tuple[list[Item], int | None]:
    """The items of a TSV file, and the line number of the header row skipped, if any.

    Every row must have the file's number of columns (the header's, else the most common
    one): a missing cell or a tab inside a sentence would otherwise shift the pair."""
    rows: list[tuple[int, list[str] | None]] = [
        (n, None if text is None else text.split("\t"))
        for n, text in lines if text is None or text.strip()]
    skipped = None
    width = None
    if rows and (header or (header is None and rows[0][1] is not None
                            and is_header(rows[0][1]))):
        head = rows[0][1]
        skipped, width = rows[0][0], (len(head) if head and len(head) >= 2 else None)
        rows = rows[1:]
    if width is None:
        counts = Counter(len(c) for _, c in rows if c is not None and len(c) >= 2)
        width = max(counts, key=lambda k: (counts[k], k)) if counts else 2
    items: list[Item] = []
    for n, cells in rows:
        if cells is None:
            items.append((n, "not UTF-8 text"))
        elif len(cells) < 2:
            items.append((n, "fewer than 2 tab-separated columns"))
        elif len(cells) != width:
            items.append((n, f"{len(cells)} tab-separated columns, where the file has {width}"))
        else:
            items.append((n, check_pair(cells[-2], cells[-1])))
    return items, skipped


def jsonl_items(lines: list[tuple[int, str | None]]) -> list[Item]:
    items: list[Item] = []
    for n, text in lines:
        if text is None:
            items.append((n, "not UTF-8 text"))
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError as e:
            items.append((n, f"not valid JSON ({e})"))
            continue
        except RecursionError:
            items.append((n, "not valid JSON (nested too deeply)"))
            continue
        if not isinstance(record, dict):
            items.append((n, 'not a JSON object {"a": ..., "b": ...}'))
            continue
        missing = [k for k in ("a", "b") if k not in record]
        if missing:
            items.append((n, "no " + " or ".join(f'"{k}"' for k in missing)))
            continue
        items.append((n, check_pair(record["a"], record["b"])))
    return items


def is_json_array(first: str) -> bool:
    """A first line that opens a JSON array of objects (a .json file, not JSONL)."""
    head = first.strip()
    if not head.startswith("["):
        return False
    try:
        value = json.loads(head)
    except (ValueError, RecursionError):
        return head == "[" or head[1:].lstrip().startswith("{")
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def _batches(items: list[Item], size: int) -> Iterator[list[Item]]:
    """Runs of items holding at most ``size`` pairs each (and the errors between them)."""
    run: list[Item] = []
    pairs = 0
    for item in items:
        run.append(item)
        if isinstance(item[1], tuple):
            pairs += 1
            if pairs == size:
                yield run
                run, pairs = [], 0
    if run:
        yield run


def run(args: argparse.Namespace) -> int:
    problem = output_problem(args.output)
    if problem:
        _say(f"corroborator: cannot write the output: {problem}")
        return 1
    source = "standard input" if args.file == "-" else args.file
    try:
        lines = text_lines(read_bytes(args.file, args.max_bytes))
    except InputRejected as e:
        _say(f"corroborator: cannot read {source}: {e}")
        return 1
    fmt = input_format(args.file, lines, args.format_in)
    first = first_line(lines)
    if first is None:
        _say(f"corroborator: {source} holds no sentence pairs")
        return 1
    if fmt == "jsonl" and is_json_array(first):
        _say(f"corroborator: cannot read {source}: a JSON array; give one "
             '{"a": ..., "b": ...} object per line (JSONL)')
        return 1
    if fmt == "tsv":
        items, header_line = tsv_items(lines, args.header)
        if header_line is not None and args.header is None and not args.quiet:
            _say(f"corroborator: {source} line {header_line} read as a header row, not "
                 "scored (--no-header scores it)")
    else:
        items = jsonl_items(lines)
    del lines

    from corroborator.errors import CorroboratorError
    from corroborator.match.claim_pairs import judge_pairs, load_model

    try:
        model = load_model()
    except CorroboratorError as e:
        _say(f"corroborator: {e}")
        return 1
    total = sum(1 for _, x in items if isinstance(x, tuple))
    try:
        out: IO[str] = (open(args.output, "w", encoding="utf-8", newline="\n")
                        if args.output else sys.stdout)
    except OSError as e:
        _say(f"corroborator: cannot write {args.output}: {e.strerror or e}")
        return 1
    scored = 0
    try:
        for batch in _batches(items, args.batch_size):
            pairs = [x for _, x in batch if isinstance(x, tuple)]
            verdicts = iter(judge_pairs(pairs, model))
            for n, x in batch:
                record: dict[str, Any]
                if isinstance(x, tuple):
                    v = next(verdicts)
                    record = {"line": n, "score": v.score, "same_claim": v.same_claim,
                              "relation": v.relation}
                else:
                    _say(f"corroborator: {source} line {n}: {x}")
                    record = {"line": n, "error": x}
                out.write(json.dumps(record) + "\n")
            out.flush()
            scored += len(pairs)
            if pairs and total > args.batch_size and not args.quiet:
                _say(f"corroborator: scored {scored}/{total} pairs")
    except CorroboratorError as e:
        _say(f"corroborator: {e}")
        return 1
    except OSError as e:
        if isinstance(e, BrokenPipeError):
            raise
        _say(f"corroborator: cannot write {args.output or 'the output'}: {e.strerror or e}")
        return 1
    finally:
        if out is not sys.stdout:
            out.close()
    if not scored:
        _say(f"corroborator: no sentence pair in {source} could be scored")
    return 0 if scored else 1
