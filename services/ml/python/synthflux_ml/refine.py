"""Refiner training job: one of three methods trains the same Refiner network, exported to ONNX.

- simgan: unpaired (a campaign sample and measured maps), adversarial + self-regularization (simgan.py);
- pix2pix: paired field verifications, L1 to the measured map + conditional patch discriminator (paired.py);
- autoencoder: paired, encoder-decoder with a Gaussian likelihood for the measured map (paired.py).
Every method writes the same files and the same ONNX interface: (signals, noise) -> refined, tesla.

Options (job.options), with defaults: steps 300, batchSize 16, seed 0, threads, width 16 (refiner),
discriminatorWidth 16; simgan: lr 1e-4, lrDiscriminator 1e-3, lambdaReg 20, discriminatorSteps 2,
discriminatorWarmup 60, historySize 512, learnNoise false, unpairedGains true, unpairedFilter true,
selfRegularization start (or input); pix2pix: lr 2e-3 (cosine decay to a tenth),
lrDiscriminator 5e-4, lambdaL1 100; autoencoder: lr 2e-3 (same decay).
"""
from __future__ import annotations

import inspect
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import numpy as np
import torch

from .features import noise_floor, signal_scale
from .io import InputError, MapSet, check_same_grid, load_map_set, option, write_json
from .nets import ExportedRefiner, Refiner, device

ONNX_OPSET = 13
# torch >= 2.9 exports with dynamo by default, which writes opset 18 for this graph (its converter has
# no Shape adapter down to 13); the TorchScript exporter writes ONNX_OPSET on every torch we run.
_EXPORTER = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
METHODS = ("simgan", "pix2pix", "autoencoder")
PAIRED_METHODS = ("pix2pix", "autoencoder")


@dataclass
class TrainingData:
    """Inputs of one training job, maps divided by `scale` (the measured set's median peak)."""

    method: str
    scale: float
    noise_floor: float  # high-pass noise of the measured maps, in units of scale
    synthetic: torch.Tensor  # simgan: unpaired sample; paired: simulated half of the pairs
    real: torch.Tensor  # simgan: unpaired measured maps; paired: measured half, row k = synthetic row k
    paired: bool
    probe: np.ndarray  # two simulated maps in tesla for the export probe


@dataclass
class Trained:
    refiner: Refiner
    curves: dict[str, list[float]]
    step_seconds: list[float]
    extra: dict[str, Any] = field(default_factory=dict)


def load_pairs(base: str, spec: Any, channels: Optional[int] = None) -> tuple[MapSet, MapSet]:
    """Field verification pairs: row k of pairs.synthetic and pairs.measured are the same defect."""
    if not isinstance(spec, dict):
        raise InputError("pairs: a paired method needs pairs: {synthetic, measured} (.npy files of the same defects, row by row)")
    for key in ("synthetic", "measured"):
        if not isinstance(spec.get(key), str):
            raise InputError(f"pairs.{key}: missing; expected an .npy file of [N, channels, axial, circumferential] tesla maps")
    measured = load_map_set(base, {"maps": spec["measured"]}, "pairs.measured", channels)
    synthetic = load_map_set(base, {"maps": spec["synthetic"]}, "pairs.synthetic", measured.maps.shape[1])
    check_same_grid(synthetic, measured)
    if synthetic.maps.shape[0] != measured.maps.shape[0]:
        raise InputError(
            f"pairs.measured: {measured.maps.shape[0]} maps but pairs.synthetic has {synthetic.maps.shape[0]}; "
            "pairs must have one measured map per simulated map (row k = the same defect)"
        )
    if synthetic.maps.shape[0] < 4:
        raise InputError(f"pairs.synthetic: {synthetic.maps.shape[0]} pairs; at least 4 are needed to train and validate")
    return synthetic, measured


