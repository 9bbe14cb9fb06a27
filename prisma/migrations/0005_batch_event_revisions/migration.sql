-- Revision events: retry-failed rewrites a batch's signal rows, so the outbox gets one more event
-- for that batch (revision 1, 2, ...) carrying the new checksum and counts, in the same
-- transaction as the rewritten catalog rows, which also marks the earlier events superseded. A
-- batch now has one event per revision.

-- DropIndex
DROP INDEX "batch_events_campaign_id_batch_index_key";

-- AlterTable
ALTER TABLE "batch_events" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "superseded" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "batch_events_campaign_id_batch_index_revision_key" ON "batch_events"("campaign_id", "batch_index", "revision");
