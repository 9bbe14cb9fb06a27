"""Settings from the environment and an embedded stack's folder, and the reconnect delays
(pure logic, no servers)."""

import os

import pytest

from synthflux_client import Backoff, ConfigurationError, Settings


def test_settings_fill_from_the_stack_folder_and_the_environment_wins(tmp_path):
    (tmp_path / "stack.env").write_text("SUBSCRIPTIONS_ADDRESS=127.0.0.1:50999\nS3_ENDPOINT=http://127.0.0.1:9100\n")
    (tmp_path / "credentials.env").write_text("S3_ACCESS_KEY=stack-key\nS3_SECRET_KEY=stack-secret-value\n")
    (tmp_path / "subscriptions.env").write_text("SYNTHFLUX_TOKEN=sfx_from_stack\n")
    os.chmod(tmp_path / "subscriptions.env", 0o600)
    s = Settings.from_env({"SYNTHFLUX_STACK_DIR": str(tmp_path), "S3_ACCESS_KEY": "env-key"})
    assert (s.address, s.s3_endpoint, s.s3_access_key, s.s3_secret_key, s.token) == (
        "127.0.0.1:50999",
        "http://127.0.0.1:9100",
        "env-key",
        "stack-secret-value",
        "sfx_from_stack",
    )
    shown = repr(s)
    assert "sfx_from_stack" not in shown and "stack-secret-value" not in shown


@pytest.mark.parametrize(
    "env, message",
    [
        ({"SYNTHFLUX_TOKEN": "Bearer sfx_x"}, "SYNTHFLUX_TOKEN contains whitespace"),
        ({"SYNTHFLUX_TOKEN": "sfx_x", "SUBSCRIPTIONS_ADDRESS": "http://host:50070"}, "SUBSCRIPTIONS_ADDRESS must be host:port"),
        ({"SYNTHFLUX_TOKEN": "sfx_x", "S3_ENDPOINT": "127.0.0.1:9000"}, "S3_ENDPOINT must be an http"),
        ({"SYNTHFLUX_TOKEN": "sfx_x", "SUBSCRIPTIONS_TLS_CA": "/nonexistent/ca.pem"}, "SUBSCRIPTIONS_TLS_CA: no such file"),
    ],
)
def test_bad_settings_name_the_variable(env, message):
    with pytest.raises(ConfigurationError, match=message):
        Settings.from_env({"SYNTHFLUX_STACK_DIR": "/nonexistent", **env})


def test_backoff_grows_to_its_ceiling_with_jitter_in_the_upper_half():
    b = Backoff(initial_s=0.2, max_s=30.0)
    assert [b.delay(a, rand=lambda: 0.0) for a in range(3)] == [0.1, 0.2, 0.4]
    assert b.delay(2, rand=lambda: 1.0) == 0.8
    assert b.delay(50, rand=lambda: 1.0) == 30.0
