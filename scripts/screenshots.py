"""Retake the web UI screenshots in docs/screenshots/ from the bundled seed articles.

usage: python scripts/screenshots.py   (needs /usr/bin/chromium; writes PNGs only)
Builds a throwaway store with `corroborator add`, serves it on 127.0.0.1 and photographs
the story list, the story page, a corroborated claim's evidence, the figures panel and
an article of that claim with its removed furniture shown.
"""

from __future__ import annotations

import json
import pathlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> int:
    from playwright.sync_api import sync_playwright

    cli = [sys.executable, "-m", "corroborator.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(pathlib.Path(tmp) / "shots.db")
        # a path relative to the checkout, so no local folder shows in the pictures
        subprocess.run(cli + ["add", "examples/seeds", "--db", db, "-q"], check=True, cwd=ROOT)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(cli + ["serve", "--db", db, "--port", str(port)])
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    stories = json.load(urllib.request.urlopen(base + "/api/stories"))
                    break
                except OSError:
                    time.sleep(0.1)
            story = stories[0]["id"] if isinstance(stories, list) else stories["stories"][0]["id"]
            report = json.load(urllib.request.urlopen(f"{base}/api/stories/{story}"))
            claims = report["stories"][0]["claims"]
            best = max(claims, key=lambda c: ("corroborated" in c["status"],
                                              len({m["doc"] for m in c["mentions"]})))
            removed = {d["id"]: len(d.get("removed") or []) for d in report["documents"]}
            article = max(dict.fromkeys(m["doc"] for m in best["mentions"]),
                          key=lambda d: removed.get(d, 0))
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                shots = [("story-list.png", "/"), ("story-page.png", f"/stories/{story}"),
                         ("claim-evidence.png", f"/stories/{story}/claims/{best['id']}"),
                         ("figures-chart.png", f"/stories/{story}#figures"),
                         ("article-removed-furniture.png",
                          f"/stories/{story}/documents/{article}?claim={best['id']}&removed=1")]
                for name, path in shots:
                    page.goto(base + path)
                    if "#" in path:
                        page.locator("#" + path.split("#")[1]).scroll_into_view_if_needed()
                    if name == "claim-evidence.png":  # the mentions, below the claim's reasons
                        page.evaluate("window.scrollTo(0, document.querySelector"
                                      "('ol.evidence').getBoundingClientRect().top - 150)")
                    page.screenshot(path=str(OUT / name))
                    print("wrote", OUT / name)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
