"""Throughput of the whole pipeline against the spaCy pass alone, per stage (issue 36).

usage: python -m bench.throughput [--articles 100] [--rerank on|off|int8] [--profile FILE]

Articles: the ECB+ texts (shared/data/ecbplus/text, sorted by name; 462 of them), then,
past 462, the PolNeAR train texts (shared/data/polnear/train/text, sorted; about 2.4 times
as long). In one process:

1. the models are loaded (spaCy, the sentence encoder, the attribution reranker) and the
   load timed on its own, so that what follows is steady-state work;
2. the spaCy pass alone: the project's pipeline (``parse.load_nlp``: the same model, pipes
   and batch size) over the articles' parse texts, ``nlp.pipe``;
3. the whole pipeline: ``read_inputs`` + ``prepare`` + ``analyze_documents``, with the
   stage seconds corroborator.timing records (stages nest: "rerank" is inside
   "attribution", "embedding" inside actors/grouping/matching);
4. the spaCy pass again. The machine is shared and noisy: the ratio is to the mean of the
   two spaCy passes, measured around the pipeline; compare ratios between runs, not seconds.

Peak RSS is the process's (resource.getrusage), models included. Goals (issue 36): at least
4.6 articles/s on ECB+-sized articles and the pipeline within 2x the spaCy pass; peak
memory at most 1.5 GiB for 1,000 articles. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import pathlib
import resource
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corroborator.model import Document
    from corroborator.settings import Settings

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))

DATA = pathlib.Path(__file__).resolve().parents[2] / "shared" / "data"
if not DATA.is_dir():
    DATA = pathlib.Path("/work/shared/data")
ECB = DATA / "ecbplus" / "text"
POLNEAR = DATA / "polnear" / "train" / "text"


def article_paths(n: int) -> list[pathlib.Path]:
    """The first ``n`` ECB+ texts by name, then PolNeAR train texts by name."""
    paths = sorted(ECB.glob("*.txt"))
    if n > len(paths):
        paths += sorted(POLNEAR.glob("*.txt"))
    if n > len(paths):
        raise SystemExit(f"only {len(paths)} articles in {ECB} and {POLNEAR}")
    return paths[:n]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def spacy_pass(texts: list[str]) -> float:
    from corroborator.extract.parse import load_nlp

    start = time.perf_counter()
    for _ in load_nlp().pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100, help="how many (default 100)")
    ap.add_argument("--rerank", choices=["on", "off", "int8"], default=None,
                    help="Settings.attribution_rerank (default: the project's default)")
    ap.add_argument("--inputs", nargs="+", metavar="PATH",
                    help="analyse these files or folders instead (as `corroborator analyze`)")
    ap.add_argument("--report", metavar="FILE",
                    help="write the JSON report to FILE, as `analyze --format json -o` does "
                         "(to check that a speed change leaves reports identical)")
    ap.add_argument("--profile", metavar="FILE",
                    help="write a cProfile of the pipeline run to FILE (pstats)")
    args = ap.parse_args(argv)

    from corroborator import timing
    from corroborator.extract.attribution_rerank import load_reranker
    from corroborator.extract.embed import load_encoder
    from corroborator.extract.parse import load_nlp, parse_text
    from corroborator.ingest import read_inputs
    from corroborator.pipeline import analyze
    from corroborator.settings import Settings

    settings = Settings(progress=False)
    if args.rerank:
        settings.attribution_rerank = args.rerank
    if args.inputs:
        inputs, kinds = args.inputs, " ".join(args.inputs)
    else:
        paths = article_paths(args.articles)
        inputs = [str(p) for p in paths]
        kinds = "ECB+" if paths[-1].is_relative_to(ECB) else "ECB+ then PolNeAR train"

    start = time.perf_counter()
    load_nlp()
    load_encoder()
    if settings.attribution_rerank != "off":
        load_reranker(settings.attribution_rerank == "int8")
    t_load = time.perf_counter() - start

    # what the parser reads (furniture blanked): read and cleaned apart from the timed run
    probe, _ = read_inputs(inputs, settings)
    texts = [parse_text(d) for d in prepare_clean_only(probe, settings)]
    chars = sum(len(t) for t in texts)
    t_spacy_1 = spacy_pass(texts)

    profile = cProfile.Profile() if args.profile else None
    with timing.recording() as stages:
        start = time.perf_counter()
        if profile:
            profile.enable()
        report = analyze(inputs, settings)
        if profile:
            profile.disable()
        t_total = time.perf_counter() - start
    t_spacy_2 = spacy_pass(texts)
    if profile:
        profile.dump_stats(args.profile)

    if args.report:
        from corroborator.report.json_report import render_json

        pathlib.Path(args.report).write_text(render_json(report), encoding="utf-8")
    t_spacy = (t_spacy_1 + t_spacy_2) / 2
    n = len(texts)
    print(f"{n} articles ({kinds}), {chars / n:,.0f} characters each on average, "
          f"rerank {settings.attribution_rerank}; {sys.executable}")
    print(f"models loaded in {t_load:.1f} s (not counted below)")
    print(f"spaCy pass alone: {t_spacy:.1f} s (before {t_spacy_1:.1f}, after {t_spacy_2:.1f})"
          f" = {n / t_spacy:.1f} articles/s")
    print(f"whole pipeline:   {t_total:.1f} s = {n / t_total:.2f} articles/s, "
          f"{t_total / t_spacy:.2f}x the spaCy pass")
    print(f"{len(report.stories)} stories, "
          f"{sum(len(s.claims) for s in report.stories)} claims")
    print(f"{'stage':<28} {'seconds':>8} {'share':>6} {'x spaCy':>8}")
    for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"{name:<28} {secs:>8.2f} {secs / t_total:>6.0%} {secs / t_spacy:>8.2f}")
    print(f"peak RSS {peak_rss_mib():,.0f} MiB")
    return 0


def prepare_clean_only(docs: list[Document], settings: Settings) -> list[Document]:
    """The documents cleaned (furniture marked), as the parser will see them."""
    from corroborator.clean import clean_documents

    return [d for d in clean_documents(docs, settings) if not d.skipped and d.text.strip()]


if __name__ == "__main__":
    sys.exit(main())
