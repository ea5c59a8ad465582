"""Domain adaptation: fine-tune all-MiniLM-L6-v2 on a council's labelled feedback, once.

The frozen sentence model places comments by general meaning; fine-tuning it on labelled
comments (multi-label themes, plus sentiment where given) moves comments that share a theme
closer together. The result is exported to int8 ONNX like ``make model``'s, so run time still
needs only onnxruntime; the TF-IDF and linear heads are trained on top as before (and keep
learning from people's confirmations without touching the encoder). Why and what it gains:
docs/adr/0008 (addendum). Needs torch (``pip install torch==2.13.0``, CPU build), numpy,
``tokenizers``, ``onnx`` and ``onnxruntime``: ``make model-adapted DATA=FILE`` puts them in a
throw-away environment.

The encoder is written here in plain torch from the safetensors weights (BERT: 6 layers, 12
heads, mean pooling), with the same parameter names, so the fine-tuned weights go back through
the same ONNX graph writer (:func:`export.export_onnx`).
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
import struct
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from careloop.themes.ml.data import DataError, read_labelled
from careloop.themes.ml.embedder import OnnxEmbedder
from careloop.themes.ml.evaluate import cross_validate
from careloop.themes.ml.export import (
    ADAPTED_FILE,
    TOKENIZER_FILE,
    export_onnx,
    read_safetensors,
    source_model_dir,
)
from careloop.themes.ml.train import label_matrix

WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"


@dataclass
class AdaptConfig:
    """Fine-tuning settings; the defaults were chosen on NHS feedback (docs/adr/0008)."""

    epochs: float = 5.0
    lr: float = 2e-4  # of the encoder; the heads learn at ``head_lr``
    head_lr: float = 2e-3
    batch_size: int = 32
    max_length: int = 128  # tokens seen in training (the exported model reads up to 256)
    warmup: float = 0.1  # share of the steps with a rising learning rate
    weight_decay: float = 0.01
    sentiment_weight: float = 0.5  # of the sentiment loss beside the themes' loss
    seed: int = 0
    threads: int = 2

    def to_dict(self) -> dict:
        return asdict(self)


def _torch():  # noqa: ANN202
    try:
        import torch
    except ImportError as exc:  # a clear message, not a traceback
        raise RuntimeError(
            "adapting the sentence model needs torch: pip install torch==2.13.0 (CPU build), "
            "or run `make model-adapted DATA=FILE`"
        ) from exc
    return torch


def _encoder_class():  # noqa: ANN202
    torch = _torch()
    functional = torch.nn.functional

    class MiniLM(torch.nn.Module):
        """BERT encoder + mean pooling over the safetensors weights of all-MiniLM-L6-v2."""

        def __init__(self, weights: dict[str, np.ndarray], config: dict) -> None:
            super().__init__()
            self.names = [n for n in weights if not n.endswith("position_ids")]
            self.params = torch.nn.ParameterList(
                torch.nn.Parameter(torch.from_numpy(weights[n].astype(np.float32)))
                for n in self.names
            )
            self.index = {n: i for i, n in enumerate(self.names)}
            self.layers = int(config["num_hidden_layers"])
            self.heads = int(config["num_attention_heads"])
            self.eps = float(config.get("layer_norm_eps", 1e-12))

        def w(self, name: str):  # noqa: ANN202
            return self.params[self.index[name]]

        def linear(self, x, name: str):  # noqa: ANN001, ANN202
            return functional.linear(x, self.w(name + ".weight"), self.w(name + ".bias"))

        def norm(self, x, name: str):  # noqa: ANN001, ANN202
            return functional.layer_norm(
                x, x.shape[-1:], self.w(name + ".weight"), self.w(name + ".bias"), self.eps
            )

        def forward(self, ids, mask):  # noqa: ANN001, ANN202
            """Mean-pooled token vectors (not normalised) of right-padded ``ids``."""
            n, width = ids.shape
            e = "embeddings."
            x = (
                self.w(e + "word_embeddings.weight")[ids]
                + self.w(e + "position_embeddings.weight")[:width].unsqueeze(0)
                + self.w(e + "token_type_embeddings.weight")[0]
            )
            x = self.norm(x, e + "LayerNorm")
            keep = mask.bool()[:, None, None, :]  # (n, 1, 1, width): attend to real tokens
            for i in range(self.layers):
                p = f"encoder.layer.{i}."

                def split(t):  # noqa: ANN001, ANN202
                    return t.view(n, width, self.heads, -1).transpose(1, 2)

                q = split(self.linear(x, p + "attention.self.query"))
                k = split(self.linear(x, p + "attention.self.key"))
                v = split(self.linear(x, p + "attention.self.value"))
                ctx = functional.scaled_dot_product_attention(q, k, v, attn_mask=keep)
                ctx = ctx.transpose(1, 2).reshape(n, width, -1)
                x = self.norm(
                    x + self.linear(ctx, p + "attention.output.dense"),
                    p + "attention.output.LayerNorm",
                )
                h = functional.gelu(self.linear(x, p + "intermediate.dense"))
                x = self.norm(x + self.linear(h, p + "output.dense"), p + "output.LayerNorm")
            m = mask.unsqueeze(-1).to(x.dtype)
            return (x * m).sum(1) / m.sum(1).clamp(min=1e-9)

        def arrays(self, original: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            """The weights as numpy arrays, under the original names (with position_ids)."""
            out = dict(original)
            for name, param in zip(self.names, self.params, strict=True):
                out[name] = param.detach().cpu().numpy().astype(original[name].dtype)
            return out

    return MiniLM


def write_safetensors(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write numpy arrays as a .safetensors file (the reverse of ``read_safetensors``)."""
    codes = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16", np.dtype(np.int64): "I64"}
    header: dict = {}
    blobs, offset = [], 0
    for name in sorted(arrays):
        data = np.ascontiguousarray(arrays[name]).tobytes()
        header[name] = {
            "dtype": codes[arrays[name].dtype],
            "shape": list(arrays[name].shape),
            "data_offsets": [offset, offset + len(data)],
        }
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)  # the data starts 8-byte aligned
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(raw)) + raw)
        for blob in blobs:
            out.write(blob)


