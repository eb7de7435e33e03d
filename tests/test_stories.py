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


def test_event_dates_keep_days_and_months_not_whole_years() -> None:
    from corroborator.model import DateMention
    from corroborator.stories.features import event_dates

    text = "On 27 November 2005 a quake hit. In 2005 others did."
    doc = Document(id="q", source="q", text=text, published="2005-11-28", dates=[
        DateMention("q", 3, 19, text[3:19], "2005-11-27", "2005-11-27"),
        DateMention("q", 37, 41, text[37:41], "2005-01-01", "2005-12-31")])
    got = event_dates(doc)
    assert got["2005-11-27"] == 1 and got["2005-11-28"] == 1 and got["2005-11"] == 2
    assert "2005-01-01" not in got and "2005-01" not in got


def test_missing_years_do_not_hold_articles_apart() -> None:
    from collections import Counter

    import numpy as np

    from corroborator.stories.features import DocFeatures
    from corroborator.stories.grouping import GroupingParams, combine, sparse_similarities

    one = np.ones(3)
    feats = [DocFeatures("a", Counter({"quake": 1}), years=Counter({"2005": 1})),
             DocFeatures("b", Counter({"quake": 1})),
             DocFeatures("c", Counter({"quake": 1}), years=Counter({"2008": 1}))]
    parts = sparse_similarities(feats)
    parts["embedding"] = np.outer(one, one)
    parts["duplicate"] = np.zeros((3, 3))
    p = GroupingParams(w_words=0.5, w_entities=0.0, w_embedding=0.0, w_years=0.5,
                       w_places=0.0, w_dates=0.0, w_conflict=0.0, optional_missing=True)
    sim = combine(parts, p)
    assert sim[0, 1] > 0.99  # b has no year: judged on words alone
    assert sim[0, 2] < 0.6  # both have years and they differ
