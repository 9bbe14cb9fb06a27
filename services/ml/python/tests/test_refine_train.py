import json

import numpy as np
import torch

import refine_train
from conftest import write_job
from synthflux_ml.nets import ExportedRefiner, Refiner
from synthflux_ml.refine import HistoryBuffer


def test_refiner_starts_as_identity():
    x = torch.randn(2, 3, 16, 8)
    assert torch.equal(Refiner()(x, torch.randn_like(x)), x)


def test_refiner_is_fully_convolutional():
    r = ExportedRefiner(Refiner(), 1e-3)
    assert r(torch.zeros(1, 3, 20, 12), torch.zeros(1, 3, 20, 12)).shape == (1, 3, 20, 12)


def test_history_buffer_mixes_half_of_the_batch():
    buf = HistoryBuffer(4, np.random.default_rng(0))
    first = buf.mix(torch.zeros(4, 1, 2, 2))
    second = buf.mix(torch.ones(4, 1, 2, 2))
    assert torch.equal(first, torch.zeros(4, 1, 2, 2))
    assert second[:2].sum() == 0 and second[2:].sum() == 8
    assert len(buf.items) == 4


def test_training_exports_onnx_curves_and_probe(workdir):
    assert refine_train.main(["refine_train.py", write_job(workdir)]) == 0
    out = workdir / "out"
    summary = json.loads((out / "training.json").read_text())
    assert summary["steps"] == 6 and summary["secondsPerStep"] > 0
    curves = json.loads((out / "curves.json").read_text())
    assert len(curves["selfRegularization"]) == 6
    assert (out / "refiner.onnx").stat().st_size > 10_000
    assert (out / "curves.png").read_bytes()[:4] == b"\x89PNG"
    probe = np.load(out / "probe_refined.npy")
    assert probe.shape == np.load(out / "probe_signals.npy").shape and np.isfinite(probe).all()


def test_training_rejects_nan_synthetic_maps(workdir, capsys):
    maps = np.load(workdir / "synthetic.npy")
    maps[0] = np.nan
    np.save(workdir / "synthetic.npy", maps)
    assert refine_train.main(["refine_train.py", write_job(workdir)]) == 2
    assert "NaN" in capsys.readouterr().err
