"""Evaluation (F1 scores, speed, memory), k-fold cross-validation and model comparison."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold

from careloop.themes.ml.embedder import Embedder
from careloop.themes.ml.model import ThemeModel
from careloop.themes.ml.train import TrainConfig, label_matrix, train_model

PRIMARY = ("macro_f1", "micro_f1")


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB.

    On Linux this is VmHWM, the high-water mark of the process's own memory. ``ru_maxrss``
    is not: a child started with fork/vfork and exec inherits its parent's peak there, so a
    benchmark run in a fresh process from a large parent (a test session) would report the
    parent's figure.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def label_scores(
    true: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], themes: list[str] | None = None
) -> dict:
    """Macro-F1 over the themes present in ``true``, micro-F1, and F1 per present theme."""
    names = themes or sorted({n for row in true for n in row} | {n for row in pred for n in row})
    y, p = label_matrix(true, names), label_matrix(pred, names)
    present = y.sum(0) > 0
    if not present.any():
        return {"macro_f1": 0.0, "micro_f1": 0.0, "per_theme_f1": {}}
    per = f1_score(y, p, average=None, zero_division=0)
    return {
        "macro_f1": round(float(per[present].mean()), 4),
        "micro_f1": round(
            float(f1_score(y[:, present], p[:, present], average="micro", zero_division=0)), 4
        ),
        "per_theme_f1": {names[j]: round(float(per[j]), 4) for j in np.flatnonzero(present)},
    }


def sentiment_scores(true: Sequence[int | None], pred: Sequence[int]) -> dict:
    """Macro-F1 of sentiment over the rows that have a true sentiment."""
    pairs = [(int(t), int(p)) for t, p in zip(true, pred, strict=True) if t]
    if not pairs:
        return {"sentiment_macro_f1": None, "sentiment_rows": 0}
    t, p = zip(*pairs, strict=True)
    return {
        "sentiment_macro_f1": round(
            float(f1_score(t, p, average="macro", labels=sorted(set(t)), zero_division=0)), 4
        ),
        "sentiment_rows": len(pairs),
    }


def evaluate(
    model: ThemeModel,
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    sentiments: Sequence[int | None] | None = None,
    embedder: Embedder | None = None,
) -> dict:
    """Score ``model`` on labelled texts; includes texts_per_s and peak_rss_mb."""
    start = time.perf_counter()
    preds = model.predict(list(texts), embedder)
    seconds = time.perf_counter() - start
    result = label_scores(labels, [p.labels for p in preds], None)
    result.update(sentiment_scores(sentiments or [None] * len(preds), [p.sentiment for p in preds]))
    result.update(
        {
            "rows": len(preds),
            "texts_per_s": round(len(preds) / max(seconds, 1e-9), 1),
            "peak_rss_mb": peak_rss_mb(),
            "model_version": model.version,
        }
    )
    return result


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    sentiments: Sequence[int | None] | None = None,
    *,
    embedder: Embedder | None,
    themes: Sequence | None = None,
    config: TrainConfig | None = None,
    folds: int = 5,
    seed: int = 0,
    progress: Callable[[int, dict], None] | None = None,
    fold_embedder: Callable[[Sequence[int]], Embedder] | None = None,
) -> dict:
    """k-fold cross-validation: pooled scores over all held-out folds, plus each fold's, and
    every text's held-out prediction (``predicted_labels``). ``fold_embedder``, given a fold's
    training rows, makes that fold's embedder (an encoder adapted on them: adapt.py)."""
    texts = list(texts)
    sents = list(sentiments) if sentiments is not None else [None] * len(texts)
    pred_labels: list[list[str]] = [[] for _ in texts]
    pred_sent = [3] * len(texts)
    per_fold = []
    start = time.perf_counter()
    for k, (tr, te) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(texts)):
        fold = fold_embedder(tr.tolist()) if fold_embedder else embedder
        if fold is None:
            raise ValueError("cross_validate needs an embedder or a fold_embedder")
        model = train_model(
            [texts[i] for i in tr],
            [labels[i] for i in tr],
            [sents[i] for i in tr],
            embedder=fold,
            themes=themes,
            config=config,
        )
        preds = model.predict([texts[i] for i in te])
        for i, p in zip(te, preds, strict=True):
            pred_labels[i], pred_sent[i] = p.labels, p.sentiment
        result = label_scores([labels[i] for i in te], [p.labels for p in preds])
        result.update(sentiment_scores([sents[i] for i in te], [p.sentiment for p in preds]))
        per_fold.append({k: result[k] for k in ("macro_f1", "micro_f1", "sentiment_macro_f1")})
        if progress:
            progress(k, result)
    pooled = label_scores(labels, pred_labels)
    pooled.update(sentiment_scores(sents, pred_sent))
    pooled.update(
        {
            "folds": folds,
            "per_fold": per_fold,
            "rows": len(texts),
            "fold_macro_f1_mean": round(float(np.mean([f["macro_f1"] for f in per_fold])), 4),
            "seconds": round(time.perf_counter() - start, 1),
            "peak_rss_mb": peak_rss_mb(),
            "predicted_labels": pred_labels,
        }
    )
    return pooled


def compare(new_eval: dict | None, old_eval: dict | None, tolerance: float = 0.0) -> bool:
    """True if the new model is at least as good as the old on macro- and micro-F1.

    Both evaluations must come from the same labelled data. With no old evaluation the new
    model wins; with no new one it loses.
    """
    if not old_eval:
        return True
    if not new_eval:
        return False
    for key in PRIMARY:
        old, new = old_eval.get(key), new_eval.get(key)
        if old is None:
            continue
        if new is None or new < old - tolerance:
            return False
    return True
