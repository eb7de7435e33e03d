"""URL ingest against a real HTTP server on 127.0.0.1: pages, feeds, redirects, limits."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from corroborator.ingest import read_inputs
from corroborator.ingest.fetch import USER_AGENT
from corroborator.settings import Settings

ARTICLE = (
    "<!DOCTYPE html><html><head><title>Storm closes bridge</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Storm closes bridge</h1>"
    "<p>The harbour bridge was closed on Saturday after a storm damaged two cables, "
    "the city transport office said.</p><p>Repairs will take at least a week.</p>"
    "</article></body></html>"
)
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>One</title><link>https://example.org/one</link>"
    "<pubDate>Sat, 02 Mar 2024 10:30:00 GMT</pubDate>"
    "<description>Ferry services across the bay resumed on Sunday morning, the operator "
    "said in a statement.</description></item></channel></rss>"
)
SEEN_AGENTS: list[str] = []


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes for every case the fetcher must handle."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, ctype: str, status: int = 200, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: C901 - a route table
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/story":
            self._send(ARTICLE.encode(), "text/html; charset=utf-8")
        elif path == "/latin1":
            body = ARTICLE.replace("Storm", "Tempête").encode("latin-1")
            self._send(body, "text/html; charset=iso-8859-1")
        elif path == "/notes.txt":
            self._send(b"The rail line stays closed after flooding near the harbour, "
                       b"the operator said on Sunday.\r\n", "text/plain")
        elif path == "/feed":
            self._send(FEED.encode(), "application/rss+xml")
        elif path == "/gzipped":
            self._send(gzip.compress(ARTICLE.encode()), "text/html", Content_Encoding="gzip")
        elif path == "/bomb":
            self._send(gzip.compress(b"<p>" + b"a" * 30_000_000), "text/html",
                       Content_Encoding="gzip")
        elif path == "/to-story":
            self._redirect("/story")
        elif path == "/to-private":
            self._redirect("http://10.0.0.1/admin")
        elif path == "/to-metadata":
            self._redirect("http://169.254.169.254/latest/meta-data/")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/slow":
            time.sleep(3)
            self._send(ARTICLE.encode(), "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"<p>slow</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>more and more</p>" * 4000
            try:
                for _ in range(10_000):  # ~800 MB if nobody stops reading; the client must
                    self.wfile.write(chunk)
            except OSError:
                pass
            self.close_connection = True
        elif path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10**10))
            self.end_headers()
            self.close_connection = True
        else:
            self._send(b"not here", "text/plain", status=404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def local(**kw: object) -> Settings:
    """Only 127.0.0.1 is reachable: redirects to other private addresses stay refused."""
    return Settings(fetch_allow_networks=["127.0.0.1/32"], progress=False, **kw)  # type: ignore[arg-type]


def test_page_text_and_feed_are_fetched(server: str) -> None:
    docs, errors = read_inputs([f"{server}/story", f"{server}/notes.txt", f"{server}/feed"],
                               local())
    assert errors == []
    page, notes, entry = docs
    assert page.format == "html" and page.text == "" and "harbour bridge" in (page.raw or "")
    assert page.url == f"{server}/story" and page.source == f"{server}/story"
    assert page.language == "en"
    assert notes.format == "text" and notes.text.endswith("Sunday.\n") and "\r" not in notes.text
    assert entry.title == "One" and entry.url == "https://example.org/one"
    assert entry.published == "2024-03-02" and entry.published_basis == "metadata"
    assert SEEN_AGENTS and all(a == USER_AGENT for a in SEEN_AGENTS)


def test_allow_private_reaches_loopback_and_default_refuses_it(server: str) -> None:
    docs, errors = read_inputs([f"{server}/story"], Settings(allow_private=True, progress=False))
    assert len(docs) == 1 and errors == []
    for url in (f"{server}/story", server.replace("127.0.0.1", "localhost") + "/story"):
        docs, errors = read_inputs([url], Settings(progress=False))
        assert docs == [] and len(errors) == 1
        assert errors[0].reason.startswith("refused:") and "loopback" in errors[0].reason


def test_redirects_followed_and_each_hop_checked(server: str) -> None:
    docs, errors = read_inputs([f"{server}/to-story"], local())
    assert errors == [] and docs[0].url == f"{server}/story"
    start = time.monotonic()
    docs, errors = read_inputs([f"{server}/to-private", f"{server}/to-metadata",
                                f"{server}/to-file", f"{server}/loop"], local())
    assert docs == []
    reasons = [e.reason for e in errors]
    assert "private address 10.0.0.1" in reasons[0] and reasons[0].startswith("refused:")
    assert "link-local address 169.254.169.254" in reasons[1]
    assert "only http and https" in reasons[2]
    assert "more than 5 redirects" in reasons[3]
    assert time.monotonic() - start < 2  # refused before any connection was attempted


def test_private_literal_and_other_schemes_refused_without_traffic() -> None:
    docs, errors = read_inputs(["http://10.0.0.1/", "http://[::ffff:169.254.169.254]/",
                                "http://[::1]:9/", "file:///etc/passwd", "ftp://example.org/x",
                                "http://0.0.0.0/"], Settings(progress=False))
    assert docs == [] and len(errors) == 6
    assert all(e.reason.startswith(("refused:", "only http and https")) for e in errors)


def test_slow_endless_and_oversized_bodies_stop(server: str) -> None:
    settings = local(fetch_timeout=1.0, max_bytes=1_000_000)
    start = time.monotonic()
    docs, errors = read_inputs([f"{server}/slow", f"{server}/endless", f"{server}/bomb",
                                f"{server}/big-declared", f"{server}/trickle",
                                f"{server}/missing"], settings)
    assert docs == []
    slow, endless, bomb, declared, trickle, missing = (e.reason for e in errors)
    assert "timed out" in slow
    assert "over the 1000000-byte limit" in endless
    assert "over the 1000000-byte limit" in bomb
    assert "over the 1000000-byte limit" in declared
    assert "longer than 1 s" in trickle or "timed out" in trickle
    assert missing == "HTTP 404"
    assert time.monotonic() - start < 10


def test_gzip_encoding_and_declared_charset(server: str) -> None:
    docs, errors = read_inputs([f"{server}/gzipped", f"{server}/latin1"], local())
    assert errors == []
    assert docs[0].raw == ARTICLE
    assert "Tempête closes bridge" in (docs[1].raw or "")


def test_url_file(server: str, tmp_path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# reading list\n{server}/story\n\n{server}/missing\n")
    docs, errors = read_inputs([], local(url_files=[str(listing)]))
    assert [d.url for d in docs] == [f"{server}/story"]
    assert [(e.source, e.reason) for e in errors] == [(f"{server}/missing", "HTTP 404")]
