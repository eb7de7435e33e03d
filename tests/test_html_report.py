"""The HTML brief: self-contained, hostile text escaped, evidence spans highlighted."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markupsafe import escape

from corroborator.model import Actor, Claim, Document, Mention, Report, Story
from corroborator.report.html import render_html
from tests.test_web_support import seed_report

HOSTILE = ('<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
           '<a href="javascript:alert(1)">x</a></textarea></style><!--')


class TagCollector(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    p = TagCollector()
    p.feed(page)
    return p.tags


def hostile_report() -> Report:
    text = f"Intro line.\nOfficials said {HOSTILE} was seen.\nMore text."
    start = text.index("Officials")
    end = text.index(" was seen") + len(" was seen.")
    doc = Document(id="evil", source="upload:evil", text=text, title=HOSTILE, outlet=HOSTILE,
                   url="javascript:alert(1)", published="2024-10-25")
    claim = Claim("c1", HOSTILE, "statement", [HOSTILE], ["single-source"], 1, 1,
                  [Mention("evil", start, end, speaker=HOSTILE, cue="said", outlet=HOSTILE)],
                  {"single-source": HOSTILE})
    return Report(documents=[doc], stories=[Story("s1", HOSTILE, ["evil"], [claim])],
                  actors=[Actor(HOSTILE, "person", [HOSTILE])])


def test_brief_makes_no_outside_requests(seeds_dir) -> None:
    page = render_html(seed_report(seeds_dir))
    for tag, attrs in tags_of(page):
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not re.match(r"(https?:)?//", value), (tag, name, value)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet"), "stylesheet must be inline"
    assert "@import" not in page and "url(" not in page


def test_brief_escapes_hostile_text() -> None:
    page = render_html(hostile_report())
    tags = tags_of(page)
    assert not [t for t, _ in tags if t in ("script", "img", "textarea", "iframe")]
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert not any((v or "").strip().lower().startswith("javascript:")
                   for _, attrs in tags for v in attrs.values())
    assert str(escape(HOSTILE)) in page


def test_brief_highlights_exactly_each_mention(seeds_dir) -> None:
    report = seed_report(seeds_dir)
    page = render_html(report)
    got = [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", page, re.S)]
    want = [report.doc(m.doc).text[m.start:m.end]
            for s in report.stories for c in s.claims for m in c.mentions]
    assert sorted(got) == sorted(want)


def test_brief_has_the_story_sections(seeds_dir) -> None:
    page = render_html(seed_report(seeds_dir))
    for section in ("ledger", "contradictions", "figures", "timeline", "coverage", "articles",
                    "removed"):
        assert f'id="s1-{section}"' in page

    assert "12,000" in page and "<svg" in page
    assert "@media print" in page


def test_brief_of_an_empty_report_says_so() -> None:
    page = render_html(Report())
    assert "No stories" in page


def test_brief_lists_the_actors_with_their_other_names() -> None:
    page = render_html(Report(actors=[Actor("Jane Roe", "person", ["Roe", "Mrs Roe"]),
                                      Actor("Acme", "organisation")]))
    assert '<section class="actors">' in page
    assert "<li><strong>Jane Roe</strong> (person) — also Roe, Mrs Roe</li>" in page
    assert "<li><strong>Acme</strong> (organisation)</li>" in page
