"""The gap check: classifier two-sample tests over several seeds, MMD, t-SNE, per-parameter and per-class
breakdowns, depth train-on-synthetic/test-on-real, label preservation and a maps grid."""
from __future__ import annotations

import os
import time
from typing import Any, Optional

import numpy as np
import torch
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.metrics import roc_auc_score

from .features import amplitude_features, compress, signal_scale, texture_features
from .io import CHANNELS, InputError, MapSet, check_same_grid, label_column, load_map_set, option, write_json
from .nets import device
from .report import html_page, maps_grid_plot, tsne_plot
from .twosample import cnn_oof, logistic_oof, mmd_test, summarize

DEPTH = "defectDepth_percent"


def _subsample(s: MapSet, limit: int, rng: np.random.Generator) -> MapSet:
    if s.maps.shape[0] <= limit:
        return s
    return s.rows(np.sort(rng.choice(s.maps.shape[0], limit, replace=False)))


def _seeds(job: dict[str, Any]) -> list[int]:
    seeds = option(job, "seeds", None)
    if seeds is None:
        return [int(option(job, "seed", 0))]
    if not isinstance(seeds, list) or not seeds or not all(isinstance(s, int) and not isinstance(s, bool) for s in seeds):
        raise InputError(f"options.seeds: expected a non-empty list of integers (classifier seeds), got {seeds!r}")
    return seeds


def _mae_ci(abs_err: np.ndarray, rng: np.random.Generator, rounds: int = 1000) -> list[float]:
    """95 % bootstrap interval (over maps) of a mean absolute error."""
    means = [abs_err[rng.integers(0, abs_err.size, abs_err.size)].mean() for _ in range(rounds)]
    return [float(v) for v in np.percentile(means, [2.5, 97.5])]


