"""The classifier, seen from the product: a small interface, so the app runs and tests offline.

    engine = get_engine()
    built = engine.build(themes=[ThemeSpec(...)], examples=[Example(...)])  # zero-shot if none
    built.model.save(folder); built.evaluation  # cross-validated, None without examples
    model = engine.load(folder)
    model.predict(["The carers never turn up"])  # [Prediction(themes=(("home_care", 0.91),), …)]

The real engine (`MlEngine`) wraps `careloop.themes.ml` (sentence embeddings in ONNX plus
TF-IDF linear models). `KeywordEngine` is a small, deterministic stand-in used by tests and
when the real engine cannot run; settings.CARELOOP_THEMES_ENGINE names the one in use.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

MAX_CHARS = 20_000  # longer text is truncated for the model (the record keeps it all)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ThemeSpec:
    """A theme as the classifier sees it: a stable key, a name, what it covers."""

    key: str
    name: str
    description: str = ""
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Example:
    """A labelled text: the theme keys it has (possibly none) and, if known, its sentiment."""

    text: str
    labels: tuple[str, ...]
    sentiment: int | None = None


@dataclass(frozen=True)
class Prediction:
    """The themes suggested for one text, each with a confidence (0-1), best first; and its
    sentiment (1 very positive … 5 very negative) with a confidence."""

    themes: tuple[tuple[str, float], ...]
    sentiment: int | None = None
    sentiment_confidence: float | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.themes)


@dataclass(frozen=True)
class Evaluation:
    """How well a model did on labelled text it had not learnt from (cross-validation or a
    held-out file). `per_theme` maps key -> {"f1", "precision", "recall", "support"}."""

    macro_f1: float | None
    micro_f1: float | None
    per_theme: dict[str, dict[str, float]] = field(default_factory=dict)
    sentiment_macro_f1: float | None = None
    examples: int = 0
    method: str = ""

    def as_dict(self) -> dict:
        return {
            "macro_f1": self.macro_f1,
            "micro_f1": self.micro_f1,
            "per_theme": self.per_theme,
            "sentiment_macro_f1": self.sentiment_macro_f1,
            "examples": self.examples,
            "method": self.method,
        }


class Model(Protocol):
    theme_keys: tuple[str, ...]

    def predict(self, texts: Sequence[str]) -> list[Prediction]: ...

    def save(self, folder: Path) -> None: ...


@dataclass
class Built:
    model: Model
    evaluation: Evaluation | None


class Engine(Protocol):
    name: str

    def build(
        self,
        *,
        themes: Sequence[ThemeSpec],
        examples: Sequence[Example] = (),
        progress: Progress | None = None,
    ) -> Built: ...

    def load(self, folder: Path) -> Model: ...


DEFAULT_ENGINE = "careloop.themes.classification.KeywordEngine"
ML_ENGINE = "careloop.themes.classification.MlEngine"


def embedder_dir() -> Path:
    """Where `make model` exports the int8 ONNX sentence model (CARELOOP_EMBEDDER_DIR moves it)."""
    if os.environ.get("CARELOOP_EMBEDDER_DIR"):
        return Path(os.environ["CARELOOP_EMBEDDER_DIR"])
    return Path(settings.MODELS_DIR) / "minilm-int8"


def default_engine() -> str:
    """The real engine when its exported model is present, else the keyword stand-in."""
    return ML_ENGINE if (embedder_dir() / "model.onnx").exists() else DEFAULT_ENGINE


def get_engine() -> Engine:
    """The engine named by settings.CARELOOP_THEMES_ENGINE (or the environment variable);
    without either, `default_engine()`."""
    path = (
        getattr(settings, "CARELOOP_THEMES_ENGINE", "")
        or os.environ.get("CARELOOP_THEMES_ENGINE", "")
        or default_engine()
    )
    return import_string(path)()


def prepare(text: str | None) -> str:
    """Text as the model sees it: never None, truncated when very long."""
    return (text or "")[:MAX_CHARS]


# --- Scoring, shared by every engine -------------------------------------------------------------
def f1_scores(
    truth: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]], keys: Sequence[str]
) -> Evaluation:
    """Macro-F1 over the themes that occur in `truth`, micro-F1 over every decision."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for gold, guess in zip(truth, predicted, strict=True):
        gold_set, guess_set = set(gold), set(guess)
        for key in gold_set & guess_set:
            tp[key] += 1
        for key in guess_set - gold_set:
            fp[key] += 1
        for key in gold_set - guess_set:
            fn[key] += 1
    per_theme = {}
    for key in keys:
        support = tp[key] + fn[key]
        precision = tp[key] / (tp[key] + fp[key]) if tp[key] + fp[key] else 0.0
        recall = tp[key] / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_theme[key] = {
            "f1": round(f1, 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "support": support,
        }
    occurring = [k for k in keys if per_theme[k]["support"] > 0]
    macro = sum(per_theme[k]["f1"] for k in occurring) / len(occurring) if occurring else None
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = 2 * all_tp / (2 * all_tp + all_fp + all_fn) if all_tp + all_fp + all_fn else None
    return Evaluation(
        macro_f1=None if macro is None else round(macro, 4),
        micro_f1=None if micro is None else round(micro, 4),
        per_theme=per_theme,
        examples=len(truth),
    )


def sentiment_macro_f1(
    truth: Sequence[int | None], predicted: Sequence[int | None]
) -> float | None:
    pairs = [(t, p) for t, p in zip(truth, predicted, strict=True) if t is not None]
    if not pairs:
        return None
    classes = sorted({t for t, _ in pairs})
    scores = []
    for c in classes:
        tp = sum(1 for t, p in pairs if t == c and p == c)
        fp = sum(1 for t, p in pairs if t != c and p == c)
        fn = sum(1 for t, p in pairs if t == c and p != c)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(scores) / len(scores), 4)


