"""Embedding features for a text: the whole text, or its sentences pooled (mean and max).

Comments often raise several matters, one per sentence; pooling sentence embeddings keeps a
single strong sentence from being averaged away. The work is about the same as embedding the
whole text (the same tokens, plus two markers per sentence).
"""

from __future__ import annotations

import re

import numpy as np

from careloop.themes.ml.embedder import Embedder

MODES = ("text", "sentences", "sentences+max")
MAX_SENTENCES = 12
MAX_CHARS = 2000  # of a text, for the embedder (about 256 tokens of English is ~1,200 chars)
_SPLIT = re.compile(r"(?<=[.!?])\s+|\s*[\r\n]+\s*")


def split_sentences(text: str, max_sentences: int = MAX_SENTENCES) -> list[str]:
    """Sentences of ``text`` (by end punctuation and line breaks); ``[text]`` if none."""
    parts = [p.strip() for p in _SPLIT.split(text[:MAX_CHARS]) if p and p.strip()]
    if not parts:
        return [text[:MAX_CHARS]]
    if len(parts) > max_sentences:  # keep the first ones and fold the rest into the last
        parts = parts[: max_sentences - 1] + [" ".join(parts[max_sentences - 1 :])]
    return parts


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def embedding_features(texts: list[str], embedder: Embedder, mode: str = "sentences") -> np.ndarray:
    """Feature rows for ``texts``: (n, dim) for "text" and "sentences", (n, 2*dim) with max."""
    if mode not in MODES:
        raise ValueError(f"unknown embedding mode {mode!r}; use one of {MODES}")
    if mode == "text":
        return embedder.embed([t[:MAX_CHARS] for t in texts])
    pieces = [split_sentences(t) for t in texts]
    owner = np.repeat(np.arange(len(texts)), [len(p) for p in pieces])
    vectors = embedder.embed([s for p in pieces for s in p])
    mean = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    np.add.at(mean, owner, vectors)
    mean = _unit(mean)
    if mode == "sentences":
        return mean
    peak = np.full_like(mean, -np.inf)
    np.maximum.at(peak, owner, vectors)
    return np.hstack([mean, peak]).astype(np.float32)
