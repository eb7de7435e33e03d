"""Story grouping: articles about the same real-world event form one story.

Batch (``group_stories``): two passes of average linkage over a combined similarity (see
grouping.py). Incremental (``StoryIndex`` in index.py): one article at a time against
candidate stories from indexes. ``story_title`` names a story.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from corroborator.model import Document
from corroborator.stories.features import STOP, DocFeatures, doc_features, embed_openings
from corroborator.stories.grouping import two_pass_labels
from corroborator.stories.index import IndexParams, MemoryBackend, StoryIndex

__all__ = ["group_stories", "story_title", "StoryIndex", "IndexParams", "MemoryBackend",
           "features_for"]

BATCH_LIMIT = 2500  # above this many articles, pairwise matrices give way to the index
TITLE_CHARS = 90
_URLISH = re.compile(r"https?:|www\.|\.com\b|\.html?\b|/\s*/")
_WORD = re.compile(r"[^\W\d_]{3,30}")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}>|<!--.*?-->", re.S)
TITLE_MARGIN = 0.25  # how far the previous title's article may fall behind the centre


def features_for(docs: list[Document]) -> list[DocFeatures]:
    """Features of every article, embeddings computed in one batch."""
    feats = [doc_features(d) for d in docs]
    embed_openings(feats)
    return feats


def group_stories(docs: list[Document]) -> list[list[Document]]:
    """Partition prepared documents into stories, largest first, input order inside."""
    if not docs:
        return []
    if len(docs) == 1:
        return [list(docs)]
    feats = features_for(docs)
    if len(docs) > BATCH_LIMIT:
        index = StoryIndex(MemoryBackend())
        labels_s = [index.assign(d, f).story_id for d, f in zip(docs, feats, strict=True)]
        names = {s: i for i, s in enumerate(dict.fromkeys(labels_s))}
        labels = [names[s] for s in labels_s]
    else:
        labels = two_pass_labels(feats)
    groups: dict[int, list[Document]] = {}
    for d, lab in zip(docs, labels, strict=True):
        groups.setdefault(lab, []).append(d)
    return sorted(groups.values(), key=lambda g: (-len(g), docs.index(g[0])))


def plain_title(text: str) -> str:
    """A title as words: markup tags dropped, entities decoded, spaces collapsed."""
    text = html.unescape(_TAG.sub(" ", text))
    return " ".join(_TAG.sub(" ", text).split())  # again: ``&lt;b&gt;`` decodes to a tag


def headline(doc: Document) -> str:
    """The article's title (markup stripped), else its first line that is not a web address."""
    if doc.title and doc.title.strip():
        title = plain_title(doc.title)
        if title:
            return title
    for line in doc.body().split("\n")[:6]:
        line = plain_title(line)
        if len(line) >= 12 and not _URLISH.search(line):
            return line
    return ""


def _shorten(text: str) -> str:
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def story_title(docs: list[Document], previous: str | None = None) -> str:
    """The headline of the story's most central article, ties going to the earliest.

    An article is central when the other articles' headlines share its words: each of its
    words counts the other headlines holding it, over the square root of its word count
    (its own headline does not count, so a headline stuffed with every word of the story
    gains nothing by it). ``docs`` come oldest first. With ``previous``, the title the
    story had, that title stays while its article scores at least ``1 - TITLE_MARGIN`` of
    the most central one's: the title changes only when the story's centre moves, not
    with every article added."""
    heads = [(i, h) for i, h in enumerate(headline(d) for d in docs) if h]
    if not heads:
        return ""
    common: Counter[str] = Counter()
    for _, h in heads:
        common.update({w for w in _WORD.findall(h.lower()) if w not in STOP})

    def score(h: str) -> float:
        words = {w for w in _WORD.findall(h.lower()) if w not in STOP}
        if not words:
            return -1.0
        return sum(common[w] - 1 for w in words) / (len(words) ** 0.5) \
            - (0.5 if len(h) > 160 else 0.0)

    scored = [(score(h), -i, h) for i, h in heads]
    best = max(scored)
    if previous:
        kept = [t for t in scored if _shorten(t[2]) == previous]
        if kept and max(kept)[0] >= best[0] - TITLE_MARGIN * max(best[0], 0.0):
            return previous
    return _shorten(best[2])
