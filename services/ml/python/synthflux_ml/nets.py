"""Small PyTorch networks: the gap-check CNN, the refiner every refinement method trains, and the
patch discriminators of the two GANs."""
from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

# Below this noise scale (maps divided by the job's scale) a sensor counts as silent: dead sensors read
# exactly 0, and the Gaussian likelihood would otherwise drive their sigma to 0 and the loss to -inf.
SIGMA_FLOOR = 1e-4
# Where asinh compression turns from linear to logarithmic, in units of the job's scale.
ASINH_KNEE = 0.05


def device() -> torch.device:
    """Where training runs: the GPU when there is one (the Kubernetes job image), else the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class GapCnn(nn.Module):
    """Real-vs-synthetic (or regression) CNN for the classifier two-sample test; ~10k parameters."""

    def __init__(self, channels: int = 3, outputs: int = 1) -> None:
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(channels, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding=1, stride=2), nn.ReLU(),
            nn.Conv2d(16, 32, 3, padding=1, stride=2), nn.ReLU(),
            nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(),
        )
        self.head = nn.Linear(64, outputs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.body(x)
        # Mean and max pooling: texture (noise) and peaks both reach the head.
        pooled = torch.cat([h.mean(dim=(2, 3)), h.amax(dim=(2, 3))], dim=1)
        return self.head(pooled).squeeze(1)


def compress(x: torch.Tensor) -> torch.Tensor:
    """asinh(x / ASINH_KNEE), written out: torch 1.13 (Debian's) cannot export aten::asinh to ONNX."""
    z = x / ASINH_KNEE
    return torch.sign(z) * torch.log(z.abs() + torch.sqrt(z * z + 1.0))


def _conv(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, stride=stride), nn.LeakyReLU(0.1))


def _zero(conv: nn.Conv2d) -> nn.Conv2d:
    nn.init.zeros_(conv.weight)
    if conv.bias is not None:
        nn.init.zeros_(conv.bias)
    return conv


