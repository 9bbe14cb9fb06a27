"""Two-sample statistics of real vs synthetic maps: classifier tests and MMD."""
from __future__ import annotations

from typing import Callable

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .nets import GapCnn


def detection_score(auc: float) -> float:
    """1 for indistinguishable sets (AUC 0.5), 0 for perfectly separable ones."""
    return 1.0 - (2.0 * max(0.5, auc) - 1.0)


def bootstrap_auc_ci(y: np.ndarray, p: np.ndarray, rng: np.random.Generator, rounds: int = 500) -> tuple[float, float]:
    aucs = []
    n = y.size
    for _ in range(rounds):
        idx = rng.integers(0, n, n)
        if y[idx].min() == y[idx].max():
            continue
        aucs.append(roc_auc_score(y[idx], p[idx]))
    lo, hi = np.percentile(aucs, [2.5, 97.5]) if aucs else (float("nan"), float("nan"))
    return float(lo), float(hi)


def out_of_fold(y: np.ndarray, folds: int, seed: int, fit_predict: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """Stratified k-fold: every map is scored by a model that never saw it."""
    k = max(2, min(folds, int(np.bincount(y).min())))
    oof = np.zeros(y.size, dtype=np.float64)
    for train, test in StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(y.size), y):
        oof[test] = fit_predict(train, test)
    return oof


def logistic_oof(features: np.ndarray, y: np.ndarray, folds: int, seed: int) -> np.ndarray:
    def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
        model.fit(features[train], y[train])
        return model.predict_proba(features[test])[:, 1]

    return out_of_fold(y, folds, seed, fit_predict)


def train_cnn(x: np.ndarray, target: np.ndarray, epochs: int, seed: int, loss: str = "bce") -> GapCnn:
    torch.manual_seed(seed)
    model = GapCnn(channels=x.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    xt = torch.from_numpy(x)
    tt = torch.from_numpy(target.astype(np.float32))
    gen = torch.Generator().manual_seed(seed)
    lossf = torch.nn.BCEWithLogitsLoss() if loss == "bce" else torch.nn.SmoothL1Loss()
    for _ in range(epochs):
        order = torch.randperm(xt.shape[0], generator=gen)
        for start in range(0, xt.shape[0], 32):
            idx = order[start : start + 32]
            opt.zero_grad()
            lossf(model(xt[idx]), tt[idx]).backward()
            opt.step()
    return model


def predict_cnn(model: GapCnn, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return model(torch.from_numpy(x)).numpy().astype(np.float64)


def cnn_oof(x: np.ndarray, y: np.ndarray, folds: int, seed: int, epochs: int) -> np.ndarray:
    def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        model = train_cnn(x[train], y[train], epochs, seed)
        return 1.0 / (1.0 + np.exp(-predict_cnn(model, x[test])))

    return out_of_fold(y, folds, seed, fit_predict)


def summarize(y: np.ndarray, p: np.ndarray, rng: np.random.Generator) -> dict[str, float]:
    auc = float(roc_auc_score(y, p))
    lo, hi = bootstrap_auc_ci(y, p, rng)
    return {"auc": auc, "aucCi95": [lo, hi], "detectionScore": detection_score(auc)}


def mmd_test(a: np.ndarray, b: np.ndarray, permutations: int, rng: np.random.Generator) -> dict[str, float]:
    """Unbiased MMD^2 with an RBF kernel (median-distance bandwidth) and a permutation p-value."""
    z = np.concatenate([a, b])
    z = (z - z.mean(axis=0)) / (z.std(axis=0) + 1e-9)
    sq = (z**2).sum(axis=1)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2 * z @ z.T, 0)
    bandwidth = float(np.median(d2[np.triu_indices_from(d2, k=1)])) or 1.0
    k = np.exp(-d2 / bandwidth)
    n = a.shape[0]

    def stat(labels: np.ndarray) -> float:
        ia, ib = np.flatnonzero(labels == 0), np.flatnonzero(labels == 1)
        kaa, kbb, kab = k[np.ix_(ia, ia)], k[np.ix_(ib, ib)], k[np.ix_(ia, ib)]
        ma, mb = ia.size, ib.size
        return float(
            (kaa.sum() - np.trace(kaa)) / (ma * (ma - 1)) + (kbb.sum() - np.trace(kbb)) / (mb * (mb - 1)) - 2 * kab.mean()
        )

    labels = np.r_[np.zeros(n, dtype=int), np.ones(b.shape[0], dtype=int)]
    observed = stat(labels)
    exceed = sum(stat(rng.permutation(labels)) >= observed for _ in range(permutations))
    return {"mmd2": observed, "pValue": (exceed + 1) / (permutations + 1), "permutations": permutations, "bandwidth": bandwidth}