# --- A deterministic stand-in: word overlap with descriptions, examples and labelled text --------
_WORD = re.compile(r"[a-z]{3,}")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _word_set(
    "the and for with that this was were are not but have has had our their they them who "
    "what when from about into out all any can could would should been being there here then "
    "than very just also she her his him its you your mum dad"
)
_NEGATIVE = _word_set(
    "not never nobody no rude waiting wait late missed delay delays complaint complain "
    "angry upset poor wrong worse worst awful terrible disgusting ignored"
)
_POSITIVE = _word_set(
    "thank thanks thankyou grateful brilliant excellent wonderful kind helpful great "
    "amazing fantastic lovely praise"
)


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class KeywordModel:
    """Scores each theme by the share of a text's words seen in that theme's vocabulary."""

    def __init__(self, theme_keys, vocab: dict[str, dict[str, float]], threshold: float):
        self.theme_keys = tuple(theme_keys)
        self.vocab = vocab
        self.threshold = threshold

    def _scores(self, text: str) -> dict[str, float]:
        words = {_stem(w) for w in _words(prepare(text))}
        if not words:
            return {}
        scores = {}
        for key in self.theme_keys:
            weights = self.vocab.get(key, {})
            hit = sum(weights.get(w, 0.0) for w in words)
            if hit:
                scores[key] = 1 - math.exp(-hit)
        return scores

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        out = []
        for text in texts:
            scores = self._scores(text)
            chosen = sorted(
                ((k, round(s, 4)) for k, s in scores.items() if s >= self.threshold),
                key=lambda item: -item[1],
            )
            lowered = set(_WORD.findall((text or "").lower()))
            neg, pos = len(lowered & _NEGATIVE), len(lowered & _POSITIVE)
            sentiment = 3 if neg == pos else (2 if pos > neg else 4)
            if abs(neg - pos) >= 2:
                sentiment = 1 if pos > neg else 5
            out.append(Prediction(tuple(chosen), sentiment, 0.6 if neg != pos else 0.4))
        return out

    def coverage(self, texts: Sequence[str]):
        """Hashed bags of words as the texts' vectors; poorly covered: no theme at its threshold."""
        # imported here: numpy loads only when used
        import numpy as np

        # imported here: as numpy, the embedder module loads only when used
        from careloop.themes.ml.embedder import HashingEmbedder

        scores = [self._scores(text) for text in texts]
        poor = np.array([max(s.values(), default=0) < self.threshold for s in scores], dtype=bool)
        return HashingEmbedder(256).embed([prepare(t) for t in texts]), poor

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "keyword-model.json").write_text(
            json.dumps(
                {"theme_keys": self.theme_keys, "vocab": self.vocab, "threshold": self.threshold}
            )
        )


