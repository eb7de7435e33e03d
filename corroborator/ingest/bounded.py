"""Size-limited reading of files, streams and gzip data, so no input can fill memory."""

from __future__ import annotations

import pathlib
import zlib
from typing import BinaryIO

from corroborator.errors import InputRejected

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 64 * 1024


def read_stream_bounded(stream: BinaryIO, limit: int, what: str = "input") -> bytes:
    """Read at most ``limit`` bytes; more than that is an error, not a truncation."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputRejected(f"{what} is over the {limit}-byte limit")
    return data


def read_file_bounded(path: pathlib.Path, limit: int) -> bytes:
    """A whole file, refused when larger than ``limit`` bytes."""
    size = path.stat().st_size
    if size > limit:
        raise InputRejected(f"{size} bytes is over the {limit}-byte limit")
    with path.open("rb") as f:
        return read_stream_bounded(f, limit, "file")


def gunzip_bounded(data: bytes, limit: int) -> bytes:
    """Decompress gzip (multi-member too) producing at most ``limit`` bytes, else refuse."""
    out = bytearray()
    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while not d.eof:
                piece = d.decompress(rest, _CHUNK)
                rest = d.unconsumed_tail
                out += piece
                if len(out) > limit:
                    raise InputRejected(f"decompresses to over the {limit}-byte limit")
                if not piece and not rest:
                    break
        except zlib.error as e:
            raise InputRejected(f"damaged gzip data ({e})") from None
        if not d.eof:
            raise InputRejected("truncated gzip data")
        rest = d.unused_data
        if rest and not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage after the last member, as gzip(1) tolerates
    return bytes(out)


def inflate_bounded(data: bytes, encoding: str, limit: int) -> bytes:
    """Undo an HTTP Content-Encoding (gzip or deflate) within ``limit`` bytes."""
    if encoding in ("gzip", "x-gzip"):
        return gunzip_bounded(data, limit)
    if encoding == "deflate":
        for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
            d = zlib.decompressobj(wbits)
            try:
                out = d.decompress(data, limit + 1)
            except zlib.error:
                continue
            if len(out) > limit or d.unconsumed_tail:
                raise InputRejected(f"decompresses to over the {limit}-byte limit")
            return out
        raise InputRejected("damaged deflate data")
    if encoding in ("", "identity"):
        return data
    raise InputRejected(f"unsupported content encoding {encoding!r}")
