"""Ingest stage: every input shape becomes a Document, every failure an InputError.

Inputs are files, folders (recursive, glob filters), ``-`` for stdin, and http(s) URLs
(on the command line or in ``settings.url_files``). See docs/ingest.md.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import pathlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from corroborator.errors import InputRejected
from corroborator.ingest.bounded import read_stream_bounded
from corroborator.ingest.duplicates import mark_duplicates
from corroborator.ingest.language import detect_language, visible_text
from corroborator.ingest.readers import Result, from_bytes, from_path, stem_of
from corroborator.ingest.sidecar import apply_file_metadata, is_sidecar
from corroborator.model import Document, InputError
from corroborator.settings import Settings

__all__ = ["read_inputs", "mark_duplicates", "detect_languages", "Document", "InputError"]
PROGRESS_MIN_INPUTS = 5
Task = tuple[str, Callable[[], Result]]


def _walk(folder: pathlib.Path, settings: Settings
          ) -> tuple[list[pathlib.Path], list[InputError]]:
    """Files under a folder, and the links passed over with the reason.

    Hidden files and folders are skipped, so are FIFOs, sockets and devices. A symbolic
    link is read (a folder it names is walked) when it stays inside ``folder``; one that
    leaves it is an error record unless ``settings.follow_links``; a broken link or a link
    loop is an error record. Each folder is walked once (by device and inode), so links
    back up the tree cannot loop.
    """
    root = folder.resolve()
    found: list[pathlib.Path] = []
    errors: list[InputError] = []
    walked: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            info = current.stat()
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as e:
            errors.append(InputError(str(current), e.strerror or str(e)))
            continue
        if (info.st_dev, info.st_ino) in walked:
            continue
        walked.add((info.st_dev, info.st_ino))
        folders: list[pathlib.Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = pathlib.Path(entry.path)
            try:
                if entry.is_symlink():
                    problem = _link_problem(path, root, folder, settings)
                    if problem:
                        errors.append(InputError(str(path), problem))
                        continue
                if entry.is_dir():
                    if settings.recursive:
                        folders.append(path)
                    continue
                if not entry.is_file():  # FIFOs, sockets, devices
                    continue
            except OSError as e:
                errors.append(InputError(str(path), e.strerror or str(e)))
                continue
            if settings.include and not _included(path.relative_to(folder), settings.include):
                continue
            if is_sidecar(path):  # FILE.meta.json describes FILE; it is no article
                continue
            found.append(path)
        pending.extend(reversed(folders))  # depth first, in name order, as os.walk goes
    return found, errors


def _link_problem(link: pathlib.Path, root: pathlib.Path, folder: pathlib.Path,
                  settings: Settings) -> str | None:
    """Why a symbolic link inside ``folder`` is not read, or None when it is."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError) as e:  # RuntimeError: a loop, before Python 3.13
        try:
            points_to = os.readlink(link)
        except OSError:
            points_to = "?"
        if isinstance(e, FileNotFoundError):
            return f"broken symbolic link (to {points_to}, which does not exist)"
        return f"symbolic link loop (to {points_to})"
    if settings.follow_links or target.is_relative_to(root):
        return None
    return (f"symbolic link to {target} leaves the folder {folder}; not read "
            "(--follow-links reads it)")


def _included(relative: pathlib.Path, globs: list[str]) -> bool:
    """A glob without "/" matches the file name; one with "/" the path inside the folder."""
    return any(fnmatch.fnmatch(relative.as_posix() if "/" in g else relative.name, g)
               for g in globs)


def _url_lines(path: str, settings: Settings) -> tuple[list[str], list[InputError]]:
    try:
        with open(path, "rb") as f:
            data = read_stream_bounded(f, settings.max_bytes, "URL list")
    except (OSError, InputRejected) as e:
        return [], [InputError(path, getattr(e, "strerror", None) or str(e))]
    lines = [ln.strip() for ln in data.decode("utf-8", "replace").splitlines()]
    urls = [ln for ln in lines if ln and not ln.startswith("#")]
    if not urls:
        return [], [InputError(path, "URL list holds no URLs")]
    return urls, []


def _url_task(url: str, settings: Settings) -> Callable[[], Result]:
    def run() -> Result:
        from urllib.parse import urlsplit

        from corroborator.ingest.fetch import fetch

        got = fetch(url, settings)
        docs, errors = from_bytes(got.data, urlsplit(got.url).path, got.url, settings,
                                  got.content_type, stem=_url_stem(got.url))
        for d in docs:
            if d.url is None and d.source == got.url:
                d.url = got.url
        return docs, errors

    return run


