"""The HTML brief: one self-contained, printable file with the story page's sections."""

from __future__ import annotations

import datetime
from importlib import resources

from markupsafe import Markup

from corroborator.model import Report
from corroborator.web.context import story_context
from corroborator.web.templating import environment


def _stylesheet() -> Markup:
    """The web app's own stylesheet, inlined (it is ours, not article content)."""
    css = resources.files("corroborator.web").joinpath("static/style.css").read_text("utf-8")
    return Markup(css.replace("</", "<\\/"))


def render_html(report: Report) -> str:
    """Every story in the report as one HTML document that makes no external requests."""
    env = environment()
    story_tpl = env.get_template("brief_story.html")
    parts = []
    for story in report.stories:
        ctx = story_context(report, story, brief=True, prefix=f"{story.id}-")
        parts.append(Markup(story_tpl.render(ctx)))  # rendered with autoescape on
    titles = [s.title for s in report.stories if s.title]
    return env.get_template("brief.html").render(
        title=titles[0] if titles else "Report",
        css=_stylesheet(),
        stories=parts,
        errors=report.errors,
        actors=report.actors,
        doc_count=len(report.documents),
        generated=datetime.date.today().isoformat(),
    )
