"""Saving and loading theme models as ``model.json`` + ``arrays.npz`` (never pickle)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from careloop.themes.ml.framework import Theme
from careloop.themes.ml.model import Head, ThemeModel
from careloop.themes.ml.tfidf import TfidfFeatures
from careloop.themes.ml.zeroshot import ZeroShot

if TYPE_CHECKING:
    from careloop.themes.ml.embedder import Embedder
    from careloop.themes.ml.model import ThemeModel

FORMAT = "careloop-themes/1"
META_FILE = "model.json"
ARRAYS_FILE = "arrays.npz"


def _heads_state(heads: list, prefix: str, arrays: dict) -> list[dict]:
    out = []
    for i, head in enumerate(heads):
        arrays[f"{prefix}{i}_coef"] = head.coef
        arrays[f"{prefix}{i}_bias"] = head.bias
        out.append({"features": head.features, "weight": head.weight})
    return out


def model_state(model: ThemeModel) -> tuple[dict, dict[str, np.ndarray]]:
    """Everything but ``version``/``created`` as (JSON-able dict, named arrays)."""
    arrays: dict[str, np.ndarray] = {}
    zs_meta, zs_arrays = model.zeroshot.to_state()
    arrays.update(zs_arrays)
    meta = {
        "format": FORMAT,
        "themes": [t.to_dict() for t in model.themes],
        "embedder": model.embedder_name,
        "embedding_mode": model.embedding_mode,
        "mode": model.mode,
        "at_least_one_label": model.at_least_one_label,
        "zeroshot": zs_meta,
        "theme_heads": _heads_state(model.theme_heads, "theme_head", arrays),
        "sentiment_heads": _heads_state(model.sentiment_heads, "sentiment_head", arrays),
        "metadata": model.metadata,
        "evaluation": model.evaluation,
        "tfidf": None,
    }
    if model.tfidf is not None:
        meta["tfidf"], tf_arrays = model.tfidf.to_state()
        arrays.update(tf_arrays)
    for name in ("calibration", "thresholds", "supervised"):
        value = getattr(model, name)
        if value is not None:
            arrays[name] = value
    return meta, arrays


def save_model(model: ThemeModel, directory: str | Path) -> Path:
    """Write the model into ``directory`` (created if needed); returns the directory."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    meta, arrays = model_state(model)
    meta["version"], meta["created"] = model.version, model.created
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".npz", delete=False) as tmp:
        np.savez_compressed(tmp, **cast(dict[str, Any], arrays))  # names, not allow_pickle
    os.replace(tmp.name, folder / ARRAYS_FILE)
    text = json.dumps(meta, indent=1, ensure_ascii=False, default=_json_default)
    (folder / (META_FILE + ".tmp")).write_text(text, encoding="utf-8")
    os.replace(folder / (META_FILE + ".tmp"), folder / META_FILE)
    return folder


def _json_default(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"cannot save {type(value).__name__} in model.json")


def read_meta(directory: str | Path) -> dict:
    """The JSON part of a saved model (cheap: themes, version, metadata, evaluation)."""
    return json.loads((Path(directory) / META_FILE).read_text(encoding="utf-8"))


def load_model(directory: str | Path, embedder: Embedder | None = None) -> ThemeModel:
    """Load a model saved by :func:`save_model`; ``embedder`` is attached for predictions."""
    folder = Path(directory)
    meta = read_meta(folder)
    if meta.get("format") != FORMAT:
        raise ValueError(f"{folder} does not hold a {FORMAT} model")
    with np.load(folder / ARRAYS_FILE, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}

    def heads(prefix: str, items: list[dict]) -> list[Head]:
        return [
            Head(
                item["features"],
                arrays[f"{prefix}{i}_coef"],
                arrays[f"{prefix}{i}_bias"],
                float(item["weight"]),
            )
            for i, item in enumerate(items)
        ]

    tfidf = TfidfFeatures.from_state(meta["tfidf"], arrays) if meta["tfidf"] else None
    return ThemeModel(
        themes=[Theme.from_dict(t) for t in meta["themes"]],
        embedder_name=meta["embedder"],
        zeroshot=ZeroShot.from_state(meta["zeroshot"], arrays),
        embedding_mode=meta["embedding_mode"],
        mode=meta["mode"],
        at_least_one_label=bool(meta.get("at_least_one_label", False)),
        tfidf=tfidf,
        theme_heads=heads("theme_head", meta["theme_heads"]),
        sentiment_heads=heads("sentiment_head", meta["sentiment_heads"]),
        calibration=arrays.get("calibration"),
        thresholds=arrays.get("thresholds"),
        supervised=arrays.get("supervised"),
        metadata=meta["metadata"],
        evaluation=meta["evaluation"],
        version=meta["version"],
        created=meta["created"],
        embedder=embedder,
    )
