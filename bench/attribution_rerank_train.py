"""Train the attribution reranker (a LoRA adapter on all-MiniLM-L6-v2) on PolNeAR train.

usage:
  python bench/attribution_rerank_train.py export DIR       # candidates -> DIR/{train,dev}.jsonl.gz
  python bench/attribution_rerank_train.py train DIR MODEL OUT [LISTWISE [EPOCHS [RANK [SEED]]]]
  python bench/attribution_rerank_train.py score DIR MODEL ADAPTER OUT  # an adapter's logits
  python bench/attribution_rerank_train.py install OUT      # OUT/adapter.npz -> the package
  python bench/attribution_rerank_train.py blend            # refit the blend (CPU), see below

`export` writes every candidate the logistic scorer gives at least 0.01 with its pair of
texts (corroborator.extract.attribution_rerank.candidate_text), its logistic probability, its
cue span and its label (the closest candidate to a gold content, as in attribution_train.py),
and DIR/export.json: the text pair's layout and its hash (attribution_rerank.LAYOUT).
`train` needs only torch, transformers and scikit-learn (pip install -e '.[train]' for
scikit-learn; it runs on a machine without corroborator's parser) and MODEL, a folder with
all-MiniLM-L6-v2 (the package's own, or a float16 copy). It holds out a tenth of the train
articles, fits rank-32 LoRA (RANK) on every linear layer of the encoder plus a pooler and
head (batch 64, learning rate 1e-3 for the adapter, 2e-3 for the head, one-cycle, four
epochs), fits the blend of the two logits (logistic and reranker) on the held-out tenth, and
writes OUT/adapter.npz, its metadata OUT/adapter.meta.json (data, split, settings, the
layout hash from DIR/export.json, command, date) and OUT/z.npz (the logits of the held-out
and dev rows, for trying blends on a CPU). On one H100 tokenizing and the
first epoch take about 80 s and each further epoch about 45 s; on this project's 2-core CPU
it would take hours. LISTWISE > 0 adds a softmax over each cue's candidates to the loss
(which of a cue's contents is right); its first full run (1.0, two epochs) collapsed to a
constant output, so it now clips the gradient norm to 1; clipped runs no longer collapse but
do not beat the pointwise adapter (docs/quotes.md, Measures). Run one training per GPU:
four at once on one H200 had not finished after 540 s (one alone, three epochs: 213 s).
`score` writes OUT/z.npz for an existing adapter. `install` copies the adapter, stored as float16,
and its metadata beside the code (attribution_reranker.npz, attribution_reranker.meta.json;
the reranker refuses an adapter whose layout hash is not the code's). `blend` refits only
the blend of the installed adapter, on the same held-out tenth, after the logistic scorer
was retrained, and records it in the metadata: no GPU, about three minutes.
"""

from __future__ import annotations

import datetime
import gzip
import json
import math
import pathlib
import random
import shutil
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from attribution_polnear import Gold

ROOT = pathlib.Path(__file__).resolve().parents[1]
ADAPTER = ROOT / "corroborator" / "extract" / "attribution_reranker.npz"
CACHE = ROOT / "out" / "bench-cache"
FLOOR = 0.01
TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense",
           "output.dense")


def export(out: pathlib.Path) -> None:
    from attribution_polnear import load_split

    from corroborator.extract.attribution_rerank import FEATURE_HASH, LAYOUT
    from corroborator.extract.attribution_scorer import WEIGHTS_FILE
    from corroborator.learned import meta_path, read_meta

    out.mkdir(parents=True, exist_ok=True)
    scorer = read_meta(meta_path(WEIGHTS_FILE))
    (out / "export.json").write_text(json.dumps({
        "layout": list(LAYOUT), "feature_hash": FEATURE_HASH,
        "logistic_scorer": f"attribution_weights.npz made {scorer.get('made')} by "
                           f"{scorer.get('command')}",
        "command": f"python bench/attribution_rerank_train.py export {out}",
        "made": datetime.date.today().isoformat()}, indent=1) + "\n", encoding="utf-8")
    for split in ("train", "dev"):
        arts = load_split(split)
        n = pos = 0
        with gzip.open(out / f"{split}.jsonl.gz", "wt", encoding="utf-8") as fh:
            for key, ci, p, y, (a, b), cue in labelled(arts):
                fh.write(json.dumps({"doc": key, "ci": ci, "p": p, "y": y, "a": a, "b": b,
                                     "cue": cue}) + "\n")
                n += 1
                pos += y
        print(f"{split}: {len(arts)} articles, {n} candidates, {pos} positive")


