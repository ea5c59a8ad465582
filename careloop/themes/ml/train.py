"""Building theme models: zero-shot from a framework, or supervised from labelled texts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from sklearn.model_selection import KFold
from threadpoolctl import threadpool_limits

from careloop.themes.ml.embedder import Embedder
from careloop.themes.ml.features import embedding_features
from careloop.themes.ml.framework import Theme, as_themes
from careloop.themes.ml.linear import best_threshold, fit_multiclass, fit_ovr, platt, sigmoid
from careloop.themes.ml.model import SENTIMENTS, Head, ThemeModel
from careloop.themes.ml.persist import model_state
from careloop.themes.ml.tfidf import TfidfFeatures
from careloop.themes.ml.zeroshot import ZeroShot


@dataclass
class TrainConfig:
    """Settings of a supervised model; the defaults are tuned on NHS feedback (32 themes)."""

    embedding_mode: str = "text"
    use_tfidf: bool = True
    emb_kind: str = "logistic"
    emb_c: float = 4.0
    emb_weight: float = 0.3
    tfidf_kind: str = "svm"
    tfidf_c: float = 0.3
    tfidf_weight: float = 0.7
    sentiment_emb_c: float = 1.0
    sentiment_tfidf_c: float = 4.0
    balance: float = 1.0  # class weighting of themes: 1 = balanced, 0 = none
    folds: int = 5  # inner cross-validation for calibration and thresholds
    min_examples: int = 2  # fewer positive examples: the theme stays zero-shot
    min_threshold_examples: int = 3  # fewer: use the common threshold
    threshold_shrinkage: float = 10.0
    # on a sentence model adapted to these very labels (adapt.py) per-theme thresholds are
    # over-tuned: one threshold for all themes instead (NHS 5-fold with per-fold adaptation:
    # macro-F1 0.633 -> 0.636, micro 0.794 -> 0.799; on the general model it would cost macro
    # 0.606 -> 0.597: docs/adr/0008)
    common_threshold_when_adapted: bool = True
    # every comment has a theme: take the likeliest if none is over its threshold (thresholds
    # are chosen with this rule applied: adapted NHS 5-fold micro-F1 0.801 -> 0.802)
    at_least_one_label: bool = True
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] | None = (2, 5)
    min_df: int = 2
    zeroshot_threshold: float = 0.30
    # a theme left zero-shot is suggested for at most this share of the training texts (or
    # twice its labelled share): its similarity scale differs from the supervised themes'.
    # 1% let 'Parking' (one NHS example) take ~11 wrong labels per 1,087 held-out comments
    # (5-fold CV: 58 false, 0 right); at 0.25% it took 29 over all folds, and macro/micro-F1
    # rose 0.607/0.778 -> 0.608/0.780. People's confirmations soon make such a theme supervised.
    zeroshot_max_share: float = 0.0025
    seed: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def label_matrix(labels: Sequence[Sequence[str]], names: list[str]) -> np.ndarray:
    index = {n: j for j, n in enumerate(names)}
    y = np.zeros((len(labels), len(names)), dtype=np.int8)
    for i, row in enumerate(labels):
        for name in row:
            if name in index:
                y[i, index[name]] = 1
    return y


def zero_shot_model(
    themes: Sequence[Theme | str | dict], embedder: Embedder, threshold: float = 0.30
) -> ThemeModel:
    """A model from theme names, descriptions and examples only (a fresh install)."""
    framework = as_themes(themes)
    model = ThemeModel(
        framework,
        embedder.name,
        ZeroShot.build(framework, embedder, threshold),
        embedding_mode="text",
        embedder=embedder,
    )
    meta, arrays = model_state(model)
    model.stamp(arrays, meta)
    return model


def _blocks(emb: np.ndarray, tfidf: TfidfFeatures | None, texts: list[str]) -> dict:
    blocks: dict = {"emb": emb}
    if tfidf is not None:
        blocks["tfidf"] = tfidf.transform(texts)
    return blocks


def _fit_tfidf(texts: list[str], cfg: TrainConfig) -> TfidfFeatures | None:
    if not cfg.use_tfidf:
        return None
    return TfidfFeatures(cfg.word_ngrams, cfg.char_ngrams, cfg.min_df).fit(texts)


def _theme_heads(blocks: dict, y: np.ndarray, w: np.ndarray | None, cfg: TrainConfig) -> list[Head]:
    heads = [
        Head(
            "emb",
            *fit_ovr(blocks["emb"], y, cfg.emb_c, w, cfg.balance, cfg.emb_kind),
            weight=cfg.emb_weight if "tfidf" in blocks else 1.0,
        )
    ]
    if "tfidf" in blocks:
        coef, bias = fit_ovr(blocks["tfidf"], y, cfg.tfidf_c, w, cfg.balance, cfg.tfidf_kind)
        heads.append(Head("tfidf", coef, bias, weight=cfg.tfidf_weight))
    return heads


def _sentiment_heads(
    blocks: dict, s: np.ndarray, w: np.ndarray | None, cfg: TrainConfig
) -> list[Head]:
    rows = s > 0
    if len(set(s[rows].tolist())) < 2:
        return []
    sw = None if w is None else w[rows]
    half = 0.5 if "tfidf" in blocks else 1.0
    heads = [
        Head(
            "emb",
            *fit_multiclass(blocks["emb"][rows], s[rows], SENTIMENTS, cfg.sentiment_emb_c, sw),
            weight=half,
        )
    ]
    if "tfidf" in blocks:
        heads.append(
            Head(
                "tfidf",
                *fit_multiclass(
                    blocks["tfidf"][rows], s[rows], SENTIMENTS, cfg.sentiment_tfidf_c, sw
                ),
                weight=half,
            )
        )
    return heads


def _thresholds(
    z: np.ndarray,
    y: np.ndarray,
    supervised: np.ndarray,
    calibration: np.ndarray,
    cfg: TrainConfig,
    per_theme: bool = True,
) -> np.ndarray:
    """Calibrate each theme (in place) and pick its F1-best threshold, shrunk towards the
    single threshold best for all themes together by ``cfg.threshold_shrinkage`` pseudo-counts
    (rare themes' own best thresholds are noisy); without ``per_theme``, that single one."""
    cols = np.flatnonzero(supervised)
    p = np.zeros(z.shape, dtype=np.float32)
    for j in cols:
        calibration[j] = platt(z[:, j], y[:, j])
        p[:, j] = sigmoid(calibration[j, 0] * z[:, j] + calibration[j, 1])
    common = _common_threshold(p[:, cols], y[:, cols], cfg)
    out = np.full(len(supervised), 0.5, dtype=np.float32)
    if not per_theme:
        out[cols] = common
        return out
    k = cfg.threshold_shrinkage
    for j in cols:
        own = best_threshold(y[:, j], p[:, j], common, cfg.min_threshold_examples)
        n = float(y[:, j].sum())
        out[j] = (n * own + k * common) / (n + k)
    return out


def _common_threshold(p: np.ndarray, y: np.ndarray, cfg: TrainConfig) -> float:
    """The one threshold best for micro-F1 over all themes, with labels chosen as the model
    will choose them: a text with none over it still gets its likeliest theme, so the
    threshold need not be low enough to give every text one."""
    grid = np.arange(0.1, 0.71, 0.02)
    pooled = [_micro_f1(y, _decide(p, t, cfg)) for t in grid]
    return float(grid[int(np.argmax(pooled))])


def _decide(p: np.ndarray, threshold: float, cfg: TrainConfig) -> np.ndarray:
    """Labels as the model will choose them: over the threshold, else (with
    ``at_least_one_label``) the likeliest theme."""
    chosen = p >= threshold
    if cfg.at_least_one_label and len(p):
        empty = np.flatnonzero(~chosen.any(1))
        chosen[empty, p[empty].argmax(1)] = True
    return chosen


def _micro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float((pred & (y > 0)).sum())
    return 2 * tp / max(float(pred.sum() + (y > 0).sum()), 1.0)


ZEROSHOT_CAP_MIN_TEXTS = 100


def _cap_zero_shot(
    thresholds: np.ndarray,
    zeroshot: ZeroShot,
    emb: np.ndarray,
    y: np.ndarray,
    supervised: np.ndarray,
    cfg: TrainConfig,
) -> None:
    """Raise (in place) the thresholds of themes left zero-shot so that none is suggested for
    more than ``cfg.zeroshot_max_share`` of the training texts (or twice its labelled share).

    Without this a theme with one labelled example can flood the suggestions when its phrases
    sit close to common comments (seen: 'Parking' chosen for two thirds of NHS comments).
    Under ``ZEROSHOT_CAP_MIN_TEXTS`` training texts a share means little: no cap.
    """
    rest = np.flatnonzero(~supervised)
    if not len(rest) or len(emb) < ZEROSHOT_CAP_MIN_TEXTS:
        return
    dim = zeroshot.phrase_vectors.shape[1]
    p = zeroshot.theme_proba(emb[:, :dim], len(supervised))
    n = len(emb)
    for j in rest:
        share = max(cfg.zeroshot_max_share, 2.0 * float(y[:, j].sum()) / n)
        allowed = int(share * n)
        if allowed >= n:
            continue
        # the (allowed+1)-th highest score: strictly above it, at most ``allowed`` texts pass
        cut = float(np.partition(p[:, j], n - allowed - 1)[n - allowed - 1])
        thresholds[j] = max(float(thresholds[j]), float(np.nextafter(np.float32(cut), 1)))


def _oof_scores(
    texts: list[str], emb: np.ndarray, y: np.ndarray, w: np.ndarray | None, cfg: TrainConfig
) -> np.ndarray:
    """Out-of-fold summed head scores, for calibration and thresholds."""
    z = np.zeros(y.shape, dtype=np.float32)
    folds = KFold(min(cfg.folds, len(texts)), shuffle=True, random_state=cfg.seed)
    for tr, te in folds.split(texts):
        tr_texts = [texts[i] for i in tr]
        tfidf = _fit_tfidf(tr_texts, cfg)
        heads = _theme_heads(
            _blocks(emb[tr], tfidf, tr_texts), y[tr], None if w is None else w[tr], cfg
        )
        test = _blocks(emb[te], tfidf, [texts[i] for i in te])
        z[te] = ThemeModel._raw(heads, test, len(te), y.shape[1])
    return z


def train_model(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    sentiments: Sequence[int | None] | None = None,
    *,
    embedder: Embedder,
    themes: Sequence[Theme | str | dict] | None = None,
    weights: Sequence[float] | None = None,
    config: TrainConfig | None = None,
) -> ThemeModel:
    """Learn themes (and sentiment, where given) from labelled texts.

    ``themes`` is the framework (names, or Theme objects with descriptions and examples);
    without it the themes are those in ``labels``. ``weights`` weigh examples (e.g. people's
    corrections above old labels). Themes with fewer than ``config.min_examples`` examples
    stay zero-shot.
    """
    # one BLAS thread: many small solves, and threads fight for busy cores (up to 7x slower)
    with threadpool_limits(limits=1, user_api="blas"):
        return _train(texts, labels, sentiments, embedder, themes, weights, config)


def _train(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    sentiments: Sequence[int | None] | None,
    embedder: Embedder,
    themes: Sequence | None,
    weights: Sequence[float] | None,
    config: TrainConfig | None,
) -> ThemeModel:
    cfg = config or TrainConfig()
    texts = [str(t) for t in texts]
    if len(texts) != len(labels):
        raise ValueError("texts and labels differ in length")
    framework = as_themes(
        themes if themes is not None else sorted({n for row in labels for n in row})
    )
    names = [t.name for t in framework]
    y = label_matrix(labels, names)
    s = np.array([int(v) if v else 0 for v in (sentiments or [None] * len(texts))])
    w = None if weights is None else np.asarray(weights, dtype=float)
    supervised = y.sum(0) >= cfg.min_examples
    emb = embedding_features(texts, embedder, cfg.embedding_mode)
    calibration = np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(names), 1))
    thresholds = np.full(len(names), 0.5, dtype=np.float32)
    per_theme = not (cfg.common_threshold_when_adapted and embedder.adapted)
    if len(texts) >= 2 * cfg.folds and supervised.any():
        z = _oof_scores(texts, emb, y, w, cfg)
        thresholds = _thresholds(z, y, supervised, calibration, cfg, per_theme)
    zeroshot = ZeroShot.build(framework, embedder, cfg.zeroshot_threshold)
    _cap_zero_shot(thresholds, zeroshot, emb, y, supervised, cfg)
    tfidf = _fit_tfidf(texts, cfg)
    blocks = _blocks(emb, tfidf, texts)
    model = ThemeModel(
        framework,
        embedder.name,
        zeroshot,
        embedding_mode=cfg.embedding_mode,
        mode="supervised",
        tfidf=tfidf,
        at_least_one_label=cfg.at_least_one_label,
        theme_heads=_theme_heads(blocks, y, w, cfg),
        sentiment_heads=_sentiment_heads(blocks, s, w, cfg),
        calibration=calibration,
        thresholds=thresholds,
        supervised=supervised,
        metadata={
            "trained_on": len(texts),
            "with_sentiment": int((s > 0).sum()),
            "examples": {n: int(c) for n, c in zip(names, y.sum(0), strict=True)},
            "config": cfg.to_dict(),
            "thresholds": "per theme" if per_theme else "common",
        },
        embedder=embedder,
    )
    meta, arrays = model_state(model)
    model.stamp(arrays, meta)
    return model
