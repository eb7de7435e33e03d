"""`corroborator serve`: the local web UI over the story store."""

from __future__ import annotations

import argparse
import ipaddress
import pathlib
import socket
import sys

from corroborator.commands.common import DEFAULT_DB, add_db_argument

__all__ = ["DEFAULT_DB", "register", "run", "is_loopback", "listen_socket"]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("serve", help="browse stories and their evidence in a web browser",
                              description="Serve the story store as a local web app.")
    add_db_argument(p)
    p.add_argument("--create", action="store_true",
                   help="start an empty store at --db if there is none (else a missing "
                        "store is an error)")
    p.add_argument("--host", default="127.0.0.1", metavar="ADDRESS",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, metavar="N",
                   help="TCP port to listen on (default 8000)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also accept requests addressed to NAME (Host header); repeatable")
    p.add_argument("--max-upload-mb", type=float, default=5.0, metavar="MB",
                   help="largest accepted upload in MB (default 5)")
    p.set_defaults(run=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listen_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, the way uvicorn binds one (an OSError if it cannot be).

    Bound here, before the app starts, so a busy port is one clear error, not a server
    that announces itself and then stops."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
    except BaseException:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from corroborator.store import Store
    except ImportError as e:
        print(f"corroborator: serve is unavailable: {e}", file=sys.stderr)
        return 2
    from corroborator.commands.add import open_store
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
    if not args.create and not pathlib.Path(db).is_file():
        print(f"corroborator: no store at {db} (add articles first, pass --db, or --create "
              "for an empty one)", file=sys.stderr)
        return 1
    store = open_store(db, create=True)  # a file that is not a store fails here, not later
    if not isinstance(store, Store):
        return 1
    store.close()
    try:
        sock = listen_socket(args.host, args.port)
    except OSError as e:
        print(f"corroborator: cannot listen on {args.host}:{args.port}: {e.strerror or e}",
              file=sys.stderr)
        return 1
    app = create_app(lambda: Store(db),
                     max_upload_bytes=int(args.max_upload_mb * 1024 * 1024),
                     allowed_hosts=[*LOCAL_HOSTS, args.host, *args.allow_host])
    print(f"corroborator: serving {db} on http://{args.host}:{args.port}/", file=sys.stderr)
    with sock:
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
    return 0
