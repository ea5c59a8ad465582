"""TF-IDF features (word and character n-grams) that save as plain JSON + arrays, no pickle."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

MAX_CHARS = 20_000  # TF-IDF sees far more of a long text than the 256-token embedder


@dataclass
class _Part:
    """One vectoriser: its CountVectorizer parameters, vocabulary (in column order) and idf."""

    params: dict
    vocabulary: list[str] = field(default_factory=list)
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0))
    _counter: CountVectorizer | None = None

    def fit(self, texts: list[str]) -> None:
        vec = TfidfVectorizer(sublinear_tf=True, dtype=np.float32, **self.params)
        try:
            vec.fit(texts)
        except ValueError:  # no term reaches min_df (tiny data): keep every term
            vec = TfidfVectorizer(
                sublinear_tf=True, dtype=np.float32, **(self.params | {"min_df": 1, "max_df": 1.0})
            )
            try:
                vec.fit(texts)
            except ValueError:  # only empty texts
                self.vocabulary, self.idf = [], np.zeros(0, dtype=np.float32)
                return
        order = sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])
        self.vocabulary = [term for term, _ in order]
        self.idf = vec.idf_.astype(np.float32)
        self._counter = None

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        if not self.vocabulary:
            return sp.csr_matrix((len(texts), 0), dtype=np.float32)
        if self._counter is None:
            params = {
                k: v
                for k, v in self.params.items()
                if k not in ("min_df", "max_df", "max_features")
            }
            vocab = {term: i for i, term in enumerate(self.vocabulary)}
            self._counter = CountVectorizer(vocabulary=vocab, dtype=np.float32, **params)
        counts = self._counter.transform(texts).tocsr()
        counts.data = 1.0 + np.log(counts.data)
        return counts @ sp.diags(self.idf, format="csr")


class TfidfFeatures:
    """Word 1–2-gram and char_wb 2–5-gram TF-IDF, each part L2-normalised, then stacked."""

    def __init__(
        self,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        min_df: int = 2,
        max_features: int = 150_000,
    ) -> None:
        common = {
            "lowercase": True,
            "strip_accents": "unicode",
            "min_df": min_df,
            "max_features": max_features,
        }
        self.parts = [_Part({"analyzer": "word", "ngram_range": tuple(word_ngrams)} | common)]
        if char_ngrams:
            self.parts.append(
                _Part({"analyzer": "char_wb", "ngram_range": tuple(char_ngrams)} | common)
            )

    @staticmethod
    def _clip(texts: list[str]) -> list[str]:
        return [t[:MAX_CHARS] for t in texts]

    @property
    def dim(self) -> int:
        return sum(len(p.vocabulary) for p in self.parts)

    def fit(self, texts: list[str]) -> TfidfFeatures:
        clipped = self._clip(texts)
        for part in self.parts:
            part.fit(clipped)
        return self

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        clipped = self._clip(texts)
        blocks = [normalize(p.transform(clipped)) for p in self.parts]
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        return self.fit(texts).transform(texts)

    def to_state(self, prefix: str = "tfidf") -> tuple[dict, dict[str, np.ndarray]]:
        """JSON-able description and named arrays (the idf vectors)."""
        meta, arrays = [], {}
        for i, part in enumerate(self.parts):
            params = dict(part.params, ngram_range=list(part.params["ngram_range"]))
            meta.append({"params": params, "vocabulary": part.vocabulary})
            arrays[f"{prefix}_idf_{i}"] = part.idf
        return {"parts": meta}, arrays

    @classmethod
    def from_state(
        cls, meta: dict, arrays: dict[str, np.ndarray], prefix: str = "tfidf"
    ) -> TfidfFeatures:
        obj = cls.__new__(cls)
        obj.parts = []
        for i, item in enumerate(meta["parts"]):
            params = dict(item["params"], ngram_range=tuple(item["params"]["ngram_range"]))
            obj.parts.append(
                _Part(
                    params,
                    list(item["vocabulary"]),
                    np.asarray(arrays[f"{prefix}_idf_{i}"], dtype=np.float32),
                )
            )
        return obj
