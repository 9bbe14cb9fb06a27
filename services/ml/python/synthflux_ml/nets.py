"""Small PyTorch networks: the gap-check CNN, the SimGAN refiner and its local patch discriminator."""
from __future__ import annotations

import torch
from torch import nn


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


class _Residual(nn.Module):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(width, width, 3, padding=1), nn.ReLU(), nn.Conv2d(width, width, 3, padding=1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(x + self.conv(x))


class Refiner(nn.Module):
    """Fully convolutional SimGAN refiner working on maps divided by a fixed scale.

    It also takes a noise tensor: a deterministic refiner cannot produce sensor noise, which is
    random per map, so the caller feeds N(0, 1) noise (seeded per batch for idempotent retries).
    The last layer starts at zero, so training starts from the identity map.
    """

    def __init__(self, channels: int = 3, width: int = 32, blocks: int = 3) -> None:
        super().__init__()
        self.inp = nn.Sequential(nn.Conv2d(2 * channels, width, 3, padding=1), nn.ReLU())
        self.blocks = nn.Sequential(*[_Residual(width) for _ in range(blocks)])
        self.out = nn.Conv2d(width, channels, 1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        return x + self.out(self.blocks(self.inp(torch.cat([x, noise], dim=1))))


class PatchDiscriminator(nn.Module):
    """Local adversarial loss: one logit per receptive-field patch, so the refiner cannot fix global artefacts alone."""

    def __init__(self, channels: int = 3) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(2 * channels, 32, 3, padding=1, stride=2), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 64, 3, padding=1, stride=2), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 64, 3, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 1, 1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Linear and compressed views: peaks and the weak noisy tails both matter.
        return self.net(torch.cat([x, torch.asinh(x / 0.05)], dim=1))


class ExportedRefiner(nn.Module):
    """What the TypeScript workers run: tesla in, tesla out; the scale is a constant of the graph."""

    def __init__(self, refiner: Refiner, scale: float) -> None:
        super().__init__()
        self.refiner = refiner
        self.register_buffer("scale", torch.tensor(scale, dtype=torch.float32))

    def forward(self, signals: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        return self.refiner(signals / self.scale, noise) * self.scale
