"""`corroborator add PATH...`: put articles in the local store and update their stories."""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
from collections.abc import Iterator
from typing import Any

from corroborator.commands.common import (
    DEFAULT_DB,
    add_db_argument,
    add_engine_arguments,
    add_input_arguments,
    add_output_argument,
    check_engine,
    check_output,
    counted,
    print_errors,
    settings_from_args,
    write_output,
)
from corroborator.model import InputError

__all__ = ["DEFAULT_DB", "add_db_argument", "open_store", "register", "run"]


def open_store(path: str, create: bool = False) -> object | None:
    """The Store at ``path``, or None with a one-line error (missing file, not a store)."""
    import pathlib

    from corroborator.store import Store

    if not create and not pathlib.Path(path).is_file():
        print(f"corroborator: no store at {path} (add articles first, or pass --db)",
              file=sys.stderr)
        return None
    try:
        return Store(path)
    except (sqlite3.Error, RuntimeError) as e:
        print(f"corroborator: cannot open store {path}: {e}", file=sys.stderr)
        return None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("add", help="add articles to the local store and update their stories",
                       description="Read articles, prepare each once, assign it to a story "
                                   "(or start one) and rebuild the stories it touched. "
                                   "Inputs that cannot be stored (unreadable, another "
                                   "language, no article text) are skipped and listed with "
                                   "their reasons; exit 1 when nothing could be added or "
                                   "found already stored.")
    add_input_arguments(p)
    add_db_argument(p)
    p.add_argument("--format", "-f", choices=["text", "json"], default="text",
                   help="text: one line per article and a summary (default); json: the "
                        "same as one object (added, duplicates, skipped, counts)")
    add_output_argument(p, "the result")
    add_engine_arguments(p)
    p.set_defaults(run=run)


def _store_progress(quiet: bool) -> Any:
    """The store's progress callback: a Ticker per phase (plain lines off a terminal)."""
    from corroborator.progress import Ticker

    tickers: dict[str, Ticker] = {}
    nouns = {"prepared": "new articles", "rebuilt": "stories"}

    def progress(what: str, done: int, total: int) -> None:
        if quiet:
            return
        ticker = tickers.get(what)
        if ticker is None:
            for other in tickers.values():
                other.close()
            ticker = tickers[what] = Ticker(what, total, nouns.get(what, "articles"),
                                            every=1 if what == "prepared" else None)
        ticker.advance(done - ticker.done)
        if done >= total:
            ticker.close()

    return progress


def result_record(result: Any, errors: list[InputError], counts: dict[str, int],
                  db: str) -> dict[str, Any]:
    """What ``add --format json`` prints."""
    skipped = [{"source": e.source, "reason": e.reason} for e in errors]
    skipped += [{"source": src, "reason": why} for src, why in result.skipped]
    return {
        "added": [{"id": doc, "story": story, "new_story": new}
                  for doc, story, new in result.added],
        "duplicates": [{"source": src, "stored_as": stored}
                       for src, stored in result.duplicates],
        "skipped": skipped,
        "stories": list(result.stories),
        "counts": {"added": len(result.added), "duplicates": len(result.duplicates),
                   "skipped": len(skipped), "stories_updated": len(result.stories)},
        "store": {"path": db, "articles": counts["articles"], "stories": counts["stories"]},
    }


def render_text(record: dict[str, Any]) -> str:
    lines = [f"added {a['id']} -> {a['story']}{' (new story)' if a['new_story'] else ''}"
             for a in record["added"]]
    lines += [f"unchanged {d['source']}: already stored as {d['stored_as']}"
              for d in record["duplicates"]]
    n, store = record["counts"], record["store"]
    skipped = f"{n['skipped']} skipped, " if n["skipped"] else ""  # listed on stderr
    lines.append(f"{n['added']} added, {n['duplicates']} already stored, {skipped}"
                 f"{counted(n['stories_updated'], 'story', 'stories')} updated; "
                 f"store holds {counted(store['articles'], 'article')} in "
                 f"{counted(store['stories'], 'story', 'stories')} ({store['path']})")
    return "\n".join("".join(c if c.isprintable() else " " for c in ln) for ln in lines) + "\n"


@contextlib.contextmanager
def _work(args: argparse.Namespace) -> Iterator[Any]:
    """Where the articles are prepared and the ledgers built: here, or on a Dask cluster."""
    if args.engine != "dask":
        yield None
        return
    from corroborator.dask_engine import DaskWork, dask_client

    with dask_client(args.workers, args.scheduler) as client:
        yield DaskWork(client)


def run(args: argparse.Namespace) -> int:
    from corroborator.dask_engine import EngineError
    from corroborator.ingest import read_inputs
    from corroborator.store import Store

    check_engine(args)
    settings = settings_from_args(args)
    if not check_output(args.output):
        return 1
    docs, errors = read_inputs(args.inputs, settings)
    with contextlib.ExitStack() as stack:
        try:  # the cluster first: an unreachable scheduler leaves no store file behind
            work = stack.enter_context(_work(args))
        except EngineError as e:  # no dask installed, no scheduler there
            print_errors(errors)
            print(f"corroborator: {e}", file=sys.stderr)
            return 1
        store = open_store(args.db, create=True)
        if not isinstance(store, Store):
            print_errors(errors)
            return 1
        progress = _store_progress(args.quiet)
        try:
            stale = store.rebuild_dirty(settings, work)
            if stale and not args.quiet:
                print(f"corroborator: rebuilt {counted(len(stale), 'story', 'stories')} an "
                      "interrupted add left stale", file=sys.stderr)
            result = store.add(docs, settings, progress, work=work)
            counts = store.counts()
        except sqlite3.Error as e:
            print(f"corroborator: store error: {e}", file=sys.stderr)
            return 1
        except EngineError as e:  # the cluster lost mid-run: what was stored stays stored
            print(f"corroborator: {e}", file=sys.stderr)
            return 1
        finally:
            store.close()
    record = result_record(result, errors, counts, args.db)
    # every skip with its reason on stderr, the way analyze reports them (and in the JSON)
    print_errors([InputError(s["source"], s["reason"]) for s in record["skipped"]])
    out = (json.dumps(record, indent=1, ensure_ascii=False) + "\n" if args.format == "json"
           else render_text(record))
    if not write_output(out, args.output):
        return 1
    if not result.added and not result.duplicates:
        print("corroborator: nothing could be added", file=sys.stderr)
        return 1
    return 0