def _url_stem(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    stem = stem_of(parts.path) if parts.path.strip("/") else ""
    return stem if stem and stem != "index" else (parts.hostname or "page").replace(".", "-")


def _stream_task(path: pathlib.Path, settings: Settings) -> Result:
    with path.open("rb") as f:
        data = read_stream_bounded(f, settings.max_bytes, "input")
    docs, errors = from_bytes(data, path.name, str(path), settings)
    return docs, errors + apply_file_metadata(docs, None, settings)


def _stdin_task(settings: Settings) -> Callable[[], Result]:
    def run() -> Result:
        data = read_stream_bounded(sys.stdin.buffer, settings.max_bytes, "standard input")
        docs, errors = from_bytes(data, "stdin", "-", settings)
        return docs, errors + apply_file_metadata(docs, None, settings)

    return run


def plan(inputs: list[str], settings: Settings) -> tuple[list[Task], list[InputError]]:
    """Turn inputs into one task per file, URL or stdin; missing paths become errors."""
    from corroborator.ingest.fetch import is_url

    tasks: list[Task] = []
    errors: list[InputError] = []
    urls: list[str] = []
    for item in inputs:
        p = pathlib.Path(item)
        if item == "-":
            tasks.append(("-", _stdin_task(settings)))
        elif p.is_dir():
            found, passed_over = _walk(p, settings)
            errors.extend(passed_over)
            if not found and not passed_over:
                errors.append(InputError(item, "folder holds no matching files"))
            tasks.extend((str(f), functools.partial(from_path, f, settings)) for f in found)
        elif p.is_file():
            tasks.append((item, functools.partial(from_path, p, settings)))
        elif is_url(item):
            urls.append(item)
        elif p.exists():  # a pipe such as /dev/fd/63 from <(command): read it, bounded
            tasks.append((item, functools.partial(_stream_task, p, settings)))
        else:
            errors.append(InputError(item, "no such file or folder"))
    for list_file in settings.url_files:
        more, errs = _url_lines(list_file, settings)
        urls.extend(more)
        errors.extend(errs)
    tasks.extend((u, _url_task(u, settings)) for u in urls)
    return tasks, errors


@contextmanager
def _progress(total: int, settings: Settings) -> Iterator[Callable[[], None]]:
    """For more than a few inputs: a rich progress bar on a terminal, else a plain line now
    and then (corroborator.progress); nothing with ``settings.progress`` off."""
    if not (settings.progress and total > PROGRESS_MIN_INPUTS):
        yield lambda: None
        return
    if not sys.stderr.isatty():
        from corroborator.progress import Ticker

        with Ticker("read", total, "inputs") as ticker:
            yield ticker.advance
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("reading", total=total)
        yield lambda: bar.advance(task)


def _run(source: str, task: Callable[[], Result]) -> Result:
    """One input's documents and errors; nothing it raises escapes as a traceback."""
    try:
        return task()
    except InputRejected as e:
        return [], [InputError(source, str(e).removeprefix(f"{source}: "))]
    except OSError as e:
        return [], [InputError(source, e.strerror or str(e))]
    except (MemoryError, RecursionError) as e:
        return [], [InputError(source, f"too large or too deeply nested ({type(e).__name__})")]
    except Exception as e:  # a reader bug must not stop the batch; tests look for this text
        return [], [InputError(source, f"internal error: {type(e).__name__}: {e}")]


def unique_ids(docs: list[Document]) -> None:
    """Make ids unique within the run: the second ``page`` becomes ``page-2``."""
    seen: set[str] = set()
    for d in docs:
        base, n = d.id or "doc", 2
        d.id = base
        while d.id in seen:
            d.id = f"{base}-{n}"
            n += 1
        seen.add(d.id)


def detect_languages(docs: list[Document]) -> None:
    """Set ``language`` (ISO 639-1) where unset, from the text or rough visible HTML text."""
    for d in docs:
        if d.language is None:
            try:
                d.language = detect_language(d.text if d.text.strip()
                                             else visible_text(d.raw or ""))
            except (ValueError, TypeError, RecursionError):
                d.language = None


def read_inputs(inputs: list[str], settings: Settings | None = None
                ) -> tuple[list[Document], list[InputError]]:
    """Read every input; unreadable ones become error records and the rest go on."""
    settings = settings or Settings()
    tasks, errors = plan(inputs, settings)
    docs: list[Document] = []
    with _progress(len(tasks), settings) as advance:
        for source, task in tasks:
            got, errs = _run(source, task)
            docs.extend(got)
            errors.extend(errs)
            advance()
    unique_ids(docs)
    detect_languages(docs)
    mark_duplicates(docs, settings.duplicate_threshold)
    return docs, errors
