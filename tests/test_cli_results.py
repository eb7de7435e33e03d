"""Issue 37, CLI results: -o/--format json everywhere, CORROBORATOR_DB for every store
command, progress off a terminal, skipped inputs reported, story titles that stay put,
regrouping apart from news. Real processes of the CLI on real SQLite files; no mocks."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
from typing import Any

import pytest

from corroborator.cli import build_parser
from corroborator.model import Document
from corroborator.store import Store
from corroborator.store.changes import diff_stories
from corroborator.stories import story_title

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
QUAKE = ("Quake hits island off southern Iran\nA 5.6 magnitude earthquake struck Qeshm "
         "island in the Gulf on Sunday, the Iranian Students News Agency said. Five people "
         "were hurt in the village of Dargahan, local officials told ISNA.\n")
FRENCH = ("Le tremblement de terre a frappé l'île de Qeshm dimanche, selon l'agence "
          "iranienne. Cinq personnes ont été blessées dans le village de Dargahan, ont "
          "déclaré les responsables locaux.\n")
FURNITURE = ("Advertisement\nSign up for our newsletter\nShare this article\n"
             "Follow us on Twitter\nAll rights reserved\n")


def cli(*args: str, cwd: pathlib.Path, env: dict[str, str] | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """This tree's CLI as a process (``python -m``, so never another installed copy)."""
    full = {k: v for k, v in os.environ.items() if k != "CORROBORATOR_DB"}
    full.update(env or {}, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "corroborator.cli", *args], cwd=cwd,
                          env=full, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seeds, one quake article, a French text, a text that is all furniture and a URL
    list holding no URL, added by one ``add`` that names its store only in CORROBORATOR_DB
    and writes its JSON result with -o; stderr is a pipe, not a terminal."""
    work = tmp_path_factory.mktemp("added")
    inputs = work / "in"
    shutil.copytree(SEEDS, inputs)
    (inputs / "quake.txt").write_text(QUAKE, encoding="utf-8")
    (inputs / "french.txt").write_text(FRENCH, encoding="utf-8")
    (inputs / "furniture.txt").write_text(FURNITURE, encoding="utf-8")
    (work / "urls.txt").write_text("not a url at all\n", encoding="utf-8")
    env = {"CORROBORATOR_DB": str(work / "env.db")}
    r = cli("add", "in", "--urls", "urls.txt", "--format", "json", "-o", "add.json",
            cwd=work, env=env)
    return {"work": work, "env": env, "run": r,
            "result": json.loads((work / "add.json").read_text(encoding="utf-8"))
            if (work / "add.json").exists() else None}


def test_add_writes_its_json_result_with_skips_and_reasons(added: dict[str, Any]) -> None:
    r, res, work = added["run"], added["result"], added["work"]
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and res is not None  # the result went to -o, nothing to stdout
    assert (work / "env.db").is_file() and not (work / "corroborator.db").exists()
    assert res["counts"] == {"added": 6, "duplicates": 0, "skipped": 3,
                             "stories_updated": len(res["stories"])}
    assert {a["id"] for a in res["added"]} >= {"quake"}
    assert all(a["story"] in res["stories"] for a in res["added"])
    reasons = {pathlib.Path(s["source"]).name: s["reason"] for s in res["skipped"]}
    assert reasons["french.txt"] == "language fr is not en"
    assert reasons["furniture.txt"] == "no article text left after cleaning"
    # item 4: what is wrong with the input, in words
    assert reasons["not a url at all"].startswith("not a URL: 'not a url at all'")
    assert "?:" not in r.stderr
    # every skip on stderr too, as analyze reports them
    assert "corroborator: skipped" in r.stderr and "language fr is not en" in r.stderr
    # the store's count agrees with the stories: skipped texts are not stored
    assert res["store"] == {"path": str(work / "env.db"), "articles": 6,
                            "stories": len(res["stories"])}
    stories = cli("stories", "--format", "json", cwd=work, env=added["env"])
    assert stories.returncode == 0, stories.stderr
    rows = json.loads(stories.stdout)
    assert sum(row["documents"] for row in rows) == 6 and len(rows) == len(res["stories"])
    assert all(row["title"] for row in rows)  # no story with an empty title


def test_progress_is_plain_lines_when_stderr_is_not_a_terminal(added: dict[str, Any]) -> None:
    err = added["run"].stderr
    assert "corroborator: read 9/9 inputs" in err.splitlines()  # 8 files, 1 URL
    assert "corroborator: prepared 8/8 new articles" in err.splitlines()
    assert "\r" not in err and "\x1b" not in err


def test_quiet_add_says_no_progress_and_a_readd_is_all_duplicates(
        added: dict[str, Any]) -> None:
    work = added["work"]
    r = cli("add", "in", "-q", cwd=work, env=added["env"])
    assert r.returncode == 0, r.stderr
    assert "read " not in r.stderr and "prepared " not in r.stderr
    assert r.stdout.splitlines()[-1].startswith("0 added, 6 already stored, 2 skipped, "
                                                "0 stories updated; store holds 6 articles")


def test_only_skipped_inputs_exit_1_for_add_as_for_analyze(tmp_path: pathlib.Path) -> None:
    (tmp_path / "french.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "furniture.txt").write_text(FURNITURE, encoding="utf-8")
    r = cli("add", "french.txt", "furniture.txt", "--db", "x.db", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1] == "corroborator: nothing could be added"
    assert "corroborator: skipped furniture.txt: no article text left after cleaning" \
        in r.stderr
    assert r.stdout.splitlines()[-1] == ("0 added, 0 already stored, 2 skipped, 0 stories "
                                         "updated; store holds 0 articles in 0 stories (x.db)")
    a = cli("analyze", "french.txt", "furniture.txt", cwd=tmp_path)
    assert a.returncode == 1 and "nothing could be analysed" in a.stderr
    assert "furniture.txt: no article text left after cleaning" in a.stderr


def test_every_store_command_reads_corroborator_db_and_db_overrides_it(
        added: dict[str, Any]) -> None:
    work, env = added["work"], added["env"]
    sid = added["result"]["added"][0]["story"]
    show = cli("show", sid, "--format", "json", "-o", "show.json", cwd=work, env=env)
    assert show.returncode == 0, show.stderr
    assert json.loads((work / "show.json").read_text())["stories"][0]["id"] == sid
    ch = cli("changes", sid, "--format", "json", "-o", "changes.json", cwd=work, env=env)
    assert ch.returncode == 0, ch.stderr
    assert not ch.stdout
    assert json.loads((work / "changes.json").read_text())["story_id"] == sid
    st = cli("stories", "-o", "stories.txt", cwd=work, env=env)
    assert st.returncode == 0 and not st.stdout
    assert (work / "stories.txt").read_text().startswith("id")
    for command in (["stories"], ["show", sid], ["changes", sid]):
        over = cli(*command, "--db", "other.db", cwd=work, env=env)
        assert over.returncode == 1 and "no store at other.db" in over.stderr
    missing = {"CORROBORATOR_DB": str(work / "typo.db")}
    for command in (["stories"], ["show", sid], ["changes", sid], ["serve", "--port", "1"]):
        r = cli(*command, cwd=work, env=missing)
        assert r.returncode == 1 and f"no store at {work / 'typo.db'}" in r.stderr, command
    assert not (work / "typo.db").exists()


def test_help_says_every_store_command_reads_corroborator_db() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in ("add", "stories", "show", "changes", "serve"):
        db = next(a for a in sub.choices[name]._actions if a.dest == "db")  # type: ignore[attr-defined]
        assert "$CORROBORATOR_DB" in (db.help or "") and "--db overrides" in (db.help or "")


def test_every_result_printing_command_has_output_and_json() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():  # type: ignore[attr-defined]
        if name in ("serve", "pairs"):  # serve prints no result; pairs writes JSON lines
            continue
        dests = {a.dest: a for a in p._actions}
        assert "output" in dests and "-o" in dests["output"].option_strings, name
        assert "json" in dests["format"].choices, name


def test_clean_and_quotes_write_json_lists_with_o(tmp_path: pathlib.Path) -> None:
    (tmp_path / "quake.txt").write_text(QUAKE, encoding="utf-8")
    c = cli("clean", "quake.txt", "--format", "json", "-o", "clean.json", cwd=tmp_path)
    assert c.returncode == 0 and not c.stdout
    assert json.loads((tmp_path / "clean.json").read_text())[0]["id"] == "quake"
    q = cli("quotes", "quake.txt", "-f", "json", "-o", "sub/q.json", cwd=tmp_path)
    assert q.returncode == 1 and "cannot write the output: no folder sub" in q.stderr
    q = cli("quotes", "quake.txt", "-f", "json", "-o", "q.json", "-q", cwd=tmp_path)
    assert q.returncode == 0 and not q.stdout
    quotes = json.loads((tmp_path / "q.json").read_text())
    assert quotes[0]["id"] == "quake" and quotes[0]["attributions"]


def test_analyze_counts_its_work_off_a_terminal(tmp_path: pathlib.Path) -> None:
    for i in range(7):
        (tmp_path / f"{i}.txt").write_text(QUAKE.replace("Sunday", f"day {i}"),
                                           encoding="utf-8")
    r = cli("analyze", ".", "-f", "json", "-o", "r.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    for line in ("read 7/7 inputs", "cleaned 7/7 articles", "prepared 7/7 articles"):
        assert f"corroborator: {line}" in lines
    assert "\r" not in r.stderr
    q = cli("analyze", ".", "-q", "-f", "json", "-o", "r.json", cwd=tmp_path)
    assert q.returncode == 0 and q.stderr == ""


# ---- story titles (item 6) and regrouping (item 7) ----------------------------------------

def test_markup_title_neither_renames_a_story_nor_shows(added: dict[str, Any]) -> None:
    work = added["work"]
    store = Store(str(work / "env.db"))
    try:
        seed_story = next(r for r in store.list_stories() if r["documents"] >= 5)
        sid, title = seed_story["id"], seed_story["title"]
        text = (SEEDS / "003_a7747dc26ab496b8.txt").read_text(encoding="utf-8")
        text = text.replace("as soon as this weekend", "within days, officials in Kyiv said")
        doc = Document(id="markup", source="markup.html", text=text,
                       title="<b>North Korean</b> troops <i>Zelensky</i> Ukraine Russia "
                             "Kursk soldiers deployed front &amp; war")
        result = store.add([doc], None)
        assert result.added and result.added[0][1] == sid, result.added
        after = next(r for r in store.list_stories() if r["id"] == sid)
        assert after["title"] == title and "<" not in after["title"]
        ch = store.changes(sid, "last")
        assert ch is not None and ch.new_documents == ["markup"] and ch.renamed is None
        # item 7: what is news came from the new article; the rest is regrouping
        assert all(any(m["doc"] == "markup" for m in c["mentions"]) for c in ch.new_sources)
        assert all(m["doc"] != "markup" for c in ch.regrouped for m in c["mentions"])
    finally:
        store.close()


def test_story_title_is_central_earliest_and_sticky() -> None:
    def doc(i: int, title: str) -> Document:
        return Document(id=f"d{i}", source=f"d{i}", text=title + "\nBody text here.",
                        title=title)

    docs = [doc(1, "Quake hits Qeshm island"), doc(2, "Quake on Qeshm island hurts five"),
            doc(3, "Iran quake: five hurt on Qeshm")]
    first = story_title(docs)
    assert first == "Quake hits Qeshm island"  # central; the earliest wins a tie
    stuffed = doc(4, "<b>Quake</b> Qeshm island Iran five hurt hits on &amp; more")
    assert story_title([*docs, stuffed], previous=first) == first
    assert "<" not in story_title([stuffed]) and "&amp;" not in story_title([stuffed])
    # the centre moves: most articles now share another headline's words
    moved = [doc(1, "Quake hits Qeshm island")] + [
        doc(i, f"Rescue teams reach Dargahan village after quake {i}") for i in range(2, 7)]
    assert story_title(moved, previous=first) != first


def test_changes_report_a_renamed_story_and_keep_regrouping_apart() -> None:
    old = {"title": "Quake hits Qeshm", "documents": ["a", "b"], "claims": [
        {"id": "c1", "text": "Five were hurt", "mentions": [{"doc": "a", "start": 0, "end": 9}]},
        {"id": "c2", "text": "Five people hurt",
         "mentions": [{"doc": "b", "start": 5, "end": 20}]}]}
    new = {"title": "Rescuers reach Dargahan", "documents": ["a", "b", "c"], "claims": [
        {"id": "c1", "text": "Five were hurt", "mentions": [
            {"doc": "a", "start": 0, "end": 9}, {"doc": "b", "start": 5, "end": 20},
            {"doc": "c", "start": 1, "end": 8}]}]}
    ch = diff_stories("s1", old, new)
    assert ch.renamed == {"was": "Quake hits Qeshm", "now": "Rescuers reach Dargahan"}
    assert [m["doc"] for c in ch.new_sources for m in c["mentions"]] == ["c"]
    assert [m["doc"] for c in ch.regrouped for m in c["mentions"]] == ["b"]
    assert not ch.new_claims
    from corroborator.commands.changes import render_text

    text = render_text(ch)
    assert "Title changed: was 'Quake hits Qeshm'; now 'Rescuers reach Dargahan'" in text
    assert "now also in c\n" in text and "Regrouped, not new (1)" in text
    assert "now also in b" not in text


def test_progress_on_a_terminal_is_one_line_rewritten_in_place() -> None:
    import pty

    from corroborator.progress import Ticker

    master, slave = pty.openpty()
    tty = os.fdopen(slave, "w")
    try:
        with Ticker("prepared", 40, stream=tty) as ticker:
            for _ in range(40):
                ticker.advance()
        tty.flush()
        os.set_blocking(master, False)
        shown = os.read(master, 65536).decode()
    finally:
        tty.close()
        os.close(master)
    assert "\rcorroborator: prepared 40/40 articles" in shown and "\n" not in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared at the end


def test_progress_off_a_terminal_is_a_line_per_fifth_and_silent_when_off(
        tmp_path: pathlib.Path) -> None:
    from corroborator.progress import Ticker

    with open(tmp_path / "log", "w") as log:
        with Ticker("prepared", 50, stream=log) as ticker:
            for _ in range(50):
                ticker.advance()
        with Ticker("prepared", 50, stream=log, enabled=False) as quiet:
            quiet.advance(50)
    assert (tmp_path / "log").read_text().splitlines() == [
        f"corroborator: prepared {n}/50 articles" for n in (10, 20, 30, 40, 50)]
