#!/usr/bin/python3
"""Measures the Python client against the real servers (test/python/serve.ts): catching up over a
finished campaign's events, and reading + checksum-verifying its batches. Prints numbers; asserts
nothing about speed.

    /usr/bin/python3 test/python/bench_client.py [--batches 40] [--batch-size 100]
"""

import argparse
import sys
import time

from conftest import REPO, serve_stack, small_campaign, unique_id  # noqa: F401  (REPO puts the client on sys.path)
from synthflux_client import Client, Settings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()
    with serve_stack() as info:
        settings = Settings(address=info["subscriptionsAddress"], token=info["token"], s3_endpoint=info["s3Endpoint"], s3_access_key=info["s3AccessKey"], s3_secret_key=info["s3SecretKey"])
        with Client(settings) as client:
            spec = small_campaign("pybench", args.batches, batch_size=args.batch_size, in_flight=4).replace("axialCount: 16, circumferentialCount: 8", "axialCount: 64, circumferentialCount: 32")
            campaign_id = client.submit_campaign(spec, campaign_id=unique_id("pybench")).campaign_id
            started = time.perf_counter()
            for _ in client.follow_campaign(campaign_id, poll_interval_s=0.5):
                pass
            print(f"campaign: {args.batches} batches x {args.batch_size} dipole maps 3x64x32 solved and followed live in {time.perf_counter() - started:.1f} s")
            # Catch-up: the stream from cursor 0 over the stored events (until the first event is
            # past the last batch; the quiet-stream end adds poll time, so it is not counted).
            started = time.perf_counter()
            events = []
            for event in client.follow([campaign_id], ""):
                events.append(event)
                if len(events) == args.batches:
                    break
            catch_up = time.perf_counter() - started
            print(f"catch-up: {len(events)} events in {catch_up * 1e3:.1f} ms ({len(events) / catch_up:.0f} events/s, including the stream set-up)")
            started = time.perf_counter()
            total_bytes = 0
            for event in events:
                batch = client.read_batch(event)
                total_bytes += batch.signals.nbytes + batch.params.nbytes
            read = time.perf_counter() - started
            print(f"read_batch: {len(events)} batches, {total_bytes / 1e6:.1f} MB, in {read:.2f} s ({total_bytes / 1e6 / read:.1f} MB/s, {len(events) / read:.1f} batches/s, sha256 verified)")
            started = time.perf_counter()
            signals, _, _ = client.open_dataset(campaign_id).read()
            whole = time.perf_counter() - started
            print(f"whole dataset: {signals.shape} in {whole:.2f} s ({signals.nbytes / 1e6 / whole:.1f} MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
