"""JSON API under /api/: stories in the report format, and adding articles."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from corroborator.model import report_to_json
from corroborator.web.pages import add_documents, load_story
from corroborator.web.present import evidence_for, find_claim
from corroborator.web.security import same_origin
from corroborator.web.uploads import UploadError, documents_from_json

log = logging.getLogger("corroborator.web")


async def stories(request: Request) -> Response:
    listing = await request.app.state.runner.call(lambda s: s.list_stories())
    return JSONResponse({"stories": listing})


async def story(request: Request) -> Response:
    """One story and its documents as a report (texts included unless ?text=0)."""
    report, _ = await load_story(request, request.path_params["story_id"])
    with_text = request.query_params.get("text", "1") != "0"
    return JSONResponse(report_to_json(report, with_text=with_text))


async def claim(request: Request) -> Response:
    """A claim with each mention's exact quoted text."""
    report, st = await load_story(request, request.path_params["story_id"])
    c = find_claim(st, request.path_params["claim_id"])
    if c is None:
        raise HTTPException(404, "no such claim in this story")
    out = asdict(c)
    out["evidence"] = [{"doc": e.doc.id, "start": e.mention.start, "end": e.mention.end,
                        "outlet": e.outlet, "text": e.quote}
                       for e in evidence_for(report, c.mentions)]
    return JSONResponse(out)


async def add_articles(request: Request) -> Response:
    """POST JSON articles; a JSON content type makes browsers preflight cross-site calls."""
    if not same_origin(request):
        raise HTTPException(403, "cross-site request refused")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise HTTPException(415, "send the articles as application/json")
    try:
        payload = json.loads(await request.body())
        docs = documents_from_json(payload)
    except (ValueError, UploadError) as e:
        raise HTTPException(400, str(e).splitlines()[0] if str(e) else "bad JSON") from None
    try:
        ids = await add_documents(request, docs)
    except Exception as e:  # reported as one line, never a traceback
        log.error("adding articles failed: %s", e)
        raise HTTPException(500, f"the articles could not be added: {e}") from None
    return JSONResponse({"stories": ids, "documents": [d.id for d in docs]}, status_code=201)