class KeywordEngine:
    name = "keyword (stand-in)"
    threshold = 0.6

    def build(self, *, themes, examples=(), progress=None) -> Built:
        keys = [t.key for t in themes]
        model = self._fit(themes, examples)
        evaluation = None
        if examples:
            folds = 3
            truth, guessed = [], []
            for fold in range(folds):
                train = [e for i, e in enumerate(examples) if i % folds != fold]
                test = [e for i, e in enumerate(examples) if i % folds == fold]
                fitted = self._fit(themes, train)
                truth += [e.labels for e in test]
                guessed += [p.keys for p in fitted.predict([e.text for e in test])]
            scored = f1_scores(truth, guessed, keys)
            sentiments = [p.sentiment for p in model.predict([e.text for e in examples])]
            evaluation = Evaluation(
                macro_f1=scored.macro_f1,
                micro_f1=scored.micro_f1,
                per_theme=scored.per_theme,
                sentiment_macro_f1=sentiment_macro_f1([e.sentiment for e in examples], sentiments),
                examples=len(examples),
                method=f"{folds}-fold cross-validation",
            )
        if progress:
            progress("built")
        return Built(model, evaluation)

    def _fit(self, themes, examples) -> KeywordModel:
        vocab: dict[str, Counter] = defaultdict(Counter)
        for theme in themes:
            for text in (theme.name, theme.description, *theme.examples):
                for word in _words(text):
                    vocab[theme.key][_stem(word)] += 1
        for example in examples:
            for key in example.labels:
                for word in _words(example.text):
                    vocab[key][_stem(word)] += 2
        # Words used by many themes say little: weight each by its rarity across themes.
        spread = Counter(word for counter in vocab.values() for word in counter)
        rarest = math.log(max(2, len(themes)))
        weights = {
            key: {
                w: min(1.0, 0.4 * c) * math.log(max(2, len(themes)) / spread[w]) / rarest
                for w, c in counter.items()
            }
            for key, counter in vocab.items()
        }
        return KeywordModel([t.key for t in themes], weights, self.threshold)

    def load(self, folder: Path) -> KeywordModel:
        data = json.loads((folder / "keyword-model.json").read_text())
        return KeywordModel(data["theme_keys"], data["vocab"], data["threshold"])


# --- The real engine: careloop.themes.ml (int8 ONNX MiniLM embeddings + TF-IDF linear models) -----
_embedders: dict[str, object] = {}


def _embedder():
    """One ONNX session per process (loading it takes about half a second)."""
    # imported here: the ML engine (numpy, ONNX Runtime, scikit-learn) loads only when used
    from careloop.themes.ml.embedder import OnnxEmbedder

    folder = embedder_dir()
    key = str(folder)
    if key not in _embedders:
        if not (folder / "model.onnx").exists():
            raise FileNotFoundError(f"No sentence model in {folder}: run `make model` first")
        _embedders[key] = OnnxEmbedder(folder)
    return _embedders[key]


