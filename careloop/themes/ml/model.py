"""The theme model: scores themes and sentiment for texts, in zero-shot or supervised mode.

Supervised scores add up linear heads over feature blocks ("emb": sentence embeddings,
"tfidf": word and character n-grams), then a per-theme Platt calibration gives a probability
and a per-theme threshold (chosen by cross-validation) selects labels. Themes without enough
labelled examples fall back to zero-shot similarity.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import numpy as np
from threadpoolctl import threadpool_limits

from careloop.themes.ml.embedder import Embedder
from careloop.themes.ml.features import embedding_features
from careloop.themes.ml.framework import Theme
from careloop.themes.ml.linear import decision, sigmoid, softmax
from careloop.themes.ml.tfidf import TfidfFeatures
from careloop.themes.ml.zeroshot import ZeroShot

SENTIMENTS = [1, 2, 3, 4, 5]  # 1 very positive … 5 very negative; mixed is 3


@dataclass
class Head:
    """Linear scores ``features @ coef.T + bias`` over one feature block, weighted in the sum."""

    features: str  # "emb" or "tfidf"
    coef: np.ndarray
    bias: np.ndarray
    weight: float = 1.0


@dataclass
class Prediction:
    labels: list[str]
    confidences: dict[str, float]
    sentiment: int
    sentiment_confidence: float
    model_version: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ThemeModel:
    themes: list[Theme]
    embedder_name: str
    zeroshot: ZeroShot
    embedding_mode: str = "sentences"
    mode: str = "zero-shot"  # or "supervised"
    tfidf: TfidfFeatures | None = None
    theme_heads: list[Head] = field(default_factory=list)
    sentiment_heads: list[Head] = field(default_factory=list)
    calibration: np.ndarray | None = None  # (themes, 2): a, c of sigmoid(a*z + c)
    thresholds: np.ndarray | None = None  # (themes,) on the probability scale
    supervised: np.ndarray | None = None  # (themes,) bool: learnt from data, else zero-shot
    at_least_one_label: bool = False
    metadata: dict = field(default_factory=dict)
    evaluation: dict | None = None
    version: str = ""
    created: str = ""
    embedder: Embedder | None = field(default=None, repr=False, compare=False)

    @property
    def theme_names(self) -> list[str]:
        return [t.name for t in self.themes]

    def stamp(self, arrays: dict[str, np.ndarray], meta: dict) -> None:
        """Set ``created`` and ``version`` (UTC time + hash of the model's content)."""
        digest = hashlib.sha256(json.dumps(meta, sort_keys=True, default=str).encode())
        for name in sorted(arrays):
            digest.update(name.encode())
            digest.update(np.ascontiguousarray(arrays[name]).tobytes())
        now = datetime.now(UTC)
        self.created = now.isoformat(timespec="seconds")
        self.version = now.strftime("%Y%m%dT%H%M%SZ") + "-" + digest.hexdigest()[:12]

    def _embedder(self, embedder: Embedder | None) -> Embedder:
        found = embedder or self.embedder
        if found is None:
            raise ValueError("this model needs an embedder: pass one or set model.embedder")
        if found.name != self.embedder_name:
            raise ValueError(f"model was built with {self.embedder_name}, not {found.name}")
        return found

    def features(self, texts: list[str], embedder: Embedder | None = None) -> dict:
        """Feature blocks for ``texts``: {"emb": dense, "tfidf": sparse (if used)}."""
        blocks: dict = {
            "emb": embedding_features(texts, self._embedder(embedder), self.embedding_mode)
        }
        if self.tfidf is not None:
            blocks["tfidf"] = self.tfidf.transform(texts)
        return blocks

    @staticmethod
    def _raw(heads: list[Head], blocks: dict, n: int, k: int) -> np.ndarray:
        z = np.zeros((n, k), dtype=np.float32)
        for head in heads:
            z += head.weight * decision(blocks[head.features], head.coef, head.bias)
        return z

    def raw_scores(self, blocks: dict) -> np.ndarray:
        """Summed head scores (before calibration), shape (n, themes)."""
        return self._raw(self.theme_heads, blocks, blocks["emb"].shape[0], len(self.themes))

    def _zs_input(self, blocks: dict) -> np.ndarray:
        emb = blocks["emb"]
        dim = self.zeroshot.phrase_vectors.shape[1]
        return emb[:, :dim]  # the pooled mean; the max part (if any) is for the heads only

    def proba_from_blocks(self, blocks: dict) -> tuple[np.ndarray, np.ndarray]:
        """Theme probabilities (n, themes) and sentiment probabilities (n, 5)."""
        x = self._zs_input(blocks)
        theme_p = self.zeroshot.theme_proba(x, len(self.themes))
        if self.mode == "supervised" and self.theme_heads:
            cal, supervised = self.calibration, self.supervised
            assert cal is not None and supervised is not None  # set with the supervised heads
            sup = sigmoid(cal[:, 0] * self.raw_scores(blocks) + cal[:, 1])
            mask = supervised.astype(bool)
            theme_p[:, mask] = sup[:, mask]
        if self.sentiment_heads:
            sent_p = softmax(self._raw(self.sentiment_heads, blocks, len(x), len(SENTIMENTS)))
        else:
            sent_p = self.zeroshot.sentiment_proba(x)
        return theme_p.astype(np.float32), sent_p.astype(np.float32)

    def threshold_vector(self) -> np.ndarray:
        if self.thresholds is None:
            return np.full(len(self.themes), 0.5, dtype=np.float32)
        return self.thresholds

    def predict_proba(
        self, texts: list[str], embedder: Embedder | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        with threadpool_limits(limits=1, user_api="blas"):
            return self.proba_from_blocks(self.features(list(texts), embedder))

    def decide(self, theme_p: np.ndarray) -> np.ndarray:
        """Boolean label matrix from theme probabilities and the per-theme thresholds.

        With ``at_least_one_label`` a text with no theme over its threshold gets the likeliest
        of the themes learnt from data (all themes if none is): a zero-shot theme's similarity
        is not on the calibrated scale, and as the fallback it won the most empty rows in CV
        ('Parking', one example: 105 of its 144 wrong labels on adapted vectors).
        """
        chosen = theme_p >= self.threshold_vector()[None, :]
        if self.at_least_one_label and len(theme_p):
            empty = np.flatnonzero(~chosen.any(1))
            learnt = self.supervised if self.mode == "supervised" else None
            pool = learnt.astype(bool) if learnt is not None else np.ones(len(self.themes), bool)
            if not pool.any():
                pool[:] = True
            scores = np.where(pool[None, :], theme_p[empty], -1.0)
            chosen[empty, scores.argmax(1)] = True
        return chosen

    def predict(self, texts: list[str], embedder: Embedder | None = None) -> list[Prediction]:
        """Labels, per-theme confidences, sentiment (1–5) and its confidence for each text."""
        theme_p, sent_p = self.predict_proba(texts, embedder)
        chosen = self.decide(theme_p)
        names = self.theme_names
        out = []
        for i in range(len(theme_p)):
            order = np.argsort(-theme_p[i], kind="stable")
            labels = [names[j] for j in order if chosen[i, j]]
            conf = {names[j]: round(float(theme_p[i, j]), 4) for j in range(len(names))}
            level = int(np.argmax(sent_p[i]))
            out.append(
                Prediction(
                    labels, conf, SENTIMENTS[level], round(float(sent_p[i, level]), 4), self.version
                )
            )
        return out
