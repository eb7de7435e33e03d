"""Prepared ECB+ documents, parsed once and cached as JSON (bench helper)."""

from __future__ import annotations

import json
import pathlib
import sys
import time
from dataclasses import asdict

from corroborator.model import Document, document_from_json
from corroborator.settings import Settings

ROOT = pathlib.Path(__file__).resolve().parents[1]
CACHE_DIR = ROOT / "out" / "bench-cache"


def prepare_docs(docs: list[Document], settings: Settings) -> list[Document]:
    """The pipeline's per-document work (imported lazily; the match stage may be absent)."""
    try:
        from corroborator.pipeline import prepare
    except ImportError:
        from corroborator.clean import clean_documents
        from corroborator.extract import extract_documents

        return extract_documents(clean_documents(docs, settings))
    return prepare(docs, settings)


def prepared_folder(folder: pathlib.Path, name: str, limit: int | None = None) -> list[Document]:
    """Ingest and prepare every file in ``folder``; reuse the cache when present."""
    cache = CACHE_DIR / f"{name}.jsonl"
    if cache.exists():
        with cache.open() as f:
            return [document_from_json(json.loads(line)) for line in f]
    from corroborator.ingest import read_inputs

    settings = Settings(progress=False)
    docs, errors = read_inputs([str(folder)], settings)
    docs = docs[:limit] if limit else docs
    t0 = time.perf_counter()
    out: list[Document] = []
    for i in range(0, len(docs), 32):
        out.extend(prepare_docs(docs[i : i + 32], settings))
        print(f"prepared {len(out)}/{len(docs)} in {time.perf_counter() - t0:.0f}s",
              file=sys.stderr)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("w") as f:
        for d in out:
            f.write(json.dumps(asdict(d)) + "\n")
    tmp.replace(cache)
    return out


if __name__ == "__main__":
    prepared_folder(pathlib.Path(sys.argv[1]), sys.argv[2])
