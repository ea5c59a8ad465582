"""careloop's theme engine: plain Python (no Django), int8 ONNX MiniLM embeddings + TF-IDF.

Public API (see each module's docstrings):

- embeddings: :class:`Embedder`, :class:`OnnxEmbedder`, :class:`HashingEmbedder` (fake),
  :func:`export_onnx` (one-off, needs onnx and the weights package)
- models: :func:`zero_shot_model`, :func:`train_model`, :class:`TrainConfig`,
  :class:`ThemeModel` (``predict`` -> :class:`Prediction`), :func:`save_model`,
  :func:`load_model`
- evaluation: :func:`evaluate`, :func:`cross_validate`, :func:`compare`
- data: :func:`read_labelled` -> (:class:`LabelledData`, :class:`ValidationReport`)
- command line helpers: ``careloop.themes.ml.cli`` (train, evaluate, classify, bench)
"""

from careloop.themes.ml.data import (
    DataError,
    LabelledData,
    Problem,
    ValidationReport,
    read_labelled,
    read_texts,
)
from careloop.themes.ml.embedder import Embedder, HashingEmbedder, OnnxEmbedder
from careloop.themes.ml.evaluate import compare, cross_validate, evaluate
from careloop.themes.ml.export import export_onnx
from careloop.themes.ml.framework import Theme
from careloop.themes.ml.model import Prediction, ThemeModel
from careloop.themes.ml.persist import load_model, save_model
from careloop.themes.ml.train import TrainConfig, train_model, zero_shot_model

__all__ = [
    "DataError",
    "Embedder",
    "HashingEmbedder",
    "LabelledData",
    "OnnxEmbedder",
    "Prediction",
    "Problem",
    "Theme",
    "ThemeModel",
    "TrainConfig",
    "ValidationReport",
    "compare",
    "cross_validate",
    "evaluate",
    "export_onnx",
    "load_model",
    "read_labelled",
    "read_texts",
    "save_model",
    "train_model",
    "zero_shot_model",
]
