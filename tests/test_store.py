"""The SQLite store: transactions per article, no-op re-adds, migrations, threads, CLI."""

from __future__ import annotations

import json
import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from corroborator.cli import main
from corroborator.ingest import read_inputs
from corroborator.settings import Settings
from corroborator.store import Store, content_hash, parse_since
from corroborator.store.changes import diff_stories
from corroborator.store.schema import MIGRATIONS

ROOT = pathlib.Path(__file__).resolve().parents[1]

QUAKE_A = ("Quake hits island off southern Iran\nA 5.6 magnitude earthquake struck Qeshm island "
           "in the Gulf on Sunday, the Iranian Students News Agency said. Five people were "
           "hurt in the village of Dargahan, local officials told ISNA.\n")
QUAKE_B = ("Five hurt as earthquake shakes Qeshm\nAn earthquake measuring 5.6 jolted Qeshm "
           "island off Iran on Sunday, ISNA reported. Officials in Dargahan said five people "
           "were injured and several houses were damaged.\n")
REHAB = ("Tara Reid enters rehab in Malibu\nActress Tara Reid has checked into the Promises "
         "Treatment Center in Malibu, California, her representative Jack Ketsoyan told "
         "People magazine on Tuesday.\n")


def _write(folder: pathlib.Path, texts: dict[str, str]) -> pathlib.Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store_with_two(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, pathlib.Path]:
    tmp = tmp_path_factory.mktemp("store")
    folder = _write(tmp / "in", {"quake_a": QUAKE_A, "rehab": REHAB})
    store = Store(str(tmp / "c.db"))
    docs, errors = read_inputs([str(folder)], Settings(progress=False))
    assert not errors
    store.add(docs)
    return store, tmp


def test_add_groups_and_readd_is_noop(store_with_two: tuple[Store, pathlib.Path]) -> None:
    store, tmp = store_with_two
    rows = store.list_stories()
    assert len(rows) == 2 and all(r["documents"] == 1 for r in rows)
    docs, _ = read_inputs([str(tmp / "in")], Settings(progress=False))
    again = store.add(docs)
    assert not again.added and len(again.duplicates) == 2
    assert store.counts() == {"articles": 2, "stories": 2}


def test_same_event_joins_and_changes_show_it(store_with_two: tuple[Store, pathlib.Path]) -> None:
    store, tmp = store_with_two
    folder = _write(tmp / "more", {"quake_b": QUAKE_B})
    docs, _ = read_inputs([str(folder)], Settings(progress=False))
    res = store.add(docs)
    assert len(res.added) == 1 and not res.added[0][2]  # joined, no new story
    sid = res.added[0][1]
    report = store.story_report(sid)
    assert report is not None and {d.id for d in report.documents} == {"quake_a", "quake_b"}
    for d in report.documents:  # provenance survives the round trip through the store
        for c in report.stories[0].claims:
            for m in c.mentions:
                if m.doc == d.id:
                    assert 0 <= m.start < m.end <= len(d.text)
    ch = store.changes(sid, "last")
    assert ch is not None and ch.new_documents == ["quake_b"] and ch.since is not None
    everything = store.changes(sid, "2000-01-01")
    assert everything is not None and everything.since is None
    assert set(everything.new_documents) == {"quake_a", "quake_b"}


def test_diff_finds_new_sources_figures_and_denials() -> None:
    old = {"documents": ["a"], "claims": [
        {"id": "c1", "text": "Five were hurt", "kind": "quantity", "status": [],
         "mentions": [{"doc": "a", "start": 0, "end": 14}]}],
        "figures": [{"subject": "hurt", "unit": None,
                     "values": [{"value": 5, "mentions": [{"doc": "a"}]}]}]}
    new = {"documents": ["a", "b"], "claims": [
        {"id": "c2", "text": "Five were hurt", "kind": "quantity", "status": ["corroborated"],
         "mentions": [{"doc": "a", "start": 0, "end": 14}, {"doc": "b", "start": 3, "end": 9}]},
        {"id": "c1", "text": "Officials deny any deaths", "kind": "denial", "status": [],
         "mentions": [{"doc": "b", "start": 20, "end": 44}]}],
        "figures": [{"subject": "hurt", "unit": None,
                     "values": [{"value": 5, "mentions": [{"doc": "a"}]},
                                {"value": 7, "mentions": [{"doc": "b"}]}]}]}
    ch = diff_stories("s1", old, new)
    assert [c["text"] for c in ch.new_claims] == ["Officials deny any deaths"]
    assert [c["was"] for c in ch.new_sources] == ["c1"]
    assert ch.new_sources[0]["mentions"][0]["doc"] == "b"
    assert [d["text"] for d in ch.new_denials] == ["Officials deny any deaths"]
    assert ch.changed_figures and ch.changed_figures[0]["now"][1][0] == 7
    assert diff_stories("s1", new, new).empty()


