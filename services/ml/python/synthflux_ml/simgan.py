"""SimGAN (Shrivastava et al. 2017): refine unpaired simulated maps until a discriminator cannot tell
them from measured maps, with an L1 self-regularization that keeps each defect's signal.

Why the first version did not refine (gap-check AUC 1.000 before and after, discriminator at chance),
measured on the refinement bench (dipole maps vs stand-in measured maps) and the proxy field
verifications (fv-proxy, split 0; single runs, 1 thread):
1. The discriminator could not see the clearest difference, sensor noise (~2 % of a peak): in the linear
   view it is tiny next to the field, in the asinh view compressed wherever the field is strong.
   Trained alone on raw simulated vs measured maps it reached 0.74 accuracy after 60 steps (0.78 at
   4x the learning rate: not the learning rate); with a high-pass view (map minus its 3x3 mean over
   the measured noise floor) 0.95 after 20 steps and 1.00 after 60.
2. The refiner could not make the noise: its noise scale had to grow ~25x, and Adam moves a parameter
   by about the learning rate per step, so 300 steps moved it by ~16 %. The refiner distorted the maps
   instead (mean change up to 0.2 of the scale) and ended at 0.04-0.09 of the measured noise. Noise
   and dead sensors are unpaired statistics of the measured set: the refiner now starts from each
   sensor's measured noise and zeroes dead sensors, and keeps that noise (left to the adversarial
   loss it drifted to 0.7 of the measured level in 200 steps).
3. With the noise right, most patches are quiet background that looks alike in both sets, so the
   patch-averaged loss hardly moved: alone on (simulated + measured noise) vs measured, the patch head
   reached 0.70 accuracy after 150 steps; a per-map head (mean- and max-pooled features) 0.88 after 25.
4. At equal learning rates (5e-4) the discriminator never left chance (loss 2 ln 4) while the refiner
   drifted: Adam takes lr-sized steps even when the discriminator's gradient is noise. With the refiner
   frozen the same discriminator reached 0.85-0.9 in 60-100 steps. Now: refiner lr 1e-4,
   discriminator lr 1e-3, two discriminator steps per refiner step, 60 warm-up discriminator steps on
   the starting refiner's maps. The curves then show the discriminator at ~0.85 on refined and
   starting maps after the warm-up, the refiner pulling its accuracy on refined maps down to ~0.65
   while it stays at ~0.85-1.0 on the starting maps.
5. Self-regularization weight 1 / 5 / 20 gave gap-check CNN AUCs 0.82 / 0.72 / 0.69 and a mean L1 to
   each map's measured twin of 1.07 / 1.01 / 0.95 noise levels (simulated maps: 1.31): 20.
6. The refiner's gains and linear filter could not get where the tool is: at lr 1e-4 a parameter moves
   ~1e-4 per step, and the tool's gain (0.92) and lift-off attenuation are ~10-30 % away from 1. Like
   the noise, both are unpaired statistics: the filter's power response from the two sets' mean power
   spectra (unpaired_filter), then each sensor's gain from its signal power (unpaired_sensor_gains).
   The refiner starts from them, and self-regularization holds each map near that start rather than
   near the raw simulation (which pulled the gains back toward 1). On the STAND-IN FEM set (300 pairs,
   3 seeds, `npm run bench:refinement`): CNN AUC 0.816 (seed 0, before) -> 0.670 with the gains alone
   -> 0.587 with the filter as well; TSTR 0.92x -> 0.82x -> 0.73x raw.
7. Longer training drifts: with the gains alone, 600 steps instead of 300 gave CNN AUC 0.826 and 0.927
   on seeds 0 and 1 (0.750 and 0.631 at 300).
"""
from __future__ import annotations

import copy
from typing import Any

import numpy as np
import torch
from torch.nn import functional as F

from .features import sensor_noise
from .io import option
from .nets import PatchDiscriminator, Refiner, device
from .refine import Trained, TrainingData, batch_indices, progress, timed


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


Logits = tuple[torch.Tensor, torch.Tensor]  # PatchDiscriminator: (per patch, per map)


def adversarial_loss(logits: Logits, measured: bool) -> torch.Tensor:
    """Binary cross-entropy of both heads against the label `measured`."""
    return sum(
        (F.binary_cross_entropy_with_logits(z, torch.full_like(z, 1.0 if measured else 0.0)) for z in logits),
        torch.zeros(()),
    )


