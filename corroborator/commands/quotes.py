"""`corroborator quotes PATH... --format jsonl`: who said what in each article, with offsets."""

from __future__ import annotations

import argparse
import json
from typing import Any

from corroborator.commands.common import (
    add_input_arguments,
    add_output_argument,
    check_output,
    print_errors,
    settings_from_args,
    write_output,
)
from corroborator.model import Document, InputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("quotes", help="list who said what in each article",
                       description="Find direct and reported speech: source, cue and content "
                                   "spans, speaker names (one per actor) and hedges.")
    add_input_arguments(p)
    p.add_argument("--format", "-f", choices=["jsonl", "json", "text"], default="jsonl",
                   help="jsonl: one JSON object per article, with offsets (default); "
                        "json: the same objects as one JSON list; text: one line per quote")
    add_output_argument(p, "the result")
    p.set_defaults(run=run)


def document_attributions(d: Document) -> dict[str, Any]:
    """The JSON line of one document: offsets into its original text."""
    return {
        "id": d.id,
        "attributions": [
            {
                "source": list(a.source) if a.source else None,
                "cue": list(a.cue) if a.cue else None,
                "content": list(a.content),
                "speaker": a.speaker,
                "hedged": a.hedged,
                "hedge": a.hedge,
                "direct": a.direct,
                "reported_by": a.reported_by,
            }
            for a in d.attributions
        ],
    }


def _text_lines(d: Document) -> list[str]:
    out = [f"# {d.id}"]
    for a in d.attributions:
        content = " ".join(d.text[a.content[0]:a.content[1]].split())
        cue = d.text[a.cue[0]:a.cue[1]] if a.cue else ""
        hedge = f" [hedged: {a.hedge}]" if a.hedged else ""
        via = f" (reported by {a.reported_by})" if a.reported_by else ""
        out.append(f"{a.speaker or '(unattributed)'}{via} — {cue}: {content[:300]}{hedge}")
    return out


def run(args: argparse.Namespace) -> int:
    from corroborator.extract.actors import canonicalise_actors
    from corroborator.ingest import read_inputs
    from corroborator.pipeline import prepare

    settings = settings_from_args(args)
    if not check_output(args.output):
        return 1
    docs, errors = read_inputs(args.inputs, settings)
    docs = prepare(docs, settings)
    for d in docs:
        if d.skipped:
            errors.append(InputError(d.source, f"skipped: {d.skipped}"))
    print_errors(errors)
    usable = [d for d in docs if not d.skipped]
    canonicalise_actors(usable)
    if args.format == "json":
        out = json.dumps([document_attributions(d) for d in usable], indent=1,
                         ensure_ascii=False) + "\n"
    elif args.format == "jsonl":
        out = "".join(json.dumps(document_attributions(d), ensure_ascii=False) + "\n"
                      for d in usable)
    else:
        out = "".join("\n".join(_text_lines(d)) + "\n\n" for d in usable)
    if not write_output(out, args.output):
        return 1
    return 0 if usable else 1

