"""Two-sample statistics of real vs synthetic maps: classifier tests and MMD."""
from __future__ import annotations

from typing import Any, Callable, Optional

import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .nets import GapCnn, device


def detection_score(auc: float) -> float:
    """1 for indistinguishable sets (AUC 0.5), 0 for perfectly separable ones."""
    return 1.0 - (2.0 * max(0.5, auc) - 1.0)


def seed_mean_auc_ci(y: np.ndarray, scores: list[np.ndarray], rng: np.random.Generator, rounds: int = 500) -> tuple[float, float]:
    """95 % interval of the seed-mean AUC: bootstrap over maps (each resample of maps scored by every
    seed's out-of-fold scores, the AUCs averaged), percentiles 2.5 and 97.5. It covers which maps
    happened to be checked and, through the seeds, the classifier's own training noise."""
    aucs = []
    n = y.size
    for _ in range(rounds):
        idx = rng.integers(0, n, n)
        if y[idx].min() == y[idx].max():
            continue
        aucs.append(np.mean([roc_auc_score(y[idx], p[idx]) for p in scores]))
    lo, hi = np.percentile(aucs, [2.5, 97.5]) if aucs else (float("nan"), float("nan"))
    return float(lo), float(hi)


def out_of_fold(y: np.ndarray, folds: int, seed: int, fit_predict: Callable[[np.ndarray, np.ndarray], np.ndarray], groups: Optional[np.ndarray] = None) -> np.ndarray:
    """Stratified k-fold: every map is scored by a model that never saw it. With `groups` (one id per
    defect) all maps of a defect share a fold: a measured map's simulated twin in the training folds
    taught the classifier "looks like this = synthetic", which pushed indistinguishable sets to AUCs
    of 0.36-0.43 (below chance, with intervals excluding 0.5) instead of 0.5."""
    k = max(2, min(folds, int(np.bincount(y).min())))
    oof = np.zeros(y.size, dtype=np.float64)
    if groups is not None and np.unique(groups).size >= k:
        # Seeded relabelling of the groups: StratifiedGroupKFold's own shuffle gave every seed the same
        # folds when all groups hold one map of each set (scikit-learn 1.2).
        ids, inverse = np.unique(groups, return_inverse=True)
        relabelled = np.random.default_rng(seed).permutation(ids.size)[inverse]
        splits = StratifiedGroupKFold(n_splits=k).split(np.zeros(y.size), y, relabelled)
    else:
        splits = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(np.zeros(y.size), y)
    for train, test in splits:
        oof[test] = fit_predict(train, test)
    return oof


def logistic_oof(features: np.ndarray, y: np.ndarray, folds: int, seed: int, groups: Optional[np.ndarray] = None) -> np.ndarray:
    def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
        model.fit(features[train], y[train])
        return model.predict_proba(features[test])[:, 1]

    return out_of_fold(y, folds, seed, fit_predict, groups)


def train_cnn(x: np.ndarray, target: np.ndarray, epochs: int, seed: int, loss: str = "bce") -> GapCnn:
    torch.manual_seed(seed)
    dev = device()
    model = GapCnn(channels=x.shape[1]).to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    xt = torch.from_numpy(x).to(dev)
    tt = torch.from_numpy(target.astype(np.float32)).to(dev)
    gen = torch.Generator().manual_seed(seed)
    lossf = torch.nn.BCEWithLogitsLoss() if loss == "bce" else torch.nn.SmoothL1Loss()
    for _ in range(epochs):
        order = torch.randperm(xt.shape[0], generator=gen)
        for start in range(0, xt.shape[0], 32):
            idx = order[start : start + 32].to(dev)
            opt.zero_grad()
            lossf(model(xt[idx]), tt[idx]).backward()
            opt.step()
    return model


def predict_cnn(model: GapCnn, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return model(torch.from_numpy(x).to(device())).cpu().numpy().astype(np.float64)


def cnn_oof(x: np.ndarray, y: np.ndarray, folds: int, seed: int, epochs: int, groups: Optional[np.ndarray] = None) -> np.ndarray:
    def fit_predict(train: np.ndarray, test: np.ndarray) -> np.ndarray:
        model = train_cnn(x[train], y[train], epochs, seed)
        return 1.0 / (1.0 + np.exp(-predict_cnn(model, x[test])))

    return out_of_fold(y, folds, seed, fit_predict, groups)


def summarize(y: np.ndarray, scores: list[np.ndarray], rng: np.random.Generator) -> dict[str, Any]:
    """One classifier over its seeds: the mean AUC, its interval, each seed's AUC."""
    per_seed = [float(roc_auc_score(y, p)) for p in scores]
    auc = float(np.mean(per_seed))
    lo, hi = seed_mean_auc_ci(y, scores, rng)
    return {"auc": auc, "aucCi95": [lo, hi], "perSeed": per_seed, "detectionScore": detection_score(auc)}


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
