"""Refusals come back as named errors that say what to fix, and never show the token."""

import dataclasses

import pytest

from synthflux_client import AuthenticationError, Client, ConfigurationError, InvalidArgumentError, NotFoundError, Settings


def test_a_wrong_token_is_a_clear_authentication_error_without_the_token(settings):
    wrong = "sfx_not-a-token-this-service-issued"
    with Client(dataclasses.replace(settings, token=wrong)) as bad:
        with pytest.raises(AuthenticationError) as caught:
            next(bad.follow([], ""))
        message = str(caught.value)
        assert "SYNTHFLUX_TOKEN" in message and "UNAUTHENTICATED" in message and "read" in message
        assert wrong not in message
        with pytest.raises(AuthenticationError):
            list(bad.list_campaigns())
    assert wrong not in repr(dataclasses.replace(settings, token=wrong))


def test_a_missing_token_names_the_variable():
    with pytest.raises(ConfigurationError, match="SYNTHFLUX_TOKEN is not set"):
        Settings.from_env({"SYNTHFLUX_STACK_DIR": "/nonexistent"})


def test_bad_requests_name_the_field(client):
    with pytest.raises(InvalidArgumentError, match="after_cursor"):
        client.follow([], "abc")
    with pytest.raises(InvalidArgumentError, match=r"campaign_ids\[1\]"):
        client.follow(["a", ""], "")
    # Refused by the service itself: an unknown campaign in the filter.
    with pytest.raises(NotFoundError, match="NOT_FOUND"):
        next(client.follow(["no-such-campaign-0000"], ""))
    with pytest.raises(NotFoundError):
        client.get_campaign("no-such-campaign-0000")
