"""Command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each command is a module in corroborator.commands with register(subparsers) and run(args).
COMMANDS = ["analyze", "clean", "quotes", "pairs", "add", "stories", "show", "changes",
            "serve"]


def version() -> str:
    """The installed package's version (its metadata), else the source tree's."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("corroborator")
    except PackageNotFoundError:
        from corroborator import __version__

        return __version__


class _PrintVersion(argparse.Action):
    """--version, looked up only when asked for (reading package metadata takes a while)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"corroborator {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corroborator",
        description="What do these news articles actually establish, and who says so?",
    )
    parser.add_argument("--version", action=_PrintVersion,
                        help="print the installed version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                help="one of these (corroborator COMMAND --help for its options)")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"corroborator.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"corroborator.commands.{name}":
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("corroborator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
