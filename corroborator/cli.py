"""Command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each command is a module in corroborator.commands with register(subparsers) and run(args).
COMMANDS = ["analyze", "clean", "quotes", "pairs", "add", "stories", "show", "changes",
            "serve"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corroborator",
        description="What do these news articles actually establish, and who says so?",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
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
