#!/usr/bin/python3
"""Reads a synthflux campaign dataset straight from S3 with the Python client's Zarr v3 reader
(clients/python/synthflux_client/zarr_v3.py: numpy and boto3 following the Zarr v3 specification,
sharing no code with the TypeScript writer), for the TypeScript tests to compare with the catalog.

Usage: S3_ENDPOINT=... S3_ACCESS_KEY=... S3_SECRET_KEY=... read_zarr_v3.py BUCKET PREFIX
Prints JSON: array shapes, the sha256 of each simulation's float32 map, and the params rows; for
the depth maps (`defects`, absent in datasets written before them: null) the shape, units and the
sha256 of each float32 row.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "clients", "python"))
from synthflux_client import CampaignDataset, Settings, ZarrGroup, signals_checksum  # noqa: E402
from synthflux_client.zarr_v3 import s3_client  # noqa: E402


def main():
    bucket, prefix = sys.argv[1], sys.argv[2]
    settings = Settings(s3_endpoint=os.environ["S3_ENDPOINT"], s3_access_key=os.environ["S3_ACCESS_KEY"], s3_secret_key=os.environ["S3_SECRET_KEY"])
    dataset = CampaignDataset(ZarrGroup(s3_client(settings), bucket, prefix))
    signals, params, defects = dataset.read()
    json.dump(
        {
            "signals_shape": list(signals.shape),
            "params_shape": list(params.shape),
            "param_names": dataset.param_names,
            "checksums": [None if np.isnan(m).all() else signals_checksum(m) for m in signals],
            "params": params.tolist(),
            "finite_maps": int(np.isfinite(signals.reshape(signals.shape[0], -1)).all(axis=1).sum()),
            "defects_shape": None if defects is None else list(defects.shape),
            "defects_units": None if defects is None else dataset.defects.attributes.get("units"),
            "defects_checksums": None if defects is None else [None if np.isnan(m).any() else signals_checksum(m) for m in defects],
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
