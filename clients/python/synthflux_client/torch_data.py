"""PyTorch datasets over campaigns (PyTorch is optional: importing this module needs it).

Each sample is a dict: "signals" float32 [channels, axial, circumferential] (tesla), "params"
float64 [parameters], "index" (the simulation's row in the campaign), "defects" float32 [axial,
circumferential] (the defect's depth map in mm on the sensor cells, the target of the inverse
problem) when the dataset has depth maps, and, when a `target` parameter is named, "target"
float32. Failed simulations (NaN maps) are left out.

With DataLoader(num_workers=N) each worker opens its own connections. When the process that
builds the DataLoader has used gRPC itself (a Client), start the workers with
multiprocessing_context="spawn" (or "forkserver"): gRPC does not survive fork() reliably.
"""

import os

import numpy as np
import torch
from torch.utils.data import Dataset, IterableDataset, get_worker_info

from ._proto.synthflux.subscriptions.v1 import subscriptions_pb2
from .arrays import read_batch_arrays
from .client import Client, TERMINAL_STATES
from .config import Settings
from .errors import InvalidArgumentError
from .follow import check_cursor
from .zarr_v3 import ZarrGroup, s3_client


def _sample(arrays, row, target_column):
    sample = {
        "signals": torch.from_numpy(np.ascontiguousarray(arrays.signals[row])),
        "params": torch.from_numpy(np.ascontiguousarray(arrays.params[row])),
        "index": arrays.start_index + int(row),
    }
    if arrays.defects is not None:
        sample["defects"] = torch.from_numpy(np.ascontiguousarray(arrays.defects[row]))
    if target_column is not None:
        sample["target"] = torch.tensor(arrays.params[row, target_column], dtype=torch.float32)
    return sample


def _target_column(arrays, target):
    if target is None:
        return None
    if target not in arrays.param_names:
        raise InvalidArgumentError(f"target: no parameter {target!r}; the dataset has {arrays.param_names}")
    return arrays.param_names.index(target)


class CampaignIterableDataset(IterableDataset):
    """Follows a campaign while it runs and yields the maps of each batch as it completes; ends when
    the campaign has finished and every batch has been read. Worker k of N reads the batches whose
    index is k mod N, so a DataLoader with N workers sees every map exactly once per epoch."""

    def __init__(self, campaign_id, *, settings=None, after_cursor="", target=None, poll_interval_s=1.0):
        if not isinstance(campaign_id, str) or not campaign_id:
            raise InvalidArgumentError(f"campaign_id: must be a non-empty string, got {campaign_id!r}")
        self.campaign_id = campaign_id
        self.settings = settings if settings is not None else Settings.from_env()
        self.after_cursor = check_cursor(after_cursor)
        self.target = target
        self.poll_interval_s = poll_interval_s

    def __iter__(self):
        info = get_worker_info()
        worker, workers = (0, 1) if info is None else (info.id, info.num_workers)
        seen = set()
        with Client(self.settings) as client:
            column = None
            for event in client.follow_campaign(self.campaign_id, self.after_cursor, poll_interval_s=self.poll_interval_s):
                # A batch solved again (retry-failed) has a second event; the first one counts.
                if event.batch_index % workers != worker or event.batch_index in seen:
                    continue
                seen.add(event.batch_index)
                arrays = client.read_batch(event)
                if column is None:
                    column = _target_column(arrays, self.target)
                for row in np.flatnonzero(arrays.succeeded):
                    yield _sample(arrays, row, column)


class CampaignMapDataset(Dataset):
    """Random access to the maps of a finished campaign. Every batch is read through its event, so
    each chunk is checked against its cataloged checksum before its maps are used."""

    def __init__(self, campaign_id, *, settings=None, target=None, cache_batches=4):
        self.settings = settings if settings is not None else Settings.from_env()
        self.target = target
        self.cache_batches = cache_batches
        with Client(self.settings) as client:
            campaign = client.get_campaign(campaign_id)
            if campaign.state not in TERMINAL_STATES:
                raise InvalidArgumentError(
                    f"campaign {campaign_id} is {campaign.state}: a map-style dataset needs a finished campaign; "
                    "follow a running one with CampaignIterableDataset"
                )
            latest = {}
            # The last event of a batch describes what is stored now (retry-failed writes again).
            for event in client.follow_campaign(campaign_id, poll_interval_s=0.5):
                latest[event.batch_index] = event
            self._events = [latest[b].SerializeToString() for b in sorted(latest)]
            self._rows = []
            for position, b in enumerate(sorted(latest)):
                event = latest[b]
                if event.failed == 0:
                    self._rows.extend((position, r) for r in range(event.count))
                else:
                    arrays = client.read_batch(event)
                    self._rows.extend((position, int(r)) for r in np.flatnonzero(arrays.succeeded))
        self._pid = None

    def __len__(self):
        return len(self._rows)

    def _batch(self, position):
        # Per process: DataLoader workers each build their own S3 client.
        if self._pid != os.getpid():
            self._pid, self._s3, self._groups, self._cache = os.getpid(), s3_client(self.settings), {}, {}
        if position not in self._cache:
            event = subscriptions_pb2.BatchEvent.FromString(self._events[position])
            key = (event.bucket, event.dataset_prefix)
            if key not in self._groups:
                self._groups[key] = ZarrGroup(self._s3, *key)
            if len(self._cache) >= self.cache_batches:
                self._cache.pop(next(iter(self._cache)))
            self._cache[position] = read_batch_arrays(self._groups[key], event)
        return self._cache[position]

    def __getitem__(self, i):
        position, row = self._rows[i]
        arrays = self._batch(position)
        return _sample(arrays, row, _target_column(arrays, self.target))
