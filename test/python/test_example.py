"""The online CNN example, run as a user runs it, on a campaign while it runs."""

import os
import re
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("torch")

EXAMPLE = Path(__file__).resolve().parents[2] / "clients" / "python" / "examples" / "train_cnn_online.py"
LOSS = re.compile(r"^batch +(\d+) .*loss on unseen maps ([0-9.]+)", re.M)


def run_example(settings, campaign_id, cursor_file):
    env = {
        **os.environ,
        "SYNTHFLUX_STACK_DIR": "/nonexistent",
        "SUBSCRIPTIONS_ADDRESS": settings.address,
        "SYNTHFLUX_TOKEN": settings.token,
        "S3_ENDPOINT": settings.s3_endpoint,
        "S3_ACCESS_KEY": settings.s3_access_key,
        "S3_SECRET_KEY": settings.s3_secret_key,
    }
    done = subprocess.run(["/usr/bin/python3", str(EXAMPLE), campaign_id, "--cursor-file", str(cursor_file)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_cnn_learns_depth_from_every_batch_and_resumes_from_its_cursor(settings, submit, tmp_path):
    campaign_id = submit("pycnn", 15, batch_size=32)
    cursor_file = tmp_path / "cursor"
    out = run_example(settings, campaign_id, cursor_file)
    print(out)
    losses = [(int(b), float(l)) for b, l in LOSS.findall(out)]
    assert sorted(b for b, _ in losses) == list(range(15)), out
    # Loss on maps the model has not seen yet: the first batch is the untrained baseline (about
    # the variance of depth, 0.06); it falls as the model learns batch by batch.
    last = [l for _, l in losses[-5:]]
    assert sum(last) / len(last) < 0.7 * losses[0][1], out
    assert "480 maps learned from" in out
    # Rerun with the stored cursor: the campaign is finished and nothing is learned twice.
    again = run_example(settings, campaign_id, cursor_file)
    assert LOSS.findall(again) == [] and "0 maps learned from" in again