class MlModel:
    """A `careloop.themes.ml.ThemeModel` seen through the `Model` protocol (keys, not names)."""

    def __init__(self, inner, theme_keys: Sequence[str]):
        self.inner = inner
        self.theme_keys = tuple(theme_keys)

    @property
    def version(self) -> str:
        return self.inner.version

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        predictions = self.inner.predict([prepare(t) for t in texts])
        return [
            Prediction(
                themes=tuple((key, p.confidences[key]) for key in p.labels),
                sentiment=p.sentiment,
                sentiment_confidence=p.sentiment_confidence,
            )
            for p in predictions
        ]

    def coverage(self, texts: Sequence[str]):
        """The texts' sentence vectors, and which of them no theme covers well (see
        `careloop.themes.ml.emerging.poorly_covered`): what emerging topics are found among."""
        # imported here: the ML engine (numpy, ONNX Runtime, scikit-learn) loads only when used
        from careloop.themes.ml.emerging import blank_themes, poorly_covered

        inner = self.inner
        blocks = inner.features([prepare(t) for t in texts])
        theme_p, _ = inner.proba_from_blocks(blocks)
        names = inner.theme_names
        poor = poorly_covered(theme_p, inner.threshold_vector(), names, blank_themes(names))
        return blocks["emb"][:, : inner.zeroshot.phrase_vectors.shape[1]], poor

    def save(self, folder: Path) -> None:
        # imported here: the ML engine (numpy, ONNX Runtime, scikit-learn) loads only when used
        from careloop.themes.ml.persist import save_model

        save_model(self.inner, folder)


class MlEngine:
    """Zero-shot from the themes' names, descriptions and examples while there are no labelled
    examples; else sentence embeddings and TF-IDF with linear models, per-theme thresholds
    chosen by cross-validation, evaluated by a further 5-fold cross-validation."""

    name = "MiniLM int8 ONNX + TF-IDF"
    folds = 5
    min_cv_examples = 20  # fewer: no cross-validated evaluation (too noisy to gate on)

    @staticmethod
    def _themes(themes: Sequence[ThemeSpec]):
        # imported here: the ML engine (numpy, ONNX Runtime, scikit-learn) loads only when used
        from careloop.themes.ml.framework import Theme

        return [
            Theme(t.key, t.description, tuple(t.examples), title=t.name or t.key) for t in themes
        ]

    def build(self, *, themes, examples=(), progress=None) -> Built:
        # imported here: the ML engine (numpy, ONNX Runtime, scikit-learn) loads only when used
        from careloop.themes.ml.embedder import CachingEmbedder
        from careloop.themes.ml.evaluate import cross_validate
        from careloop.themes.ml.train import train_model, zero_shot_model

        framework = self._themes(themes)
        keys = [t.key for t in themes]
        embedder = _embedder()
        if not examples:
            model = zero_shot_model(framework, embedder)
            if progress:
                progress("built a zero-shot model from the themes' descriptions and examples")
            return Built(MlModel(model, keys), None)
        texts = [prepare(e.text) for e in examples]
        labels = [list(e.labels) for e in examples]
        sentiments = [e.sentiment for e in examples]
        cached = CachingEmbedder(embedder)  # every fold reuses the same vectors
        evaluation = None
        if len(examples) >= self.min_cv_examples:
            if progress:
                progress(f"cross-validating ({self.folds} folds) …")
            result = cross_validate(
                texts, labels, sentiments, embedder=cached, themes=framework, folds=self.folds
            )
            scored = f1_scores(labels, result.pop("predicted_labels"), keys)
            evaluation = Evaluation(
                macro_f1=scored.macro_f1,
                micro_f1=scored.micro_f1,
                per_theme=scored.per_theme,
                sentiment_macro_f1=result.get("sentiment_macro_f1"),
                examples=len(examples),
                method=f"{self.folds}-fold cross-validation",
            )
        if progress:
            progress("training on every example …")
        model = train_model(texts, labels, sentiments, embedder=cached, themes=framework)
        model.embedder = embedder
        if evaluation is not None:
            model.evaluation = evaluation.as_dict()
        return Built(MlModel(model, keys), evaluation)

    def load(self, folder: Path) -> Model:
        if (Path(folder) / "keyword-model.json").exists():  # made before the model was exported
            return KeywordEngine().load(folder)
        # imported here: the ML engine (numpy, ONNX Runtime, scikit-learn) loads only when used
        from careloop.themes.ml.persist import load_model

        model = load_model(folder, _embedder())
        return MlModel(model, [t.name for t in model.themes])