def load_training_data(job: dict[str, Any], base: str) -> TrainingData:
    method = str(job.get("method") or "simgan")
    if method not in METHODS:
        raise InputError(f"method: '{method}' is not a refinement method; allowed: {', '.join(METHODS)}")
    if method in PAIRED_METHODS:
        synthetic, real = load_pairs(base, job.get("pairs"))
    else:
        real = load_map_set(base, job.get("real"), "real")
        synthetic = load_map_set(base, job.get("synthetic"), "synthetic", channels=real.maps.shape[1])
        check_same_grid(synthetic, real)
    scale = signal_scale(real.maps)
    return TrainingData(
        method=method,
        scale=scale,
        noise_floor=noise_floor(real.maps, scale),
        synthetic=torch.from_numpy(synthetic.maps / scale).float(),
        real=torch.from_numpy(real.maps / scale).float(),
        paired=method in PAIRED_METHODS,
        probe=synthetic.maps[:2].astype(np.float32),
    )


def batch_indices(n: int, size: int, gen: torch.Generator) -> torch.Tensor:
    return torch.randint(0, n, (size,), generator=gen)


def progress(step: int, steps: int, text: str) -> None:
    # The orchestrator reads progress lines from stderr for its heartbeats.
    if step % max(1, steps // 20) == 0 or step == steps - 1:
        print(f"progress step={step + 1}/{steps} {text}", file=sys.stderr, flush=True)


def timed(step_fn: Callable[[int], dict[str, float]], steps: int, curves: dict[str, list[float]], times: list[float]) -> None:
    """Runs the steps, appending each step's numbers to the curves and its wall time to `times`."""
    for step in range(steps):
        t0 = time.perf_counter()
        values = step_fn(step)
        times.append(time.perf_counter() - t0)
        curves.setdefault("step", []).append(float(step))
        for key, value in values.items():
            curves.setdefault(key, []).append(float(value))


def train_refiner(job: dict[str, Any], base: str) -> dict[str, Any]:
    from .paired import train_paired
    from .simgan import train_simgan

    started = time.perf_counter()
    seed = int(option(job, "seed", 0))
    torch.manual_seed(seed)
    torch.set_num_threads(int(option(job, "threads", max(1, min(4, os.cpu_count() or 1)))))
    data = load_training_data(job, base)
    trained = train_paired(job, data, seed) if data.paired else train_simgan(job, data, seed)

    out_dir = os.path.join(base, job.get("outputDir", "out"))
    os.makedirs(out_dir, exist_ok=True)
    refiner = trained.refiner.cpu().eval()
    exported = ExportedRefiner(refiner, data.scale).eval()
    onnx_path = os.path.join(out_dir, "refiner.onnx")
    example = (torch.from_numpy(data.probe), torch.zeros(data.probe.shape))
    torch.onnx.export(
        exported, example, onnx_path, opset_version=ONNX_OPSET, input_names=["signals", "noise"], output_names=["refined"],
        dynamic_axes={"signals": {0: "batch"}, "noise": {0: "batch"}, "refined": {0: "batch"}}, **_EXPORTER,
    )
    _check_onnx(onnx_path)
    # A probe the TypeScript side replays through onnxruntime-node to prove the export matches PyTorch.
    probe_noise = np.random.default_rng(seed).standard_normal(data.probe.shape).astype(np.float32)
    with torch.no_grad():
        probe_out = exported(torch.from_numpy(data.probe), torch.from_numpy(probe_noise)).numpy()
    np.save(os.path.join(out_dir, "probe_signals.npy"), data.probe)
    np.save(os.path.join(out_dir, "probe_noise.npy"), probe_noise)
    np.save(os.path.join(out_dir, "probe_refined.npy"), probe_out)
    curves = trained.curves
    steps = len(curves["step"])
    _plot_curves(curves, data.method, os.path.join(out_dir, "curves.png"))
    # Validation curves are measured every few steps: null in between.
    write_json(os.path.join(out_dir, "curves.json"), {k: [v if np.isfinite(v) else None for v in vs] for k, vs in curves.items()})
    tail = max(1, steps // 10)
    summary = {
        "kind": "refiner-training",
        "campaignId": str(job.get("campaignId", "")),
        "method": data.method,
        "pairs": int(data.synthetic.shape[0]) if data.paired else 0,
        "syntheticCount": int(data.synthetic.shape[0]),
        "realCount": int(data.real.shape[0]),
        "steps": steps,
        "batchSize": int(option(job, "batchSize", 16)),
        "scaleTesla": data.scale,
        "noiseFloorTesla": data.noise_floor * data.scale,
        "refinerParameters": sum(p.numel() for p in refiner.parameters()),
        "trainSeconds": float(sum(trained.step_seconds)),
        "secondsPerStep": float(np.mean(trained.step_seconds)),
        "totalSeconds": time.perf_counter() - started,
        "threads": torch.get_num_threads(),
        "device": str(device()),
        "onnx": {"file": "refiner.onnx", "opset": ONNX_OPSET, "inputs": ["signals", "noise"], "output": "refined", "noise": "standard normal, same shape as signals"},
        "final": {k: float(np.nanmean(v[-tail:])) for k, v in curves.items() if k != "step" and np.isfinite(v[-tail:]).any()},
        "files": {"onnx": "refiner.onnx", "curves": "curves.json", "curvesPng": "curves.png", "probe": ["probe_signals.npy", "probe_noise.npy", "probe_refined.npy"]},
        **trained.extra,
    }
    write_json(os.path.join(out_dir, "training.json"), summary)
    return summary


def _check_onnx(path: str) -> None:
    try:
        import onnx
    except ImportError:  # the GPU image has it; a bare environment still produces the file
        return
    model = onnx.load(path)
    onnx.checker.check_model(model)
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    if opset != ONNX_OPSET:  # training.json and the TypeScript runtime both count on it
        raise RuntimeError(f"refiner.onnx has opset {opset}, not {ONNX_OPSET}: torch {torch.__version__} exported it another way")


# Which curves share a panel, per method; keys absent from a run's curves are skipped.
PANELS = {
    "simgan": (("discriminatorAccuracyReal", "discriminatorAccuracyRefined", "discriminatorAccuracyStart"), ("refinerAdversarial", "discriminator"), ("selfRegularization",), ("noiseRatio",)),
    "pix2pix": (("discriminatorAccuracyReal", "discriminatorAccuracyRefined"), ("generatorAdversarial", "discriminator"), ("trainL1", "validationL1"), ("noiseRatio", "validationNoiseRatio")),
    "autoencoder": (("trainLoss", "validationLoss"), ("trainL1", "validationL1"), ("noiseRatio", "validationNoiseRatio")),
}


def _plot_curves(curves: dict[str, list[float]], method: str, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [[k for k in keys if k in curves] for keys in PANELS[method]]
    panels = [p for p in panels if p]
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 3.2), dpi=100, squeeze=False)
    for ax, keys in zip(axes[0], panels):
        for key in keys:
            xs, ys = np.asarray(curves["step"]), np.asarray(curves[key], dtype=float)
            ok = np.isfinite(ys)  # validation curves are only measured every few steps
            xs, ys = xs[ok], ys[ok]
            window = max(1, len(ys) // 30)
            if window > 1:
                # Per-batch numbers of 16 maps are noisy: a running mean on top of the faint raw values.
                line = ax.plot(xs, ys, lw=0.5, alpha=0.25)[0]
                smooth = np.convolve(ys, np.ones(window) / window, mode="valid")
                ax.plot(xs[window - 1 :], smooth, label=f"{key} (mean of {window})", lw=1.2, color=line.get_color())
            else:
                ax.plot(xs, ys, label=key, lw=0.8, marker=".")
        if keys[0].startswith("discriminatorAccuracy"):
            ax.axhline(0.5, color="grey", lw=0.5, ls="--")
            ax.set_ylim(-0.02, 1.02)
        if keys[0] == "noiseRatio":
            ax.axhline(1.0, color="grey", lw=0.5, ls="--")
        ax.set_xlabel("step")
        ax.legend(fontsize=7)
    fig.suptitle(f"{method} refiner training", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