def _depth_model(maps: np.ndarray, depth: np.ndarray, scale: float, seed: int) -> HistGradientBoostingRegressor:
    # Leaves of at least 20 maps (sklearn's default) cannot split fewer than 40: a field verification
    # check trains on a few dozen held-out defects, where that model would predict the mean depth.
    min_leaf = max(2, min(20, depth.size // 10))
    model = HistGradientBoostingRegressor(max_iter=200, min_samples_leaf=min_leaf, random_state=seed)
    model.fit(amplitude_features(maps, scale), depth)
    return model


def depth_tstr(synthetic: MapSet, real: MapSet, scale: float, seed: int, rng: np.random.Generator) -> tuple[Optional[dict[str, Any]], Optional[np.ndarray]]:
    """Train a depth sizer on synthetic maps only; test it on measured maps only. Also returns each measured map's error."""
    y_syn, y_real = label_column(synthetic, DEPTH), label_column(real, DEPTH)
    if y_syn is None or y_real is None:
        return None, None
    err = _depth_model(synthetic.maps, y_syn, scale, seed).predict(amplitude_features(real.maps, scale)) - y_real
    report = {
        "mae": float(np.abs(err).mean()), "maeCi95": _mae_ci(np.abs(err), rng), "rmse": float(np.sqrt((err**2).mean())),
        "bias": float(err.mean()), "n": int(err.size), "units": "% of wall",
    }
    return report, err


def label_preservation(real_train: Optional[MapSet], real: MapSet, synthetic: MapSet, scale: float, seed: int) -> Optional[dict[str, Any]]:
    """A depth regressor trained on measured maps of the training split: its error on the held-out
    measured maps against its error on the checked maps (their true labels). A refiner that keeps each
    defect's signal leaves the second no larger than the first."""
    if real_train is None:
        return None
    y_train, y_real, y_syn = label_column(real_train, DEPTH), label_column(real, DEPTH), label_column(synthetic, DEPTH)
    if y_train is None or y_real is None or y_syn is None or y_train.size < 2:
        return None
    model = _depth_model(real_train.maps, y_train, scale, seed)
    real_mae = float(np.abs(model.predict(amplitude_features(real.maps, scale)) - y_real).mean())
    maps_mae = float(np.abs(model.predict(amplitude_features(synthetic.maps, scale)) - y_syn).mean())
    return {"realMae": real_mae, "mapsMae": maps_mae, "ratio": maps_mae / real_mae if real_mae > 0 else None, "n": int(y_syn.size), "nReal": int(y_real.size), "nTrain": int(y_train.size), "units": "% of wall"}


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


def by_class(synthetic: MapSet, real: MapSet, y: np.ndarray, cnn_scores: list[np.ndarray], depth_err: Optional[np.ndarray]) -> Optional[list[dict[str, Any]]]:
    """The gap per POF defect class: the CNN's out-of-fold scores restricted to the maps of one class
    (seed-mean AUC; null below 2 maps on either side) and the depth TSTR error on that class's measured maps."""
    if synthetic.classes is None and real.classes is None:
        return None
    syn_c = np.array(synthetic.classes if synthetic.classes is not None else [None] * synthetic.maps.shape[0], dtype=object)
    real_c = np.array(real.classes if real.classes is not None else [None] * real.maps.shape[0], dtype=object)
    labels = np.concatenate([syn_c, real_c])
    out = []
    for name in sorted({c for c in labels if c is not None}):
        mask = labels == name
        n_syn, n_real = int((mask & (y == 0)).sum()), int((mask & (y == 1)).sum())
        auc = None
        if n_syn >= 2 and n_real >= 2:
            auc = float(np.mean([roc_auc_score(y[mask], p[mask]) for p in cnn_scores]))
        depth = None
        if depth_err is not None and n_real > 0:
            depth = float(np.abs(depth_err[real_c == name]).mean())
        out.append({"defectClass": name, "real": n_real, "synthetic": n_syn, "cnnAuc": auc, "depthMae": depth})
    return out


def load_grid(base: str, spec: Any, real: MapSet, channels: Any) -> Optional[dict[str, Any]]:
    """Raw, refined and measured maps of the same defects (row k of each) for the maps grid."""
    if spec is None:
        return None
    allowed = CHANNELS[: real.maps.shape[1]]
    if channels != "all" and channels not in allowed:
        raise InputError(f"options.gridChannels: '{channels}' is not a channel; allowed: all, {', '.join(allowed)}")
    if not isinstance(spec, dict):
        raise InputError("grid: expected {raw, refined, real, ids} (.npy files of the same defects, row by row)")
    arrays = {}
    for key in ("raw", "refined", "real"):
        if not isinstance(spec.get(key), str):
            raise InputError(f"grid.{key}: missing; expected an .npy file of [N, channels, axial, circumferential] tesla maps")
        arrays[key] = load_map_set(base, {"maps": spec[key]}, f"grid.{key}", real.maps.shape[1])
        check_same_grid(arrays[key], real)
    counts = {k: v.maps.shape[0] for k, v in arrays.items()}
    if len(set(counts.values())) != 1:
        raise InputError(f"grid.refined: row counts differ ({', '.join(f'{k} {n}' for k, n in counts.items())}); row k of each must be the same defect")
    ids = spec.get("ids")
    n = counts["raw"]
    if not isinstance(ids, list) or len(ids) != n:
        raise InputError(f"grid.ids: expected {n} defect ids (one per row)")
    picked = list(range(len(allowed))) if channels == "all" else [allowed.index(channels)]
    return {"raw": arrays["raw"].maps, "refined": arrays["refined"].maps, "real": arrays["real"].maps, "ids": [str(i) for i in ids], "channels": picked}


def defect_groups(synthetic: MapSet, real: MapSet) -> Optional[np.ndarray]:
    """One group id per map of both sets: maps with identical label rows are the same defect (a field
    verification's simulated and measured maps). None when the sets lack comparable labels."""
    if synthetic.labels is None or real.labels is None or synthetic.label_names != real.label_names:
        return None
    rows = np.concatenate([synthetic.labels, real.labels])
    _, ids = np.unique(np.round(rows, 9), axis=0, return_inverse=True)
    return ids.reshape(-1)


def run_gap_check(job: dict[str, Any], base: str) -> dict[str, Any]:
    started = time.perf_counter()
    if option(job, "threads", None) is not None:
        torch.set_num_threads(int(option(job, "threads", 1)))
    seeds = _seeds(job)
    rng = np.random.default_rng(seeds[0])
    real_spec, syn_spec = job.get("real") or {}, job.get("synthetic") or {}
    real = load_map_set(base, job.get("real"), "real")
    synthetic = load_map_set(base, job.get("synthetic"), "synthetic", channels=real.maps.shape[1])
    check_same_grid(synthetic, real)
    real_train = None
    if job.get("realTrain") is not None:
        real_train = load_map_set(base, job.get("realTrain"), "realTrain", channels=real.maps.shape[1])
        check_same_grid(real_train, real)
    grid = load_grid(base, job.get("grid"), real, option(job, "gridChannels", CHANNELS[-1]))
    limit = int(option(job, "maxPerClass", 500))
    synthetic, real = _subsample(synthetic, limit, rng), _subsample(real, limit, rng)

    scale = signal_scale(real.maps)  # the measured set is the same in every check, so reports compare
    maps = np.concatenate([synthetic.maps, real.maps])
    y = np.r_[np.zeros(synthetic.maps.shape[0], dtype=int), np.ones(real.maps.shape[0], dtype=int)]
    if min(np.bincount(y, minlength=2)) < 2:
        raise InputError("need at least 2 synthetic and 2 measured maps for a two-sample test")
    feats = texture_features(maps, scale)
    folds = int(option(job, "folds", 5))
    epochs = int(option(job, "cnnEpochs", 8))
    compressed = compress(maps, scale)
    groups = defect_groups(synthetic, real)
    p_lr = [logistic_oof(feats, y, folds, s, groups) for s in seeds]
    p_cnn = [cnn_oof(compressed, y, folds, s, epochs, groups) for s in seeds]
    n_syn = synthetic.maps.shape[0]

    out_dir = os.path.join(base, job.get("outputDir", "out"))
    os.makedirs(out_dir, exist_ok=True)
    stage = str(syn_spec.get("stage", "raw"))
    tstr, depth_err = depth_tstr(synthetic, real, scale, seeds[0], rng)
    cnn_mean = np.mean(p_cnn, axis=0)
    report: dict[str, Any] = {
        "kind": "gap-check",
        "campaignId": str(job.get("campaignId", "")),
        "seeds": seeds,
        "synthetic": {"stage": stage, "count": n_syn, "method": syn_spec.get("method")},
        "real": {
            "count": int(real.maps.shape[0]), "standIn": bool(real_spec.get("standIn", False)), "heldOut": bool(real_spec.get("heldOut", False)),
            "splitRule": real_spec.get("splitRule"), "datasetId": real_spec.get("datasetId"),
        },
        "scaleTesla": scale,
        "classifiers": {"logistic": summarize(y, p_lr, rng), "cnn": summarize(y, p_cnn, rng)},
        "mmd": mmd_test(feats[:n_syn], feats[n_syn:], int(option(job, "permutations", 200)), rng),
        "byParameterBin": parameter_bins(synthetic, cnn_mean[:n_syn], cnn_mean[n_syn:]),
        "depthTstr": tstr,
        "labelPreservation": label_preservation(real_train, real, synthetic, scale, seeds[0]),
        "folds": folds,
        "foldsGroupedByDefect": groups is not None,
    }
    classes = by_class(synthetic, real, y, p_cnn, depth_err)
    if classes is not None:
        report["byClass"] = classes
    worst = max(report["classifiers"].values(), key=lambda r: r["auc"])
    report["auc"] = worst["auc"]  # the stronger classifier sets the headline number
    report["detectionScore"] = worst["detectionScore"]
    tsne = bool(option(job, "tsne", True))
    if tsne:
        tsne_plot(feats, y, os.path.join(out_dir, "tsne.png"), f"t-SNE, measured vs {stage} synthetic", seeds[0])
    if grid is not None:
        maps_grid_plot(grid, os.path.join(out_dir, "maps_grid.png"), grid["channels"], int(option(job, "gridRows", 6)))
    report["files"] = {"report": "report.json", "tsne": "tsne.png" if tsne else None, "html": "report.html", "mapsGrid": "maps_grid.png" if grid is not None else None}
    report["seconds"] = time.perf_counter() - started
    report["device"] = str(device())  # where the CNN trained: the GPU when the job has one
    with open(os.path.join(out_dir, "report.html"), "w", encoding="utf-8") as f:
        f.write(html_page(report))
    write_json(os.path.join(out_dir, "report.json"), report)
    return report
