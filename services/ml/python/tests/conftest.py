import json
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LABELS = ["wallThickness_mm", "defectDepth_percent"]


def toy_maps(n: int, rng: np.random.Generator, measured: bool) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian-bump 'leakage' maps; the measured kind gets noise and a lower gain (small, fast stand-ins for tests)."""
    depth = rng.uniform(10, 90, n)
    ax = np.arange(16)[:, None] - 7.5
    ci = np.arange(8)[None, :] - 3.5
    bump = np.exp(-(ax**2) / 8 - (ci**2) / 4)
    amp = 1e-3 * depth[:, None, None, None] / 50
    maps = np.concatenate([amp * bump * ax / 4, amp * bump * ci / 4, amp * bump], axis=1).astype(np.float32)
    if measured:
        maps = maps * 0.8 + rng.normal(0, 4e-5, maps.shape).astype(np.float32)
    labels = np.stack([np.full(n, 10.0), depth], axis=1)
    return maps, labels


@pytest.fixture
def workdir(tmp_path):
    rng = np.random.default_rng(1)
    syn, syn_l = toy_maps(40, rng, measured=False)
    real, real_l = toy_maps(40, rng, measured=True)
    np.save(tmp_path / "synthetic.npy", syn)
    np.save(tmp_path / "synthetic_labels.npy", syn_l)
    np.save(tmp_path / "real.npy", real)
    np.save(tmp_path / "real_labels.npy", real_l)
    return tmp_path


def paired_maps(n: int, rng: np.random.Generator, sigma: float = 3e-5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Field verification pairs with a known instrument: measured = 0.8 * blur(simulated) + white noise sigma.
    Returns (simulated, measured, the noiseless measured maps)."""
    sim, _ = toy_maps(n, rng, measured=False)
    sim = sim * rng.uniform(0.5, 1.5, (n, 1, 1, 1)).astype(np.float32)
    padded = np.pad(sim, ((0, 0), (0, 0), (1, 1), (1, 1)), mode="edge")
    blur = sum(padded[:, :, i : i + sim.shape[2], j : j + sim.shape[3]] for i in range(3) for j in range(3)) / 9
    clean = (0.8 * blur).astype(np.float32)
    return sim, (clean + rng.normal(0, sigma, sim.shape)).astype(np.float32), clean


@pytest.fixture
def pairs_dir(workdir):
    sim, measured, _ = paired_maps(40, np.random.default_rng(2))
    np.save(workdir / "pairs_synthetic.npy", sim)
    np.save(workdir / "pairs_measured.npy", measured)
    return workdir


def write_job(path, **overrides) -> str:
    job = {
        "campaignId": "toy",
        "synthetic": {"maps": "synthetic.npy", "labels": "synthetic_labels.npy", "labelNames": LABELS, "stage": "raw"},
        "real": {"maps": "real.npy", "labels": "real_labels.npy", "labelNames": LABELS, "standIn": True},
        "outputDir": "out",
        "options": {"seeds": [0, 1, 2], "folds": 3, "cnnEpochs": 3, "permutations": 20, "steps": 6, "batchSize": 8, "threads": 1},
    }
    job.update(overrides)
    file = os.path.join(path, "job.json")
    with open(file, "w") as f:
        json.dump(job, f)
    return file
