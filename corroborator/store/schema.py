"""The store's schema as numbered migrations; opening a store brings it up to date."""

from __future__ import annotations

import sqlite3
import time

# Each entry moves the schema from version i to i + 1. Never edit a shipped entry: append.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        rowid_ INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        story_id TEXT,
        source TEXT, outlet TEXT, title TEXT, published TEXT, skipped TEXT,
        added_at TEXT NOT NULL,
        document BLOB NOT NULL
    );
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL DEFAULT 0,
        sums BLOB NOT NULL,
        embedding BLOB NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        dirty INTEGER NOT NULL DEFAULT 1,
        built_at TEXT,
        story BLOB,
        corroborated INTEGER NOT NULL DEFAULT 0,
        contested INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE story_history (
        story_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        built_at TEXT NOT NULL,
        story BLOB NOT NULL,
        PRIMARY KEY (story_id, seq)
    );
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE entity_postings (
        term TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (term, story_id)
    ) WITHOUT ROWID;
    CREATE TABLE lsh_bands (
        band TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (band, story_id)
    ) WITHOUT ROWID;
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO counters VALUES ('documents', 0), ('next_story', 1), ('generation', 0);
    """,
    # sentence vectors by extract.embed.text_key (encoder and text hashed), float32 bytes:
    # a story rebuilt after an article is added encodes only what is new (issue 36)
    """
    CREATE TABLE text_vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID;
    """,
]


def schema_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def enable_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Put the file in WAL mode. SQLite does not wait for a lock for this (no busy handler),
    so while another process sets up the same new file it is retried, up to ``timeout``."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _check_not_newer(current: int) -> None:
    if current > len(MIGRATIONS):
        raise RuntimeError(f"store schema version {current} is newer than this program "
                           f"({len(MIGRATIONS)}); upgrade corroborator")


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration the file lacks, each in its own transaction; returns the version.

    The version is read again inside each transaction: another process opening the same
    new file at the same time may have applied that migration first."""
    current = schema_version(conn)
    _check_not_newer(current)
    for version in range(current + 1, len(MIGRATIONS) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            _check_not_newer(current)
            if current >= version:
                conn.execute("COMMIT")
                continue
            for statement in MIGRATIONS[version - 1].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (?)", (version,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)
