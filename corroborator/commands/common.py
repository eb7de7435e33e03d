"""Arguments shared by every command that reads articles."""

from __future__ import annotations

import argparse
import os
import pathlib
import sys

from corroborator.model import InputError
from corroborator.settings import Settings


def add_input_arguments(p: argparse.ArgumentParser) -> None:
    """PATH arguments plus the options of docs/ingest.md (fields, URLs, filters)."""
    p.add_argument("inputs", nargs="*", metavar="PATH",
                   help="files, folders, http(s) URLs, or - for standard input")
    p.add_argument("--urls", action="append", default=[], metavar="FILE", type=_url_list,
                   help="read URLs from FILE, one a line, # for comments (repeatable)")
    p.add_argument("--include", action="append", default=[], metavar="GLOB",
                   help="in folders, only files whose name matches GLOB (repeatable)")
    p.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")
    p.add_argument("--follow-links", action="store_true",
                   help="in folders, also read symbolic links that lead out of the folder "
                        "(otherwise skipped with an error line)")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="JSONL/JSON/CSV field holding the article text or HTML (default text)")
    p.add_argument("--title-field", default="title", metavar="NAME",
                   help="JSONL/JSON/CSV field holding the headline (default title)")
    p.add_argument("--url-field", default="url", metavar="NAME",
                   help="JSONL/JSON/CSV field holding the article's address (default url)")
    p.add_argument("--date-field", default="published", metavar="NAME",
                   help="JSONL/JSON/CSV field holding the publication date (default "
                        "published)")
    p.add_argument("--outlet", metavar="NAME", type=_outlet_name,
                   help="the outlet of files (and standard input) that name none themselves "
                        "(a sidecar FILE.meta.json names one per file)")
    p.add_argument("--allow-private", action="store_true",
                   help="let URL fetching reach private, loopback and link-local addresses")
    p.add_argument("--max-bytes", type=_positive_int, default=Settings.max_bytes,
                   metavar="N", help="largest input read, after decompression (bytes)")
    p.add_argument("--timeout", type=_positive_float, default=Settings.fetch_timeout,
                   metavar="SECONDS", help="time allowed for each URL, redirects included "
                                           f"(default {Settings.fetch_timeout:g})")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="no progress on stderr (otherwise a bar on a terminal, else a plain "
                        "line every few seconds)")
    p.set_defaults(_input_parser=p)


ENGINES = ("local", "dask")


def add_engine_arguments(p: argparse.ArgumentParser) -> None:
    """--engine, --workers, --scheduler (docs/dask.md); checked by ``check_engine``."""
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: this process (default); dask: per-article and per-story "
                        "work as tasks on a Dask cluster (docs/dask.md)")
    p.add_argument("--workers", type=_positive_int, metavar="N",
                   help="with --engine dask: start a local cluster of N worker processes "
                        "(default: one per CPU)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", type=_scheduler_address,
                   help="with --engine dask: use the running cluster at this scheduler")


def _scheduler_address(value: str) -> str:
    address = value.strip()
    if not address or any(c.isspace() for c in address) or len(address) > 300:
        raise argparse.ArgumentTypeError(f"not a scheduler address: {value!r} "
                                         "(give tcp://HOST:PORT)")
    return address


def check_engine(args: argparse.Namespace) -> None:
    """--workers or --scheduler without --engine dask, or both at once: a usage error."""
    parser = getattr(args, "_input_parser", None)
    problem = None
    if args.engine != "dask" and (args.workers is not None or args.scheduler):
        problem = "--workers and --scheduler need --engine dask"
    elif args.workers is not None and args.scheduler:
        problem = "give --workers (a local cluster) or --scheduler (a running one), not both"
    if problem is None:
        return
    if parser is not None:
        parser.error(problem)
    print(f"corroborator: error: {problem}", file=sys.stderr)
    raise SystemExit(2)


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return n


