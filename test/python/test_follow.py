"""Following a running campaign through a connection that is cut, and across a consumer restart
that resumes from its stored cursor: every batch arrives exactly once, in cursor order."""

import dataclasses

from synthflux_client import Backoff, Client
from tcp_proxy import TcpProxy

BATCHES = 20


def test_disconnect_and_restart_mid_campaign_lose_and_repeat_nothing(client, settings, submit):
    campaign_id = submit("pyfollow", BATCHES)
    host, port = settings.address.rsplit(":", 1)
    proxy = TcpProxy(host, int(port)).start()
    via_proxy = dataclasses.replace(settings, address=proxy.address)
    received, reconnects = [], []
    try:
        with Client(via_proxy) as consumer:
            saved = ""  # the consumer's stored cursor, written after each processed event
            events = consumer.follow([campaign_id], saved, backoff=Backoff(0.05, 0.5), on_reconnect=lambda *a: reconnects.append(a))
            for event in events:
                received.append(event)
                saved = event.cursor
                if len(received) == 4:
                    # Hold the campaign where it is, then cut every connection of the consumer.
                    client.pause_campaign(campaign_id)
                    proxy.stop()
                    during = client.get_campaign(campaign_id)
                    assert during.state == "RUNNING" and during.batches_done < BATCHES
                    proxy.start()
                    client.resume_campaign(campaign_id)
                if len(received) == 10:
                    break  # the consumer process stops (a crash, a redeploy)
            events.close()
            # A new run of the consumer resumes after the cursor it stored and follows to the end.
            for event in consumer.follow_campaign(campaign_id, saved, poll_interval_s=1.0):
                received.append(event)
    finally:
        proxy.stop()
    assert reconnects, "the cut connection should have made the client reconnect"
    assert sorted(e.batch_index for e in received) == list(range(BATCHES))
    cursors = [int(e.cursor) for e in received]
    assert cursors == sorted(cursors) and len(set(cursors)) == len(cursors)
    assert all(e.campaign_id == campaign_id and e.count == 10 and e.succeeded == 10 for e in received)
    assert client.get_campaign(campaign_id).state == "COMPLETED"


def test_lists_and_gets_campaigns_and_datasets(client, submit):
    campaign_id = submit("pylist", 2, in_flight=2)
    for _ in client.follow_campaign(campaign_id, poll_interval_s=0.5):
        pass
    campaign = client.get_campaign(campaign_id)
    assert (campaign.state, campaign.total, campaign.batch_count, campaign.batches_done, campaign.succeeded) == ("COMPLETED", 20, 2, 2, 20)
    # Page size 1 makes the listing follow next_page_token through every page.
    assert campaign_id in [c.campaign_id for c in client.list_campaigns(page_size=1)]
    info = client.get_dataset(campaign_id)
    assert (info.format, info.prefix) == ("zarr-v3", f"campaigns/{campaign_id}/dataset.zarr")
    assert info.manifest["arrays"]["signals"]["shape"] == [20, 3, 16, 8]