def accuracy(logits: Logits, measured: bool) -> float:
    """Share of maps the discriminator's per-map head calls right."""
    z = logits[1]
    return float(((z > 0) if measured else (z < 0)).float().mean().item())


def unpaired_sensor_gains(synthetic: torch.Tensor, measured: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    """Each sensor's gain [channels, sensors] from unpaired sets of the same population of defects: the
    square root of its measured signal power (noise power taken off) over its simulated power. Where a
    sensor sees little field its ratio is mostly noise, so it is shrunk toward the set's overall gain in
    proportion to how little power it sees. Dead sensors (noise 0 and no reading) come out at 0."""
    p_syn = (synthetic**2).mean(dim=(0, 2))
    p_meas = ((measured**2).mean(dim=(0, 2)) - noise**2).clamp_min(0)
    overall = torch.sqrt(p_meas.sum() / p_syn.sum().clamp_min(1e-12))
    own = torch.sqrt(p_meas / p_syn.clamp_min(1e-12))
    weight = p_syn / (p_syn + p_syn.median())
    dead = (measured == 0).all(dim=0).all(dim=1)
    return torch.where(dead, torch.zeros_like(own), weight * own + (1 - weight) * overall)


def unpaired_filter(synthetic: torch.Tensor, measured: torch.Tensor, noise: torch.Tensor, size: int = 5, iterations: int = 300) -> torch.Tensor:
    """Each channel's size x size linear filter [channels, 1, size, size] whose power response takes the
    simulated maps' mean power spectrum to the measured maps' (white sensor noise taken off): lift-off,
    sensor footprint and tool gain are linear filters of the field, and their magnitude is an unpaired
    statistic. Fitted on the log spectra, weighted by where the simulated maps have power (elsewhere the
    measured spectrum is noise). The phase (the axial lag) is not in power spectra; it is left to training."""
    _, channels, axial, sensors = synthetic.shape
    p_syn = (torch.fft.rfft2(synthetic).abs() ** 2).mean(dim=0)
    p_meas = (torch.fft.rfft2(measured).abs() ** 2).mean(dim=0)
    live = noise > 0
    noise_power = torch.stack([(noise[c][live[c]] ** 2).mean() if live[c].any() else torch.zeros(()) for c in range(channels)]) * axial * sensors
    target = torch.log((p_meas - noise_power[:, None, None]).clamp_min(1e-3 * p_meas))
    weight = p_syn / p_syn.sum(dim=(1, 2), keepdim=True)
    log_syn = torch.log(p_syn.clamp_min(1e-30))
    kernel = torch.zeros(channels, 1, size, size)
    kernel[:, :, size // 2, size // 2] = 1.0
    kernel.requires_grad_(True)
    opt = torch.optim.Adam([kernel], lr=0.01)
    for _ in range(iterations):
        padded = F.pad(kernel[:, 0], (0, sensors - size, 0, axial - size))
        response = torch.fft.rfft2(torch.roll(padded, shifts=(-(size // 2), -(size // 2)), dims=(1, 2))).abs() ** 2
        loss = (weight * (torch.log(response + 1e-12) + log_syn - target) ** 2).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return kernel.detach()


def train_simgan(job: dict[str, Any], data: TrainingData, seed: int) -> Trained:
    dev = device()
    xs, xr = data.synthetic.to(dev), data.real.to(dev)
    channels, sensors = xs.shape[1], xs.shape[3]
    refiner = Refiner(channels, sensors, int(option(job, "width", 16)), skips=True).to(dev)
    # Unpaired statistics of the measured set: which sensors are dead, and each sensor's noise level.
    refiner.set_dead_sensors(xr)
    noise = sensor_noise(xr)
    filtered = xs
    if bool(option(job, "unpairedFilter", True)):
        kernel = unpaired_filter(xs.cpu(), xr.cpu(), noise.cpu()).to(dev)
        with torch.no_grad():
            # The refiner computes x + linear(x): its linear filter starts at the fitted filter minus the identity.
            weight = torch.zeros_like(refiner.linear.weight)
            for c in range(channels):
                weight[c, c] = kernel[c, 0]
                weight[c, c, kernel.shape[2] // 2, kernel.shape[3] // 2] -= 1.0
            refiner.linear.weight.copy_(weight)
            filtered = F.conv2d(xs, kernel, padding=kernel.shape[2] // 2, groups=channels)
    gains = unpaired_sensor_gains(filtered, xr, noise) if bool(option(job, "unpairedGains", True)) else torch.ones(channels, sensors)
    refiner.set_sensors(gains, noise)
    if not bool(option(job, "learnNoise", False)):
        # Sensor noise is measured directly on the measured set; left to the adversarial loss it drifted
        # (0.7 of the measured level after 200 steps while the discriminator looked at peaks).
        for p in refiner.noise_parameters():
            p.requires_grad_(False)
    # The refiner as it starts (identity, measured noise): the discriminator's accuracy on its output shows
    # what the discriminator has learnt about the gap, while its accuracy on refined maps shows the refiner answering.
    start = copy.deepcopy(refiner).eval()
    disc = PatchDiscriminator(channels, data.noise_floor, width=int(option(job, "discriminatorWidth", 16))).to(dev)
    opt_r = torch.optim.Adam([p for p in refiner.parameters() if p.requires_grad], lr=float(option(job, "lr", 1e-4)), betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(disc.parameters(), lr=float(option(job, "lrDiscriminator", 1e-3)), betas=(0.5, 0.999))
    lam = float(option(job, "lambdaReg", 20.0))
    regularize_to_start = str(option(job, "selfRegularization", "start")) == "start"
    steps, bs = int(option(job, "steps", 300)), int(option(job, "batchSize", 16))
    d_steps, warmup = int(option(job, "discriminatorSteps", 2)), int(option(job, "discriminatorWarmup", 60))
    gen = torch.Generator().manual_seed(seed)
    history = HistoryBuffer(int(option(job, "historySize", 512)), np.random.default_rng(seed))

    def train_discriminator(fresh: torch.Tensor) -> tuple[float, Logits]:
        fake = history.mix(fresh)
        real_b = xr[batch_indices(xr.shape[0], bs, gen).to(dev)]
        logits_real = disc(real_b)
        d_loss = adversarial_loss(logits_real, True) + adversarial_loss(disc(fake), False)
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        return d_loss.item(), logits_real

    # The discriminator first learns the gap between the starting refiner's maps and measured ones, so
    # the refiner's first adversarial gradients carry information rather than noise.
    for _ in range(warmup):
        syn = xs[batch_indices(xs.shape[0], bs, gen).to(dev)]
        with torch.no_grad():
            started = start(syn, torch.randn(syn.shape, generator=gen).to(dev))
        train_discriminator(started)

    def step(k: int) -> dict[str, float]:
        syn = xs[batch_indices(xs.shape[0], bs, gen).to(dev)]
        noise = torch.randn(syn.shape, generator=gen).to(dev)
        mean, sigma = refiner.mean_and_sigma(syn)
        refined = mean + refiner.alive * sigma * noise
        logits = disc(refined)
        adv = adversarial_loss(logits, True)
        # Self-regularization keeps each map near where the refiner started (the unpaired statistics
        # above applied to it), not near the raw simulation, which those statistics already moved.
        with torch.no_grad():
            anchor = start.mean_and_sigma(syn)[0] if regularize_to_start else syn
        reg = (mean - anchor).abs().mean()
        opt_r.zero_grad()
        (adv + lam * reg).backward()
        opt_r.step()

        for _ in range(d_steps):
            d_loss, logits_real = train_discriminator(refined)
        acc_real, acc_refined = accuracy(logits_real, True), accuracy(logits, False)
        acc_start = float("nan")
        if k % 5 == 0 or k == steps - 1:
            with torch.no_grad():
                acc_start = accuracy(disc(start(syn, noise)), False)
        progress(k, steps, f"adv={adv.item():.3f} reg={reg.item():.4f} d={d_loss:.3f} accReal={acc_real:.2f} accRefined={acc_refined:.2f} accStart={acc_start:.2f}")
        return {
            "refinerAdversarial": adv.item(),
            "selfRegularization": reg.item(),
            "discriminator": d_loss,
            # Accuracy on fresh refined maps (before this step's discriminator update) and on measured maps.
            "discriminatorAccuracyRefined": acc_refined,
            "discriminatorAccuracyReal": acc_real,
            "discriminatorAccuracyStart": acc_start,
            "discriminatorAccuracy": 0.5 * (acc_real + acc_refined),
            "noiseRatio": float(sigma.detach().median().item() / data.noise_floor),
        }

    curves: dict[str, list[float]] = {}
    times: list[float] = []
    timed(step, steps, curves, times)
    return Trained(refiner, curves, times, {"lambdaReg": lam})
