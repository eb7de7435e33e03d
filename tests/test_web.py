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
from tests.test_web_support import LONG_SOURCES, disputed_report, running_server, seed_report

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


def assert_json_error(r: httpx.Response, status: int, *words: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json", r.headers["content-type"]
    message = r.json()["error"]
    assert isinstance(message, str) and message.strip() and "\n" not in message
    for w in words:
        assert w in message, message


def assert_html_error(r: httpx.Response, status: int, *words: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html"), r.headers["content-type"]
    assert r.text.startswith("<!doctype html>") and f"<h1>{status}</h1>" in r.text
    alert = re.search(r'<p role="alert">(.*?)</p>', r.text, re.S)
    assert alert and "<" not in alert.group(1), r.text  # the message is escaped
    for w in words:
        assert w in html.unescape(alert.group(1)), r.text


def test_oversize_upload_is_413(base: str) -> None:
    body = json.dumps({"text": "x" * (LIMIT + 10)})
    r = httpx.post(base + "/api/articles", content=body,
                   headers={"content-type": "application/json"})
    assert_json_error(r, 413, "64 KB", str(LIMIT))


def test_oversize_form_upload_is_an_html_413_page(base: str) -> None:
    r = httpx.post(base + "/upload", files={"files": ("big.txt", b"z" * (LIMIT + 10))})
    assert_html_error(r, 413, "64 KB")


def test_every_json_api_error_is_json(base: str) -> None:
    """docs/web.md: errors of the JSON API are {"error": "one line"}, whatever gives them."""
    assert_json_error(httpx.get(base + "/api/stories/nope"), 404, "nope")
    assert_json_error(httpx.get(base + "/api/stories/s1/claims/nope"), 404, "claim")
    assert_json_error(httpx.get(base + "/api/nowhere"), 404, "/api/nowhere")
    r = httpx.get(base + "/api/articles")
    assert_json_error(r, 405, "GET")
    assert "POST" in r.headers["allow"]
    assert_json_error(httpx.post(base + "/api/articles", content=b"{}",
                                 headers={"content-type": "text/plain"}), 415, "json")
    assert_json_error(httpx.post(base + "/api/articles", content=b"[]",
                                 headers={"content-type": "application/json"}), 400, "no articles")
    assert_json_error(httpx.post(base + "/api/articles", content=b"{}", headers={
        "content-type": "application/json", "origin": "https://evil.example"}), 403, "cross-site")
    assert_json_error(httpx.get(base + "/api/stories", headers={"host": "attacker.example"}),
                      400, "attacker.example", "--allow-host")
    # the pages keep HTML error pages, escaped
    assert_html_error(httpx.get(base + "/stories/nope"), 404, "no story 'nope'")
    assert_html_error(httpx.get(base + "/", headers={"host": "<b>evil.example"}), 400,
                      "<b>evil.example")


def test_a_store_that_fails_is_a_json_500_under_api_and_a_page_elsewhere(
        tmp_path: pathlib.Path) -> None:
    from corroborator.store import Store

    missing = str(tmp_path / "no such folder" / "stories.db")  # sqlite cannot open it
    with running_server(create_app(lambda: Store(missing))) as url:
        assert_json_error(httpx.get(url + "/api/stories"), 500, "internal error")
        assert_html_error(httpx.get(url + "/"), 500, "internal error")


def test_oversize_streamed_upload_is_413(base: str) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(LIMIT // 1024 + 4):
            yield b"y" * 1024

    r = httpx.post(base + "/api/articles", content=chunks(),
                   headers={"content-type": "application/json"})
    assert_json_error(r, 413, "64 KB")


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


def test_readable_times() -> None:
    from corroborator.web.present import machine_time, readable_time

    assert readable_time("2026-12-08T02:10:36.485924+00:00") == "8 Dec 2026, 02:10 UTC"
    assert machine_time("2026-12-08T02:10:36.485924+00:00") == "2026-12-08T02:10:36Z"
    assert readable_time("2026-12-08T03:10:36+01:00") == "8 Dec 2026, 02:10 UTC"
    assert readable_time("2024-10-25") == "25 Oct 2024"
    assert machine_time("2024-10-25") == "2024-10-25"
    assert readable_time("not a time") == "not a time" and readable_time(None) == ""


def test_story_list_shows_readable_dates_with_the_iso_in_time_elements(base: str) -> None:
    page = httpx.get(base + "/").text
    row = re.search(r"<tbody>(.*?)</tbody>", page, re.S)
    assert row
    times = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', row.group(1))
    assert times == [("2024-10-24", "24 Oct 2024"), ("2024-10-27", "27 Oct 2024")]
    assert not re.search(r"\d{4}-\d\d-\d\d(T|<)", re.sub(r'datetime="[^"]*"', "", row.group(1)))


def one_article_report(report: Report) -> Report:
    """The seed story cut down to one article (one with furniture cut): its claims' mentions
    there only."""
    from dataclasses import replace

    doc = next(d for d in report.documents if d.removed)
    story = report.stories[0]
    claims = []
    for c in story.claims:
        ms = [m for m in c.mentions if m.doc == doc.id]
        if ms:
            claims.append(replace(c, mentions=ms, outlets=1, independent_sources=1,
                                  status=["single-source"],
                                  explanations={"single-source": "one source only"}))
    one = replace(story, id="one", documents=[doc.id], claims=claims, figures=[],
                  contradictions=[], timeline=[])
    return Report(documents=[doc], stories=[one])


def section_links(page: str) -> tuple[list[str], set[str]]:
    nav = re.search(r'<nav class="toc"[^>]*>(.*?)</nav>', page, re.S)
    assert nav
    return re.findall(r'href="#([^"]+)"', nav.group(1)), set(re.findall(r'\sid="([^"]+)"', page))


def test_one_article_story_has_no_dead_links_or_empty_sections(report: Report) -> None:
    one = one_article_report(report)
    assert one.stories[0].claims and one.documents[0].removed
    with running_server(create_app(lambda: MemoryStore(one))) as url:
        page = httpx.get(url + "/stories/one").text
    links, ids = section_links(page)
    assert links == ["ledger", "articles", "removed"]
    assert set(links) <= ids
    for empty in ("contradictions", "figures", "timeline", "coverage"):
        assert f'id="{empty}"' not in page and f'href="#{empty}"' not in page
    assert "Only one article so far" in page
    assert '<table class="coverage">' not in page


def test_seed_story_links_every_section_it_shows(base: str) -> None:
    page = httpx.get(base + "/stories/s1").text
    links, ids = section_links(page)
    assert links == ["ledger", "contradictions", "figures", "timeline", "coverage", "articles",
                     "removed"]
    assert set(links) <= ids and "Only one article so far" not in page


def dispute_rows(page: str) -> list[list[str]]:
    table = re.search(r'<table class="dispute">(.*?)</table>', page, re.S)
    assert table, "no dispute table"
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in
             re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S) if "<td" in row]


def test_contested_figure_explanation_is_a_table(seeds_dir: pathlib.Path) -> None:
    from corroborator.web.chart import figure_chart

    report = disputed_report(seeds_dir)
    story = report.stories[0]
    bars = figure_chart(report, story.figures[0]).bars
    with running_server(create_app(lambda: MemoryStore(report))) as url:
        page = httpx.get(url + "/stories/s1").text
        claim_page = httpx.get(url + "/stories/s1/claims/c1").text
    assert "<i>" not in page and "&lt;i&gt;Hostile&lt;/i&gt;" in page
    contradictions = page[page.index('id="contradictions"'):page.index('id="figures"')]
    want = [[b.value_text, "planned" if b.ranged else "reported", b.label, b.date,
             ", ".join(b.outlets)] for b in bars]
    assert dispute_rows(contradictions) == want
    assert ", ".join(LONG_SOURCES) in [r[2] for r in want]  # sources whole
    assert "Sources report different values." in contradictions
    assert story.figures[0].subject + ": 12,000 (" not in page  # no dense paragraph left
    for where in (page[page.index('id="claim-c1"'):], claim_page):
        reasons = re.search(r'<ul class="contested-reasons">(.*?)</ul>', where, re.S)
        assert reasons, "c1's contested reason is not split into its contradictions"
        assert dispute_rows(reasons.group(1)) == want
        assert "Jane Roe denies what c1 asserts" in reasons.group(1)


def test_unrecognised_explanations_stay_plain_text(seeds_dir: pathlib.Path) -> None:
    from corroborator.web.chart import figure_chart
    from corroborator.web.explain import explain

    report = disputed_report(seeds_dir)
    charts = [figure_chart(report, f) for f in report.stories[0].figures]
    good = report.stories[0].contradictions[0].explanation
    assert explain(good, charts).chart is charts[0]
    for text in ("reported troop numbers differ",
                 good.replace("11,000 (", "11,500 ("),  # a value the figure does not hold
                 good.replace("(NIS),", "(NIS,"),  # parentheses that do not balance
                 good.replace("North Korean", "South Korean")):
        piece = explain(text, charts)
        assert piece.chart is None and piece.text == text
