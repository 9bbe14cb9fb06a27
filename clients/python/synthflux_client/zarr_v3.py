"""A Zarr v3 reader for synthflux datasets with numpy and boto3 alone (zarr-python >= 3 is not a
Debian package). It follows the Zarr v3 specification for what synthflux writes: zarr.json
metadata, a regular chunk grid split along the first axis only, the "default" (c/0/0...) or "v2"
(0.0...) chunk key encoding, and the plain `bytes` codec. Anything else is refused with
DatasetFormatError rather than misread. It shares no code with the TypeScript writer, which is what
makes it an independent check of the layout."""

import json

import boto3
import numpy as np
from botocore.config import Config
from botocore.exceptions import ClientError

from .errors import DatasetFormatError

DTYPES = {"float32": "f4", "float64": "f8", "int32": "i4", "int64": "i8", "uint32": "u4", "uint8": "u1"}
_MISSING = ("NoSuchKey", "404", "NotFound")


def s3_client(settings):
    """A boto3 S3 client for an S3-compatible server (path-style keys, as MinIO serves them)."""
    settings.check_s3()
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        aws_access_key_id=settings.s3_access_key,
        aws_secret_access_key=settings.s3_secret_key,
        aws_session_token=settings.s3_session_token or None,
        region_name=settings.s3_region,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 5, "mode": "standard"}),
    )


def is_missing(err):
    return isinstance(err, ClientError) and err.response.get("Error", {}).get("Code") in _MISSING


def get_bytes(s3, bucket, key):
    """The object's bytes, or None when there is no such object."""
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except ClientError as err:
        if is_missing(err):
            return None
        raise


def _metadata(s3, bucket, key, node_type):
    body = get_bytes(s3, bucket, key)
    if body is None:
        return None
    meta = json.loads(body)
    if meta.get("zarr_format") != 3 or meta.get("node_type") != node_type:
        raise DatasetFormatError(f"s3://{bucket}/{key}: expected Zarr v3 {node_type} metadata, got zarr_format={meta.get('zarr_format')!r} node_type={meta.get('node_type')!r}")
    return meta


class ZarrArray:
    """One array of a group, read in whole rows along the first axis."""

    def __init__(self, s3, bucket, prefix, name, meta):
        self.s3, self.bucket, self.prefix, self.name = s3, bucket, prefix, name
        where = f"s3://{bucket}/{prefix}/{name}"
        self.shape = tuple(meta["shape"])
        if meta.get("chunk_grid", {}).get("name") != "regular":
            raise DatasetFormatError(f"{where}: only the regular chunk grid is supported, got {meta.get('chunk_grid')}")
        self.chunk_shape = tuple(meta["chunk_grid"]["configuration"]["chunk_shape"])
        if self.chunk_shape[1:] != self.shape[1:]:
            raise DatasetFormatError(f"{where}: chunks must span every axis but the first, got chunk_shape {list(self.chunk_shape)} for shape {list(self.shape)}")
        codecs = meta.get("codecs", [])
        if [c.get("name") for c in codecs] != ["bytes"]:
            raise DatasetFormatError(f"{where}: only the plain bytes codec is supported, got {[c.get('name') for c in codecs]}")
        if meta.get("data_type") not in DTYPES:
            raise DatasetFormatError(f"{where}: data_type must be one of {sorted(DTYPES)}, got {meta.get('data_type')!r}")
        endian = "<" if codecs[0].get("configuration", {}).get("endian", "little") == "little" else ">"
        self.dtype = np.dtype(endian + DTYPES[meta["data_type"]])
        fill = meta.get("fill_value", 0)
        self.fill_value = float(fill) if fill in ("NaN", "Infinity", "-Infinity") else fill
        encoding = meta.get("chunk_key_encoding", {"name": "default"})
        self._v2_keys = encoding.get("name") == "v2"
        self._sep = encoding.get("configuration", {}).get("separator", "." if self._v2_keys else "/")
        self.attributes = meta.get("attributes", {})
        self.chunk_rows = self.chunk_shape[0]

    @classmethod
    def open(cls, s3, bucket, prefix, name):
        """The array, or None when the group has no array of that name (yet)."""
        meta = _metadata(s3, bucket, f"{prefix}/{name}/zarr.json", "array")
        return None if meta is None else cls(s3, bucket, prefix, name, meta)

    def __len__(self):
        return self.shape[0]

    @property
    def chunk_count(self):
        return -(-self.shape[0] // self.chunk_rows)

    def chunk_key(self, k):
        coords = self._sep.join([str(k)] + ["0"] * (len(self.shape) - 1))
        return f"{self.prefix}/{self.name}/" + (coords if self._v2_keys else "c" + self._sep + coords)

    def read_chunk(self, k):
        """Chunk k as a [chunk_rows, ...] array; a chunk never written holds the fill value."""
        body = get_bytes(self.s3, self.bucket, self.chunk_key(k))
        if body is None:
            return np.full(self.chunk_shape, self.fill_value, dtype=self.dtype)
        expected = int(np.prod(self.chunk_shape)) * self.dtype.itemsize
        if len(body) != expected:
            raise DatasetFormatError(f"s3://{self.bucket}/{self.chunk_key(k)}: {len(body)} bytes, expected {expected} for chunk shape {list(self.chunk_shape)}")
        return np.frombuffer(body, dtype=self.dtype).reshape(self.chunk_shape)

    def read_rows(self, start, count):
        """Rows [start, start + count) as a native-endian array."""
        if start < 0 or count < 0 or start + count > self.shape[0]:
            raise IndexError(f"rows [{start}, {start + count}) are outside {self.name}'s {self.shape[0]} rows")
        out = np.empty((count,) + self.shape[1:], dtype=self.dtype.newbyteorder("="))
        rows = self.chunk_rows
        row = start
        while row < start + count:
            k = row // rows
            stop = min(start + count, (k + 1) * rows)
            out[row - start : stop - start] = self.read_chunk(k)[row - k * rows : stop - k * rows]
            row = stop
        return out

    def read_all(self):
        return self.read_rows(0, self.shape[0])


class ZarrGroup:
    """A campaign's dataset group: `signals`, `params` and, where written, `defects`."""

    def __init__(self, s3, bucket, prefix):
        self.s3, self.bucket, self.prefix = s3, bucket, prefix.rstrip("/")
        meta = _metadata(s3, bucket, f"{self.prefix}/zarr.json", "group")
        if meta is None:
            raise DatasetFormatError(f"s3://{bucket}/{self.prefix}: no Zarr v3 group here (no zarr.json)")
        self.attributes = meta.get("attributes", {})
        self._arrays = {}

    def array(self, name):
        """The named array, or None when the group has none of that name."""
        # A campaign's arrays are all created with its group, so "not there" is remembered too.
        if name not in self._arrays:
            self._arrays[name] = ZarrArray.open(self.s3, self.bucket, self.prefix, name)
        return self._arrays[name]

    def require(self, name):
        arr = self.array(name)
        if arr is None:
            raise DatasetFormatError(f"s3://{self.bucket}/{self.prefix}: the group has no {name!r} array")
        return arr
