"""Reading a batch's arrays against its checksum, and the whole-dataset reader."""

import numpy as np
import pytest

from synthflux_client import ChecksumMismatchError


@pytest.fixture(scope="module")
def finished(client, submit):
    campaign_id = submit("pyarrays", 3, in_flight=3)
    events = list(client.follow_campaign(campaign_id, poll_interval_s=0.5))
    return campaign_id, events


def test_read_batch_returns_the_cataloged_rows_and_the_whole_dataset_agrees(client, finished):
    campaign_id, events = finished
    assert sorted(e.batch_index for e in events) == [0, 1, 2]
    dataset = client.open_dataset(campaign_id)
    assert len(dataset) == 30 and dataset.channels == ["Bx", "By", "Bz"]
    signals, params, defects = dataset.read()
    assert defects.shape == (30, 16, 8) and defects.dtype == np.float32
    assert dataset.defects.attributes["units"] == "mm"
    for event in events:
        batch = client.read_batch(event)
        assert batch.signals.shape == (10, 3, 16, 8) and batch.signals.dtype == np.float32
        assert batch.params.shape == (10, 7) and batch.succeeded.all()
        depth = batch.column("defectDepth_percent")
        assert ((depth >= 10) & (depth <= 95)).all()
        rows = slice(event.start_index, event.start_index + event.count)
        np.testing.assert_array_equal(batch.signals, signals[rows])
        np.testing.assert_array_equal(batch.params, params[rows])
        np.testing.assert_array_equal(batch.defects, defects[rows])
        # Every simulation here succeeded: a finite depth map each, deepest where the defect is.
        assert np.isfinite(batch.defects).all() and (batch.defects >= 0).all()
        assert (batch.defects.reshape(10, -1).max(axis=1) > 0).all()
    assert dataset.succeeded_rows() == list(range(30))


def test_a_chunk_changed_in_object_storage_raises_checksum_mismatch(client, finished):
    _, events = finished
    event = events[-1]
    key = f"{event.dataset_prefix}/signals/c/{event.batch_index}/0/0/0"
    body = bytearray(client.s3.get_object(Bucket=event.bucket, Key=key)["Body"].read())
    body[100] ^= 0x01  # one bit of one float
    client.s3.put_object(Bucket=event.bucket, Key=key, Body=bytes(body))
    with pytest.raises(ChecksumMismatchError, match=f"batch {event.batch_index} of campaign .*cursor {event.cursor}"):
        client.read_batch(event)
    # An event whose checksum is not the stored rows' is refused the same way.
    forged = type(events[0])()
    forged.CopyFrom(events[0])
    forged.checksum = "0" * 64
    with pytest.raises(ChecksumMismatchError, match="the event says 0000"):
        client.read_batch(forged)
