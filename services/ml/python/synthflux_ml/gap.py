"""The gap check: classifier two-sample tests, MMD, t-SNE, per-parameter breakdown, depth TSTR."""
from __future__ import annotations

import os
import time
from typing import Any, Optional

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import roc_auc_score

from .features import amplitude_features, compress, signal_scale, texture_features
from .io import InputError, MapSet, check_same_grid, label_column, load_map_set, option, write_json
from .report import html_page, tsne_plot
from .twosample import cnn_oof, logistic_oof, mmd_test, summarize

DEPTH = "defectDepth_percent"


def _subsample(s: MapSet, limit: int, rng: np.random.Generator) -> MapSet:
    if s.maps.shape[0] <= limit:
        return s
    idx = np.sort(rng.choice(s.maps.shape[0], limit, replace=False))
    return MapSet(s.name, s.maps[idx], None if s.labels is None else s.labels[idx], s.label_names)


def depth_tstr(synthetic: MapSet, real: MapSet, scale: float, seed: int) -> Optional[dict[str, Any]]:
    """Train a depth sizer on synthetic maps only; test it on measured maps only."""
    y_syn, y_real = label_column(synthetic, DEPTH), label_column(real, DEPTH)
    if y_syn is None or y_real is None:
        return None
    model = HistGradientBoostingRegressor(max_iter=200, random_state=seed)
    model.fit(amplitude_features(synthetic.maps, scale), y_syn)
    err = model.predict(amplitude_features(real.maps, scale)) - y_real
    return {"mae": float(np.abs(err).mean()), "rmse": float(np.sqrt((err**2).mean())), "bias": float(err.mean()), "n": int(err.size), "units": "% of wall"}


def parameter_bins(synthetic: MapSet, p_syn: np.ndarray, p_real: np.ndarray) -> list[dict[str, Any]]:
    """Where the gap is widest: AUC of each bin of synthetic maps against all measured maps."""
    out: list[dict[str, Any]] = []
    if synthetic.labels is None:
        return out
    for j, name in enumerate(synthetic.label_names):
        col = synthetic.labels[:, j]
        values = np.unique(col)
        if values.size < 2:
            continue
        edges = values if values.size <= 4 else np.quantile(col, [0, 0.25, 0.5, 0.75, 1.0])
        bins = [(v, v) for v in values] if values.size <= 4 else list(zip(edges[:-1], edges[1:]))
        for k, (lo, hi) in enumerate(bins):
            last = k == len(bins) - 1
            mask = (col == lo) if lo == hi else ((col >= lo) & ((col <= hi) if last else (col < hi)))
            n = int(mask.sum())
            auc = None
            if n > 0:
                y = np.r_[np.zeros(n), np.ones(p_real.size)]
                auc = float(roc_auc_score(y, np.r_[p_syn[mask], p_real]))
            out.append({"parameter": name, "low": float(lo), "high": float(hi), "count": n, "auc": auc})
    return out


def run_gap_check(job: dict[str, Any], base: str) -> dict[str, Any]:
    started = time.perf_counter()
    seed = int(option(job, "seed", 0))
    rng = np.random.default_rng(seed)
    real = load_map_set(base, job.get("real"), "real (measured)")
    synthetic = load_map_set(base, job.get("synthetic"), "synthetic", channels=real.maps.shape[1])
    check_same_grid(synthetic, real)
    limit = int(option(job, "maxPerClass", 500))
    synthetic, real = _subsample(synthetic, limit, rng), _subsample(real, limit, rng)

    scale = signal_scale(real.maps)  # the measured set is the same in every check, so reports compare
    maps = np.concatenate([synthetic.maps, real.maps])
    y = np.r_[np.zeros(synthetic.maps.shape[0], dtype=int), np.ones(real.maps.shape[0], dtype=int)]
    if min(np.bincount(y, minlength=2)) < 2:
        raise InputError("need at least 2 synthetic and 2 measured maps for a two-sample test")
    feats = texture_features(maps, scale)
    folds = int(option(job, "folds", 5))
    p_lr = logistic_oof(feats, y, folds, seed)
    p_cnn = cnn_oof(compress(maps, scale), y, folds, seed, int(option(job, "cnnEpochs", 8)))
    n_syn = synthetic.maps.shape[0]

    out_dir = os.path.join(base, job.get("outputDir", "out"))
    os.makedirs(out_dir, exist_ok=True)
    stage = str((job.get("synthetic") or {}).get("stage", "raw"))
    report: dict[str, Any] = {
        "kind": "gap-check",
        "campaignId": str(job.get("campaignId", "")),
        "synthetic": {"stage": stage, "count": n_syn},
        "real": {"count": int(real.maps.shape[0]), "standIn": bool((job.get("real") or {}).get("standIn", False)), "datasetId": (job.get("real") or {}).get("datasetId")},
        "scaleTesla": scale,
        "classifiers": {"logistic": summarize(y, p_lr, rng), "cnn": summarize(y, p_cnn, rng)},
        "mmd": mmd_test(feats[:n_syn], feats[n_syn:], int(option(job, "permutations", 200)), rng),
        "byParameterBin": parameter_bins(synthetic, p_cnn[:n_syn], p_cnn[n_syn:]),
        "depthTstr": depth_tstr(synthetic, real, scale, seed),
        "folds": folds,
    }
    worst = max(report["classifiers"].values(), key=lambda r: r["auc"])
    report["auc"] = worst["auc"]  # the stronger classifier sets the headline number
    report["detectionScore"] = worst["detectionScore"]
    if bool(option(job, "tsne", True)):
        tsne_plot(feats, y, os.path.join(out_dir, "tsne.png"), f"t-SNE, measured vs {stage} synthetic", seed)
    report["files"] = {"report": "report.json", "tsne": "tsne.png" if bool(option(job, "tsne", True)) else None, "html": "report.html"}
    report["seconds"] = time.perf_counter() - started
    with open(os.path.join(out_dir, "report.html"), "w", encoding="utf-8") as f:
        f.write(html_page(report, "tsne.png"))
    write_json(os.path.join(out_dir, "report.json"), report)
    return report
