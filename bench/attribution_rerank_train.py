"""Train the attribution reranker (a LoRA adapter on all-MiniLM-L6-v2) on PolNeAR train.

usage:
  python bench/attribution_rerank_train.py export DIR       # candidates -> DIR/{train,dev}.jsonl.gz
  python bench/attribution_rerank_train.py train DIR MODEL  # on a GPU: a few minutes; -> DIR
  python bench/attribution_rerank_train.py install DIR      # DIR/adapter.npz -> the package
  python bench/attribution_rerank_train.py blend            # refit the blend (CPU), see below

`export` writes every candidate the logistic scorer gives at least 0.01 with its pair of
texts (corroborator.extract.attribution_rerank.candidate_text), its logistic probability and
its label (the closest candidate to a gold content, as in attribution_train.py). `train`
needs torch and transformers and MODEL, a folder with all-MiniLM-L6-v2 (the package's own,
or a float16 copy); it holds out a tenth of the train articles, fits rank-16 LoRA on every
linear layer of the encoder plus a pooler and head for three epochs (batch 64, learning
rate 1e-3 for the adapter, 2e-3 for the head, one-cycle), then fits the blend of the two
logits (logistic and reranker) on the held-out tenth. On one H200 it took 2 minutes; on this
project's 2-core CPU it would take hours. `install` copies the adapter, stored as float16,
beside the code. `blend` refits only the blend of the installed adapter, on the same
held-out tenth, after the logistic scorer was retrained: no GPU, about three minutes.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import random
import shutil
import sys
import time
from collections.abc import Iterator
from typing import Any

from attribution_polnear import ROOT, Gold, closest_candidates, load_split, parsed

from corroborator.extract.attribution import WEIGHTS
from corroborator.extract.attribution_candidates import candidates
from corroborator.extract.attribution_rerank import ADAPTER, Reranker, candidate_text, logit_of
from corroborator.extract.attribution_scorer import score

CACHE = ROOT / "out" / "bench-cache"
FLOOR = 0.01
TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense",
           "output.dense")


def export(out: pathlib.Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        arts = load_split(split)
        n = pos = 0
        with gzip.open(out / f"{split}.jsonl.gz", "wt", encoding="utf-8") as fh:
            for key, ci, p, y, (a, b) in labelled(arts):
                fh.write(json.dumps({"doc": key, "ci": ci, "p": p, "y": y, "a": a, "b": b})
                         + "\n")
                n += 1
                pos += y
        print(f"{split}: {len(arts)} articles, {n} candidates, {pos} positive")


def labelled(arts: list[tuple[str, str, Gold]]
             ) -> Iterator[tuple[str, int, float, int, tuple[str, str]]]:
    """(article, candidate index, logistic probability, label, text pair) of every candidate
    the logistic scorer gives at least FLOOR."""
    for (key, text, gold), sdoc in zip(arts, parsed([t for _, t, _ in arts], CACHE),
                                       strict=True):
        cands, _ = candidates(sdoc)
        positive = closest_candidates(gold, [c.content for c in cands])
        for ci, c in enumerate(cands):
            p = score(c, WEIGHTS)
            if p >= FLOOR:
                yield key, ci, p, int(ci in positive), candidate_text(text, c)


def held_out(docs: set[str]) -> set[str]:
    """The tenth of the train articles the reranker does not learn from; the blend is fitted
    on them."""
    order = sorted(docs)
    random.Random(1).shuffle(order)
    return set(order[: len(order) // 10])


def blend() -> None:
    """Refit the blend of the installed reranker after the logistic scorer was retrained
    (bench/attribution_train.py): the reranker reads the held-out candidates on the CPU
    (about two minutes) and the blend is written into the installed adapter file."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    arts = load_split("train")
    hold = held_out({key for key, _, _ in arts})
    rows = list(labelled([a for a in arts if a[0] in hold]))
    z_ce = Reranker().logits([pair for *_, pair in rows])  # the float encoder, as shipped
    z_lr = [logit_of(p) for _, _, p, _, _ in rows]
    fit = LogisticRegression().fit(np.c_[z_lr, z_ce], [y for _, _, _, y, _ in rows])
    weights = dict(np.load(ADAPTER))
    weights["blend"] = np.array([*fit.coef_[0], fit.intercept_[0]], dtype=np.float32)
    np.savez_compressed(ADAPTER, **weights)
    print(f"{len(rows)} held-out candidates; blend (logistic, reranker, bias) "
          f"{weights['blend'].tolist()} -> {ADAPTER.relative_to(ROOT)}")


