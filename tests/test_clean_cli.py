"""`corroborator clean`: one JSON object per input, errors on stderr, exit codes."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys

import pytest

from corroborator import cli

KEYS = {"id", "source", "title", "outlet", "published", "author", "language", "wire",
        "republished_from", "body", "removed"}


def test_clean_seed_and_page_as_jsonl(shared_dir, tmp_path, capsys):
    data = shared_dir / "data" / "article-extraction" / "html"
    page = sorted(data.glob("*.html.gz"))[0]
    html = tmp_path / "page.html"
    html.write_bytes(gzip.decompress(page.read_bytes()))
    seed = shared_dir / "seeds" / "001_3a929d0f6b981742.txt"
    assert cli.main(["clean", str(seed), str(html)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 2
    by_id = {r["id"]: r for r in records}
    for r in records:
        assert KEYS <= set(r)
        assert r["body"]
    s = by_id["001_3a929d0f6b981742"]
    assert [w.lower() for w in s["wire"]] == ["reuters", "afp"]
    text = seed.read_text(encoding="utf-8")
    for r in s["removed"]:
        assert text[r["start"]:r["end"]] == r["text"] and r["reason"]
    assert "Follow topic:" not in s["body"]
    p = by_id["page"]
    assert p["title"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p["published"] or "2000-01-01")


def test_text_format_prints_bodies(shared_dir, capsys):
    seed = shared_dir / "seeds" / "004_a62985fc72f8daaf.txt"
    assert cli.main(["clean", "--format", "text", str(seed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("==> ") and "Advertisement" not in out
    assert "said the claims about the DPRK were" in out


def test_nothing_cleaned_exits_1_with_one_line_per_error(tmp_path, capsys):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>", encoding="utf-8")
    code = cli.main(["clean", str(tmp_path / "missing.txt"), str(empty)])
    err = capsys.readouterr().err
    assert code == 1
    assert "missing.txt" in err and "Traceback" not in err
    assert all(line.startswith("corroborator:") for line in err.splitlines())


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as e:
        cli.main(["clean", "--format", "xml", "x"])
    assert e.value.code == 2


@pytest.mark.slow
def test_clean_runs_as_a_process(shared_dir):
    out = subprocess.run([sys.executable, "-m", "corroborator.cli", "clean",
                          str(shared_dir / "seeds")], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 5
