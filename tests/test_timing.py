"""corroborator.timing: stage seconds are recorded only inside ``recording()``."""

from __future__ import annotations

from corroborator import timing


def test_stages_record_only_while_recording() -> None:
    with timing.stage("parse"):
        pass  # nothing records: no error, nothing kept
    with timing.recording() as seconds:
        with timing.stage("parse"):
            with timing.stage("embedding"):
                pass
        with timing.stage("parse"):
            pass
    assert set(seconds) == {"parse", "embedding"}
    assert seconds["parse"] >= seconds["embedding"] >= 0.0
    with timing.stage("parse"):
        pass
    assert set(seconds) == {"parse", "embedding"}  # closed: later stages are not added


def test_a_failing_stage_still_counts() -> None:
    with timing.recording() as seconds:
        try:
            with timing.stage("matching"):
                raise ValueError("boom")
        except ValueError:
            pass
    assert "matching" in seconds
