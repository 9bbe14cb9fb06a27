-- Outbox cursors in commit order, and a notification per committed insert.
--
-- A bigserial value is drawn when a row is inserted, not when its transaction commits, so two
-- concurrent catalog transactions can commit out of cursor order: a subscriber that has already
-- passed cursor 11 would never see 10 commit. Drawing the cursor under a transaction-scoped
-- advisory lock makes the draw order the commit order (the lock is held until the commit, and a
-- commit is visible before its locks are released). catalogBatch inserts the event as the last
-- statement of its transaction, so the lock covers only the insert and the commit.
CREATE FUNCTION "batch_events_assign_cursor"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(6231048201);
  NEW."cursor" := nextval(pg_get_serial_sequence('"batch_events"', 'cursor'));
  RETURN NEW;
END;
$$;

CREATE TRIGGER "batch_events_assign_cursor"
  BEFORE INSERT ON "batch_events"
  FOR EACH ROW EXECUTE FUNCTION "batch_events_assign_cursor"();

-- NOTIFY is delivered on commit, once per statement: the payload is the newest cursor it inserted,
-- so the subscription service wakes up without polling.
CREATE FUNCTION "batch_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('synthflux_batch_events', (SELECT max("cursor")::text FROM inserted));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "batch_events_notify"
  AFTER INSERT ON "batch_events"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "batch_events_notify"();

-- Subscribers filtered by campaign read their backlog in cursor order.
CREATE INDEX "batch_events_campaign_id_cursor_idx" ON "batch_events"("campaign_id", "cursor");
