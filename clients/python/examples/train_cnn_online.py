#!/usr/bin/python3
"""Trains a small CNN to regress defect depth (% of wall) from Bx/By/Bz maps while a campaign runs.

    /usr/bin/python3 clients/python/examples/train_cnn_online.py CAMPAIGN_ID [--cursor-file FILE]

Each completed batch is read (checksum-verified) as soon as it is cataloged. The loss printed for a
batch is measured on its maps *before* the model learns from them (maps it has never seen), then
the model takes a few steps on a replay buffer of every map so far. The cursor file is the
consumer's progress: stop at any time and rerun to resume after the last batch learned from.
Settings come from the environment (SUBSCRIPTIONS_ADDRESS, SYNTHFLUX_TOKEN, S3_*), or from
./.synthflux next to `npm run stack:up`.
"""

import argparse
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from synthflux_client import Client  # noqa: E402

DEPTH = "defectDepth_percent"
# What an inspection knows besides the map: nominal wall thickness and the magnetization level.
# Without them depth is ambiguous (the same leakage comes from a shallow flaw in a thin wall).
CONDITIONS = (("wallThickness_mm", 30.0), ("backgroundField_kA_per_m", 35.0))


class DepthCNN(nn.Module):
    def __init__(self, channels=3, conditions=len(CONDITIONS)):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, 16, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1),
            nn.ReLU(),
            nn.AdaptiveMaxPool2d(1),
        )
        self.head = nn.Sequential(nn.Linear(32 + conditions, 16), nn.ReLU(), nn.Linear(16, 1))
        # Start at a mid-range depth, so the first loss printed is an honest baseline, not the
        # cost of an output that starts near zero.
        nn.init.constant_(self.head[-1].bias, 0.5)

    def forward(self, x, c):
        return self.head(torch.cat([self.features(x).flatten(1), c], dim=1)).squeeze(1)


def standardize(maps):
    """Per map and channel: MFL amplitude spans decades across fields and walls; log-scaling the
    peak keeps that information as one extra number per channel while the shape stays in [-1, 1]."""
    peak = np.abs(maps).reshape(len(maps), maps.shape[1], -1).max(axis=2)[:, :, None, None] + 1e-12
    shape = maps / peak
    level = np.log10(peak) + 4.0  # around 0 for 0.1 mT
    return np.concatenate([shape, np.broadcast_to(level, maps.shape)], axis=1).astype(np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("campaign_id")
    parser.add_argument("--cursor-file", help="default: .synthflux/consumer-<campaign>.py.cursor")
    parser.add_argument("--steps-per-batch", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(min(2, os.cpu_count() or 1))
    cursor_file = args.cursor_file or os.path.join(os.environ.get("SYNTHFLUX_STACK_DIR", ".synthflux"), f"consumer-{args.campaign_id}.py.cursor")
    cursor = open(cursor_file).read().strip() if os.path.exists(cursor_file) else ""

    model = DepthCNN(channels=6)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    replay_x, replay_c, replay_y = [], [], []
    with Client() as client:
        for event in client.follow_campaign(args.campaign_id, cursor):
            batch = client.read_batch(event)
            ok = batch.succeeded
            x = torch.from_numpy(standardize(batch.signals[ok]))
            c = torch.from_numpy(np.stack([batch.column(name)[ok] / scale for name, scale in CONDITIONS], axis=1).astype(np.float32))
            y = torch.from_numpy((batch.column(DEPTH)[ok] / 100.0).astype(np.float32))
            if len(x):
                model.eval()
                with torch.no_grad():
                    unseen = nn.functional.mse_loss(model(x, c), y).item()
                replay_x.append(x)
                replay_c.append(c)
                replay_y.append(y)
                all_x, all_c, all_y = torch.cat(replay_x), torch.cat(replay_c), torch.cat(replay_y)
                model.train()
                for _ in range(args.steps_per_batch):
                    pick = torch.randint(len(all_x), (min(32, len(all_x)),))
                    optimizer.zero_grad()
                    loss = nn.functional.mse_loss(model(all_x[pick], all_c[pick]), all_y[pick])
                    loss.backward()
                    optimizer.step()
                rmse = (unseen ** 0.5) * 100
                print(f"batch {event.batch_index:4d}  cursor {event.cursor:>6}  maps {len(x):4d}  loss on unseen maps {unseen:.4f}  (depth RMSE {rmse:5.1f} % of wall)", flush=True)
            os.makedirs(os.path.dirname(os.path.abspath(cursor_file)), exist_ok=True)
            with open(cursor_file, "w") as f:
                f.write(event.cursor)  # after learning: a restart resumes right after this batch
    print(f"campaign {args.campaign_id} finished; {sum(len(b) for b in replay_y)} maps learned from", flush=True)


if __name__ == "__main__":
    main()
