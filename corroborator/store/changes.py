"""What changed in a story between two snapshots: new claims, new sources, figures, denials.

News is what the articles new to the story brought. A statement from an article the story
already held that now sits in another claim (claims are rebuilt with every article) is
"regrouped", listed apart, never a new claim or a new source.

Claim ids are renumbered on every rebuild, so claims are matched by the places they are
stated (a mention's document and offsets) and, failing that, by their normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class StoryChanges:
    """The difference between the story as it was (``since``) and as it is now."""

    story_id: str
    since: str | None  # when the baseline snapshot was built (None: no baseline)
    now: str | None
    new_claims: list[dict[str, Any]] = field(default_factory=list)
    new_sources: list[dict[str, Any]] = field(default_factory=list)
    changed_figures: list[dict[str, Any]] = field(default_factory=list)
    new_denials: list[dict[str, Any]] = field(default_factory=list)
    new_documents: list[str] = field(default_factory=list)
    # {"was": old title, "now": new title} when the story's title changed (its centre moved)
    renamed: dict[str, str] | None = None
    # claims that only regrouped what articles stored before already said (a statement that
    # moved from one claim to another when the story was rebuilt): no news, listed apart
    regrouped: list[dict[str, Any]] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.new_claims or self.new_sources or self.changed_figures
                    or self.new_denials or self.new_documents or self.renamed)


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _spans(claim: dict[str, Any]) -> set[tuple[str, int, int]]:
    return {(m["doc"], int(m["start"]), int(m["end"])) for m in claim.get("mentions", [])}


def _is_denial(claim: dict[str, Any]) -> bool:
    return claim.get("kind") == "denial" or "denied" in claim.get("status", [])


def _match(old: list[dict[str, Any]]) -> tuple[dict[tuple[str, int, int], dict[str, Any]],
                                               dict[str, dict[str, Any]]]:
    by_span = {s: c for c in old for s in _spans(c)}
    by_text = {_norm(c.get("text", "")): c for c in old}
    return by_span, by_text


def diff_stories(story_id: str, old: dict[str, Any] | None, new: dict[str, Any],
                 since: str | None = None, now: str | None = None) -> StoryChanges:
    """Compare two story JSON objects (``asdict(Story)``); ``old`` None means all is new."""
    out = StoryChanges(story_id, since, now)
    old = old or {}
    old_docs = set(old.get("documents", []))
    out.new_documents = [d for d in new.get("documents", []) if d not in old_docs]
    if old and old.get("title") != new.get("title"):
        out.renamed = {"was": str(old.get("title") or ""), "now": str(new.get("title") or "")}
    fresh = set(out.new_documents)  # what new articles brought is news; the rest regrouping
    by_span, by_text = _match(old.get("claims", []))
    for c in new.get("claims", []):
        # the old claim that held most of its statements (the first mention's on a tie):
        # a set's order would make the answer change from one run to the next
        held: dict[int, tuple[int, int, dict[str, Any]]] = {}
        for i, m in enumerate(c.get("mentions", [])):
            span = (m["doc"], int(m["start"]), int(m["end"]))
            if span in by_span:
                o = by_span[span]
                n, first, _ = held.get(id(o), (0, i, o))
                held[id(o)] = (n + 1, first, o)
        prev = max(held.values(), key=lambda h: (h[0], -h[1]))[2] if held else None
        prev = prev or by_text.get(_norm(c.get("text", "")))
        brief = {"id": c.get("id"), "text": c.get("text", ""), "kind": c.get("kind"),
                 "status": c.get("status", []), "attributed_to": c.get("attributed_to", [])}
        mentions = c.get("mentions", [])
        if prev is None:
            if old and mentions and not any(m["doc"] in fresh for m in mentions):
                out.regrouped.append({**brief, "was": None, "mentions": _brief(mentions)})
                continue
            out.new_claims.append(brief)
            if _is_denial(c):
                out.new_denials.append(brief)
            continue
        if _is_denial(c) and not _is_denial(prev):
            out.new_denials.append(brief)
        prev_docs = {m["doc"] for m in prev.get("mentions", [])}
        added = [m for m in mentions if m["doc"] not in prev_docs]
        brought = [m for m in added if m["doc"] in fresh or not old]
        moved = [m for m in added if m not in brought]
        if brought:
            out.new_sources.append({**brief, "was": prev.get("id"),
                                    "mentions": _brief(brought)})
        if moved:
            out.regrouped.append({**brief, "was": prev.get("id"), "mentions": _brief(moved)})
    old_figs = {(f.get("subject"), f.get("unit")): f for f in old.get("figures", [])}
    for f in new.get("figures", []):
        key = (f.get("subject"), f.get("unit"))
        now_vals = _values(f)
        was_vals = _values(old_figs[key]) if key in old_figs else []
        if now_vals != was_vals:
            out.changed_figures.append({"subject": key[0], "unit": key[1],
                                        "was": was_vals, "now": now_vals})
    return out


def _brief(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"doc": m["doc"], "start": m["start"], "end": m["end"],
             "outlet": m.get("outlet"), "speaker": m.get("speaker")} for m in mentions]


def _values(fig: dict[str, Any]) -> list[list[Any]]:
    return sorted([[v.get("value"), v.get("low"), v.get("high"), len(v.get("mentions", []))]
                   for v in fig.get("values", [])], key=repr)