def test_migrations_version_and_reopen(tmp_path: pathlib.Path) -> None:
    path = str(tmp_path / "m.db")
    Store(path).close()
    s = Store(path)
    assert s.version == len(MIGRATIONS) and s.integrity_ok()
    mode = s.conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    s.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99)")
    conn.commit()
    conn.close()
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)


def test_parse_since() -> None:
    assert parse_since("2024-10-27").startswith("2024-10-27T00:00:00")
    with pytest.raises(ValueError):
        parse_since("yesterday-ish")


def test_threads_share_one_store(store_with_two: tuple[Store, pathlib.Path]) -> None:
    store, _ = store_with_two
    sid = store.list_stories()[0]["id"]
    seen: list[int] = []

    def read() -> None:
        for _ in range(20):
            rep = store.story_report(sid)
            assert rep is not None
            seen.append(len(store.list_stories()))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 80 and set(seen) == {len(store.list_stories())}


def test_cli_stories_show_changes(store_with_two: tuple[Store, pathlib.Path],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    store, tmp = store_with_two
    db = store.path
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    sid = rows[0]["id"]
    assert {"id", "title", "documents", "outlets", "first_seen", "last_seen",
            "corroborated", "contested"} <= set(rows[0])
    assert main(["stories", "--db", db]) == 0
    assert sid in capsys.readouterr().out
    assert main(["show", sid, "--db", db, "--format", "json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["stories"][0]["id"] == sid
    assert main(["show", "nope", "--db", db]) == 1
    assert "no story" in capsys.readouterr().err
    assert main(["changes", sid, "--db", db, "--since", "2000-01-01"]) == 0
    assert "Changes in" in capsys.readouterr().out
    assert main(["stories", "--db", str(tmp / "absent.db")]) == 1
    assert "no store" in capsys.readouterr().err


@pytest.mark.slow
def test_sigkill_mid_batch_leaves_committed_articles_intact(tmp_path: pathlib.Path,
                                                            shared_dir: pathlib.Path) -> None:
    src = shared_dir / "data" / "ecbplus" / "text"
    folder = tmp_path / "in"
    folder.mkdir()
    names = sorted(p.name for p in src.glob("*.txt"))[:48]
    for n in names:
        (folder / n).write_bytes((src / n).read_bytes())
    db = tmp_path / "k.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "corroborator.cli", "add", str(folder),
                             "--db", str(db), "-q"], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed = 0
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as c:
                        committed = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.Error:
                    continue
                if committed >= 20:
                    break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert committed >= 1, "add never committed an article"
    store = Store(str(db))
    assert store.integrity_ok()
    counts = store.counts()
    assert counts["articles"] >= committed and counts["articles"] < len(names)
    rows = store.conn.execute("SELECT doc_id, story_id, source FROM articles").fetchall()
    for doc_id, story_id, source in rows:
        docs = store.story_documents(story_id)
        stored = next(d for d in docs if d.id == doc_id)
        assert stored.text == pathlib.Path(source).read_text(encoding="utf-8")
        assert stored.sentences and all(0 <= s.start < s.end <= len(stored.text)
                                        for s in stored.sentences)
    total = store.conn.execute("SELECT SUM(size) FROM stories").fetchone()[0]
    assert total == counts["articles"]  # index sums match the rows: no half article
    store.rebuild_dirty()
    assert all(not r["stale"] for r in store.list_stories())
    store.close()
    docs, _ = read_inputs([str(folder)], Settings(progress=False))
    assert len({content_hash(d) for d in docs}) == len(names)


def test_rebuild_reuses_stored_sentence_vectors(tmp_path: pathlib.Path, monkeypatch) -> None:
    """A story's sentences are encoded once: rebuilt in a new process (the in-memory
    cache empty), nothing is encoded again; after an article is added, only what is new."""
    from corroborator.extract import embed as embed_module

    encoded: list[str] = []
    real = embed_module.load_encoder()

    class Counting:
        def encode(self, texts: list[str], **kw: object) -> object:
            encoded.extend(texts)
            return real.encode(texts, **kw)

    monkeypatch.setattr(embed_module, "load_encoder", lambda: Counting())
    monkeypatch.setattr(embed_module, "_CACHE", type(embed_module._CACHE)())
    store = Store(str(tmp_path / "v.db"))
    settings = Settings(progress=False)
    docs, _ = read_inputs([str(_write(tmp_path / "a", {"quake_a": QUAKE_A}))], settings)
    store.add(docs)
    stored = store.conn.execute("SELECT COUNT(*) FROM text_vectors").fetchone()[0]
    first = set(encoded)
    assert stored > 0 and first
    embed_module._CACHE.clear()  # as in a new process
    encoded.clear()
    (sid,) = [r["id"] for r in store.list_stories()]
    store.rebuild_story(sid, settings)
    assert encoded == []  # every vector read back from the store
    docs, _ = read_inputs([str(_write(tmp_path / "b", {"quake_b": QUAKE_B}))], settings)
    store.add(docs)
    assert encoded and not set(encoded) & first  # the new article's sentences only
    assert store.conn.execute("SELECT COUNT(*) FROM text_vectors").fetchone()[0] > stored