class Refiner(nn.Module):
    """Simulated map -> refined map, the network every refinement method trains (maps divided by a fixed scale).

    refined = gain * (x + linear(x) + body(x)) + offset + sigma * noise
    - linear: one learned linear filter (lift-off, sensor footprint and axial lag are linear filters of the field);
    - body: a two-level encoder-decoder for the nonlinear rest; with `skips` (pix2pix, SimGAN) a U-Net,
      without (the autoencoder) every detail beyond the linear filter passes the 1/16 bottleneck;
    - gain, offset, sigma: per sensor (circumferential position) and channel. A refiner is specific to a
      sensor grid: each sensor of a tool has its own gain and noise, and dead sensors read 0;
    - sigma * noise: sensor noise is random per map, so no deterministic refiner can produce it. The
      caller feeds N(0, 1) noise; sigma (a per-sensor floor times a signal-dependent factor) sets its level.
    The correction heads start at zero, the gains at 1 and sigma near `initial_sigma`: training starts
    from the identity plus that noise.
    """

    def __init__(self, channels: int = 3, sensors: int = 32, width: int = 16, skips: bool = True, initial_sigma: float = 1e-3) -> None:
        super().__init__()
        self.skips = skips
        w1, w2, w3 = width, 2 * width, 4 * width
        self.linear = _zero(nn.Conv2d(channels, channels, 5, padding=2, bias=False))
        self.enc0 = nn.Sequential(_conv(2 * channels, w1), _conv(w1, w1))
        self.enc1 = nn.Sequential(_conv(w1, w2, 2), _conv(w2, w2))
        self.enc2 = nn.Sequential(_conv(w2, w3, 2), _conv(w3, w3), _conv(w3, w3))
        self.dec1 = _conv(w3 + (w2 if skips else 0), w2)
        self.dec0 = _conv(w2 + (w1 if skips else 0), w1)
        self.delta = _zero(nn.Conv2d(w1, channels, 1))
        self.log_sigma = _zero(nn.Conv2d(w1, channels, 1))
        self.gain = nn.Parameter(torch.ones(1, channels, 1, sensors))
        self.offset = nn.Parameter(torch.zeros(1, channels, 1, sensors))
        # softplus^-1(initial_sigma - floor): the per-sensor noise level the heads start from.
        start = max(initial_sigma - SIGMA_FLOOR, 1e-6)
        self.sensor_log_sigma = nn.Parameter(torch.full((1, channels, 1, sensors), math.log(math.expm1(start))))
        # 0 for dead sensors: they read exactly 0 in every measured map, and so does the refiner there.
        self.register_buffer("alive", torch.ones(1, channels, 1, sensors))

    def noise_parameters(self) -> list[nn.Parameter]:
        return [self.sensor_log_sigma, *self.log_sigma.parameters()]

    @torch.no_grad()
    def set_dead_sensors(self, measured: torch.Tensor) -> None:
        """Sensors (per channel) that read exactly 0 in every measured map [N, channels, axial, sensors]."""
        self.alive.copy_((measured != 0).any(dim=0).any(dim=1).float().reshape(self.alive.shape))

    @torch.no_grad()
    def set_sensors(self, gain: torch.Tensor, sigma: torch.Tensor) -> None:
        """Starts the per-sensor gains and noise levels ([channels, sensors]) from estimates."""
        self.gain.copy_(gain.reshape(self.gain.shape))
        start = (sigma.reshape(self.gain.shape) - SIGMA_FLOOR).clamp_min(1e-6)
        self.sensor_log_sigma.copy_(start + torch.log(-torch.expm1(-start)))  # softplus^-1

    def mean_and_sigma(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The deterministic refined map (0 at dead sensors) and the per-pixel noise scale."""
        a, c = x.shape[2], x.shape[3]
        # The encoder halves the grid twice: pad to a multiple of 4 (constants in the exported graph).
        pa, pc = (-a) % 4, (-c) % 4
        xin = F.pad(x, (0, pc, 0, pa), mode="replicate") if pa or pc else x
        h0 = self.enc0(torch.cat([xin, compress(xin)], dim=1))
        h1 = self.enc1(h0)
        h2 = self.enc2(h1)
        u1 = F.interpolate(h2, scale_factor=2.0, mode="nearest")
        d1 = self.dec1(torch.cat([u1, h1], dim=1) if self.skips else u1)
        u0 = F.interpolate(d1, scale_factor=2.0, mode="nearest")
        d0 = self.dec0(torch.cat([u0, h0], dim=1) if self.skips else u0)[:, :, :a, :c]
        mean = self.alive * (self.gain * (x + self.linear(x) + self.delta(d0)) + self.offset)
        sigma = SIGMA_FLOOR + F.softplus(self.sensor_log_sigma + self.log_sigma(d0))
        return mean, sigma

    def forward(self, x: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        mean, sigma = self.mean_and_sigma(x)
        return mean + self.alive * sigma * noise


def high_pass(x: torch.Tensor) -> torch.Tensor:
    """The map minus its 3x3 local mean: white sensor noise stays, the smooth leakage field mostly goes."""
    return x - F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)


# The spread of axial_high_pass over white noise of sigma 1: sqrt(1 + 2 * 0.25).
AXIAL_HIGH_PASS_GAIN = 1.5**0.5


def axial_high_pass(x: torch.Tensor) -> torch.Tensor:
    """Each sensor's reading minus the mean of its axial neighbours (rows 1..A-2): what is left is mostly
    that sensor's white noise. Along the sensor's own track only, so a dead or mis-gained neighbour
    does not leak in (a 3x3 high-pass next to a dead sensor showed 4-6x the noise)."""
    return x[:, :, 1:-1, :] - 0.5 * (x[:, :, :-2, :] + x[:, :, 2:, :])


GRID_FEATURES = 12


def grid_coordinates(batch: int, axial: int, sensors: int, like: torch.Tensor) -> torch.Tensor:
    """Fourier features of each pixel's sensor (circumferential position; 8 channels) and axial position
    (4 channels), so a discriminator can tell sensor k from sensor j (gains and dead sensors belong to
    sensors) and where along the scan a feature sits (the axial lag skews a defect's signal backwards)."""
    j = torch.arange(sensors, dtype=like.dtype, device=like.device) * (2 * math.pi / sensors)
    i = torch.arange(axial, dtype=like.dtype, device=like.device) * (math.pi / axial)
    circ = torch.stack([f(k * j) for k in (1, 2, 4, 8) for f in (torch.sin, torch.cos)])  # [8, sensors]
    ax = torch.stack([f(k * i) for k in (1, 2) for f in (torch.sin, torch.cos)])  # [4, axial]
    return torch.cat([circ[:, None, :].expand(-1, axial, -1), ax[:, :, None].expand(-1, -1, sensors)])[None].expand(batch, -1, -1, -1)


class PatchDiscriminator(nn.Module):
    """Adversarial critic of refined maps: one logit per ~15x15 patch (the local loss of SimGAN and
    pix2pix) and one per map from mean- and max-pooled patch features. Conditional (pix2pix) when
    `condition_channels` > 0.

    It sees each map three ways: linear (peaks), asinh-compressed (weak tails) and high-pass divided by
    the measured set's noise floor. Without the high-pass view it could hardly learn at all: sensor noise
    (~2 % of a peak) is the clearest local difference between measured and simulated maps, but in the
    linear and compressed views it hides under the leakage field's own variation. The per-map logit is
    there because once the noise is right most patches are quiet background that looks the same in
    both sets: averaged over all patches, the few around the defect hardly moved the loss (measurements
    in simgan.py).
    """

    def __init__(self, channels: int = 3, noise_floor: float = 0.02, condition_channels: int = 0, width: int = 16) -> None:
        super().__init__()
        self.noise_floor = noise_floor
        cin = 3 * channels + 3 * condition_channels + GRID_FEATURES
        self.body = nn.Sequential(
            nn.Conv2d(cin, width, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(width, 2 * width, 3, padding=1, stride=2), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * width, 2 * width, 3, padding=1, stride=2), nn.LeakyReLU(0.2),
        )
        self.patch = nn.Conv2d(2 * width, 1, 1)
        self.map = nn.Linear(4 * width, 1)

    def views(self, x: torch.Tensor) -> list[torch.Tensor]:
        return [x, compress(x), high_pass(x) / self.noise_floor]

    def forward(self, x: torch.Tensor, condition: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """(patch logits [N, 1, A/4, C/4], map logits [N]); positive = measured."""
        parts = self.views(x) + (self.views(condition) if condition is not None else [])
        parts.append(grid_coordinates(x.shape[0], x.shape[2], x.shape[3], x))
        h = self.body(torch.cat(parts, dim=1))
        return self.patch(h), self.map(torch.cat([h.mean(dim=(2, 3)), h.amax(dim=(2, 3))], dim=1)).squeeze(1)


class ExportedRefiner(nn.Module):
    """What the TypeScript workers run: tesla in, tesla out; the scale is a constant of the graph."""

    def __init__(self, refiner: Refiner, scale: float) -> None:
        super().__init__()
        self.refiner = refiner
        self.register_buffer("scale", torch.tensor(scale, dtype=torch.float32))

    def forward(self, signals: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        return self.refiner(signals / self.scale, noise) * self.scale
