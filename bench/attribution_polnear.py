"""Read PolNeAR (text + brat attributions) and parse it, with an on-disk parse cache."""

from __future__ import annotations

import hashlib
import pathlib
from collections.abc import Iterator

from spacy.tokens import Doc, DocBin

from corroborator.extract.parse import load_nlp, sentence_case

ROOT = pathlib.Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
Span2 = tuple[int, int]


def _span(field: str) -> Span2:
    parts = [tuple(int(x) for x in p.split()) for p in field.split(";")]
    return min(p[0] for p in parts), max(p[1] for p in parts)


def read_ann(path: pathlib.Path) -> list[dict[str, Span2 | None]]:
    """Gold attributions of one .ann file (malformed lines are skipped)."""
    spans: dict[str, Span2] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        try:
            if line.startswith("T") and len(cols) >= 2:
                _, rng = cols[1].split(" ", 1)
                spans[cols[0]] = _span(rng)
            elif line.startswith("E") and len(cols) >= 2:
                rels.append(dict(x.split(":", 1) for x in cols[1].split()[1:]))
        except ValueError:
            continue
    out = []
    for r in rels:
        content = spans.get(r.get("Content", ""))
        if content:
            out.append({"content": content, "source": spans.get(r.get("Source", "")),
                        "cue": spans.get(r.get("Cue", ""))})
    return out


Gold = list[dict[str, Span2 | None]]


def load_split(split: str, limit: int | None = None) -> list[tuple[str, str, Gold]]:
    """(id, text, gold attributions) per article of one split, first annotator only."""
    d = POLNEAR / split
    gold: dict[str, list[dict[str, Span2 | None]]] = {}
    for ann in sorted((d / "attributions").glob("*.ann")):
        gold.setdefault(ann.stem.rsplit("_", 1)[0], read_ann(ann))
    out = []
    for key in sorted(gold)[:limit]:
        f = d / "text" / f"{key}.txt"
        if f.is_file():
            out.append((key, f.read_text(encoding="utf-8"), gold[key]))
    return out


def parsed(texts: list[str], cache_dir: pathlib.Path | None = None) -> Iterator[Doc]:
    """Parse texts through corroborator's pipeline, reusing a DocBin cache when given."""
    nlp = load_nlp()
    texts = [sentence_case(t) for t in texts]  # what the pipeline's parser reads
    if cache_dir is None:
        yield from nlp.pipe(texts, batch_size=16)
        return
    key = hashlib.sha1("\x00".join(texts).encode()).hexdigest()[:16]
    path = cache_dir / f"polnear-{key}.spacy"
    if path.is_file():
        yield from DocBin().from_disk(path).get_docs(nlp.vocab)
        return
    db = DocBin()
    docs = list(nlp.pipe(texts, batch_size=16))
    for sd in docs:
        db.add(sd)
    cache_dir.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    yield from docs


def overlaps_enough(g: Span2, p: Span2) -> bool:
    """The scorer's match rule: each covers at least half of the other."""
    o = max(0, min(g[1], p[1]) - max(g[0], p[0]))
    return o >= 0.5 * (g[1] - g[0]) and o >= 0.5 * (p[1] - p[0])


def closest_candidates(gold: Gold, contents: list[Span2]) -> set[int]:
    """Indices of the candidate contents that label as positive: for each gold content, the
    one with the best overlap over union among those meeting the scorer's match rule."""
    best: dict[int, tuple[float, int]] = {}
    for gi, g in enumerate(gold):
        gc = g["content"]
        if not gc:
            continue
        for ci, c in enumerate(contents):
            if overlaps_enough(gc, c):
                o = max(0, min(gc[1], c[1]) - max(gc[0], c[0]))
                iou = o / (max(gc[1], c[1]) - min(gc[0], c[0]))
                if iou > best.get(gi, (-1.0, -1))[0]:
                    best[gi] = (iou, ci)
    return {ci for _, ci in best.values()}