def train(data: pathlib.Path, model_dir: str, epochs: int = 3, rank: int = 16,
          seed: int = 0) -> None:
    import numpy as np
    import torch
    from torch import nn
    from transformers import AutoModel, AutoTokenizer

    dev = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(seed)

    class LoRA(nn.Module):
        def __init__(self, base: nn.Linear) -> None:
            super().__init__()
            self.base, self.scale = base, 2.0  # alpha 32 / rank 16
            self.A = nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
            self.B = nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.A.t() @ self.B.t()) * self.scale

    enc = AutoModel.from_pretrained(model_dir, dtype=torch.float32)
    tok = AutoTokenizer.from_pretrained(model_dir)
    for p in enc.parameters():
        p.requires_grad = False
    for name, mod in list(enc.named_modules()):
        for cname, child in list(mod.named_children()):
            full = f"{name}.{cname}" if name else cname
            if (isinstance(child, nn.Linear) and "encoder.layer" in full
                    and any(full.endswith(t) for t in TARGETS)):
                setattr(mod, cname, LoRA(child))

    class Scorer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc, self.pool, self.head = enc, nn.Linear(384, 384), nn.Linear(384, 1)
            self.drop = nn.Dropout(0.1)

        def forward(self, ids: Any, mask: Any, tt: Any) -> Any:
            h = self.enc(input_ids=ids, attention_mask=mask, token_type_ids=tt).last_hidden_state
            return self.head(self.drop(torch.tanh(self.pool(self.drop(h[:, 0]))))).squeeze(-1)

    model = Scorer().to(dev)
    rows = [json.loads(x) for x in gzip.open(data / "train.jsonl.gz", "rt", encoding="utf-8")]
    hold = held_out({r["doc"] for r in rows})
    tr = [r for r in rows if r["doc"] not in hold]
    ho = [r for r in rows if r["doc"] in hold]

    def encode(rs: list[dict[str, Any]]) -> list[Any]:
        e = tok([r["a"] for r in rs], [r["b"] for r in rs], truncation=True, max_length=128,
                padding="max_length", return_tensors="pt")
        return [e["input_ids"], e["attention_mask"], e["token_type_ids"],
                torch.tensor([r["y"] for r in rs], dtype=torch.float32)]

    def predict(d: list[Any]) -> Any:
        model.eval()
        out = []
        with torch.no_grad(), torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda"):
            for i in range(0, len(d[0]), 512):
                out.append(model(*[x[i : i + 512].to(dev) for x in d[:3]]).float().cpu())
        model.train()
        return torch.cat(out).numpy()

    t0 = time.time()
    dtr, dho = encode(tr), encode(ho)
    groups = [[p for n, p in model.named_parameters() if p.requires_grad and n.startswith(s)]
              for s in ("enc.", ("pool", "head"))]
    opt = torch.optim.AdamW([{"params": groups[0], "lr": 1e-3}, {"params": groups[1], "lr": 2e-3}],
                            weight_decay=0.01)
    bs, n = 64, len(tr)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=[1e-3, 2e-3], total_steps=epochs * ((n + bs - 1) // bs), pct_start=0.1)
    lossf = nn.BCEWithLogitsLoss()
    for ep in range(epochs):
        perm = torch.randperm(n)
        for i in range(0, n, bs):
            b = [x[perm[i : i + bs]].to(dev) for x in dtr]
            with torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda"):
                logit = model(*b[:3])
            loss = lossf(logit.float(), b[3])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        print(f"epoch {ep} done, {time.time() - t0:.0f} s", flush=True)
    from sklearn.linear_model import LogisticRegression

    z_ce = predict(dho)
    z_lr = np.array([logit_of(r["p"]) for r in ho])
    blend = LogisticRegression().fit(np.c_[z_lr, z_ce], [r["y"] for r in ho])
    out: dict[str, Any] = {}
    for name, mod in model.enc.named_modules():
        if isinstance(mod, LoRA):
            out[name + ".A"] = mod.A.detach().cpu().numpy().astype(np.float16)
            out[name + ".B"] = (mod.B.detach().cpu().numpy() * mod.scale).astype(np.float16)
    for name, p in model.named_parameters():
        if not name.startswith("enc."):
            out[name] = p.detach().cpu().numpy().astype(np.float16)
    out["blend"] = np.array([*blend.coef_[0], blend.intercept_[0]], dtype=np.float32)
    np.savez_compressed(data / "adapter.npz", **out)
    print(f"blend (logistic, reranker, bias) {out['blend'].tolist()}; {time.time() - t0:.0f} s")


def main() -> int:
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "export":
        export(pathlib.Path(args[1]))
    elif len(args) >= 3 and args[0] == "train":
        train(pathlib.Path(args[1]), args[2])
    elif args[:1] == ["blend"]:
        blend()
    elif len(args) >= 2 and args[0] == "install":
        shutil.copy(pathlib.Path(args[1]) / "adapter.npz", ADAPTER)
        print(f"installed -> {ADAPTER.relative_to(ROOT)}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
