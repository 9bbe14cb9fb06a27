"""The whole dataset of a campaign, read lazily chunk by chunk (one chunk is one batch)."""

import numpy as np


class CampaignDataset:
    """`signals`, `params` and `defects` of a campaign's Zarr v3 group.

    `defects` [N, axial, circumferential] float32 holds each simulated defect's depth map in mm on
    the sensor cells (its attributes say the grid and units); it is None for datasets written
    before depth maps were stored. Rows of failed simulations hold NaN maps (and NaN depth maps);
    `succeeded_rows()` lists the others. Reading is
    by rows or by chunk, so a dataset larger than memory can be streamed with `chunks()`."""

    def __init__(self, group, manifest=None):
        self.group = group
        self.manifest = manifest or {}
        self.signals = group.require("signals")
        self.params = group.require("params")
        self.param_names = [str(n) for n in self.params.attributes.get("names", [])]
        self.channels = [str(c) for c in self.signals.attributes.get("channels", [])]

    @property
    def defects(self):
        """The `defects` array, or None when the dataset has none."""
        return self.group.array("defects")

    def __len__(self):
        return len(self.signals)

    @property
    def batch_size(self):
        return self.signals.chunk_rows

    def read(self, start=0, count=None):
        """(signals, params, defects or None) for rows [start, start + count)."""
        count = len(self) - start if count is None else count
        defects = self.defects
        return (
            self.signals.read_rows(start, count),
            self.params.read_rows(start, count),
            None if defects is None else defects.read_rows(start, count),
        )

    def chunks(self):
        """Yields (start, signals, params, defects or None) one chunk at a time."""
        for k in range(self.signals.chunk_count):
            start = k * self.batch_size
            yield (start, *self.read(start, min(self.batch_size, len(self) - start)))

    def succeeded_rows(self):
        """Indexes of the rows with a finite map."""
        out = []
        for start, signals, _, _ in self.chunks():
            finite = np.isfinite(signals.reshape(len(signals), -1)).all(axis=1)
            out.extend(int(i) + start for i in np.flatnonzero(finite))
        return out

    def column(self, name):
        try:
            return self.params.read_all()[:, self.param_names.index(name)]
        except ValueError:
            raise KeyError(f"no parameter {name!r}; the dataset has {self.param_names}") from None
