"""Error answers: JSON under /api/, an HTML page elsewhere (docs/web.md, "JSON API").

Every error the app or its middleware gives goes through :func:`error_response`, so the
JSON API never answers with text/plain and the pages never answer with JSON.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import HTMLResponse, JSONResponse, Response

from corroborator.web.templating import environment

API_PREFIX = "/api/"


def is_api(path: str) -> bool:
    return path.startswith(API_PREFIX) or path == API_PREFIX.rstrip("/")


def error_response(path: str, status: int, message: str,
                   headers: Mapping[str, str] | None = None) -> Response:
    """``{"error": message}`` for the JSON API, the error page (message escaped) otherwise."""
    message = " ".join(message.split()) or "error"
    if is_api(path):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    page = environment().get_template("error.html").render({"status": status, "message": message})
    return HTMLResponse(page, status_code=status, headers=headers)


def size_text(limit: int) -> str:
    """5242880 -> '5 MB'; 65536 -> '64 KB'; 1000 -> '1000 bytes'."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{limit} bytes"
