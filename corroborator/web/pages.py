"""HTML views: story list, story page, claim evidence, article text, upload form."""

from __future__ import annotations

import logging
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from corroborator.model import Document, Report, Story
from corroborator.report.html import render_html
from corroborator.web.context import claim_context, document_context, story_context
from corroborator.web.errors import error_response
from corroborator.web.present import find_claim
from corroborator.web.security import (
    BRIEF_CSP,
    CSRF_COOKIE,
    csrf_ok,
    new_csrf_token,
    same_origin,
)
from corroborator.web.templating import environment, path_segment
from corroborator.web.uploads import UploadError, decode_upload, make_document

log = logging.getLogger("corroborator.web")
MAX_FILES = 20
FORM_FIELDS = ("title", "outlet", "url", "published", "text")


def render(name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    return HTMLResponse(environment().get_template(name).render(ctx), status_code=status)


async def load_story(request: Request, story_id: str) -> tuple[Report, Story]:
    """The story's report from the store, or 404."""
    report = await request.app.state.runner.call(lambda s: s.story_report(story_id))
    story = next((s for s in report.stories if s.id == story_id), None) if report else None
    if report is None or story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return report, story


async def add_documents(request: Request, docs: list[Document]) -> list[str]:
    settings = request.app.state.settings
    ids: list[str] = await request.app.state.runner.call(
        lambda s: s.add_documents(docs, settings))
    return ids


async def story_list(request: Request) -> Response:
    stories = await request.app.state.runner.call(lambda s: s.list_stories())
    return render("index.html", {"stories": stories})


async def story_page(request: Request) -> Response:
    report, story = await load_story(request, request.path_params["story_id"])
    show = request.query_params.get("removed") == "1"
    return render("story.html", story_context(report, story, show_removed=show))


async def story_brief(request: Request) -> Response:
    report, story = await load_story(request, request.path_params["story_id"])
    name = "".join(ch for ch in story.id if ch.isalnum() or ch in "-_")[:60] or "story"
    return HTMLResponse(render_html(report), headers={
        "content-security-policy": BRIEF_CSP,
        "content-disposition": f'attachment; filename="brief-{name}.html"',
    })


async def claim_page(request: Request) -> Response:
    report, story = await load_story(request, request.path_params["story_id"])
    claim = find_claim(story, request.path_params["claim_id"])
    if claim is None:
        raise HTTPException(404, "no such claim in this story")
    return render("claim.html", claim_context(report, story, claim))


async def document_page(request: Request) -> Response:
    report, story = await load_story(request, request.path_params["story_id"])
    doc_id = request.path_params["doc_id"]
    if doc_id not in story.documents:
        raise HTTPException(404, "no such article in this story")
    claim_id = request.query_params.get("claim")
    claim = find_claim(story, claim_id) if claim_id else None
    show = request.query_params.get("removed") == "1"
    return render("document.html", document_context(report, story, report.doc(doc_id), claim, show))


def _upload_page(request: Request, error: str = "", form: dict[str, str] | None = None,
                 status: int = 200) -> Response:
    token = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    max_mb = request.app.state.max_upload_bytes / (1024 * 1024)
    resp = render("upload.html", {
        "csrf": token, "error": error, "max_mb": f"{max_mb:g}",
        "form": {k: (form or {}).get(k, "") for k in FORM_FIELDS},
    }, status)
    resp.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return resp


async def upload_form(request: Request) -> Response:
    return _upload_page(request)


async def _documents_from_form(form: Any) -> list[Document]:
    meta = {k: v for k in ("title", "outlet", "url", "published")
            if isinstance(v := form.get(k), str)}
    docs: list[Document] = []
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        docs.append(make_document(text, meta))
    for f in form.getlist("files"):
        if isinstance(f, UploadFile) and f.filename:
            data = await f.read()
            name = f.filename
            docs.append(make_document(decode_upload(data, name), meta, name))
    if not docs:
        raise UploadError("paste an article's text or choose a file")
    return docs


async def upload_post(request: Request) -> Response:
    """The upload form: same-origin and CSRF token checked, then the articles are added."""
    if not same_origin(request):
        raise HTTPException(403, "cross-site form submission refused")
    limit = request.app.state.max_upload_bytes
    async with request.form(max_files=MAX_FILES, max_fields=20, max_part_size=limit) as form:
        if not csrf_ok(request, form.get("csrf")):
            raise HTTPException(403, "the form's security token is missing or stale; reload it")
        kept = {k: v for k in FORM_FIELDS if isinstance(v := form.get(k), str)}
        try:
            docs = await _documents_from_form(form)
        except UploadError as e:
            return _upload_page(request, str(e), kept, 400)
    try:
        ids = await add_documents(request, docs)
    except Exception as e:  # one bad batch must not take the server down
        log.error("adding uploaded articles failed: %s", e)
        return _upload_page(request, f"the articles could not be added: {e}", kept, 500)
    target = f"/stories/{path_segment(ids[0])}" if ids else "/"
    return RedirectResponse(target, status_code=303)


async def http_error(request: Request, exc: Exception) -> Response:
    """Every error answer: JSON under /api/, the error page elsewhere (errors.py)."""
    if isinstance(exc, HTTPException):
        status, detail, headers = exc.status_code, exc.detail, exc.headers
        if status == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        elif status == 405 and detail == "Method Not Allowed":
            detail = f"{request.method} is not allowed at {request.url.path}"
    else:  # reported as one line, never a traceback
        log.error("%s %s failed: %r", request.method, request.url.path, exc)
        status, detail, headers = 500, "internal error; the server log has the details", None
    return error_response(request.url.path, status, detail, headers)


EXCEPTION_HANDLERS: dict[Any, Any] = {HTTPException: http_error, Exception: http_error}
