"""The claim-pair model: shipped as data with its metadata, right on real news pairs it
was not fitted on, and the verdict it decides in ``analyze``."""

from __future__ import annotations

import json
import pathlib

import pytest

from corroborator.cli import main
from corroborator.errors import CorroboratorError
from corroborator.match import claim_pairs
from corroborator.match.claim_pairs import FEATURE_HASH, judge_pairs, load_model, model_from_json
from corroborator.match.linking import speech_act
from corroborator.match.units import Unit

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_model_ships_with_its_metadata() -> None:
    data = json.loads(claim_pairs.MODEL_FILE.read_text(encoding="utf-8"))
    meta = json.loads(claim_pairs.MODEL_FILE.with_name("claim_pair_model.meta.json")
                      .read_text(encoding="utf-8"))
    assert data["feature_hash"] == meta["feature_hash"] == FEATURE_HASH
    assert "mrpc/train.tsv" in meta["data"] and meta["command"].startswith("python -m bench.")
    assert meta["threshold"] == data["threshold"] == load_model().threshold


def test_a_model_of_another_feature_set_is_refused() -> None:
    data = json.loads(claim_pairs.MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1] + ["renamed"]
    with pytest.raises(CorroboratorError, match="another feature set"):
        model_from_json(data, "test model")


def test_real_news_pairs_it_never_saw() -> None:
    """ECB+ sentences (one story, several outlets), read by hand: most wordings of one
    claim are the same claim, and no pair of different claims is."""
    rows = [json.loads(line) for line in
            (ROOT / "tests/data/claim_identity.jsonl").read_text(encoding="utf-8").splitlines()]
    verdicts = judge_pairs([(r["a"], r["b"]) for r in rows])
    positives = [v.same_claim for r, v in zip(rows, verdicts, strict=True) if r["same"]]
    negatives = [v.same_claim for r, v in zip(rows, verdicts, strict=True) if not r["same"]]
    assert len(positives) >= 8 and len(negatives) >= 4
    assert sum(positives) >= 0.75 * len(positives), positives
    assert not any(negatives), negatives
    # symmetric: the order of the two sentences does not matter
    again = judge_pairs([(r["b"], r["a"]) for r in rows])
    assert [v.score for v in again] == pytest.approx([v.score for v in verdicts], abs=1e-6)


def _unit(text: str) -> Unit:
    return Unit("d", 0, len(text), text, (0, len(text)))


def test_a_rebuttal_is_not_a_supporting_mention() -> None:
    # the kind of rebuttal that was counted as support of the claim it rebuts
    rebuttal = ("Former and current intelligence officials said nothing the campaign made "
                "public indicated that the meeting had been approved")
    assert speech_act(_unit(rebuttal)) == "denial"
    assert speech_act(_unit("There is no evidence the two fires were connected")) == "denial"
    assert speech_act(_unit("The officials said the meeting had been approved")) == "assertion"


def _corroborated(folder: pathlib.Path, *flags: str) -> tuple[list[dict], list[dict]]:
    out = folder.parent / f"r{len(flags)}.json"
    assert main(["analyze", str(folder), "--format", "json", "-o", str(out), "-q", *flags]) == 0
    claims = [c for s in json.loads(out.read_text())["stories"] for c in s["claims"]]
    return claims, [c for c in claims if "corroborated" in c["status"]]


def test_a_copied_quote_is_one_source(tmp_path: pathlib.Path, shared_dir) -> None:
    """Two ECB+ articles print the pastor's words, one with "Kroon said", one without:
    one source, not corroborated; outlets reporting the fire alarm in their own words
    corroborate it. The claim-pair model only ever takes corroborations away."""
    text = shared_dir / "data" / "ecbplus" / "text"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("13_3ecb.txt", "13_12ecb.txt", "13_1ecb.txt", "13_4ecb.txt", "13_5ecb.txt"):
        (folder / name).write_bytes((text / name).read_bytes())
    claims, plain = _corroborated(folder)
    copied = [c for c in claims if "1,000 people, was heavily damaged" in c["text"]]
    assert copied and all("corroborated" not in c["status"] for c in copied)
    assert any("alarm" in c["text"].lower() for c in plain), [c["text"] for c in plain]
    for c in claims:
        for m in c["mentions"]:
            assert m["stance"] in ("supports", "reports-doubt")
    _, confirmed = _corroborated(folder, "--confirm-claims")
    assert any("alarm" in c["text"].lower() for c in confirmed)
    assert {c["text"] for c in confirmed} <= {c["text"] for c in plain}
    assert len(confirmed) < len(plain)


def test_speculation_and_hedges_do_not_vouch() -> None:
    from corroborator.match.confirm import stance_of_unit

    guess = _unit("This could escalate the conflict and have wider implications.")
    assert stance_of_unit(guess) == "reports-doubt"
    said = _unit("The minister said the talks could resume on Monday.")
    said.speaker = "The minister"
    assert stance_of_unit(said) == "supports"
    assert stance_of_unit(_unit("The fire alarm alerted the group to the blaze.")) == "supports"


def test_one_speaker_under_two_names_is_one_voice() -> None:
    """ECB+ 13_16ecb / 13_17ecb and 13_13ecb / 13_16ecb: the fire chief and the local fire
    chief; "He declined" beside the pastor named."""
    from corroborator.match.verdicts import one_voice
    from corroborator.model import Mention

    chief = [(Mention("a", 0, 1, "local fire chief"), "The local fire chief says the fire "
              "\"is definitely suspicious."),
             (Mention("b", 0, 1, "fire chief"), "The fire chief says the fire \"is "
              "definitely suspicious.")]
    assert {m.speaker for m, _ in one_voice(chief)} == {"local fire chief"}
    pastor = [(Mention("a", 0, 1, "He"), "He declined to say whether the church has "
               "received threats"),
              (Mention("b", 0, 1, "Larry Kroon"), "The pastor, Larry Kroon, declined to say "
               "whether the church had received any recent threats")]
    assert {m.speaker for m, _ in one_voice(pastor)} == {"Larry Kroon"}
    # two different people stay two
    two = [(Mention("a", 0, 1, "James Steele"), "he did not know of any threats"),
           (Mention("b", 0, 1, "Larry Kroon"), "Kroon declined to say")]
    assert {m.speaker for m, _ in one_voice(two)} == {"James Steele", "Larry Kroon"}


def test_one_text_printed_twice_is_one_source(tmp_path: pathlib.Path, shared_dir) -> None:
    """ECB+ 18_9ecb and 18_15ecb print the same paragraphs word for word with no credit:
    their shared sentences are one copied text, not two outlets' reporting; what they
    tell in their own words beside other articles still counts."""
    text = shared_dir / "data" / "ecbplus" / "text"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("18_9ecb.txt", "18_15ecb.txt", "18_6ecb.txt"):
        (folder / name).write_bytes((text / name).read_bytes())
    claims, plain = _corroborated(folder)
    copied = [c for c in claims if "caught the tone of the conversation" in c["text"]]
    assert copied and {m["doc"][:7] for c in copied for m in c["mentions"]} >= {"18_9ecb",
                                                                                 "18_15ec"}
    assert all("corroborated" not in c["status"] and c["independent_sources"] == 1
               for c in copied)
