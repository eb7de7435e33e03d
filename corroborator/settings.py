"""One settings object for a run, instead of keyword arguments threaded everywhere."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

RERANK_MODES = ("on", "off", "int8")
_RERANK_ENV = {"1": "on", "0": "off", "on": "on", "off": "off", "int8": "int8"}


def rerank_from_env() -> str:
    """``CORROBORATOR_ATTRIBUTION_RERANK`` (1/on, 0/off, int8) as a mode; "on" unset."""
    value = os.environ.get("CORROBORATOR_ATTRIBUTION_RERANK", "on").strip().lower()
    return _RERANK_ENV.get(value, "on")


@dataclass
class Settings:
    # ingest
    recursive: bool = True
    include: list[str] = field(default_factory=list)  # glob filters on file names
    # in folders, read symbolic links that lead out of the folder (off: an error record)
    follow_links: bool = False
    text_field: str = "text"
    title_field: str = "title"
    url_field: str = "url"
    date_field: str = "published"
    # the outlet of file inputs whose own metadata and sidecar name none (--outlet)
    outlet: str | None = None
    allow_private: bool = False
    max_bytes: int = 20 * 1024 * 1024  # per input, after decompression
    fetch_timeout: float = 15.0
    max_redirects: int = 5
    url_files: list[str] = field(default_factory=list)  # files listing URLs, one a line
    # networks reachable even without allow_private (tests allow 127.0.0.1/32 only)
    fetch_allow_networks: list[str] = field(default_factory=list)
    max_records: int = 100_000  # per JSONL/JSON/CSV file, feed or WARC archive
    duplicate_threshold: float = 0.8  # MinHash Jaccard at which two inputs are one article
    # pipeline
    language: str = "en"
    # the attribution reranker (extract/attribution_rerank.py): "on", "off" (the logistic
    # scorer alone, faster) or "int8" (int8 linear layers, about three times faster); the
    # default comes from CORROBORATOR_ATTRIBUTION_RERANK
    attribution_rerank: str = field(default_factory=rerank_from_env)
    # a header date after this day is no publication date (None: no such check); it only
    # rules dates out and never supplies a year: the clock is no evidence (extract/published.py)
    today: date | None = None
    progress: bool = True
    # matching
    link_threshold: float = 0.6
    # corroborated only where the claim-pair model confirms two independent sources
    # (match/confirm.py); off by default while the model, fitted on MRPC, misses looser
    # cross-outlet wordings (docs/analyze.md)
    confirm_claims: bool = False
    # stories
    story_threshold: float = 0.5
