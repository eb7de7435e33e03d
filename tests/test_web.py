"""The web app over HTTP: a real uvicorn server on 127.0.0.1, real requests, seed articles."""

from __future__ import annotations

import html
import json
import pathlib
import re
from collections.abc import Iterator

import httpx
import pytest

from corroborator.model import Report, report_to_json
from corroborator.web.app import create_app
from corroborator.web.memory_store import MemoryStore
from corroborator.web.uploads import UploadError, documents_from_json, make_document
from tests.test_web_support import running_server, seed_report

LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def report(seeds_dir) -> Report:
    return seed_report(seeds_dir)


@pytest.fixture(scope="module")
def base(report: Report) -> Iterator[str]:
    app = create_app(lambda: MemoryStore(report), max_upload_bytes=LIMIT)
    with running_server(app) as url:
        yield url


def marks(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", page, re.S)]


def test_every_response_carries_the_security_headers(base: str) -> None:
    for path in ("/", "/stories/s1", "/api/stories", "/static/style.css", "/nowhere"):
        r = httpx.get(base + path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


def test_story_list_links_each_story(base: str, report: Report) -> None:
    page = httpx.get(base + "/").text
    assert 'href="/stories/s1"' in page
    assert html.escape(report.stories[0].title, quote=False) in page


def test_story_page_groups_claims_by_verdict(base: str, report: Report) -> None:
    page = httpx.get(base + "/stories/s1").text
    order = [page.index(f'id="group-{v}"') for v in ("corroborated", "contested", "single-source")]
    assert order == sorted(order)
    for c in report.stories[0].claims:
        assert f'href="/stories/s1/claims/{c.id}"' in page
    assert "<svg" in page and "12,000" in page
    assert 'id="coverage"' in page and 'id="timeline"' in page
    assert "<details>" in page and "advertisement" in page  # furniture, closed until asked
    assert "<details open>" in httpx.get(base + "/stories/s1?removed=1").text


def test_claim_page_marks_exactly_each_mention(base: str, report: Report) -> None:
    claim = report.stories[0].claims[0]
    page = httpx.get(f"{base}/stories/s1/claims/{claim.id}").text
    expected = [report.doc(m.doc).text[m.start:m.end] for m in claim.mentions]
    assert marks(page) == expected
    assert len({m.doc for m in claim.mentions}) >= 3


def test_document_page_shows_removed_furniture_only_on_request(base: str, report: Report) -> None:
    doc = next(d for d in report.documents if d.removed)
    r = doc.removed[0]
    hidden = httpx.get(f"{base}/stories/s1/documents/{doc.id}").text
    shown = httpx.get(f"{base}/stories/s1/documents/{doc.id}?removed=1").text
    assert "removed-text" not in hidden and "removed-text" in shown
    assert f"[{r.reason}]" in shown


def test_unknown_ids_are_404_pages_and_json(base: str) -> None:
    assert httpx.get(base + "/stories/nope").status_code == 404
    assert httpx.get(base + "/stories/s1/claims/nope").status_code == 404
    assert httpx.get(base + "/stories/s1/documents/nope").status_code == 404
    r = httpx.get(base + "/api/stories/nope")
    assert r.status_code == 404 and "error" in r.json()


def test_api_story_is_the_report_format(base: str, report: Report) -> None:
    listing = httpx.get(base + "/api/stories").json()["stories"]
    assert [s["id"] for s in listing] == ["s1"] and listing[0]["documents"] == 5
    got = httpx.get(base + "/api/stories/s1").json()
    assert got == json.loads(json.dumps(report_to_json(report)))
    claim = httpx.get(base + "/api/stories/s1/claims/c1").json()
    for ev in claim["evidence"]:
        assert report.doc(ev["doc"]).text[ev["start"]:ev["end"]] == ev["text"]


def test_brief_download_has_no_script_and_its_own_csp(base: str) -> None:
    r = httpx.get(base + "/stories/s1/brief.html")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert "<script" not in r.text.lower()


def test_oversize_upload_is_413(base: str) -> None:
    body = json.dumps({"text": "x" * (LIMIT + 10)})
    r = httpx.post(base + "/api/articles", content=body,
                   headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_oversize_streamed_upload_is_413(base: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(LIMIT // 1024 + 4):
            yield b"y" * 1024

    r = httpx.post(base + "/api/articles", content=chunks(),
                   headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_api_post_refuses_cross_site_and_non_json(base: str) -> None:
    body = json.dumps({"text": "Something happened."})
    r = httpx.post(base + "/api/articles", content=body,
                   headers={"content-type": "application/json", "origin": "https://evil.example"})
    assert r.status_code == 403
    r = httpx.post(base + "/api/articles", content=body, headers={"content-type": "text/plain"})
    assert r.status_code == 415
    r = httpx.post(base + "/api/articles", content=b"{not json",
                   headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]


def test_form_post_needs_the_csrf_token_and_same_origin(base: str) -> None:
    with httpx.Client(base_url=base) as client:
        form = client.get("/upload")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert token and client.cookies.get("corroborator_csrf") == token.group(1)
        r = client.post("/upload", data={"csrf": "forged" * 8, "text": "Something."})
        assert r.status_code == 403
        r = client.post("/upload", data={"csrf": token.group(1), "text": "Something."},
                        headers={"origin": "https://evil.example"})
        assert r.status_code == 403
        r = client.post("/upload", data={"csrf": token.group(1), "text": "   "})
        assert r.status_code == 400 and "choose a file" in r.text
    # a fresh client (no cookie) cannot replay a token it read elsewhere
    r = httpx.post(base + "/upload", data={"csrf": token.group(1), "text": "Something."})
    assert r.status_code == 403


def test_requests_for_other_host_names_are_refused(base: str) -> None:
    r = httpx.get(base + "/", headers={"host": "attacker.example"})
    assert r.status_code == 400


def test_documented_api_payload_makes_articles() -> None:
    doc_md = (pathlib.Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text()
    block = re.search(r"```json\n(.*?)```", doc_md, re.S)
    assert block, "docs/web.md lost its JSON example"
    payload = json.loads(block.group(1))
    (doc,) = documents_from_json(payload)
    assert doc.title == "Troops reach the border" and doc.published == "2024-10-25"
    assert doc.url == "https://example.com/troops" and doc.format == "text"
    assert doc.id.startswith("upload_") and doc.source.startswith("upload:")


def test_uploads_drop_script_urls_and_detect_html() -> None:
    doc = make_document("<html><body><p>Hi.</p></body></html>",
                        {"url": "javascript:alert(1)", "published": "yesterday"})
    assert doc.url is None and doc.published is None
    assert doc.format == "html" and doc.raw == doc.text
    with pytest.raises(UploadError):
        documents_from_json([{"title": "no text"}])


def test_serve_command_is_registered(capsys: pytest.CaptureFixture[str]) -> None:
    from corroborator.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--db" in out and "--host" in out and "--port" in out and "127.0.0.1" in out


def test_serve_command_serves_an_empty_store_on_loopback(tmp_path: pathlib.Path) -> None:
    import subprocess
    import sys
    import time

    from tests.test_web_support import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "corroborator.cli", "serve", "--db",
                             str(tmp_path / "stories.db"), "--create", "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and "No stories yet" in r.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/stories").json() == {"stories": []}
    finally:
        proc.terminate()
        proc.wait(timeout=10)
