"""Sentence embedders: the real int8 ONNX all-MiniLM-L6-v2 and a fast deterministic fake.

Run time needs only numpy, onnxruntime and ``tokenizers``. Every embedder returns float32
rows of unit length (mean pooling + L2 normalisation, as sentence-transformers does).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from careloop.themes.ml.export import (
    ADAPTED_FILE,
    DISABLED_OPTIMIZERS,
    INFO_FILE,
    MODEL_FILE,
    TOKENIZER_FILE,
)

MAX_CHARS = 4000  # characters handed to the tokenizer; 256 tokens need far fewer
_WORD = re.compile(r"\w+", re.UNICODE)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors; ``name`` identifies the model for saved models."""

    name: str
    dim: int
    adapted: bool  # fine-tuned on labelled feedback (adapt.py): it has seen training labels

    def embed(self, texts: list[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim)."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


class HashingEmbedder:
    """Deterministic fake: hashed bag of words and word bigrams, for fast unit tests."""

    adapted = False

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing-{dim}"

    def _index(self, token: str) -> tuple[int, float]:
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if (value >> 40) & 1 else -1.0

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower()[:MAX_CHARS])
            tokens = words + [a + " " + b for a, b in zip(words, words[1:], strict=False)]
            for token in tokens or ["<empty>"]:
                col, sign = self._index(token)
                out[row, col] += sign
        return _normalise(out)


class OnnxEmbedder:
    """all-MiniLM-L6-v2 as int8 ONNX (made by :func:`export.export_onnx`).

    Texts are de-duplicated, sorted by token count and batched under a token budget, so padding
    is minimal; ``max_length`` truncates long texts (the TF-IDF side still sees all of them).
    ``threads`` batches run at once, each on one thread of the same session: short comments
    make small matrices that one thread per operation splits badly, so running whole batches
    side by side uses the cores better (measured in docs/adr/0008).
    """

    def __init__(
        self,
        model_dir: str | Path,
        threads: int | None = None,
        max_length: int | None = None,
        max_batch_tokens: int = 256,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = Path(model_dir)
        info_path = folder / INFO_FILE
        info = json.loads(info_path.read_text()) if info_path.exists() else {}
        self.max_length = max_length or int(info.get("max_length", 256))
        self.dim = int(info.get("dim", 384))
        self.name = str(info.get("name", "all-MiniLM-L6-v2")) + "-onnx-int8"
        self.adapted = (folder / ADAPTED_FILE).exists()
        self.max_batch_tokens = max_batch_tokens
        self.threads = threads or min(2, os.cpu_count() or 1)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(folder / MODEL_FILE),
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=DISABLED_OPTIMIZERS,
        )
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_length)

    def _batches(self, lengths: np.ndarray) -> list[np.ndarray]:
        order = np.argsort(lengths, kind="stable")
        batches, start = [], 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * lengths[order[end]] <= (
                self.max_batch_tokens
            ):
                end += 1
            batches.append(order[start:end])
            start = end
        return batches

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        unique: dict[str, int] = {}
        index = np.array([unique.setdefault(t[:MAX_CHARS], len(unique)) for t in texts])
        encodings = self.tokenizer.encode_batch(list(unique))
        lengths = np.array([len(e.ids) for e in encodings])
        vectors = np.zeros((len(unique), self.dim), dtype=np.float32)

        def run(batch: np.ndarray) -> np.ndarray:
            width = int(lengths[batch].max())
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, item in enumerate(batch):
                n = lengths[item]
                ids[row, :n] = encodings[item].ids
                mask[row, :n] = 1
            return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]

        batches = self._batches(lengths)
        if self.threads > 1 and len(batches) > 1:
            # the session may be run from several threads at once; it releases the GIL
            with ThreadPoolExecutor(self.threads) as pool:
                results = list(pool.map(run, batches))
        else:
            results = [run(batch) for batch in batches]
        for batch, result in zip(batches, results, strict=True):
            vectors[batch] = result
        return _normalise(vectors[index])


class CachingEmbedder:
    """Remembers the vectors of texts it has embedded (for cross-validation and experiments:
    every fold sees the same texts). ``path`` keeps the cache in an .npz file between runs."""

    def __init__(self, inner: Embedder, path: str | Path | None = None) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.adapted = inner.adapted
        self.path = Path(path) if path else None
        self.cache: dict[str, np.ndarray] = {}
        if self.path and self.path.exists():
            with np.load(self.path, allow_pickle=False) as saved:
                if str(saved["name"]) == self.name:
                    self.cache = dict(zip(saved["texts"].tolist(), saved["vectors"], strict=True))

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            self.cache.update(zip(missing, self.inner.embed(missing), strict=True))
            if self.path:
                self.save()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is None:
            return
        texts = list(self.cache)
        np.savez(
            self.path,
            name=np.array(self.name),
            texts=np.array(texts, dtype=str),
            vectors=np.stack([self.cache[t] for t in texts]),
        )
