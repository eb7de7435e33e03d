"""`corroborator add PATH...`: put articles in the local store and update their stories."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from corroborator.commands.common import (
    add_input_arguments,
    counted,
    print_errors,
    settings_from_args,
)

DEFAULT_DB = "corroborator.db"


def add_db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="PATH",
                   help=f"the store file (default ./{DEFAULT_DB})")


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
                                   "(or start one) and rebuild the stories it touched.")
    add_input_arguments(p)
    add_db_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from corroborator.ingest import read_inputs
    from corroborator.store import Store

    settings = settings_from_args(args)
    docs, errors = read_inputs(args.inputs, settings)
    print_errors(errors)
    store = open_store(args.db, create=True)
    if not isinstance(store, Store):
        return 1
    quiet = args.quiet

    def progress(msg: str) -> None:
        if not quiet:
            print(f"corroborator: {msg}", file=sys.stderr, flush=True)

    try:
        stale = store.rebuild_dirty(settings)
        if stale:
            progress(f"rebuilt {counted(len(stale), 'story', 'stories')} an interrupted "
                     "add left stale")
        result = store.add(docs, settings, progress)
        for doc_id, story_id, new in result.added:
            print(f"added {doc_id} -> {story_id}{' (new story)' if new else ''}")
        for source, stored in result.duplicates:
            print(f"unchanged {source}: already stored as {stored}")
        for source, reason in result.skipped:
            print(f"stored but not grouped {source}: {reason}")
        counts = store.counts()
        print(f"{len(result.added)} added, {len(result.duplicates)} already stored, "
              f"{counted(len(result.stories), 'story', 'stories')} updated; store holds "
              f"{counted(counts['articles'], 'article')} in "
              f"{counted(counts['stories'], 'story', 'stories')} ({args.db})")
    except sqlite3.Error as e:
        print(f"corroborator: store error: {e}", file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0 if docs else 1
