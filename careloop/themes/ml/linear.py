"""Linear heads (one-vs-rest and multinomial logistic regression), calibration, thresholds.

Heads are plain weight arrays so that models save without pickle.
"""

from __future__ import annotations

import warnings
from typing import TypeAlias

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

Matrix: TypeAlias = np.ndarray | sp.spmatrix


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def _balanced(y: np.ndarray, weights: np.ndarray | None, power: float) -> np.ndarray:
    """Sample weights that balance classes (``power`` 1 = fully, 0 = not at all)."""
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    out = w.copy()
    total = w.sum()
    classes = np.unique(y)
    for c in classes:
        mask = y == c
        out[mask] *= (total / (len(classes) * w[mask].sum())) ** power
    return out


def fit_ovr(
    x: Matrix,
    y: np.ndarray,
    c: float,
    weights: np.ndarray | None = None,
    balance: float = 1.0,
    kind: str = "logistic",
) -> tuple[np.ndarray, np.ndarray]:
    """One binary model per column of ``y`` (n, m); returns W (m, d), b (m,).

    ``kind`` is "logistic" (scores are logits) or "svm" (a linear SVM: margins, doubled to be
    on a similar scale).
    """
    m, d = y.shape[1], x.shape[1]
    coef = np.zeros((m, d), dtype=np.float32)
    bias = np.full(m, -10.0, dtype=np.float32)
    solver = "liblinear" if sp.issparse(x) else "lbfgs"
    for j in range(m):
        col = y[:, j].astype(int)
        positives = col.sum()
        if positives == 0 or positives == len(col):
            bias[j] = -10.0 if positives == 0 else 10.0
            continue
        if kind == "svm":
            model = LinearSVC(C=c, max_iter=2000)
        else:
            model = LogisticRegression(C=c, solver=solver, max_iter=500)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(x, col, sample_weight=_balanced(col, weights, balance))
        scale = 2.0 if kind == "svm" else 1.0
        coef[j] = scale * model.coef_[0]
        bias[j] = scale * model.intercept_[0]
    return coef, bias


def fit_multiclass(
    x: Matrix,
    y: np.ndarray,
    classes: list[int],
    c: float,
    weights: np.ndarray | None = None,
    balance: float = 0.5,
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression over ``classes``; W (k, d), b (k,) in class order."""
    k, d = len(classes), x.shape[1]
    coef = np.zeros((k, d), dtype=np.float32)
    bias = np.full(k, -10.0, dtype=np.float32)
    present = sorted(set(int(v) for v in y))
    if len(present) < 2:
        if present:
            bias[classes.index(present[0])] = 10.0
        return coef, bias
    model = LogisticRegression(C=c, max_iter=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x, y, sample_weight=_balanced(np.asarray(y), weights, balance))
    for row, cls in enumerate(model.classes_):
        coef[classes.index(int(cls))] = model.coef_[row]
        bias[classes.index(int(cls))] = model.intercept_[row]
    return coef, bias


def decision(x: Matrix, coef: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Linear scores x @ W.T + b as a dense float32 array."""
    z = x @ coef.T
    return np.asarray(z, dtype=np.float32) + bias


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Fit p = sigmoid(a*z + c) to out-of-fold scores ``z`` (keeps a > 0)."""
    y = y.astype(int)
    if y.min() == y.max():
        return 1.0, 0.0
    model = LogisticRegression(C=100.0, max_iter=200)
    model.fit(z.reshape(-1, 1), y)
    a, c = float(model.coef_[0, 0]), float(model.intercept_[0])
    return (a, c) if a > 1e-3 else (1.0, 0.0)


def best_threshold(
    y: np.ndarray,
    p: np.ndarray,
    default: float = 0.5,
    min_positives: int = 3,
    grid: np.ndarray | None = None,
) -> float:
    """Threshold on probabilities that maximises F1; ``default`` with too few positives."""
    y = y.astype(bool)
    if y.sum() < min_positives:
        return default
    grid = np.arange(0.05, 0.91, 0.01) if grid is None else grid
    pred = p[:, None] >= grid[None, :]
    tp = (pred & y[:, None]).sum(0)
    fp = (pred & ~y[:, None]).sum(0)
    fn = y.sum() - tp
    f1 = 2 * tp / np.maximum(2 * tp + fp + fn, 1)
    best = f1.max()
    # the middle of the plateau of best thresholds is steadier than its edge
    candidates = grid[f1 >= best - 1e-9]
    return float(np.median(candidates))
