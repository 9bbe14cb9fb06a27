"""SimGAN-style refiner training (Shrivastava et al. 2017): adversarial + L1 self-regularization,
a local patch discriminator and a history buffer of refined maps, exported to ONNX."""
from __future__ import annotations

import os
import sys
import time
from typing import Any

import numpy as np
import torch
from torch import nn

from .features import signal_scale
from .io import check_same_grid, load_map_set, option, write_json
from .nets import ExportedRefiner, PatchDiscriminator, Refiner

ONNX_OPSET = 13


class HistoryBuffer:
    """Refined maps from earlier steps, so the discriminator does not forget old refiner artefacts."""

    def __init__(self, capacity: int, rng: np.random.Generator) -> None:
        self.capacity, self.rng, self.items = capacity, rng, []  # type: ignore[var-annotated]

    def mix(self, fresh: torch.Tensor) -> torch.Tensor:
        fresh = fresh.detach()
        half = fresh.shape[0] // 2
        out = fresh.clone()
        if len(self.items) >= half > 0:
            picks = self.rng.choice(len(self.items), half, replace=False)
            out[:half] = torch.stack([self.items[i] for i in picks])
        for item in fresh:
            if len(self.items) < self.capacity:
                self.items.append(item)
            else:
                self.items[int(self.rng.integers(0, self.capacity))] = item
        return out


def _batch(x: torch.Tensor, size: int, gen: torch.Generator) -> torch.Tensor:
    return x[torch.randint(0, x.shape[0], (size,), generator=gen)]


def train_refiner(job: dict[str, Any], base: str) -> dict[str, Any]:
    started = time.perf_counter()
    seed = int(option(job, "seed", 0))
    torch.manual_seed(seed)
    torch.set_num_threads(int(option(job, "threads", max(1, min(4, os.cpu_count() or 1)))))
    real = load_map_set(base, job.get("real"), "real (measured)")
    synthetic = load_map_set(base, job.get("synthetic"), "synthetic", channels=real.maps.shape[1])
    check_same_grid(synthetic, real)
    scale = signal_scale(real.maps)
    xs = torch.from_numpy(synthetic.maps / scale).float()
    xr = torch.from_numpy(real.maps / scale).float()
    channels = xs.shape[1]

    refiner = Refiner(channels, int(option(job, "width", 32)), int(option(job, "blocks", 3)))
    disc = PatchDiscriminator(channels)
    lr = float(option(job, "lr", 5e-4))
    opt_r = torch.optim.Adam(refiner.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=lr, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    lam = float(option(job, "lambdaReg", 1.0))
    steps, bs = int(option(job, "steps", 300)), int(option(job, "batchSize", 32))
    gen = torch.Generator().manual_seed(seed)
    history = HistoryBuffer(int(option(job, "historySize", 512)), np.random.default_rng(seed))
    curves: dict[str, list[float]] = {"step": [], "refinerAdversarial": [], "selfRegularization": [], "discriminator": [], "discriminatorAccuracy": []}
    step_times: list[float] = []
    heartbeat_every = max(1, steps // 20)

    for step in range(steps):
        t0 = time.perf_counter()
        syn = _batch(xs, bs, gen)
        noise = torch.randn(syn.shape, generator=gen)
        refined = refiner(syn, noise)
        logits = disc(refined)
        adv = bce(logits, torch.ones_like(logits))
        reg = (refined - syn).abs().mean()
        opt_r.zero_grad()
        (adv + lam * reg).backward()
        opt_r.step()

        fake = history.mix(refined)
        real_b = _batch(xr, bs, gen)
        lr_, lf = disc(real_b), disc(fake)
        d_loss = bce(lr_, torch.ones_like(lr_)) + bce(lf, torch.zeros_like(lf))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        step_times.append(time.perf_counter() - t0)

        acc = 0.5 * ((lr_ > 0).float().mean() + (lf < 0).float().mean()).item()
        for key, value in (("step", step), ("refinerAdversarial", adv.item()), ("selfRegularization", reg.item()), ("discriminator", d_loss.item()), ("discriminatorAccuracy", acc)):
            curves[key].append(float(value))
        if step % heartbeat_every == 0 or step == steps - 1:
            # The orchestrator reads progress lines from stderr for its heartbeats.
            print(f"progress step={step + 1}/{steps} adv={adv.item():.3f} reg={reg.item():.4f} d={d_loss.item():.3f}", file=sys.stderr, flush=True)

    out_dir = os.path.join(base, job.get("outputDir", "out"))
    os.makedirs(out_dir, exist_ok=True)
    refiner.eval()
    exported = ExportedRefiner(refiner, scale).eval()
    onnx_path = os.path.join(out_dir, "refiner.onnx")
    example = (torch.from_numpy(synthetic.maps[:2]), torch.zeros(synthetic.maps[:2].shape))
    torch.onnx.export(
        exported, example, onnx_path, opset_version=ONNX_OPSET, input_names=["signals", "noise"], output_names=["refined"],
        dynamic_axes={"signals": {0: "batch"}, "noise": {0: "batch"}, "refined": {0: "batch"}},
    )
    _check_onnx(onnx_path)
    # A probe the TypeScript side replays through onnxruntime-node to prove the export matches PyTorch.
    probe_in = synthetic.maps[:2].astype(np.float32)
    probe_noise = np.random.default_rng(seed).standard_normal(probe_in.shape).astype(np.float32)
    with torch.no_grad():
        probe_out = exported(torch.from_numpy(probe_in), torch.from_numpy(probe_noise)).numpy()
    np.save(os.path.join(out_dir, "probe_signals.npy"), probe_in)
    np.save(os.path.join(out_dir, "probe_noise.npy"), probe_noise)
    np.save(os.path.join(out_dir, "probe_refined.npy"), probe_out)
    _plot_curves(curves, os.path.join(out_dir, "curves.png"))
    write_json(os.path.join(out_dir, "curves.json"), curves)
    summary = {
        "kind": "refiner-training",
        "campaignId": str(job.get("campaignId", "")),
        "syntheticCount": int(xs.shape[0]),
        "realCount": int(xr.shape[0]),
        "steps": steps,
        "batchSize": bs,
        "lambdaReg": lam,
        "scaleTesla": scale,
        "refinerParameters": sum(p.numel() for p in refiner.parameters()),
        "trainSeconds": float(sum(step_times)),
        "secondsPerStep": float(np.mean(step_times)),
        "totalSeconds": time.perf_counter() - started,
        "threads": torch.get_num_threads(),
        "onnx": {"file": "refiner.onnx", "opset": ONNX_OPSET, "inputs": ["signals", "noise"], "output": "refined", "noise": "standard normal, same shape as signals"},
        "final": {k: float(np.mean(v[-max(1, steps // 10):])) for k, v in curves.items() if k != "step"},
        "files": {"onnx": "refiner.onnx", "curves": "curves.json", "curvesPng": "curves.png", "probe": ["probe_signals.npy", "probe_noise.npy", "probe_refined.npy"]},
    }
    write_json(os.path.join(out_dir, "training.json"), summary)
    return summary


def _check_onnx(path: str) -> None:
    try:
        import onnx
    except ImportError:  # the GPU image has it; a bare environment still produces the file
        return
    onnx.checker.check_model(onnx.load(path))


def _plot_curves(curves: dict[str, list[float]], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(12, 3.2), dpi=100)
    for ax, keys in zip(axes, (("refinerAdversarial", "discriminator"), ("selfRegularization",), ("discriminatorAccuracy",))):
        for key in keys:
            ax.plot(curves["step"], curves[key], label=key, lw=0.8)
        ax.set_xlabel("step")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
