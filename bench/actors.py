"""Speed of actor canonicalisation (one name per actor across a corpus).

usage: python bench/actors.py [--speakers N]
Times `canonicalise_actors` on the prepared ECB+ articles (cached under out/bench-cache)
and on N synthetic speakers (a third full names of persons, a third their surnames
alone, a third bodies; random names), and prints the
figures. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import string
import sys
import time

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))

from bench.ecb_cache import ROOT, prepared_folder  # noqa: E402
from corroborator.extract.actors import canonicalise_actors  # noqa: E402
from corroborator.model import Attribution, Document, Entity  # noqa: E402


def synthetic(n: int, seed: int = 0) -> Document:
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=6)).title()

    persons = [f"{word()} {word()}" for _ in range(n // 3)]
    surnames = [p.split()[1] for p in persons]  # "Mr. Smith" after "John Smith"
    bodies = [f"{word()} Agency" for _ in range(n - 2 * (n // 3))]
    d = Document("synthetic", "synthetic", "x")
    d.entities = [Entity(d.id, 0, 1, "PERSON", p) for p in persons]
    d.attributions = [Attribution(d.id, (0, 1), speaker=s)
                      for s in persons + surnames + bodies]
    return d


def timed(docs: list[Document]) -> tuple[int, int, float]:
    speakers = len({a.speaker for d in docs for a in d.attributions if a.speaker})
    t0 = time.perf_counter()
    actors = canonicalise_actors(docs)
    return speakers, len(actors), time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--speakers", type=int, default=20_000)
    a = ap.parse_args()
    text = ROOT.parent / "shared" / "data" / "ecbplus" / "text"
    if text.is_dir():
        docs = prepared_folder(text, "ecbplus")
        speakers, actors, secs = timed(docs)
        print(f"ECB+ ({len(docs)} articles): {speakers} speaker names -> {actors} actors "
              f"in {secs:.2f} s")
    speakers, actors, secs = timed([synthetic(a.speakers)])
    print(f"synthetic: {speakers} speaker names -> {actors} actors in {secs:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
