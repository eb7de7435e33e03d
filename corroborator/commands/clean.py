"""`corroborator clean PATH...`: the article in each input, and what was cut and why."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from corroborator.commands.common import (
    add_input_arguments,
    add_output_argument,
    check_output,
    print_errors,
    settings_from_args,
    write_output,
)
from corroborator.model import Document


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("clean", help="print each article without its page furniture",
                       description="Find the article in each input (HTML page or scraped "
                                   "text), keep every sentence of it and record what was "
                                   "removed and why.")
    add_input_arguments(p)
    p.add_argument("--format", "-f", choices=["jsonl", "json", "text"], default="jsonl",
                   help="jsonl: one JSON object per input (default); json: the same "
                        "objects as one JSON list; text: the bodies")
    add_output_argument(p, "the result")
    p.set_defaults(run=run)


def cleaned_record(d: Document) -> dict[str, Any]:
    """The JSON object printed for one input."""
    return {
        "id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet,
        "published": d.published, "author": d.author, "language": d.language,
        "url": d.url, "canonical_url": d.canonical_url, "wire": list(d.wire),
        "republished_from": d.republished_from, "extraction": d.extraction,
        "skipped": d.skipped,
        "body": "" if d.skipped else d.body(),
        "removed": [dict(asdict(r), text=d.text[r.start:r.end]) for r in d.removed],
    }


def run(args: argparse.Namespace) -> int:
    from corroborator.clean import clean_documents
    from corroborator.ingest import read_inputs
    from corroborator.model import InputError

    settings = settings_from_args(args)
    if not check_output(args.output):
        return 1
    docs, errors = read_inputs(args.inputs, settings)
    docs = clean_documents(docs, settings)
    errors = list(errors) + [InputError(d.source, d.skipped) for d in docs if d.skipped]
    print_errors(errors)
    if args.format == "json":
        out = json.dumps([cleaned_record(d) for d in docs], indent=1, ensure_ascii=False) + "\n"
    elif args.format == "jsonl":
        out = "".join(json.dumps(cleaned_record(d), ensure_ascii=False) + "\n" for d in docs)
    else:
        out = "".join(f"==> {d.source} <==\n{d.body()}\n\n" for d in docs if not d.skipped)
    if not write_output(out, args.output):
        return 1
    cleaned = any(not d.skipped and d.text.strip() for d in docs)
    if not cleaned:
        print("corroborator: nothing could be cleaned", file=sys.stderr)
    return 0 if cleaned else 1