def _outlet_name(value: str) -> str:
    name = " ".join(value.split())
    if not name or len(name) > 200:
        raise argparse.ArgumentTypeError("give an outlet name of 1 to 200 characters")
    return name


def _positive_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < x < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {value}")
    return x


def _url_list(value: str) -> str:
    """A --urls FILE that can be opened (a missing one is a usage error, not a bad input)."""
    path = pathlib.Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} is a folder, not a file of URLs")
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such file: {value}")
    if not os.access(path, os.R_OK):
        raise argparse.ArgumentTypeError(f"cannot read {value}")
    return value


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
        follow_links=args.follow_links,
        text_field=args.text_field,
        title_field=args.title_field,
        url_field=args.url_field,
        date_field=args.date_field,
        outlet=getattr(args, "outlet", None),
        allow_private=args.allow_private,
        url_files=list(args.urls),
        max_bytes=args.max_bytes,
        fetch_timeout=args.timeout,
        progress=not args.quiet,
    )


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 story``, ``2 stories``: a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def print_errors(errors: list[InputError]) -> None:
    """One line per unreadable input, on stderr."""
    for e in errors:
        line = f"corroborator: skipped {e.source}: {e.reason}"
        print("".join(c if c.isprintable() else " " for c in line), file=sys.stderr)


REPORT_FORMATS = ("md", "markdown", "json", "html")  # "markdown" is "md" spelt out


DEFAULT_DB = "corroborator.db"
DB_ENV = "CORROBORATOR_DB"


def default_db() -> str:
    """The store a command uses without --db: $CORROBORATOR_DB, else ./corroborator.db."""
    return os.environ.get(DB_ENV, "").strip() or DEFAULT_DB


def add_db_argument(p: argparse.ArgumentParser) -> None:
    """--db PATH for every store command (add, stories, show, changes, serve)."""
    p.add_argument("--db", default=default_db(), metavar="PATH",
                   help=f"the store file (default: ${DB_ENV} if set, else ./{DEFAULT_DB}; "
                        "--db overrides it)")


def add_output_argument(p: argparse.ArgumentParser, what: str = "the result") -> None:
    p.add_argument("--output", "-o", metavar="FILE", help=f"write {what} here, not stdout")


def check_output(path: str | None) -> bool:
    """False (after one error line) when --output cannot be written; checked before work."""
    problem = output_problem(path)
    if problem:
        print(f"corroborator: cannot write the output: {problem}", file=sys.stderr)
        return False
    return True


def add_format_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", choices=REPORT_FORMATS, default="md",
                   help="report format: md (or markdown), json or html (default md)")


def render_report(report: object, fmt: str) -> str | None:
    """The report in ``fmt``; None (after a one-line error) when that renderer is missing."""
    try:
        if fmt == "json":
            from corroborator.report.json_report import render_json

            return render_json(report)  # type: ignore[arg-type]
        if fmt == "html":
            from corroborator.report.html import render_html

            return render_html(report)  # type: ignore[arg-type]
        from corroborator.report.markdown import render_markdown

        return render_markdown(report)  # type: ignore[arg-type]
    except ImportError as e:
        print(f"corroborator: the {fmt} report is not available in this build ({e})",
              file=sys.stderr)
        return None


def output_problem(path: str | None) -> str | None:
    """Why a report could not be written to ``path`` (checked before the work), or None."""
    if not path:
        return None
    target = pathlib.Path(path)
    folder = target.parent if str(target.parent) else pathlib.Path(".")
    if target.is_dir():
        return f"{path} is a folder"
    if not folder.is_dir():
        return f"no folder {folder}"
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return f"{path} is not writable"
    return None


def write_output(out: str, path: str | None) -> bool:
    """Write the report to ``path`` (stdout when None); a one-line error when it fails."""
    if not path:
        sys.stdout.write(out)
        return True
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(out)
    except OSError as e:
        print(f"corroborator: cannot write {path}: {e.strerror or e}", file=sys.stderr)
        return False
    return True
