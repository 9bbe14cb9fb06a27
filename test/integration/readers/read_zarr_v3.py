#!/usr/bin/python3
"""An independent Zarr v3 reader: reads a synthflux campaign dataset straight from S3 with boto3
and numpy, following the Zarr v3 specification (zarr.json metadata, regular chunk grid, default
chunk key encoding "c/..." with "/" separator, bytes codec), sharing no code with synthflux.

Usage: S3_ENDPOINT=... S3_ACCESS_KEY=... S3_SECRET_KEY=... read_zarr_v3.py BUCKET PREFIX
Prints JSON: array shapes, the sha256 of each simulation's float32 map, and the params rows.
"""
import hashlib
import json
import os
import sys

import boto3
import numpy as np
from botocore.config import Config
from botocore.exceptions import ClientError

DTYPES = {"float32": "f4", "float64": "f8", "int32": "i4", "int64": "i8", "uint32": "u4"}


def read_array(s3, bucket, prefix, name):
    meta = json.loads(s3.get_object(Bucket=bucket, Key=f"{prefix}/{name}/zarr.json")["Body"].read())
    assert meta["zarr_format"] == 3 and meta["node_type"] == "array", meta
    shape = meta["shape"]
    chunk_shape = meta["chunk_grid"]["configuration"]["chunk_shape"]
    sep = meta["chunk_key_encoding"].get("configuration", {}).get("separator", "/")
    codecs = meta["codecs"]
    assert [c["name"] for c in codecs] == ["bytes"], f"only the bytes codec is supported, got {codecs}"
    endian = "<" if codecs[0]["configuration"]["endian"] == "little" else ">"
    dtype = np.dtype(endian + DTYPES[meta["data_type"]])
    fill = meta["fill_value"]
    out = np.full(shape, np.nan if fill == "NaN" else fill, dtype=dtype)
    # Chunking here is along the first axis only; the other axes are whole.
    assert all(c == s for c, s in zip(chunk_shape[1:], shape[1:])), "expected chunks along the first axis only"
    rows = chunk_shape[0]
    for k in range((shape[0] + rows - 1) // rows):
        key = f"{prefix}/{name}/c" + sep + sep.join([str(k)] + ["0"] * (len(shape) - 1))
        try:
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        except ClientError as err:
            if err.response["Error"]["Code"] == "NoSuchKey":
                continue  # never written: fill value
            raise
        chunk = np.frombuffer(body, dtype=dtype).reshape(chunk_shape)
        stop = min(shape[0], (k + 1) * rows)
        out[k * rows : stop] = chunk[: stop - k * rows]
    return meta, out


def main():
    bucket, prefix = sys.argv[1], sys.argv[2]
    s3 = boto3.client(
        "s3",
        endpoint_url=os.environ["S3_ENDPOINT"],
        aws_access_key_id=os.environ["S3_ACCESS_KEY"],
        aws_secret_access_key=os.environ["S3_SECRET_KEY"],
        region_name="us-east-1",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    group = json.loads(s3.get_object(Bucket=bucket, Key=f"{prefix}/zarr.json")["Body"].read())
    assert group["zarr_format"] == 3 and group["node_type"] == "group", group
    _, signals = read_array(s3, bucket, prefix, "signals")
    params_meta, params = read_array(s3, bucket, prefix, "params")
    checksums = [
        None if np.isnan(m).all() else hashlib.sha256(np.ascontiguousarray(m, dtype="<f4").tobytes()).hexdigest()
        for m in signals
    ]
    json.dump(
        {
            "signals_shape": list(signals.shape),
            "params_shape": list(params.shape),
            "param_names": params_meta.get("attributes", {}).get("names"),
            "checksums": checksums,
            "params": params.tolist(),
            "finite_maps": int(np.isfinite(signals.reshape(signals.shape[0], -1)).all(axis=1).sum()),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
