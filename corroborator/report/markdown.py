"""The Markdown brief: corroborated first, then contested and denied, then the rest."""

from __future__ import annotations

from corroborator.match.verdicts import excerpt
from corroborator.model import Claim, Document, Report, Story
from corroborator.outlets import count_outlets, outlet_label
from corroborator.report.days import show_span

SECTIONS = [
    ("Corroborated", lambda c: "corroborated" in c.status and not {"contested", "denied"}
     & set(c.status)),
    ("Contested or denied", lambda c: bool({"contested", "denied"} & set(c.status))),
    ("Denials and non-denials", lambda c: c.kind in ("denial", "non-denial")),
    ("Single source", lambda c: "single-source" in c.status and "unattributed" not in c.status
     and not {"contested", "denied"} & set(c.status) and c.kind not in ("denial", "non-denial")),
    ("Unattributed, single source", lambda c: {"single-source", "unattributed"} <= set(c.status)
     and not {"contested", "denied"} & set(c.status) and c.kind not in ("denial", "non-denial")),
]


def _md(text: str) -> str:
    """Neutralise Markdown/HTML syntax in article text."""
    out = " ".join(text.split())
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def _claim_lines(c: Claim, docs: dict[str, Document]) -> list[str]:
    who = ", ".join(_md(a) for a in c.attributed_to) or "no named source"
    flags = " ".join(f"`{s}`" for s in c.status)
    lines = [f"- **{_md(c.text)}** — {who}; {c.outlets} outlet(s), "
             f"{c.independent_sources} independent source(s) {flags} ({c.id}, {c.kind})"]
    for m in c.mentions:
        d = docs.get(m.doc)
        where = _md(outlet_label(d)) if d else m.doc
        # cut before escaping, so no escape is split
        quote = _md(excerpt(d.text[m.start : m.end], None, 200)) if d else ""
        hedge = " (hedged)" if m.hedged else ""
        via = f" (reported by {_md(m.reported_by)})" if m.reported_by else ""
        lines.append(f"  - {where} [{m.start}:{m.end}]{hedge}{via}: “{quote}”")
    return lines


def render_story(story: Story, docs: dict[str, Document]) -> list[str]:
    out = [f"## {_md(story.title)}", ""]
    n = len(story.documents)
    here = [docs[d] for d in story.documents if d in docs]
    n_out = count_outlets((d.outlet, d.id) for d in here)
    out.append(f"{n} article{'' if n == 1 else 's'} from {n_out} "
               f"outlet{'' if n_out == 1 else 's'}: "
               + ", ".join(_md(outlet_label(d)) for d in here))
    out.append("")
    shown: set[str] = set()
    for name, test in SECTIONS:
        chosen = [c for c in story.claims if c.id not in shown and test(c)]
        if name.startswith("Single") or name.startswith("Unattributed"):
            chosen = chosen[:40]
        if not chosen:
            continue
        out += [f"### {name}", ""]
        for c in chosen:
            shown.add(c.id)
            out += _claim_lines(c, docs)
        out.append("")
    if story.figures:
        out += ["### Figures", ""]
        for f in story.figures:
            vals = "; ".join(
                f"{v.value:g} ({', '.join(_md(s) for s in v.sources) or 'unattributed'})"
                for v in f.values if v.value is not None
            )
            out.append(f"- {_md(f.subject)} ({_md(f.unit or '')}): {vals}")
        out.append("")
    if story.contradictions:
        out += ["### Contradictions", ""]
        for k in story.contradictions:
            out.append(f"- {k.kind}: {' vs '.join(k.claims)} — {_md(k.explanation)}")
        out.append("")
    if story.timeline:
        out += ["### Timeline", ""]
        for t in story.timeline:
            span = show_span(t.start, t.end, t.year_known)
            out.append(f"- {span}: {_md(t.text)} ({', '.join(t.claims)})")
        out.append("")
    elif story.dates:
        out += ["### Dates", ""]
        for dm in story.dates:
            span = show_span(dm.value_start, dm.value_end, dm.year_known)
            out.append(f"- {_md(dm.text)} → {span} ({dm.doc})")
        out.append("")
    return out


def render_markdown(report: Report) -> str:
    docs = {d.id: d for d in report.documents}
    out = ["# Corroboration brief", ""]
    for s in report.stories:
        out += render_story(s, docs)
    if report.actors:
        out += ["## Actors", "", "Who speaks in these articles, one name each; the other "
                "names each goes by in the articles follow it.", ""]
        for a in report.actors:
            also = f" — also {', '.join(_md(x) for x in a.aliases)}" if a.aliases else ""
            out.append(f"- **{_md(a.name)}** ({a.type}){also}")
        out.append("")
    if report.errors:
        out += ["## Inputs not analysed", ""]
        out += [f"- {_md(e.source)}: {_md(e.reason)}" for e in report.errors]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
