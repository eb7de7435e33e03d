"""`corroborator changes STORY --since DATE|last`: what is new in a stored story."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING

from corroborator.commands.add import add_db_argument, open_store
from corroborator.commands.common import add_output_argument, check_output, write_output

if TYPE_CHECKING:  # the store package imports spaCy; load it only when a command runs
    from corroborator.store.changes import StoryChanges


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("changes", help="what changed in a stored story since a date or the "
                                       "last update",
                       description="List what is new in a stored story since a date or its "
                                   "previous update: articles, claims, sources for claims "
                                   "already made, changed figures and denials.")
    p.add_argument("story", metavar="STORY", help="a story id from `corroborator stories`")
    p.add_argument("--since", default="last", metavar="DATE|last",
                   help="an ISO date or time (UTC unless it says), or 'last' (default): the "
                        "story before its latest update")
    add_db_argument(p)
    p.add_argument("--format", "-f", choices=["text", "json"], default="text",
                   help="text: a readable list (default); json: the same as data")
    add_output_argument(p, "the changes")
    p.set_defaults(run=run)


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_text(ch: StoryChanges) -> str:
    out = [f"Changes in {ch.story_id} since {ch.since or 'the beginning'}"
           f" (latest update {ch.now or 'never'})"]
    if ch.empty():
        return out[0] + "\nnothing new\n" + _regrouped(ch)
    if ch.renamed:
        out.append(f"\nTitle changed: was {ch.renamed['was']!r}; now {ch.renamed['now']!r}")
    if ch.new_documents:
        out.append(f"\nNew articles ({len(ch.new_documents)}): " + ", ".join(ch.new_documents))
    if ch.new_claims:
        out.append(f"\nNew claims ({len(ch.new_claims)}):")
        out += [f"- [{c['id']}] {_short(c['text'])}"
                + (f" — {', '.join(c['attributed_to'])}" if c["attributed_to"] else "")
                + (f" ({', '.join(c['status'])})" if c["status"] else "")
                for c in ch.new_claims]
    if ch.new_sources:
        out.append(f"\nNew sources for claims already made ({len(ch.new_sources)}):")
        for c in ch.new_sources:
            who = ", ".join(m.get("outlet") or m["doc"] for m in c["mentions"])
            out.append(f"- [{c['id']}] {_short(c['text'])} — now also in {who}")
    if ch.changed_figures:
        out.append(f"\nChanged figures ({len(ch.changed_figures)}):")
        for f in ch.changed_figures:
            was = ", ".join(_fig(v) for v in f["was"]) or "none"
            now = ", ".join(_fig(v) for v in f["now"]) or "none"
            out.append(f"- {f['subject']}{' (' + f['unit'] + ')' if f['unit'] else ''}: "
                       f"was {was}; now {now}")
    if ch.new_denials:
        out.append(f"\nNew denials ({len(ch.new_denials)}):")
        out += [f"- [{c['id']}] {_short(c['text'])}"
                + (f" — {', '.join(c['attributed_to'])}" if c["attributed_to"] else "")
                for c in ch.new_denials]
    return "\n".join(out) + "\n" + _regrouped(ch)


def _regrouped(ch: StoryChanges) -> str:
    """Claims that only regrouped statements of articles stored before: not news."""
    if not ch.regrouped:
        return ""
    out = [f"\nRegrouped, not new ({len(ch.regrouped)}): statements of articles stored "
           "before, now in another claim"]
    for c in ch.regrouped:
        who = ", ".join(m.get("outlet") or m["doc"] for m in c["mentions"])
        out.append(f"- [{c['id']}] {_short(c['text'])} — {who}")
    return "\n".join(out) + "\n"


def _fig(v: list[object]) -> str:
    value, low, high, n = v
    shown = f"{low}–{high}" if low is not None and high is not None and low != high else value
    return f"{shown} ×{n}"


def run(args: argparse.Namespace) -> int:
    from corroborator.store import Store, parse_since

    try:  # a usage error (exit 2) before the store is opened
        if args.since != "last":
            parse_since(args.since)
    except ValueError as e:
        print(f"corroborator: --since: {e}", file=sys.stderr)
        return 2
    if not check_output(args.output):
        return 1
    store = open_store(args.db)
    if not isinstance(store, Store):
        return 1
    try:
        ch = store.changes(args.story, args.since)
    except ValueError as e:
        print(f"corroborator: --since: {e}", file=sys.stderr)
        return 2
    finally:
        store.close()
    if ch is None:
        print(f"corroborator: no story {args.story!r} in {args.db}", file=sys.stderr)
        return 1
    out = (json.dumps(asdict(ch), indent=1, ensure_ascii=False) + "\n"
           if args.format == "json" else render_text(ch))
    return 0 if write_output(out, args.output) else 1
