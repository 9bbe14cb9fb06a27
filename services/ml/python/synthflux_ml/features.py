"""Hand-made features of MFL maps for the linear classifier, t-SNE, MMD and depth regression.

A linear classifier on raw pixels misses noise-type gaps (sensor noise, gain spread), so the
features describe texture and amplitude rather than pixel values.
"""
from __future__ import annotations

import numpy as np
import torch

from .nets import AXIAL_HIGH_PASS_GAIN, axial_high_pass


def signal_scale(maps: np.ndarray) -> float:
    """One robust amplitude (tesla) that brings maps to order 1; fixed per job and baked into the ONNX refiner."""
    peaks = np.abs(maps).reshape(maps.shape[0], -1).max(axis=1)
    scale = float(np.median(peaks))
    return scale if scale > 0 else 1.0


def noise_levels(maps: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """Per-map white-noise level (same units as maps / scale): a robust spread of the axial high-pass.

    The leakage field is smooth along a sensor's track, so a reading minus the mean of its axial
    neighbours is mostly sensor noise; the median absolute value (over live sensors: dead ones read
    exactly 0) ignores the few pixels where the field curves sharply.
    """
    hp = axial_high_pass(torch.from_numpy(np.ascontiguousarray(maps, dtype=np.float32) / scale)).numpy()
    live = np.abs(maps).reshape(maps.shape[0], maps.shape[1], -1, maps.shape[3]).max(axis=2) > 0  # [N, C, sensors]
    hp = np.abs(hp)
    out = np.zeros(maps.shape[0])
    for k in range(maps.shape[0]):
        values = hp[k].transpose(0, 2, 1)[live[k]]
        out[k] = np.median(values) / 0.6745 / AXIAL_HIGH_PASS_GAIN if values.size else 0.0
    return out


def sensor_noise(maps: torch.Tensor) -> torch.Tensor:
    """Each sensor's white-noise level over a set of maps [N, channels, axial, sensors] -> [channels, sensors]
    (0 for a dead sensor): the robust spread of its axial high-pass, like noise_levels."""
    hp = axial_high_pass(maps).abs().permute(1, 3, 0, 2).reshape(maps.shape[1], maps.shape[3], -1)
    return hp.median(dim=2).values / 0.6745 / AXIAL_HIGH_PASS_GAIN


def noise_floor(maps: np.ndarray, scale: float = 1.0) -> float:
    """The set's typical noise level (median over maps), never 0 so it can divide."""
    level = float(np.median(noise_levels(maps, scale)))
    return level if level > 0 else 1e-3


def compress(maps: np.ndarray, scale: float) -> np.ndarray:
    """Signed log-like compression: keeps the weak tails (where noise shows) visible next to the peaks."""
    return np.arcsinh(maps / (0.05 * scale)).astype(np.float32)


def texture_features(maps: np.ndarray, scale: float) -> np.ndarray:
    x = maps.astype(np.float64) / scale
    n, c = x.shape[:2]
    feats = []
    lap = x[:, :, 1:-1, 1:-1] * 4 - x[:, :, :-2, 1:-1] - x[:, :, 2:, 1:-1] - x[:, :, 1:-1, :-2] - x[:, :, 1:-1, 2:]
    dax = np.diff(x, axis=2)
    dci = np.diff(x, axis=3)
    flat = x.reshape(n, c, -1)
    peak = np.abs(flat).max(axis=2) + 1e-9
    for arr in (lap, dax, dci):
        a = arr.reshape(n, c, -1)
        feats.append(np.log(a.std(axis=2) + 1e-9))
        feats.append(np.log(a.std(axis=2) / peak + 1e-9))
    feats.append(np.log(peak))
    feats.append(np.log(flat.std(axis=2) + 1e-9))
    # Edge rows hold almost no leakage: their spread is the noise floor.
    edge = np.concatenate([x[:, :, :3, :], x[:, :, -3:, :]], axis=2).reshape(n, c, -1)
    feats.append(np.log(edge.std(axis=2) + 1e-9))
    # Per-sensor gain spread: how unequal the circumferential columns are relative to their neighbours.
    col_energy = np.sqrt((x**2).mean(axis=2)) + 1e-9
    feats.append(np.log(np.abs(np.diff(np.log(col_energy), axis=2)).mean(axis=2) + 1e-9))
    feats.append((np.abs(x).max(axis=2) < 1e-7).mean(axis=2))  # dead sensors
    # Axial asymmetry (velocity effects smear the trailing side).
    prof = np.abs(x).sum(axis=3)
    half = prof.shape[2] // 2
    lead, trail = prof[:, :, :half].sum(axis=2), prof[:, :, -half:].sum(axis=2)
    feats.append((trail - lead) / (trail + lead + 1e-9))
    kurt = ((flat - flat.mean(axis=2, keepdims=True)) ** 4).mean(axis=2) / (flat.var(axis=2) ** 2 + 1e-12)
    feats.append(np.log(kurt + 1e-9))
    return np.concatenate(feats, axis=1).astype(np.float64)


def amplitude_features(maps: np.ndarray, scale: float) -> np.ndarray:
    """What a sizing model uses: peak-to-peak amplitudes and the spatial extent of each channel."""
    x = maps.astype(np.float64) / scale
    n, c, a, y = x.shape
    flat = x.reshape(n, c, -1)
    p2p = flat.max(axis=2) - flat.min(axis=2)
    feats = [np.log(p2p + 1e-9)]
    for axis, length in ((3, a), (2, y)):
        prof = np.abs(x).sum(axis=axis)  # [n, c, length]
        w = prof / (prof.sum(axis=2, keepdims=True) + 1e-12)
        pos = np.arange(length)[None, None, :]
        mean = (w * pos).sum(axis=2, keepdims=True)
        feats.append(np.sqrt((w * (pos - mean) ** 2).sum(axis=2)))
    energy = np.log(np.sqrt((flat**2).mean(axis=2)) + 1e-9)
    feats.append(energy)
    return np.concatenate(feats, axis=1)