def _batches(lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar length (little padding), in random order: rows are shuffled within
    chunks of 50 batches, sorted by length there and cut into batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    out = []
    for start in range(0, len(order), size * 50):
        chunk = sorted(order[start : start + size * 50], key=lambda i: lengths[i])
        out += [chunk[k : k + size] for k in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def _pad(torch, rows: list[list[int]]):  # noqa: ANN001, ANN202
    width = max(len(r) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r, dtype=torch.long)
        mask[i, : len(r)] = 1
    return ids, mask


def _tokenizer(src: Path, max_length: int):  # noqa: ANN202
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(src / TOKENIZER_FILE))
    tok.no_padding()
    tok.enable_truncation(max_length)
    return tok


def fine_tune(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    sentiments: Sequence[int | None] | None = None,
    *,
    source: Path | None = None,
    config: AdaptConfig | None = None,
    progress: Callable[[int, int, float], object] | None = None,
) -> tuple[dict[str, np.ndarray], dict]:
    """Fine-tune the encoder on labelled texts; returns (weights by name, training record).

    Themes are learnt as independent yes/no outputs (weighted towards the rarer yes, by the
    square root of the no/yes ratio, between 1 and 10) and sentiment (1-5, where given) as one
    of five; both heads are thrown away afterwards: only the encoder is kept.
    """
    torch = _torch()
    cfg = config or AdaptConfig()
    src = source or source_model_dir()
    weights = read_safetensors(src / WEIGHTS_FILE)
    model_config = json.loads((src / CONFIG_FILE).read_text())
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    rng = random.Random(cfg.seed)
    names = sorted({n for row in labels for n in row})
    y = torch.tensor(label_matrix(labels, names), dtype=torch.float32)
    sents = list(sentiments) if sentiments is not None else [None] * len(texts)
    s = torch.tensor([int(v) - 1 if v else -100 for v in sents], dtype=torch.long)
    ids = [e.ids for e in _tokenizer(src, cfg.max_length).encode_batch(list(texts))]
    encoder = _encoder_class()(weights, model_config)
    dim = int(model_config["hidden_size"])
    themes_head, sentiment_head = torch.nn.Linear(dim, len(names)), torch.nn.Linear(dim, 5)
    heads = list(themes_head.parameters()) + list(sentiment_head.parameters())
    optimiser = torch.optim.AdamW(
        [{"params": encoder.parameters(), "lr": cfg.lr}, {"params": heads, "lr": cfg.head_lr}],
        weight_decay=cfg.weight_decay,
    )
    total = max(1, int(math.ceil(len(texts) / cfg.batch_size) * cfg.epochs))
    warm = max(1, int(cfg.warmup * total))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda k: min((k + 1) / warm, max(0.0, (total - k) / max(1, total - warm)))
    )
    yes = y.sum(0)
    theme_loss = torch.nn.BCEWithLogitsLoss(
        pos_weight=torch.sqrt((len(texts) - yes) / yes.clamp(min=1)).clamp(1, 10)
    )
    sentiment_loss = torch.nn.CrossEntropyLoss(ignore_index=-100)
    lengths = [len(i) for i in ids]
    encoder.train()
    step, losses, started = 0, [], time.perf_counter()
    while step < total:
        for batch in _batches(lengths, cfg.batch_size, rng):
            if step >= total:
                break
            vectors = encoder(*_pad(torch, [ids[i] for i in batch]))
            loss = theme_loss(themes_head(vectors), y[batch])
            if (s[batch] >= 0).any():
                loss = loss + cfg.sentiment_weight * sentiment_loss(
                    sentiment_head(vectors), s[batch]
                )
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(encoder.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            losses.append(loss.item())
            step += 1
            if progress:
                progress(step, total, losses[-1])
    per_epoch = max(1, total // max(1, math.ceil(cfg.epochs)))
    record = {
        "config": cfg.to_dict(),
        "texts": len(texts),
        "themes": names,
        "steps": total,
        "seconds": round(time.perf_counter() - started, 1),
        # mean training loss over the first and the last epoch's worth of steps
        "loss_first": round(float(np.mean(losses[:per_epoch])), 4),
        "loss_last": round(float(np.mean(losses[-per_epoch:])), 4),
    }
    return encoder.arrays(weights), record


def export_adapted(
    weights: dict[str, np.ndarray], record: dict, out_dir: str | Path, source: Path | None = None
) -> Path:
    """Export fine-tuned weights to an int8 ONNX embedder folder, with their provenance; the
    embedder's name carries a digest of the weights, so saved theme models know which one
    they were trained on."""
    src = source or source_model_dir()
    digest = hashlib.sha256()
    for name in sorted(weights):
        digest.update(name.encode() + weights[name].tobytes())
    name = f"all-MiniLM-L6-v2-adapted-{digest.hexdigest()[:12]}"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for file in (CONFIG_FILE, TOKENIZER_FILE):
            shutil.copyfile(src / file, work / file)
        write_safetensors(work / WEIGHTS_FILE, weights)
        target = export_onnx(out_dir, source=work, name=name)
    out = Path(out_dir)
    (out / ADAPTED_FILE).write_text(json.dumps({"name": name, **record}, indent=2))
    return target


def adapt(
    file: str | Path,
    out_dir: str | Path,
    config: AdaptConfig | None = None,
    progress: Callable[[int, int, float], object] | None = None,
) -> dict:
    """Fine-tune on a labelled CSV and export into ``out_dir``; returns the training record.

    An unusable file raises :class:`DataError` (its report) and writes nothing.
    """
    data, report = read_labelled(file)
    if not report.ok:
        raise DataError(report)
    weights, record = fine_tune(
        data.texts, data.labels, data.sentiments, config=config, progress=progress
    )
    record["data_sha256"] = hashlib.sha256(Path(file).read_bytes()).hexdigest()
    out = Path(out_dir)
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    export_adapted(weights, record, partial)
    shutil.rmtree(out, ignore_errors=True)
    partial.rename(out)
    return json.loads((out / ADAPTED_FILE).read_text())


def cross_validate_adapted(
    file: str | Path, folds: int = 5, config: AdaptConfig | None = None
) -> dict:
    """Honest k-fold estimate: each fold fine-tunes (and exports) its own encoder on its
    training part only, then trains and scores careloop's usual model on top."""
    data, report = read_labelled(file)
    if not report.ok:
        raise DataError(report)
    work = Path(tempfile.mkdtemp(prefix="careloop-adapt-"))

    def fold_embedder(train: Sequence[int]) -> OnnxEmbedder:
        weights, record = fine_tune(
            [data.texts[i] for i in train],
            [data.labels[i] for i in train],
            [data.sentiments[i] for i in train],
            config=config,
        )
        folder = work / f"fold-{len(list(work.iterdir()))}"
        export_adapted(weights, record, folder)
        return OnnxEmbedder(folder)

    try:
        result = cross_validate(
            data.texts,
            data.labels,
            data.sentiments,
            embedder=None,
            fold_embedder=fold_embedder,
            folds=folds,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    del result["predicted_labels"]
    result["adapt_config"] = (config or AdaptConfig()).to_dict()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m careloop.themes.ml.adapt FILE OUT_DIR`` or ``... cv FILE``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m careloop.themes.ml.adapt")
    sub = parser.add_subparsers(dest="cmd", required=True)
    run = sub.add_parser("run", help="fine-tune on FILE and export the embedder into OUT_DIR")
    run.add_argument("file")
    run.add_argument("out_dir")
    cv = sub.add_parser("cv", help="cross-validate careloop's model with per-fold adaptation")
    cv.add_argument("file")
    cv.add_argument("--folds", type=int, default=5)
    for p in (run, cv):
        p.add_argument("--epochs", type=float, default=AdaptConfig.epochs)
        p.add_argument("--lr", type=float, default=AdaptConfig.lr)
    args = parser.parse_args(argv)
    cfg = AdaptConfig(epochs=args.epochs, lr=args.lr)
    try:
        if args.cmd == "run":
            result = adapt(
                args.file,
                args.out_dir,
                cfg,
                progress=lambda k, n, loss: (
                    k % 50 == 0
                    and print(f"step {k}/{n} loss {loss:.3f}", file=sys.stderr, flush=True)
                ),
            )
        else:
            result = cross_validate_adapted(args.file, args.folds, cfg)
    except DataError as exc:
        print(f"{args.file}: cannot be used:\n{exc}", file=sys.stderr)
        return 2
    except RuntimeError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
