"""`corroborator serve`: the local web UI over the story store."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

DEFAULT_DB = "corroborator.db"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("serve", help="browse stories and their evidence in a web browser",
                              description="Serve the story store as a local web app.")
    p.add_argument("--db", default=os.environ.get("CORROBORATOR_DB", DEFAULT_DB), metavar="PATH",
                   help=f"the story store (default: $CORROBORATOR_DB or {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also accept requests addressed to NAME (Host header); repeatable")
    p.add_argument("--max-upload-mb", type=float, default=5.0,
                   help="largest accepted upload in MB (default 5)")
    p.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from corroborator.store import Store
    except ImportError as e:
        print(f"corroborator: serve is unavailable: {e}", file=sys.stderr)
        return 2
    from corroborator.web.app import LOCAL_HOSTS, create_app

    if not 0 < args.port < 65536:
        print(f"corroborator: --port {args.port} is not a port number", file=sys.stderr)
        return 2
    if args.max_upload_mb <= 0:
        print("corroborator: --max-upload-mb must be positive", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(f"corroborator: warning: listening on {args.host}; anyone who can reach it can "
              "read and add articles", file=sys.stderr)
    db = args.db
    app = create_app(lambda: Store(db),
                     max_upload_bytes=int(args.max_upload_mb * 1024 * 1024),
                     allowed_hosts=[*LOCAL_HOSTS, args.host, *args.allow_host])
    print(f"corroborator: serving {db} on http://{args.host}:{args.port}/", file=sys.stderr)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    except OSError as e:
        print(f"corroborator: cannot listen on {args.host}:{args.port}: {e.strerror or e}",
              file=sys.stderr)
        return 1
    return 0
