"""Arguments shared by every command that reads articles."""

from __future__ import annotations

import argparse
import sys

from corroborator.model import InputError
from corroborator.settings import Settings


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    """PATH arguments plus the options of docs/ingest.md (fields, URLs, filters)."""
    p.add_argument("inputs", nargs="*", metavar="PATH",
                   help="files, folders, http(s) URLs, or - for standard input")
    p.add_argument("--urls", action="append", default=[], metavar="FILE",
                   help="read URLs from FILE, one a line, # for comments (repeatable)")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="in folders, only files whose name matches GLOB (repeatable)")
    p.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="JSONL/JSON/CSV field holding the article text or HTML (default text)")
    p.add_argument("--title-field", default="title", metavar="NAME")
    p.add_argument("--url-field", default="url", metavar="NAME")
    p.add_argument("--date-field", default="published", metavar="NAME")
    p.add_argument("--allow-private", action="store_true",
                   help="let URL fetching reach private, loopback and link-local addresses")
    p.add_argument("--max-bytes", type=_positive_int, default=Settings.max_bytes,
                   metavar="N", help="largest input read, after decompression (bytes)")
    p.add_argument("--timeout", type=float, default=Settings.fetch_timeout, metavar="SECONDS",
                   help="time allowed for each URL, redirects included")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(_input_parser=p)


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return n


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings for a run; no PATH and no --urls is a usage error (exit code 2)."""
    if not args.inputs and not args.urls:
        parser = getattr(args, "_input_parser", None)
        if parser is not None:
            parser.error("give at least one PATH, URL, - or --urls FILE")
        print("corroborator: error: give at least one PATH, URL, - or --urls FILE",
              file=sys.stderr)
        raise SystemExit(2)
    return Settings(
        recursive=not args.no_recursive,
        include=list(args.include),
        text_field=args.text_field,
        title_field=args.title_field,
        url_field=args.url_field,
        date_field=args.date_field,
        allow_private=args.allow_private,
        url_files=list(args.urls),
        max_bytes=args.max_bytes,
        fetch_timeout=args.timeout,
        progress=not args.quiet and sys.stderr.isatty(),
    )


def print_errors(errors: list[InputError]) -> None:
    """One line per unreadable input, on stderr."""
    for e in errors:
        line = f"corroborator: skipped {e.source}: {e.reason}"
        print("".join(c if c.isprintable() else " " for c in line), file=sys.stderr)
