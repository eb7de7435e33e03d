"""What the reader says about a file: a sidecar ``FILE.meta.json`` and ``--outlet``.

A sidecar sits beside the file it describes (``003.txt`` -> ``003.txt.meta.json``) and holds
a JSON object with any of ``outlet``, ``url``, ``published`` (a date) and ``title``; it
fills what the file itself does not say (a record's own ``outlet`` field wins over it). A
folder walk reads sidecars only as sidecars, never as articles. ``--outlet NAME``
(``Settings.outlet``) names the outlet of every file input whose own metadata and sidecar
name none; evidence in the text never overrides it (docs/ingest.md, "Outlets").
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

from corroborator.ingest.dates import iso_date
from corroborator.model import Document, InputError
from corroborator.settings import Settings

__all__ = ["SIDECAR_SUFFIX", "sidecar_path", "is_sidecar", "apply_file_metadata"]

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 64 * 1024
_FIELDS = ("outlet", "url", "published", "title")


def sidecar_path(path: pathlib.Path) -> pathlib.Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(path: pathlib.Path) -> bool:
    """A ``X.meta.json`` whose file ``X`` is beside it: metadata, not an article."""
    name = path.name
    if not name.endswith(SIDECAR_SUFFIX) or len(name) == len(SIDECAR_SUFFIX):
        return False
    return path.with_name(name[: -len(SIDECAR_SUFFIX)]).is_file()


def _read_sidecar(path: pathlib.Path) -> tuple[dict[str, str], InputError | None]:
    side = sidecar_path(path)
    try:
        if not side.is_file():
            return {}, None
        if side.stat().st_size > MAX_SIDECAR_BYTES:
            return {}, InputError(str(side), f"sidecar larger than {MAX_SIDECAR_BYTES} bytes; "
                                             "not read")
        data: Any = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return {}, InputError(str(side), f"sidecar not read ({type(e).__name__}); the file "
                                         "was read without it")
    if not isinstance(data, dict):
        return {}, InputError(str(side), "sidecar is not a JSON object; the file was read "
                                         "without it")
    out = {k: " ".join(v.split())[:500] for k in _FIELDS
           if isinstance(v := data.get(k), str) and v.strip()}
    return out, None


def apply_file_metadata(docs: list[Document], path: pathlib.Path | None,
                        settings: Settings) -> list[InputError]:
    """Fill outlet, address, date and title from the sidecar of ``path`` (if any), then the
    outlet from ``settings.outlet``; returns the sidecar's problem, if it has one."""
    meta, problem = _read_sidecar(path) if path is not None else ({}, None)
    where = sidecar_path(path).name if path is not None else ""
    for d in docs:
        if meta.get("outlet") and not d.outlet:
            d.outlet, d.outlet_basis = meta["outlet"], "sidecar"
            d.outlet_evidence = f"{where}: outlet"
        if meta.get("url") and not d.url:
            d.url = meta["url"]
        published = iso_date(meta.get("published"))
        if published and not d.published:
            d.published, d.published_basis = published, "metadata"
            d.published_evidence = f"{where}: published"
        if meta.get("title") and not d.title:
            d.title = meta["title"]
        if settings.outlet and not d.outlet:
            d.outlet, d.outlet_basis, d.outlet_evidence = settings.outlet, "option", "--outlet"
    return [problem] if problem else []
