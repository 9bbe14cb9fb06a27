"""The synthflux client: the read API of the subscription service, following batches, reading
their arrays, and the control calls a pipeline needs to submit and steer a campaign."""

import json
from dataclasses import dataclass

import grpc

from ._proto.synthflux.control.v1 import control_pb2, control_pb2_grpc
from ._proto.synthflux.subscriptions.v1 import subscriptions_pb2, subscriptions_pb2_grpc
from .arrays import read_batch_arrays
from .config import Settings
from .dataset import CampaignDataset
from .errors import InvalidArgumentError, from_rpc_error
from .follow import Backoff, check_campaign_ids, check_cursor, follow_events
from .zarr_v3 import ZarrGroup, s3_client

TERMINAL_STATES = frozenset({"COMPLETED", "FAILED", "CANCELLED"})


@dataclass(frozen=True)
class DatasetInfo:
    campaign_id: str
    format: str
    bucket: str
    prefix: str
    dataset_url: str
    manifest: dict


class Client:
    """Connects lazily; use as a context manager or call close().

    Client() reads everything from the environment (see synthflux_client.config). The token is sent
    as `authorization: Bearer ...` metadata on each call and is never logged or shown in errors.
    """

    def __init__(self, settings=None, *, s3=None, channel_options=()):
        self.settings = settings if settings is not None else Settings.from_env()
        self.settings.check()
        options = [
            # A quiet stream (no batches for a while) must survive idle-connection reapers.
            ("grpc.keepalive_time_ms", 30_000),
            ("grpc.keepalive_timeout_ms", 10_000),
            ("grpc.max_receive_message_length", 64 * 1024 * 1024),
            *channel_options,
        ]
        if self.settings.tls_ca:
            with open(self.settings.tls_ca, "rb") as f:
                creds = grpc.ssl_channel_credentials(root_certificates=f.read())
            self._channel = grpc.secure_channel(self.settings.address, creds, options=options)
        else:
            self._channel = grpc.insecure_channel(self.settings.address, options=options)
        self._subscriptions = subscriptions_pb2_grpc.SubscriptionsStub(self._channel)
        self._control = control_pb2_grpc.ControlStub(self._channel)
        self._metadata = (("authorization", f"Bearer {self.settings.token}"),)
        self._s3 = s3
        self._groups = {}

    def __repr__(self):
        return f"Client(address={self.settings.address!r})"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._channel.close()

    # -- read API ---------------------------------------------------------------------------

    def _unary(self, name, method, request, timeout):
        try:
            return method(request, metadata=self._metadata, timeout=timeout)
        except grpc.RpcError as err:
            raise from_rpc_error(err, name, self.settings.token_source) from err

    def get_campaign(self, campaign_id, timeout=30.0):
        """The catalog's view of one campaign (a Campaign message: state, counts, dataset_url)."""
        _check_id(campaign_id)
        return self._unary("GetCampaign", self._subscriptions.GetCampaign, subscriptions_pb2.GetCampaignRequest(campaign_id=campaign_id), timeout)

    def list_campaigns(self, page_size=50, timeout=30.0):
        """Every campaign, newest first, fetched page by page as the iteration goes."""
        if not isinstance(page_size, int) or not 1 <= page_size <= 500:
            raise InvalidArgumentError(f"page_size: must be an integer in 1..500, got {page_size!r}")
        token = ""
        while True:
            page = self._unary("ListCampaigns", self._subscriptions.ListCampaigns, subscriptions_pb2.ListCampaignsRequest(page_size=page_size, page_token=token), timeout)
            yield from page.campaigns
            token = page.next_page_token
            if not token:
                return

    def get_dataset(self, campaign_id, timeout=30.0):
        """Where the campaign's arrays live, and its manifest (units, channels, grid, solver, spec)."""
        _check_id(campaign_id)
        d = self._unary("GetDataset", self._subscriptions.GetDataset, subscriptions_pb2.GetDatasetRequest(campaign_id=campaign_id), timeout)
        return DatasetInfo(d.campaign_id, d.format, d.bucket, d.prefix, d.dataset_url, json.loads(d.manifest_json) if d.manifest_json else {})

    # -- following batches ------------------------------------------------------------------

    def follow(self, campaign_ids=(), after_cursor="", *, until=None, poll_interval_s=2.0, backoff=Backoff(), on_reconnect=None):
        """Yields BatchEvent messages in commit order: the stored ones after `after_cursor`, then
        new ones as they commit. Transient failures (UNAVAILABLE, a dropped connection) reconnect
        with exponential backoff and jitter, resuming after the last event yielded; refusals raise
        (AuthenticationError, InvalidArgumentError, NotFoundError).

        Store `event.cursor` after processing an event and pass it back as `after_cursor` on
        restart: exactly once across restarts. The stream never ends by itself; `until`, a
        callable, ends it when it returns True after the stream has been quiet for
        `poll_interval_s` (see follow_campaign). Breaking out of the loop also ends it."""
        ids = check_campaign_ids(campaign_ids)
        cursor = check_cursor(after_cursor)
        if until is not None and not callable(until):
            raise InvalidArgumentError(f"until: must be a callable returning bool, got {until!r}")
        if not poll_interval_s > 0:
            raise InvalidArgumentError(f"poll_interval_s: must be > 0, got {poll_interval_s!r}")

        def request_for(c):
            return subscriptions_pb2.WatchBatchesRequest(filter=subscriptions_pb2.BatchFilter(campaign_ids=ids), after_cursor=c)

        return follow_events(
            self._subscriptions.WatchBatches,
            request_for,
            self._metadata,
            cursor,
            backoff=backoff,
            until=until,
            poll_interval_s=poll_interval_s,
            on_reconnect=on_reconnect,
            token_source=self.settings.token_source,
        )

    def is_finished(self, campaign_id):
        return self.get_campaign(campaign_id).state in TERMINAL_STATES

    def follow_campaign(self, campaign_id, after_cursor="", **kwargs):
        """follow() for one campaign that ends once the campaign has finished and every event it
        committed has been yielded."""
        return self.follow([campaign_id], after_cursor, until=lambda: self.is_finished(campaign_id), **kwargs)

    # -- arrays -----------------------------------------------------------------------------

    @property
    def s3(self):
        if self._s3 is None:
            self._s3 = s3_client(self.settings)
        return self._s3

    def _group(self, bucket, prefix):
        key = (bucket, prefix)
        if key not in self._groups:
            self._groups[key] = ZarrGroup(self.s3, bucket, prefix)
        return self._groups[key]

    def read_batch(self, event):
        """The batch's rows as numpy arrays (BatchArrays: signals, params, param_names, and defects,
        None for a dataset written before depth maps were stored), after checking the signal rows against event.checksum; raises
        ChecksumMismatchError when they differ."""
        return read_batch_arrays(self._group(event.bucket, event.dataset_prefix), event)

    def open_dataset(self, campaign_id):
        """The whole dataset of a campaign (CampaignDataset: lazily read arrays and the manifest)."""
        info = self.get_dataset(campaign_id)
        if info.format != "zarr-v3":
            raise InvalidArgumentError(f"campaign {campaign_id}: dataset format {info.format!r} is not zarr-v3")
        return CampaignDataset(self._group(info.bucket, info.prefix), info.manifest)

    # -- control (needs a token with the 'submit' scope) -------------------------------------

    def submit_campaign(self, spec_yaml, campaign_id="", timeout=60.0):
        if not isinstance(spec_yaml, str) or not spec_yaml.strip():
            raise InvalidArgumentError("spec_yaml: must be the campaign spec as YAML text")
        return self._unary("SubmitCampaign", self._control.SubmitCampaign, control_pb2.SubmitCampaignRequest(spec_yaml=spec_yaml, campaign_id=campaign_id), timeout)

    def pause_campaign(self, campaign_id, timeout=30.0):
        _check_id(campaign_id)
        return self._unary("PauseCampaign", self._control.PauseCampaign, control_pb2.CampaignRequest(campaign_id=campaign_id), timeout)

    def resume_campaign(self, campaign_id, timeout=30.0):
        _check_id(campaign_id)
        return self._unary("ResumeCampaign", self._control.ResumeCampaign, control_pb2.CampaignRequest(campaign_id=campaign_id), timeout)

    def cancel_campaign(self, campaign_id, timeout=30.0):
        _check_id(campaign_id)
        return self._unary("CancelCampaign", self._control.CancelCampaign, control_pb2.CampaignRequest(campaign_id=campaign_id), timeout)


def _check_id(campaign_id):
    if not isinstance(campaign_id, str) or not campaign_id:
        raise InvalidArgumentError(f"campaign_id: must be a non-empty string, got {campaign_id!r}")
