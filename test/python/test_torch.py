"""PyTorch: a DataLoader with two workers over a running campaign, and a map-style dataset over a
finished one, each see every map exactly once."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")
from torch.utils.data import DataLoader  # noqa: E402

from synthflux_client.torch_data import CampaignIterableDataset, CampaignMapDataset  # noqa: E402

BATCHES = 12


def test_iterable_dataset_with_two_workers_sees_each_map_of_a_running_campaign_once(client, settings, submit):
    campaign_id = submit("pytorch", BATCHES)
    dataset = CampaignIterableDataset(campaign_id, settings=settings, target="defectDepth_percent", poll_interval_s=1.0)
    # spawn: this process has live gRPC channels, which fork() does not carry over safely.
    loader = DataLoader(dataset, batch_size=16, num_workers=2, multiprocessing_context="spawn")
    indexes, shapes = [], set()
    for batch in loader:
        indexes.extend(batch["index"].tolist())
        shapes.add(tuple(batch["signals"].shape[1:]))
        assert batch["target"].dtype == torch.float32 and ((batch["target"] >= 10) & (batch["target"] <= 95)).all()
    assert sorted(indexes) == list(range(BATCHES * 10))
    assert shapes == {(3, 16, 8)}


def test_map_dataset_over_a_finished_campaign(client, settings, submit):
    campaign_id = submit("pymap", 3, in_flight=3)
    for _ in client.follow_campaign(campaign_id, poll_interval_s=0.5):
        pass
    dataset = CampaignMapDataset(campaign_id, settings=settings, target="defectDepth_percent")
    assert len(dataset) == 30
    loader = DataLoader(dataset, batch_size=8, shuffle=True, num_workers=2, multiprocessing_context="spawn")
    seen = {}
    for batch in loader:
        for i, x in zip(batch["index"].tolist(), batch["signals"]):
            assert i not in seen
            seen[i] = x.numpy()
    assert sorted(seen) == list(range(30))
    signals, _, _ = client.open_dataset(campaign_id).read()
    for i, x in seen.items():
        np.testing.assert_array_equal(x, signals[i])
