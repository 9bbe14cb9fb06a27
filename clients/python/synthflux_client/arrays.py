"""One batch's rows, read from the campaign's array store and checked against the event's checksum,
so a consumer never trains on a chunk other than the one that was cataloged."""

import hashlib
from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from .errors import ChecksumMismatchError


def signals_checksum(signals):
    """sha256 (hex) of float32 little-endian rows, NaN rows included: BatchEvent.checksum."""
    return hashlib.sha256(np.ascontiguousarray(signals, dtype="<f4").tobytes()).hexdigest()


@dataclass
class BatchArrays:
    campaign_id: str
    batch_index: int
    start_index: int
    cursor: str
    # [count, channels, axial, circumferential] float32 tesla; NaN rows for failed simulations.
    signals: np.ndarray
    # [count, parameters] float64, columns named by param_names.
    params: np.ndarray
    param_names: List[str]
    # [count, axial, circumferential] float32: each simulated defect's metal-loss depth in mm, the
    # mean over each sensor cell, measured from the defect's surface (defectSide); NaN rows where
    # signals has them. None for datasets written before depth maps were stored (no `defects` array).
    defects: Optional[np.ndarray] = None

    @property
    def succeeded(self):
        """Boolean mask of the rows whose simulation produced a map."""
        return np.isfinite(self.signals.reshape(len(self.signals), -1)).all(axis=1)

    def column(self, name):
        """One parameter for every row, e.g. column('defectDepth_percent')."""
        try:
            return self.params[:, self.param_names.index(name)]
        except ValueError:
            raise KeyError(f"no parameter {name!r}; the dataset has {self.param_names}") from None


def read_batch_arrays(group, event):
    """Reads rows [event.start_index, +event.count) of every array; raises ChecksumMismatchError
    when the signal rows differ from what the event cataloged."""
    signals = group.require("signals").read_rows(event.start_index, event.count)
    actual = signals_checksum(signals)
    if actual != event.checksum:
        raise ChecksumMismatchError(
            f"batch {event.batch_index} of campaign {event.campaign_id} (cursor {event.cursor}): the signal rows "
            f"[{event.start_index}, {event.start_index + event.count}) in s3://{group.bucket}/{group.prefix} have "
            f"sha256 {actual}, the event says {event.checksum}"
        )
    params = group.require("params")
    defects = group.array("defects")
    return BatchArrays(
        campaign_id=event.campaign_id,
        batch_index=event.batch_index,
        start_index=event.start_index,
        cursor=event.cursor,
        signals=signals,
        params=params.read_rows(event.start_index, event.count),
        param_names=[str(n) for n in params.attributes.get("names", [])],
        defects=None if defects is None else defects.read_rows(event.start_index, event.count),
    )