def labelled(arts: list[tuple[str, str, Gold]]
             ) -> Iterator[tuple[str, int, float, int, tuple[str, str], tuple[int, int]]]:
    """(article, candidate index, logistic probability, label, text pair, cue span) of every
    candidate the logistic scorer gives at least FLOOR."""
    from attribution_polnear import closest_candidates, parsed

    from corroborator.extract.attribution_candidates import candidates
    from corroborator.extract.attribution_rerank import candidate_text
    from corroborator.extract.attribution_scorer import load_weights, score

    weights = load_weights()
    for (key, text, gold), sdoc in zip(arts, parsed([t for _, t, _ in arts], CACHE),
                                       strict=True):
        cands, _ = candidates(sdoc)
        positive = closest_candidates(gold, [c.content for c in cands])
        for ci, c in enumerate(cands):
            p = score(c, weights)
            if p >= FLOOR:
                yield key, ci, p, int(ci in positive), candidate_text(text, c), c.cue


def held_out(docs: set[str]) -> set[str]:
    """The tenth of the train articles the reranker does not learn from; the blend is fitted
    on them."""
    order = sorted(docs)
    random.Random(1).shuffle(order)
    return set(order[: len(order) // 10])


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def blend() -> None:
    """Refit the blend of the installed reranker after the logistic scorer was retrained
    (bench/attribution_train.py): the reranker reads the held-out candidates on the CPU
    (about two minutes) and the blend is written into the installed adapter file."""
    import numpy as np
    from attribution_polnear import load_split
    from sklearn.linear_model import LogisticRegression

    from corroborator.extract.attribution_rerank import Reranker
    from corroborator.learned import meta_path, read_meta, write_meta

    arts = load_split("train")
    hold = held_out({key for key, _, _ in arts})
    rows = list(labelled([a for a in arts if a[0] in hold]))
    z_ce = Reranker().logits([pair for *_, pair, _ in rows])  # the float encoder, as shipped
    z_lr = [logit(p) for _, _, p, _, _, _ in rows]
    fit = LogisticRegression().fit(np.c_[z_lr, z_ce], [y for _, _, _, y, _, _ in rows])
    weights = dict(np.load(ADAPTER))
    weights["blend"] = np.array([*fit.coef_[0], fit.intercept_[0]], dtype=np.float32)
    np.savez_compressed(ADAPTER, **weights)
    meta = read_meta(meta_path(ADAPTER))
    meta["blend"] = [float(x) for x in weights["blend"]]
    meta["blend_refit"] = {"held_out_candidates": len(rows),
                           "command": "python bench/attribution_rerank_train.py blend",
                           "made": datetime.date.today().isoformat()}
    write_meta(ADAPTER, meta)
    print(f"{len(rows)} held-out candidates; blend (logistic, reranker, bias) "
          f"{weights['blend'].tolist()} -> {ADAPTER.relative_to(ROOT)}")


def _model(model_dir: str, rank: int, adapter: pathlib.Path | None = None) -> Any:
    """The encoder with LoRA layers (fresh, or an adapter file's merged in) and the head."""
    import numpy as np
    import torch
    from torch import nn
    from transformers import AutoModel

    class LoRA(nn.Module):
        def __init__(self, base: nn.Linear) -> None:
            super().__init__()
            self.base, self.scale = base, 32 / rank  # alpha 32
            self.A = nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
            self.B = nn.Parameter(torch.zeros(base.out_features, rank))

        def forward(self, x: Any) -> Any:
            return self.base(x) + (x @ self.A.t() @ self.B.t()) * self.scale

    enc = AutoModel.from_pretrained(model_dir, dtype=torch.float32)
    for p in enc.parameters():
        p.requires_grad = False
    saved = dict(np.load(adapter)) if adapter else {}
    for name, mod in list(enc.named_modules()):
        for cname, child in list(mod.named_children()):
            full = f"{name}.{cname}" if name else cname
            if (isinstance(child, nn.Linear) and "encoder.layer" in full
                    and any(full.endswith(t) for t in TARGETS)):
                if saved:
                    with torch.no_grad():
                        a = torch.from_numpy(saved[full + ".A"].astype(np.float32))
                        b = torch.from_numpy(saved[full + ".B"].astype(np.float32))
                        child.weight += b @ a
                else:
                    setattr(mod, cname, LoRA(child))

    class Scorer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc, self.pool, self.head = enc, nn.Linear(384, 384), nn.Linear(384, 1)
            self.drop = nn.Dropout(0.1)

        def forward(self, ids: Any, mask: Any, tt: Any) -> Any:
            h = self.enc(input_ids=ids, attention_mask=mask, token_type_ids=tt).last_hidden_state
            return self.head(self.drop(torch.tanh(self.pool(self.drop(h[:, 0]))))).squeeze(-1)

    model = Scorer()
    if saved:
        with torch.no_grad():
            for name, p in model.named_parameters():
                if not name.startswith("enc."):
                    p.copy_(torch.from_numpy(saved[name].astype(np.float32)))
    return model, LoRA


def _rows(data: pathlib.Path, split: str) -> list[dict[str, Any]]:
    with gzip.open(data / f"{split}.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(x) for x in fh]


def _groups(rows: list[dict[str, Any]]) -> list[list[int]]:
    """Row indices per cue (one article's candidates that share a cue span)."""
    by: dict[tuple[str, tuple[int, ...]], list[int]] = {}
    for i, r in enumerate(rows):
        by.setdefault((r["doc"], tuple(r["cue"])), []).append(i)
    return list(by.values())


def train(data: pathlib.Path, model_dir: str, out: pathlib.Path, epochs: int = 4,
          rank: int = 32, seed: int = 0, listwise: float = 0.0) -> None:
    """Fit the adapter and head on the train rows bar the held-out tenth. With ``listwise``
    > 0, batches are whole cue groups and the loss adds ``listwise`` times the cross-entropy
    of a softmax over each group that holds a positive (which of a cue's contents is right).
    Writes out/adapter.npz and the logits of the held-out and dev rows (out/z.npz)."""
    import numpy as np
    import torch
    from torch import nn
    from transformers import AutoTokenizer

    dev = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(seed)
    model, lora = _model(model_dir, rank)
    model = model.to(dev)
    tok = AutoTokenizer.from_pretrained(model_dir)
    rows = _rows(data, "train")
    hold = held_out({r["doc"] for r in rows})
    tr = [r for r in rows if r["doc"] not in hold]

    def encode(rs: list[dict[str, Any]]) -> list[Any]:
        e = tok([r["a"] for r in rs], [r["b"] for r in rs], truncation=True, max_length=128,
                padding="max_length", return_tensors="pt")
        return [e["input_ids"], e["attention_mask"], e["token_type_ids"],
                torch.tensor([r["y"] for r in rs], dtype=torch.float32)]

    t0 = time.time()
    dtr = encode(tr)
    groups = _groups(tr)
    params = [[p for n, p in model.named_parameters() if p.requires_grad and n.startswith(s)]
              for s in ("enc.", ("pool", "head"))]
    opt = torch.optim.AdamW([{"params": params[0], "lr": 1e-3}, {"params": params[1], "lr": 2e-3}],
                            weight_decay=0.01)
    bs = 64
    rng = random.Random(seed)

    def batches() -> list[list[int]]:
        """Shuffled batches of about ``bs`` rows; whole groups when listwise."""
        if not listwise:
            perm = torch.randperm(len(tr)).tolist()
            return [perm[i : i + bs] for i in range(0, len(perm), bs)]
        order = groups[:]
        rng.shuffle(order)
        out_b: list[list[int]] = [[]]
        for g in order:
            if len(out_b[-1]) + len(g) > bs and out_b[-1]:
                out_b.append([])
            out_b[-1].extend(g[:bs])
        return out_b

    steps = epochs * len(batches())
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=[1e-3, 2e-3], total_steps=steps + epochs, pct_start=0.1)
    lossf = nn.BCEWithLogitsLoss()
    for ep in range(epochs):
        for idx in batches():
            ix = torch.tensor(idx)
            b = [x[ix].to(dev) for x in dtr]
            with torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda"):
                z = model(*b[:3]).float()
            loss = lossf(z, b[3])
            if listwise:
                # one softmax per cue group with a positive: members are consecutive in idx
                grp = torch.tensor([k for k, g in enumerate(_runs(idx, tr)) for _ in g],
                                   device=dev)
                n_g = int(grp.max()) + 1
                zmax = torch.full((n_g,), -1e4, device=dev).scatter_reduce(
                    0, grp, z, "amax")
                ez = torch.exp(z - zmax[grp])
                tot = torch.zeros(n_g, device=dev).index_add(0, grp, ez)
                posz = torch.zeros(n_g, device=dev).index_add(0, grp, ez * b[3])
                has = posz > 0
                if bool(has.any()):
                    ce = -(torch.log(posz[has]) - torch.log(tot[has])).mean()
                    loss = loss + listwise * ce
            opt.zero_grad()
            loss.backward()
            if listwise:
                nn.utils.clip_grad_norm_(params[0] + params[1], 1.0)
            opt.step()
            sched.step()
        print(f"epoch {ep} done, {time.time() - t0:.0f} s", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    saved: dict[str, Any] = {}
    for name, mod in model.enc.named_modules():
        if isinstance(mod, lora):
            saved[name + ".A"] = mod.A.detach().cpu().numpy().astype(np.float16)
            saved[name + ".B"] = (mod.B.detach().cpu().numpy() * mod.scale).astype(np.float16)
    for name, p in model.named_parameters():
        if not name.startswith("enc."):
            saved[name] = p.detach().cpu().numpy().astype(np.float16)
    from sklearn.linear_model import LogisticRegression

    ho = [r for r in rows if r["doc"] in hold]
    z = _score(model, tok, {"held": ho, "dev": _rows(data, "dev")}, out, dev)
    fit = LogisticRegression().fit(np.c_[[logit(r["p"]) for r in ho], z["held"]],
                                   [r["y"] for r in ho])
    saved["blend"] = np.array([*fit.coef_[0], fit.intercept_[0]], dtype=np.float32)
    np.savez_compressed(out / "adapter.npz", **saved)
    (out / "adapter.meta.json").write_text(json.dumps(adapter_meta(
        data, rank=rank, epochs=epochs, seed=seed, listwise=listwise,
        blend=[float(x) for x in saved["blend"]], rows=len(tr), held=len(ho),
        device=torch.cuda.get_device_name() if dev == "cuda" else "cpu",
        command=" ".join(["python bench/attribution_rerank_train.py", *sys.argv[1:]])),
        indent=1) + "\n", encoding="utf-8")
    print(f"blend (logistic, reranker, bias) {saved['blend'].tolist()}; "
          f"{time.time() - t0:.0f} s -> {out}", flush=True)


def adapter_meta(data: pathlib.Path, rank: int, epochs: int, seed: int, listwise: float,
                 blend: list[float], rows: int, held: int, device: str, command: str
                 ) -> dict[str, Any]:
    """The metadata written beside an adapter (install copies it into the package)."""
    import sklearn
    import torch
    import transformers

    export_file = data / "export.json"
    exported = json.loads(export_file.read_text(encoding="utf-8")) if export_file.is_file() else {}
    return {
        "model": f"LoRA adapter (rank {rank}, alpha 32) on the "
                 f"{', '.join(TARGETS)} layers of every encoder layer (merged into the "
                 "encoder's weights at load), a pooler (384x384, tanh) and a head (384 -> 1) "
                 "on the [CLS] vector; its logit is blended with the logistic scorer's by a "
                 "logistic regression (scikit-learn LogisticRegression)",
        "encoder": "all-MiniLM-L6-v2",
        "data": "shared/data/polnear/train (PolNeAR v1.0.0 train): every candidate the "
                f"logistic scorer gives at least {FLOOR}, as a text pair "
                "(attribution_rerank.candidate_text), labelled 1 when it is the candidate "
                f"closest to a gold content; {rows + held} candidates ({data}/train.jsonl.gz)",
        "split": "adapter and head: train articles bar a held-out tenth (sorted article keys "
                 f"shuffled by random.Random(1), the first tenth; {rows} candidates); blend: "
                 f"the held-out tenth ({held} candidates); dev only scored",
        "settings": {"rank": rank, "alpha": 32, "epochs": epochs, "batch": 64,
                     "lr_adapter": 0.001, "lr_head": 0.002,
                     "schedule": "one-cycle, pct_start 0.1",
                     "optimizer": "AdamW, weight decay 0.01", "dropout": 0.1,
                     "listwise": listwise, "seed": seed, "max_tokens": 128,
                     "autocast": "bfloat16 on the GPU", "stored": "float16 (blend float32)"},
        "blend": blend,
        "blend_inputs": "logistic logit, reranker logit, bias",
        "logistic_scorer": exported.get("logistic_scorer"),
        "hardware": device,
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "scikit-learn": sklearn.__version__},
        "command": command,
        "made": datetime.date.today().isoformat(),
        "layout": exported.get("layout"),
        "feature_hash": exported.get("feature_hash"),
    }


def _runs(idx: list[int], rows: list[dict[str, Any]]) -> list[list[int]]:
    """``idx`` cut into runs of one cue group (batches hold whole groups in order)."""
    runs: list[list[int]] = []
    last: Any = None
    for i in idx:
        key = (rows[i]["doc"], tuple(rows[i]["cue"]))
        if key != last:
            runs.append([])
            last = key
        runs[-1].append(i)
    return runs


def _held_and_dev(data: pathlib.Path) -> dict[str, list[dict[str, Any]]]:
    """The held-out tenth of the train rows and the dev rows."""
    rows = _rows(data, "train")
    hold = held_out({r["doc"] for r in rows})
    return {"held": [r for r in rows if r["doc"] in hold], "dev": _rows(data, "dev")}


def _score(model: Any, tok: Any, sets: dict[str, list[dict[str, Any]]], out: pathlib.Path,
           dev: str) -> dict[str, Any]:
    """The model's logits for each set of rows -> out/z.npz (one array per set)."""
    import numpy as np
    import torch

    res: dict[str, Any] = {}
    for name, rs in sets.items():
        model.eval()
        zs = []
        with torch.no_grad(), torch.autocast(dev, dtype=torch.bfloat16, enabled=dev == "cuda"):
            for i in range(0, len(rs), 512):
                chunk = rs[i : i + 512]
                e = tok([r["a"] for r in chunk], [r["b"] for r in chunk], truncation=True,
                        max_length=128, padding=True, return_tensors="pt").to(dev)
                zs.append(model(e["input_ids"], e["attention_mask"], e["token_type_ids"])
                          .float().cpu())
        res[name] = torch.cat(zs).numpy() if zs else np.zeros(0)
    np.savez_compressed(out / "z.npz", **res)
    return res


def score_adapter(data: pathlib.Path, model_dir: str, adapter: pathlib.Path,
                  out: pathlib.Path) -> None:
    """Logits of an existing adapter for the held-out and dev rows -> out/z.npz."""
    import torch
    from transformers import AutoTokenizer

    dev = "cuda" if torch.cuda.is_available() else "cpu"
    model, _ = _model(model_dir, 16, adapter)
    out.mkdir(parents=True, exist_ok=True)
    _score(model.to(dev), AutoTokenizer.from_pretrained(model_dir), _held_and_dev(data), out,
           dev)


def main() -> int:
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "export":
        export(pathlib.Path(args[1]))
    elif len(args) >= 4 and args[0] == "train":
        # train DIR MODEL OUT [LISTWISE [EPOCHS [RANK [SEED]]]]
        train(pathlib.Path(args[1]), args[2], pathlib.Path(args[3]),
              listwise=float(args[4]) if len(args) > 4 else 0.0,
              epochs=int(args[5]) if len(args) > 5 else 4,
              rank=int(args[6]) if len(args) > 6 else 32,
              seed=int(args[7]) if len(args) > 7 else 0)
    elif len(args) >= 5 and args[0] == "score":
        score_adapter(pathlib.Path(args[1]), args[2], pathlib.Path(args[3]), pathlib.Path(args[4]))
    elif args[:1] == ["blend"]:
        blend()
    elif len(args) >= 2 and args[0] == "install":
        meta = pathlib.Path(args[1]) / "adapter.meta.json"
        if not meta.is_file():
            print(f"{meta} is missing: train with this script writes it", file=sys.stderr)
            return 1
        shutil.copy(pathlib.Path(args[1]) / "adapter.npz", ADAPTER)
        target = ADAPTER.with_name(ADAPTER.name.split(".", 1)[0] + ".meta.json")
        shutil.copy(meta, target)
        print(f"installed -> {ADAPTER.relative_to(ROOT)}, {target.relative_to(ROOT)}")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
