"""Python client of synthflux: follow simulation campaigns, read their arrays, feed PyTorch.

    from synthflux_client import Client
    with Client() as client:                       # SUBSCRIPTIONS_ADDRESS, SYNTHFLUX_TOKEN, S3_* from the environment
        for event in client.follow([campaign_id], after_cursor=load_cursor()):
            batch = client.read_batch(event)       # numpy arrays, checked against event.checksum
            train(batch.signals, batch.column("defectDepth_percent"))
            save_cursor(event.cursor)

PyTorch datasets are in synthflux_client.torch_data (imported on demand: torch is optional).
"""

from .arrays import BatchArrays, signals_checksum
from .client import TERMINAL_STATES, Client, DatasetInfo
from .config import Settings
from .dataset import CampaignDataset
from .errors import (
    AuthenticationError,
    ChecksumMismatchError,
    ConfigurationError,
    DatasetFormatError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    SynthfluxError,
)
from .follow import Backoff
from .zarr_v3 import ZarrArray, ZarrGroup

__all__ = [
    "AuthenticationError",
    "Backoff",
    "BatchArrays",
    "CampaignDataset",
    "ChecksumMismatchError",
    "Client",
    "ConfigurationError",
    "DatasetFormatError",
    "DatasetInfo",
    "InvalidArgumentError",
    "NotFoundError",
    "PermissionDeniedError",
    "ServiceError",
    "Settings",
    "SynthfluxError",
    "TERMINAL_STATES",
    "ZarrArray",
    "ZarrGroup",
    "signals_checksum",
]
