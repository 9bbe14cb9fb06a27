import json
import os
import shutil
import subprocess
import tempfile

import numpy as np
import pytest
import torch

import refine_train
from conftest import paired_maps, write_job
from synthflux_ml.features import noise_levels
from synthflux_ml.nets import ExportedRefiner, Refiner
from synthflux_ml.paired import train_paired
from synthflux_ml.refine import load_training_data
from synthflux_ml.features import sensor_noise
from synthflux_ml.simgan import HistoryBuffer, unpaired_filter, unpaired_sensor_gains

PAIRS = {"synthetic": "pairs_synthetic.npy", "measured": "pairs_measured.npy", "standIn": True}


def run_onnx(path: str, signals: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Runs the exported model outside PyTorch: onnx's reference evaluator (onnx >= 1.13, the GPU image),
    else onnxruntime-node as the TypeScript workers do; skips when neither is installed."""
    try:
        from onnx.reference import ReferenceEvaluator

        return ReferenceEvaluator(path).run(None, {"signals": signals, "noise": noise})[0]
    except ImportError:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    root = next((d for d in (os.path.join(here, *[".."] * k) for k in range(1, 7)) if os.path.isdir(os.path.join(d, "node_modules", "onnxruntime-node"))), None)
    if root is None or shutil.which("node") is None:
        pytest.skip("no ONNX runtime here (onnx.reference or node + onnxruntime-node)")
    with tempfile.TemporaryDirectory() as tmp:
        signals.astype(np.float32).tofile(os.path.join(tmp, "s.bin"))
        noise.astype(np.float32).tofile(os.path.join(tmp, "n.bin"))
        script = (
            "const ort=require('onnxruntime-node');const fs=require('fs');const [m,d,shape]=process.argv.slice(1);const dims=JSON.parse(shape);"
            "const f=(n)=>{const b=fs.readFileSync(d+'/'+n);return new Float32Array(b.buffer,b.byteOffset,b.length/4);};"
            "ort.InferenceSession.create(m).then(s=>s.run({signals:new ort.Tensor('float32',f('s.bin'),dims),noise:new ort.Tensor('float32',f('n.bin'),dims)}))"
            ".then(r=>fs.writeFileSync(d+'/o.bin',Buffer.from(r.refined.data.buffer)));"
        )
        subprocess.run(["node", "-e", script, path, tmp, json.dumps(list(signals.shape))], cwd=os.path.abspath(root), check=True, timeout=60)
        return np.fromfile(os.path.join(tmp, "o.bin"), dtype=np.float32).reshape(signals.shape)


def test_refiner_starts_as_the_identity_plus_noise():
    x = torch.randn(2, 3, 16, 8)
    refiner = Refiner(3, 8, initial_sigma=1e-3)
    mean, sigma = refiner.mean_and_sigma(x)
    assert torch.equal(mean, x)
    assert torch.allclose(sigma, torch.full_like(sigma, 1e-3))
    assert torch.equal(refiner(x, torch.zeros_like(x)), x)


def test_refiner_takes_grids_that_are_not_multiples_of_four():
    r = ExportedRefiner(Refiner(3, 6), 1e-3)
    assert r(torch.zeros(1, 3, 18, 6), torch.zeros(1, 3, 18, 6)).shape == (1, 3, 18, 6)


def test_dead_sensors_read_exactly_zero():
    measured = torch.randn(4, 3, 16, 8)
    measured[:, :, :, 5] = 0
    refiner = Refiner(3, 8)
    refiner.set_dead_sensors(measured)
    out = refiner(torch.randn(2, 3, 16, 8), torch.randn(2, 3, 16, 8))
    assert (out[:, :, :, 5] == 0).all() and (out[:, :, :, 4] != 0).all()


def bump_maps(n: int, gen: torch.Generator, axial_spread: float, circumferential_spread: float) -> torch.Tensor:
    """n smooth defect-like bumps [n, 3, 64, 32] at random places with random amplitudes per channel."""
    a, c = torch.arange(64.0)[None, None, :, None], torch.arange(32.0)[None, None, None, :]
    ca, cc = torch.rand(n, 1, 1, 1, generator=gen) * 40 + 12, torch.rand(n, 1, 1, 1, generator=gen) * 20 + 6
    return (torch.rand(n, 3, 1, 1, generator=gen) + 0.2) * torch.exp(-((a - ca) ** 2 / axial_spread + (c - cc) ** 2 / circumferential_spread))


def test_unpaired_sensor_gains_recover_a_tools_gains_from_unpaired_sets():
    # Two independent draws of the same population of smooth defect signals; the "measured" one seen
    # through per-sensor gains (0.92, spread 0.06), one dead sensor and white noise.
    gen = torch.Generator().manual_seed(3)

    gains = 0.92 * torch.exp(0.06 * torch.randn(3, 32, generator=gen))
    gains[0, 5] = 0
    live = (gains > 0)[None, :, None, :]
    measured = bump_maps(400, gen, 30, 10) * gains[None, :, None, :] + 0.02 * torch.randn(400, 3, 64, 32, generator=gen) * live
    got = unpaired_sensor_gains(bump_maps(400, gen, 30, 10), measured, sensor_noise(measured))
    assert got[0, 5] == 0
    alive = gains > 0
    assert abs(got[alive].mean() - gains[alive].mean()) < 0.02
    # The overall gain is what matters most (the refiner's gains move ~lr per step, so from 1 they would
    # not reach 0.92 in a training run); 400 unpaired maps also say something about each sensor's own.
    assert torch.corrcoef(torch.stack([got[alive], gains[alive]]))[0, 1] > 0.4


def test_unpaired_filter_matches_a_tools_power_response_from_unpaired_sets():
    gen = torch.Generator().manual_seed(4)

    # A blur with gain 0.85 (what lift-off and a sensor footprint do), seen with white noise.
    blur = torch.tensor([[0.05, 0.1, 0.05], [0.1, 0.4, 0.1], [0.05, 0.1, 0.05]])
    tool = (blur / blur.sum() * 0.85).expand(3, 1, 3, 3)
    synthetic = bump_maps(300, gen, 8, 3)
    measured = torch.nn.functional.conv2d(bump_maps(300, gen, 8, 3), tool, padding=1, groups=3) + 0.003 * torch.randn(300, 3, 64, 32, generator=gen)
    got = unpaired_filter(synthetic, measured, sensor_noise(measured))

    def power_response(kernel: torch.Tensor) -> torch.Tensor:
        padded = torch.zeros(3, 64, 32)
        k = kernel.shape[-1]
        padded[:, :k, :k] = kernel[:, 0]
        return torch.fft.rfft2(torch.roll(padded, (-(k // 2), -(k // 2)), (1, 2))).abs() ** 2

    weight = (torch.fft.rfft2(synthetic).abs() ** 2).mean(dim=0)
    weight = weight / weight.sum(dim=(1, 2), keepdim=True)
    truth = power_response(tool)
    error = (weight * (power_response(got) - truth).abs() / truth).sum(dim=(1, 2))
    gain_only = (weight * (0.85**2 - truth).abs() / truth).sum(dim=(1, 2))
    # Measured: 1-5 % weighted error against 21 % for the right gain without the blur.
    assert (error < 0.08).all() and (gain_only > 0.15).all()


def test_history_buffer_mixes_half_of_the_batch():
    buf = HistoryBuffer(4, np.random.default_rng(0))
    first = buf.mix(torch.zeros(4, 1, 2, 2))
    second = buf.mix(torch.ones(4, 1, 2, 2))
    assert torch.equal(first, torch.zeros(4, 1, 2, 2))
    assert second[:2].sum() == 0 and second[2:].sum() == 8
    assert len(buf.items) == 4


@pytest.mark.parametrize("method", ["simgan", "pix2pix", "autoencoder"])
def test_each_method_exports_onnx_curves_and_a_probe_that_onnx_reproduces(pairs_dir, method):
    job = write_job(pairs_dir, method=method, pairs=PAIRS)
    assert refine_train.main(["refine_train.py", job]) == 0
    out = pairs_dir / "out"
    summary = json.loads((out / "training.json").read_text())
    assert summary["method"] == method and summary["steps"] == 6 and summary["secondsPerStep"] > 0
    assert summary["pairs"] == (0 if method == "simgan" else 40)
    for key in ("batchSize", "trainSeconds", "refinerParameters", "threads", "scaleTesla", "final", "files", "onnx"):
        assert key in summary
    curves = json.loads((out / "curves.json").read_text())
    assert len(curves["step"]) == 6
    accuracy_curves = ("discriminatorAccuracyReal", "discriminatorAccuracyRefined")
    if method == "autoencoder":
        assert "validationLoss" in curves and not any(k in curves for k in accuracy_curves)
    else:
        assert all(k in curves for k in accuracy_curves)
    assert (out / "curves.png").read_bytes()[:4] == b"\x89PNG"
    import onnx

    model = onnx.load(str(out / "refiner.onnx"))
    onnx.checker.check_model(model)
    assert [i.name for i in model.graph.input] == ["signals", "noise"] and [o.name for o in model.graph.output] == ["refined"]
    assert model.opset_import[0].version == 13
    signals, noise, refined = (np.load(out / f"probe_{k}.npy") for k in ("signals", "noise", "refined"))
    assert refined.shape == signals.shape and np.isfinite(refined).all()
    # Dynamic batch: three maps through a graph exported with two.
    batch = np.concatenate([signals, signals[:1]])
    got = run_onnx(str(out / "refiner.onnx"), batch, np.concatenate([noise, noise[:1]]))
    assert np.abs(got[:2] - refined).max() <= 1e-4 * np.abs(refined).max()


@pytest.mark.parametrize("method", ["pix2pix", "autoencoder"])
def test_paired_method_without_pairs_is_a_bad_input_naming_the_field(workdir, capsys, method):
    assert refine_train.main(["refine_train.py", write_job(workdir, method=method)]) == 2
    assert "pairs:" in capsys.readouterr().err


def test_pairs_of_different_counts_are_rejected(pairs_dir, capsys):
    np.save(pairs_dir / "pairs_measured.npy", np.load(pairs_dir / "pairs_measured.npy")[:30])
    assert refine_train.main(["refine_train.py", write_job(pairs_dir, method="pix2pix", pairs=PAIRS)]) == 2
    err = capsys.readouterr().err
    assert "pairs.measured: 30 maps but pairs.synthetic has 40" in err


def test_pairs_on_different_grids_are_rejected(pairs_dir, capsys):
    np.save(pairs_dir / "pairs_measured.npy", np.zeros((40, 3, 16, 9), dtype=np.float32))
    assert refine_train.main(["refine_train.py", write_job(pairs_dir, method="autoencoder", pairs=PAIRS)]) == 2
    err = capsys.readouterr().err
    assert "shape mismatch" in err and "pairs.synthetic" in err and "pairs.measured" in err


def test_unknown_method_is_rejected(pairs_dir, capsys):
    assert refine_train.main(["refine_train.py", write_job(pairs_dir, method="cyclegan", pairs=PAIRS)]) == 2
    assert "method: 'cyclegan'" in capsys.readouterr().err


def test_training_rejects_nan_synthetic_maps(workdir, capsys):
    maps = np.load(workdir / "synthetic.npy")
    maps[0] = np.nan
    np.save(workdir / "synthetic.npy", maps)
    assert refine_train.main(["refine_train.py", write_job(workdir)]) == 2
    assert "NaN" in capsys.readouterr().err


@pytest.mark.parametrize("method", ["pix2pix", "autoencoder"])
def test_paired_refiner_learns_a_known_instrument(tmp_path, method):
    """measured = 0.8 * blur(simulated) + noise of sigma s: the refined maps carry noise of about s and
    their deterministic part is far closer to the noiseless measured maps than the simulated maps are."""
    sigma = 3e-5
    sim, measured, _ = paired_maps(64, np.random.default_rng(3), sigma)
    test_sim, _, test_clean = paired_maps(16, np.random.default_rng(4), sigma)
    np.save(tmp_path / "pairs_synthetic.npy", sim)
    np.save(tmp_path / "pairs_measured.npy", measured)
    job = {"method": method, "pairs": PAIRS, "options": {"steps": 150, "batchSize": 16, "seed": 0}}
    torch.manual_seed(0)
    data = load_training_data(job, str(tmp_path))
    # Trained on the GPU where there is one; evaluated on the CPU like the exported refiner.
    refiner = train_paired(job, data, 0).refiner.cpu().eval()
    x = torch.from_numpy(test_sim / data.scale)
    with torch.no_grad():
        mean = refiner.mean_and_sigma(x)[0].numpy() * data.scale
        refined = refiner(x, torch.randn(x.shape, generator=torch.Generator().manual_seed(5))).numpy() * data.scale
    assert abs(np.median(noise_levels(refined)) / sigma - 1) < 0.2
    identity_l1 = np.abs(test_sim - test_clean).mean()
    assert np.abs(mean - test_clean).mean() < 0.25 * identity_l1
