"""Paired refiners trained on field verifications: (simulated, measured) maps of the same defects.

- pix2pix (Isola et al. 2017): U-Net generator, L1 from its deterministic part to the measured map, and
  a conditional patch discriminator on (simulated, refined) for what a per-pixel loss averages away.
- autoencoder: an encoder-decoder without skip connections (the nonlinear part passes a 1/16
  bottleneck; a learned linear filter carries the detail) whose mean maximizes the Gaussian
  likelihood of the measured map.

Both learn the noise the same way: the refiner's output is mean + sigma * noise, and a heteroscedastic
sigma head is fitted by the likelihood of the residual's axial high-pass (noise_nll). An L1 loss on the
noisy output would drive sigma to 0 (noise only adds per-pixel error); a discriminator alone learns it
too slowly for the training budget. Per-sensor gains start from least squares over the pairs, the
noise from each sensor's measured noise, dead sensors from the measured maps. A held-out tenth of the
pairs gives the validation curves.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .io import option
from .features import sensor_noise
from .nets import AXIAL_HIGH_PASS_GAIN, PatchDiscriminator, Refiner, axial_high_pass, device
from .refine import Trained, TrainingData, batch_indices, progress, timed
from .simgan import accuracy, adversarial_loss



def gaussian_nll(y: torch.Tensor, mean: torch.Tensor, sigma: torch.Tensor, noise_floor: float, alive: torch.Tensor) -> torch.Tensor:
    """Negative log-likelihood of y under N(mean, sigma^2) per pixel, mean over the live sensors' pixels,
    in units where the noise floor is 1 (so 0.5 + log 1 for a perfect mean at the floor's noise)."""
    nll = 0.5 * ((y - mean) / sigma) ** 2 + torch.log(sigma / noise_floor)
    return (nll * alive).sum() / (alive.sum() * y.shape[0] * y.shape[2])


def noise_nll(y: torch.Tensor, mean: torch.Tensor, sigma: torch.Tensor, noise_floor: float, alive: torch.Tensor) -> torch.Tensor:
    """The likelihood that fits sigma: of the high-pass residual, which white noise of sigma s leaves at
    s * sqrt(1.5) while a smooth misfit of the mean (a lift-off wobble no refiner can predict) mostly
    goes. Fitted to the full residual instead, sigma grew around the peaks and shrank elsewhere
    (measured: 0.93 of the measured maps' noise in their quiet parts)."""
    residual = axial_high_pass(y - mean.detach())
    return gaussian_nll(residual, torch.zeros_like(residual), sigma[:, :, 1:-1, :] * AXIAL_HIGH_PASS_GAIN, noise_floor, alive)


def noise_ratio(refined: torch.Tensor, measured: torch.Tensor) -> float:
    """Spread of the high-pass refined maps over that of the measured maps (1 = the same noise level)."""
    return float((axial_high_pass(refined).std() / axial_high_pass(measured).std()).item())


def sensor_gains(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Least-squares gain of each sensor and channel, measured ~ gain * simulated ([channels, sensors]):
    the refiner starts from them. A dead sensor comes out at 0."""
    return (x * y).sum(dim=(0, 2)) / (x * x).sum(dim=(0, 2)).clamp_min(1e-12)


def validation_split(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    held = max(2, n // 10)
    return np.sort(order[held:]), np.sort(order[:held])


def train_paired(job: dict[str, Any], data: TrainingData, seed: int) -> Trained:
    dev = device()
    pix2pix = data.method == "pix2pix"
    train_rows, val_rows = validation_split(data.synthetic.shape[0], seed)
    xs, ys = data.synthetic[train_rows].to(dev), data.real[train_rows].to(dev)
    vx, vy = data.synthetic[val_rows].to(dev), data.real[val_rows].to(dev)
    channels, sensors = xs.shape[1], xs.shape[3]
    refiner = Refiner(channels, sensors, int(option(job, "width", 16)), skips=pix2pix, initial_sigma=data.noise_floor).to(dev)
    refiner.set_dead_sensors(ys)
    refiner.set_sensors(sensor_gains(xs, ys), sensor_noise(ys))
    lr = float(option(job, "lr", 2e-3))
    opt_r = torch.optim.Adam(refiner.parameters(), lr=lr, betas=(0.5, 0.999))
    steps, bs = int(option(job, "steps", 300)), int(option(job, "batchSize", 16))
    # The learning rate decays to a tenth over the run: early steps find the filter and gains, late ones settle the noise.
    sched_r = torch.optim.lr_scheduler.CosineAnnealingLR(opt_r, steps, eta_min=lr / 10)
    lam_l1 = float(option(job, "lambdaL1", 100.0))
    disc = opt_d = None
    if pix2pix:
        disc = PatchDiscriminator(channels, data.noise_floor, condition_channels=channels, width=int(option(job, "discriminatorWidth", 16))).to(dev)
        opt_d = torch.optim.Adam(disc.parameters(), lr=float(option(job, "lrDiscriminator", 5e-4)), betas=(0.5, 0.999))
    gen = torch.Generator().manual_seed(seed)
    val_noise = torch.randn(vx.shape, generator=torch.Generator().manual_seed(seed + 1)).to(dev)
    validate_every = max(1, steps // 30)

    def step(k: int) -> dict[str, float]:
        idx = batch_indices(xs.shape[0], bs, gen).to(dev)
        x, y = xs[idx], ys[idx]
        noise = torch.randn(x.shape, generator=gen).to(dev)
        mean, sigma = refiner.mean_and_sigma(x)
        refined = mean + refiner.alive * sigma * noise
        l1 = (mean - y).abs().mean()
        out: dict[str, float] = {"trainL1": l1.item() / data.noise_floor, "noiseRatio": noise_ratio(refined.detach(), y)}
        if disc is not None and opt_d is not None:
            logits = disc(refined, x)
            adv = adversarial_loss(logits, True)
            # The mean is the L1's and the discriminator's; sigma the noise likelihood's and the discriminator's.
            loss = adv + lam_l1 * l1 + noise_nll(y, mean, sigma, data.noise_floor, refiner.alive)
            out["generatorAdversarial"] = adv.item()
        else:
            # The mean maximizes the likelihood of the measured map given sigma (least squares weighted by
            # 1 / sigma^2); sigma is the white-noise level of what remains.
            likelihood = gaussian_nll(y, mean, sigma.detach(), data.noise_floor, refiner.alive)
            loss = likelihood + noise_nll(y, mean, sigma, data.noise_floor, refiner.alive)
            out["trainLoss"] = likelihood.item()
        opt_r.zero_grad()
        loss.backward()
        opt_r.step()
        sched_r.step()
        if disc is not None and opt_d is not None:
            lr_, lf = disc(y, x), disc(refined.detach(), x)
            d_loss = adversarial_loss(lr_, True) + adversarial_loss(lf, False)
            opt_d.zero_grad()
            d_loss.backward()
            opt_d.step()
            out.update(discriminator=d_loss.item(), discriminatorAccuracyReal=accuracy(lr_, True), discriminatorAccuracyRefined=accuracy(logits, False))
        out.update(validationL1=np.nan, validationLoss=np.nan, validationNoiseRatio=np.nan)
        if k % validate_every == 0 or k == steps - 1:
            refiner.eval()
            with torch.no_grad():
                vm, vs = refiner.mean_and_sigma(vx)
                out.update(
                    validationL1=(vm - vy).abs().mean().item() / data.noise_floor,
                    validationLoss=gaussian_nll(vy, vm, vs, data.noise_floor, refiner.alive).item(),
                    validationNoiseRatio=noise_ratio(vm + refiner.alive * vs * val_noise, vy),
                )
            refiner.train()
        progress(k, steps, " ".join(f"{key}={value:.3f}" for key, value in out.items() if np.isfinite(value)))
        return out

    curves: dict[str, list[float]] = {}
    times: list[float] = []
    timed(step, steps, curves, times)
    with torch.no_grad():
        identity_l1 = (vx - vy).abs().mean().item() / data.noise_floor
    return Trained(refiner, curves, times, {"validationPairs": int(val_rows.size), "identityValidationL1": identity_l1, "lambdaL1": lam_l1 if pix2pix else None})
