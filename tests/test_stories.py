"""Story grouping on real ECB+ articles: same event together, same kind of event apart."""

from __future__ import annotations

import pathlib

import pytest

from corroborator.extract import extract_documents
from corroborator.model import Document
from corroborator.stories import (
    MemoryBackend,
    StoryIndex,
    features_for,
    group_stories,
    story_title,
)
from corroborator.stories.features import doc_features, normalise_entity


def _read(folder: pathlib.Path, names: list[str]) -> list[Document]:
    docs = [Document(id=n, source=str(folder / f"{n}.txt"),
                     text=(folder / f"{n}.txt").read_text(encoding="utf-8")) for n in names]
    return extract_documents(docs)


@pytest.fixture(scope="module")
def boxing(shared_dir: pathlib.Path) -> list[Document]:
    """Two Klitschko title defences: against Rahman (2008) and against Thompson (2012)."""
    folder = shared_dir / "data" / "ecbplus" / "text"
    return _read(folder, ["7_1ecb", "7_2ecb", "7_5ecb", "7_8ecb",
                          "7_1ecbplus", "7_3ecbplus", "7_6ecbplus", "7_8ecbplus",
                          "1_1ecb", "1_3ecb"])


def test_batch_separates_two_events_of_one_kind(boxing: list[Document]) -> None:
    groups = group_stories(boxing)
    as_sets = sorted(sorted(d.id for d in g) for g in groups)
    assert ["7_1ecb", "7_2ecb", "7_5ecb", "7_8ecb"] in as_sets
    assert ["7_1ecbplus", "7_3ecbplus", "7_6ecbplus", "7_8ecbplus"] in as_sets
    assert ["1_1ecb", "1_3ecb"] in as_sets


def test_incremental_index_joins_and_starts_stories(boxing: list[Document]) -> None:
    feats = features_for(boxing)
    index = StoryIndex(MemoryBackend())
    got = {d.id: index.assign(d, f) for d, f in zip(boxing, feats, strict=True)}
    assert got["7_1ecb"].new_story
    assert got["7_2ecb"].story_id == got["7_1ecb"].story_id
    assert got["1_1ecb"].story_id != got["7_1ecb"].story_id
    assert got["1_3ecb"].story_id == got["1_1ecb"].story_id


def test_near_duplicate_joins_through_lsh(boxing: list[Document]) -> None:
    index = StoryIndex(MemoryBackend())
    first = index.assign(boxing[0])
    index.assign(boxing[8])
    copy = Document(id="copy", source="copy", text=boxing[0].text + "\nUpdated.",
                    entities=[], sentences=boxing[0].sentences)
    a = index.assign(copy)
    assert a.story_id == first.story_id and a.score == 1.0


def test_one_article_is_one_story_and_empty_is_none(boxing: list[Document]) -> None:
    assert group_stories([]) == []
    assert [[d.id for d in g] for g in group_stories(boxing[:1])] == [["7_1ecb"]]


def test_title_is_short_and_skips_web_addresses() -> None:
    docs = [Document(id="a", source="a", text="http: / / www. example. com / quake\n"
                     "Strong quake hits island off southern Iran\nFive people were hurt."),
            Document(id="b", source="b", text="Quake hits island off Iran, five hurt\nText.")]
    title = story_title(docs)
    assert "http" not in title and "quake" in title.lower()
    long = Document(id="c", source="c", text="word " * 80)
    assert len(story_title([long])) <= 91


def test_entity_names_are_normalised() -> None:
    assert normalise_entity("the Red Sox's") == "red sox"
    assert normalise_entity("  The  Angels ") == "angels"


def test_features_bound_hostile_input() -> None:
    doc = Document(id="x", source="x", text="a" * 200_000 + " quake " * 10)
    f = doc_features(doc)
    assert sum(f.words.values()) < 20_000
