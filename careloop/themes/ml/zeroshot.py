"""Zero-shot themes and sentiment from embedding similarity (no labelled data needed).

A theme's score mixes the best match among its phrases (name, description, examples) with the
match to their centroid; sentiment compares a text with anchor phrases for each of 1–5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from careloop.themes.ml.embedder import Embedder
from careloop.themes.ml.framework import Theme

SENTIMENT_ANCHORS: dict[int, list[str]] = {
    1: [
        "Excellent, wonderful care, thank you so much.",
        "Amazing staff, I could not be happier.",
        "Brilliant service, absolutely fantastic.",
        "Nothing, it was perfect.",
    ],
    2: [
        "Good service, helpful staff.",
        "Quite happy overall.",
        "Nice people, it went well.",
        "Fine, no complaints.",
    ],
    3: [
        "Some good and some bad.",
        "It was okay but could be better.",
        "The staff were kind but the waiting was too long.",
        "Mixed experience.",
    ],
    4: [
        "Disappointed with the service.",
        "Poor communication and long waits.",
        "Not very helpful, it could be better.",
        "I was unhappy with how it was handled.",
    ],
    5: [
        "Terrible, awful service.",
        "Disgusting treatment, I am very angry.",
        "The worst experience, nobody cared.",
        "Rude staff, completely unacceptable.",
    ],
}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-12)


@dataclass
class ZeroShot:
    """Theme prototypes and sentiment anchors as embedding arrays."""

    phrase_vectors: np.ndarray  # (phrases, dim)
    phrase_theme: np.ndarray  # (phrases,) index of the theme each phrase belongs to
    sentiment_vectors: np.ndarray  # (5, dim): centroid of each level's anchors
    threshold: float = 0.30
    temperature: float = 0.05
    sentiment_temperature: float = 0.03

    @classmethod
    def build(
        cls,
        themes: list[Theme],
        embedder: Embedder,
        threshold: float = 0.30,
        temperature: float = 0.05,
    ) -> ZeroShot:
        phrases, owner = [], []
        for i, theme in enumerate(themes):
            for phrase in theme.phrases():
                phrases.append(phrase)
                owner.append(i)
        vectors = embedder.embed(phrases) if phrases else np.zeros((0, embedder.dim))
        anchors = [_unit(embedder.embed(SENTIMENT_ANCHORS[level]).mean(0)) for level in range(1, 6)]
        return cls(
            vectors.astype(np.float32),
            np.array(owner, dtype=np.int64),
            np.stack(anchors).astype(np.float32),
            threshold,
            temperature,
        )

    @property
    def n_themes(self) -> int:
        return int(self.phrase_theme.max()) + 1 if len(self.phrase_theme) else 0

    def theme_scores(self, x: np.ndarray, n_themes: int | None = None) -> np.ndarray:
        """Similarity of each row of ``x`` to each theme, shape (n, themes)."""
        m = n_themes if n_themes is not None else self.n_themes
        sims = x @ self.phrase_vectors.T
        best = np.full((len(x), m), -1.0, dtype=np.float32)
        centroid = np.zeros((m, x.shape[1]), dtype=np.float32)
        for j in range(m):
            cols = self.phrase_theme == j
            if cols.any():
                best[:, j] = sims[:, cols].max(1)
                centroid[j] = _unit(self.phrase_vectors[cols].mean(0))
        return 0.5 * best + 0.5 * (x @ centroid.T)

    def theme_proba(self, x: np.ndarray, n_themes: int | None = None) -> np.ndarray:
        """Similarity mapped to 0–1 so that ``threshold`` becomes 0.5."""
        scores = self.theme_scores(x, n_themes)
        return _sigmoid((scores - self.threshold) / self.temperature)

    def sentiment_proba(self, x: np.ndarray) -> np.ndarray:
        """Probabilities over sentiment 1–5, shape (n, 5)."""
        logits = (x @ self.sentiment_vectors.T) / self.sentiment_temperature
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(1, keepdims=True)

    def to_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        meta = {
            "threshold": self.threshold,
            "temperature": self.temperature,
            "sentiment_temperature": self.sentiment_temperature,
        }
        arrays = {
            "zs_phrase_vectors": self.phrase_vectors,
            "zs_phrase_theme": self.phrase_theme,
            "zs_sentiment_vectors": self.sentiment_vectors,
        }
        return meta, arrays

    @classmethod
    def from_state(cls, meta: dict, arrays: dict[str, np.ndarray]) -> ZeroShot:
        return cls(
            arrays["zs_phrase_vectors"],
            arrays["zs_phrase_theme"],
            arrays["zs_sentiment_vectors"],
            float(meta["threshold"]),
            float(meta["temperature"]),
            float(meta["sentiment_temperature"]),
        )
