"""Starts the real servers (test/python/serve.ts) once per pytest session and hands the tests a
Client for them. Nothing here is a fake: Temporal, PostgreSQL, the S3 server, the solver, the
campaign worker and the API service are the ones the product runs."""

import contextlib
import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "clients" / "python"))

from synthflux_client import Client, Settings  # noqa: E402

START_TIMEOUT_S = 300


def _first_line(proc, timeout_s):
    box = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout_s)
    return box[0] if box else None


@contextlib.contextmanager
def serve_stack():
    """Runs test/python/serve.ts and yields what it prints: addresses, S3 credentials, a token."""
    proc = subprocess.Popen(
        ["node", "--import", "tsx", str(REPO / "test" / "python" / "serve.ts")],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = _first_line(proc, START_TIMEOUT_S)
        if not line:
            proc.kill()
            raise RuntimeError(f"test/python/serve.ts did not print its addresses within {START_TIMEOUT_S} s (exit code {proc.poll()})")
        yield json.loads(line)
    finally:
        if proc.poll() is None:
            proc.stdin.close()  # serve.ts stops everything it started when its stdin closes
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def stack():
    with serve_stack() as info:
        yield info


@pytest.fixture(scope="session")
def settings(stack):
    return Settings(
        address=stack["subscriptionsAddress"],
        token=stack["token"],
        s3_endpoint=stack["s3Endpoint"],
        s3_access_key=stack["s3AccessKey"],
        s3_secret_key=stack["s3SecretKey"],
    )


@pytest.fixture(scope="session")
def client(settings):
    with Client(settings) as c:
        yield c


def small_campaign(name, batches, batch_size=10, in_flight=1):
    """A dipole campaign (fast to solve) of `batches` batches, one batch in flight by default so
    it is still running while a test follows it."""
    return f"""name: {name}
count: {batches * batch_size}
seed: 7
sampler: uniform
solver: {{ model: dipole, sensorGrid: {{ axialCount: 16, circumferentialCount: 8 }} }}
batchSize: {batch_size}
shardSize: 4
limits: {{ maxShardsInFlight: 1, maxBatchesInFlight: {in_flight} }}
"""


def unique_id(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def submit(client):
    """Submits a campaign through the Control API and returns its id."""

    def run(name, batches, **kwargs):
        return client.submit_campaign(small_campaign(name, batches, **kwargs), campaign_id=unique_id(name)).campaign_id

    return run
