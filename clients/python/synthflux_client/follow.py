"""Following batch events across disconnects: the Python twin of services/consumer/watch.ts.

Within one run every reconnect resumes after the last event this generator yielded; across runs
the caller stores the cursor of each event it has processed and passes it back. Either way nothing
is skipped or repeated."""

import logging
import random
import re
import threading
import time
from dataclasses import dataclass

import grpc

from .errors import InvalidArgumentError, from_rpc_error, is_retryable, rpc_code

log = logging.getLogger("synthflux_client")
_CURSOR = re.compile(r"^[0-9]{0,20}$")


@dataclass(frozen=True)
class Backoff:
    initial_s: float = 0.2
    max_s: float = 30.0

    def delay(self, attempt, rand=random.random):
        """Full jitter: a fleet of consumers cut off together does not reconnect in lockstep."""
        ceiling = min(self.max_s, self.initial_s * 2 ** min(attempt, 30))
        return ceiling / 2 + rand() * ceiling / 2


def check_cursor(after_cursor, name="after_cursor"):
    cursor = str(after_cursor) if isinstance(after_cursor, int) and not isinstance(after_cursor, bool) else after_cursor
    if not isinstance(cursor, str) or not _CURSOR.match(cursor):
        raise InvalidArgumentError(f"{name}: must be the decimal cursor of a BatchEvent (or '' for the start), got {after_cursor!r}")
    return cursor


def check_campaign_ids(campaign_ids, name="campaign_ids"):
    if isinstance(campaign_ids, str):
        return [campaign_ids]
    ids = list(campaign_ids or [])
    for i, cid in enumerate(ids):
        if not isinstance(cid, str) or not cid:
            raise InvalidArgumentError(f"{name}[{i}]: must be a non-empty campaign id string, got {cid!r}")
    return ids


def follow_events(watch, request_for, metadata, after_cursor, *, backoff, until, poll_interval_s, on_reconnect, token_source):
    """The generator behind Client.follow; `watch` is the WatchBatches stub method and
    `request_for(cursor)` builds its request."""
    cursor = after_cursor
    attempt = 0
    draining = False
    while True:
        call = watch(request_for(cursor), metadata=metadata)
        idle = threading.Event()

        def on_idle(call=call, idle=idle):
            idle.set()
            call.cancel()

        failure = None
        try:
            while True:
                # The idle timer runs only while we wait for the service, never while the caller
                # works on an event, so a slow training step is not mistaken for a quiet stream.
                timer = threading.Timer(poll_interval_s, on_idle) if until is not None else None
                if timer:
                    timer.daemon = True
                    timer.start()
                try:
                    event = next(call)
                except StopIteration:
                    break
                finally:
                    if timer:
                        timer.cancel()
                attempt = 0
                draining = False
                cursor = event.cursor
                yield event
        except grpc.RpcError as err:
            if idle.is_set() and rpc_code(err) == grpc.StatusCode.CANCELLED:
                # Quiet for poll_interval_s. Once `until` holds, one more stream from the cursor
                # reads whatever was committed before it turned true, straight from the outbox;
                # when that one is quiet too, following ends.
                if draining:
                    return
                if until():
                    draining = True
                continue
            if not is_retryable(err):
                raise from_rpc_error(err, "WatchBatches", token_source) from err
            failure = err
        finally:
            call.cancel()
        delay = backoff.delay(attempt)
        attempt += 1
        if on_reconnect is not None:
            on_reconnect(attempt, delay, failure)
        code = rpc_code(failure)
        log.warning("WatchBatches %s; reconnecting after cursor %r in %.2f s (attempt %d)", code.name if code else "stream ended", cursor, delay, attempt)
        time.sleep(delay)
