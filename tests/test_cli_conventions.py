"""One convention for every command: --version, usage errors exit 2 with one clear line,
help on every option, serve's checks, plurals. Real processes, real files, real sockets."""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import pathlib
import re
import socket
import subprocess
import sys

import pytest

from corroborator.cli import build_parser
from corroborator.commands.common import counted

ROOT = pathlib.Path(__file__).resolve().parents[1]

ONE_ARTICLE = ("Quake hits island off southern Iran\nA 5.6 magnitude earthquake struck Qeshm "
               "island in the Gulf on Sunday, the Iranian Students News Agency said. Five "
               "people were hurt in the village of Dargahan, local officials told ISNA.\n")


def cli(*args: str, cwd: pathlib.Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The installed ``corroborator`` (the console script beside this Python) as a process."""
    script = pathlib.Path(sys.executable).parent / "corroborator"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "corroborator.cli"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([*command, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def last_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert lines, "nothing on stderr"
    return lines[-1]


def test_version_comes_from_package_metadata(tmp_path: pathlib.Path) -> None:
    r = cli("--version", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"corroborator {importlib.metadata.version('corroborator')}"


@pytest.mark.parametrize("args, says", [
    (["analyze", "--urls", "missing.txt"], "argument --urls: no such file: missing.txt"),
    (["add", "--urls", "missing.txt"], "argument --urls: no such file: missing.txt"),
    (["clean", "--urls", "."], "argument --urls: . is a folder, not a file of URLs"),
    (["analyze", "x.txt", "--timeout", "-1"], "argument --timeout: must be a positive"),
    (["analyze", "x.txt", "--timeout", "0"], "argument --timeout: must be a positive"),
    (["quotes", "x.txt", "--timeout", "soon"], "argument --timeout: not a number"),
])
def test_usage_errors_exit_2_with_one_error_line(tmp_path: pathlib.Path, args: list[str],
                                                 says: str) -> None:
    r = cli(*args, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert says in last_line(r.stderr)
    assert sum("error" in line for line in r.stderr.splitlines()) == 1
    assert "skipped" not in r.stderr and not r.stdout
    assert not (tmp_path / "corroborator.db").exists()  # add stopped before opening a store


def test_a_readable_urls_file_and_a_positive_timeout_are_accepted() -> None:
    parser = build_parser()
    args = parser.parse_args(["analyze", "--urls", __file__, "--timeout", "0.5"])
    assert args.urls == [__file__] and args.timeout == 0.5


def test_every_command_and_option_has_a_help_line() -> None:
    parser = build_parser()
    missing = [a.dest for a in parser._actions if not a.help]
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {c.dest: c.help for c in action._choices_actions}
        assert set(helps) == set(action.choices)
        for name, sub in action.choices.items():
            if not helps[name]:
                missing.append(f"{name} (summary)")
            if not sub.description:
                missing.append(f"{name} (description)")
            for a in sub._actions:
                label = f"{name} {'/'.join(a.option_strings) or a.metavar or a.dest}"
                if not a.help or a.help == argparse.SUPPRESS:
                    missing.append(label)
                if a.option_strings and a.nargs != 0 and a.metavar is None and not a.choices:
                    missing.append(f"{label} (placeholder {a.dest.upper()})")
    assert not missing, missing


def test_counted_plurals() -> None:
    assert counted(1, "story", "stories") == "1 story"
    assert counted(2, "story", "stories") == "2 stories"
    assert counted(0, "article") == "0 articles" and counted(1, "claim") == "1 claim"


@pytest.mark.slow
def test_one_article_store_summaries_and_a_future_since(tmp_path: pathlib.Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "quake.txt").write_text(ONE_ARTICLE, encoding="utf-8")
    db = str(tmp_path / "c.db")
    r = cli("add", "in", "--db", db, "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    summary = r.stdout.strip().splitlines()[-1]
    assert summary.startswith("1 added, 0 already stored, 1 story updated; "
                              "store holds 1 article in 1 story"), summary

    r = cli("changes", "s1", "--db", db, "--since", "2099-01-01", cwd=tmp_path)
    assert r.returncode == 2 and not r.stdout
    assert r.stderr.strip() == ("corroborator: --since: 2099-01-01 is in the future "
                                "(use a past date or time, or 'last')")
    r = cli("changes", "s1", "--db", db, "--since", "2000-01-01", cwd=tmp_path)
    assert r.returncode == 0 and "New articles (1): quake" in r.stdout, r.stderr
    r = cli("changes", "s1", "--db", db, "--since", "yesterday-ish", cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1

    from corroborator.report.html import render_html
    from corroborator.report.markdown import render_markdown
    from corroborator.store import Store

    with Store(db) as store:
        report = store.story_report("s1")
    assert report is not None
    md = render_markdown(report)
    assert "\n1 article from 1 outlet: " in md and "1 articles" not in md
    page = render_html(report)
    assert "1 article from" in page
    claims = len(report.stories[0].claims)
    assert f"· {counted(claims, 'claim')}" in page


def test_parse_since_refuses_the_future() -> None:
    from datetime import UTC, datetime

    from corroborator.store import parse_since

    now = datetime(2024, 10, 28, 12, 0, tzinfo=UTC)
    assert parse_since("2024-10-28T11:59", now=now).startswith("2024-10-28T11:59")
    assert parse_since("2024-10-28T13:00+02:00", now=now).startswith("2024-10-28T11:00")
    with pytest.raises(ValueError, match="in the future"):
        parse_since("2024-10-28T12:01", now=now)
    with pytest.raises(ValueError, match="in the future"):
        parse_since("2099-01-01")


def _serving(err: str) -> bool:
    return "serving" in err


def test_serve_refuses_a_missing_store_without_create(tmp_path: pathlib.Path) -> None:
    r = cli("serve", "--db", "typo.db", "--port", "1", cwd=tmp_path, timeout=120)
    assert r.returncode == 1
    assert r.stderr.strip() == ("corroborator: no store at typo.db (add articles first, pass "
                                "--db, or --create for an empty one)")
    assert not (tmp_path / "typo.db").exists()


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: pathlib.Path) -> None:
    (tmp_path / "notes.db").write_text("not a database\n" * 100, encoding="utf-8")
    r = cli("serve", "--db", "notes.db", cwd=tmp_path, timeout=120)
    assert r.returncode == 1 and not _serving(r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and "cannot open store" in r.stderr


def test_serve_on_a_busy_port_is_one_line_and_exit_1(tmp_path: pathlib.Path) -> None:
    from corroborator.store import Store

    Store(str(tmp_path / "c.db")).close()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = cli("serve", "--db", "c.db", "--port", str(port), cwd=tmp_path, timeout=120)
    assert r.returncode == 1 and not _serving(r.stderr)
    assert r.stderr.strip() == (f"corroborator: cannot listen on 127.0.0.1:{port}: "
                                "Address already in use")


def test_serve_help_shows_no_placeholder(tmp_path: pathlib.Path) -> None:
    r = cli("serve", "--help", cwd=tmp_path)
    assert r.returncode == 0
    assert "MAX_UPLOAD_MB" not in r.stdout and "--create" in r.stdout
    assert re.search(r"--port N\s+TCP port", r.stdout)
