"""Shared fixtures: real files, the real spaCy model, the shared data sets.

A test whose shared data set is missing is skipped, unless CORROBORATOR_REQUIRE_SHARED=1
(set by .ci/run): then it fails, so CI cannot pass without running them.
"""

from __future__ import annotations

import os
import pathlib
import re
from collections import Counter
from typing import NoReturn

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
SHARED = ROOT.parent / "shared"
REQUIRE_SHARED = "CORROBORATOR_REQUIRE_SHARED"


def shared_missing(what: str) -> NoReturn:
    """Skip the test for want of shared data; fail it when REQUIRE_SHARED is set."""
    if os.environ.get(REQUIRE_SHARED, "") not in ("", "0"):
        pytest.fail(f"{what} is missing and {REQUIRE_SHARED} is set: the shared data sets "
                    f"must lie beside the checkout ({SHARED})", pytrace=False)
    pytest.skip(f"{what} is missing")


def require_shared(path: pathlib.Path, what: str) -> pathlib.Path:
    """``path`` if it exists, else skip (or fail, under REQUIRE_SHARED) naming ``what``."""
    if not path.exists():
        shared_missing(f"{what} ({path})")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> pathlib.Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> pathlib.Path:
    return require_shared(SHARED, "../shared (the shared data sets beside this checkout)")


@pytest.fixture(scope="session")
def nlp():
    from corroborator.extract.parse import load_nlp

    return load_nlp()


def check_report_spans(obj: dict) -> int:
    """Every span of a JSON report lies inside its document and is non-empty.

    Returns how many spans were checked, so a caller can assert it saw some.
    """
    texts = {d["id"]: d["text"] for d in obj["documents"]}
    n = 0

    def check(doc: str, start: int, end: int, expect: str | None = None) -> None:
        nonlocal n
        assert doc in texts, f"span names unknown document {doc!r}"
        assert 0 <= start < end <= len(texts[doc]), (doc, start, end)
        assert texts[doc][start:end].strip(), (doc, start, end)
        if expect is not None:
            assert texts[doc][start:end] == expect
        n += 1

    for d in obj["documents"]:
        for r in d["removed"]:
            check(d["id"], r["start"], r["end"])
    for s in obj["stories"]:
        for c in s["claims"]:
            for m in c["mentions"]:
                check(m["doc"], m["start"], m["end"])
        for f in s["figures"]:
            for v in f["values"]:
                for m in v["mentions"]:
                    check(m["doc"], m["start"], m["end"])
        for dm in s["dates"]:
            check(dm["doc"], dm["start"], dm["end"], dm["text"])
    return n


@pytest.fixture(scope="session")
def seed_report() -> dict:
    """The JSON report of `analyze` over the bundled seeds (built once per session)."""
    import json

    from corroborator.pipeline import analyze
    from corroborator.report.json_report import render_json

    return json.loads(render_json(analyze([str(SEEDS)])))


_WORD = re.compile(r"\w+")


def shingle_f1(gold: str, pred: str) -> float:
    """F1 over word 4-gram shingles, as the article-extraction benchmarks count it."""
    def sh(t: str) -> Counter[tuple[str, ...]]:
        w = _WORD.findall(t)
        return Counter(tuple(w[i:i + 4]) for i in range(max(0, len(w) - 3)))

    g, p = sh(gold), sh(pred)
    tp = sum((g & p).values())
    return 2 * tp / (sum(g.values()) + sum(p.values())) if tp else 0.0
