// Reads of the batch-event outbox. Cursors are bigints in JavaScript; pg hands them over as text.

import type { Pool } from 'pg';
import type { BatchEvent } from '../../proto/generated/synthflux/subscriptions/v1/BatchEvent';
import { datasetPrefix } from '../store/dataset';

export interface OutboxEvent {
  cursor: bigint;
  campaignId: string;
  /** The message as it goes on the wire. */
  message: BatchEvent;
}

interface OutboxRow {
  cursor: string;
  campaign_id: string;
  batch_index: number;
  start_index: number;
  count: number;
  succeeded: number;
  failed: number;
  checksum: string;
  locations: unknown;
  committed_at: string;
  revision: number;
  superseded: boolean;
}

// created_at is a timestamp without zone written in UTC (Prisma's convention); format it in SQL so
// the process's local time zone cannot shift it.
// ORDER BY must name batch_events.cursor: a bare `cursor` would sort the text alias below.
// superseded: a later revision of the batch has committed (set in the revision's transaction).
const COLUMNS = `cursor::text AS cursor, campaign_id, batch_index, start_index, count, succeeded, failed, checksum, locations,
  to_char(created_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') || 'Z' AS committed_at, revision, superseded`;

export function toOutboxEvent(row: OutboxRow, bucket: string): OutboxEvent {
  const locations = Array.isArray(row.locations) ? row.locations.map(String) : [];
  return {
    cursor: BigInt(row.cursor),
    campaignId: row.campaign_id,
    message: {
      cursor: row.cursor,
      campaignId: row.campaign_id,
      batchIndex: row.batch_index,
      startIndex: row.start_index,
      count: row.count,
      succeeded: row.succeeded,
      failed: row.failed,
      checksum: row.checksum,
      bucket,
      datasetPrefix: datasetPrefix(row.campaign_id),
      locations,
      committedAt: row.committed_at,
      revision: row.revision,
      superseded: row.superseded,
    },
  };
}

export interface OutboxReader {
  /** Events with after < cursor <= upTo (no upper bound when upTo is undefined), in cursor order. */
  read(after: bigint, upTo: bigint | undefined, campaignIds: readonly string[], limit: number): Promise<OutboxEvent[]>;
  newestCursor(): Promise<bigint>;
  /** The ids among `ids` that are not in the catalog. */
  missingCampaigns(ids: readonly string[]): Promise<string[]>;
}

export function createOutboxReader(pool: Pool, bucket: string): OutboxReader {
  return {
    async read(after, upTo, campaignIds, limit) {
      const params: unknown[] = [after.toString(), limit];
      const where = ['cursor > $1::bigint'];
      if (upTo !== undefined) where.push(`cursor <= $${params.push(upTo.toString())}::bigint`);
      if (campaignIds.length > 0) where.push(`campaign_id = ANY($${params.push(campaignIds)}::text[])`);
      const { rows } = await pool.query<OutboxRow>(
        `SELECT ${COLUMNS} FROM batch_events WHERE ${where.join(' AND ')} ORDER BY batch_events.cursor LIMIT $2`,
        params,
      );
      return rows.map((row) => toOutboxEvent(row, bucket));
    },
    async newestCursor() {
      const { rows } = await pool.query<{ newest: string }>('SELECT coalesce(max(cursor), 0)::text AS newest FROM batch_events');
      return BigInt(rows[0]?.newest ?? '0');
    },
    async missingCampaigns(ids) {
      if (ids.length === 0) return [];
      const { rows } = await pool.query<{ id: string }>('SELECT id FROM campaigns WHERE id = ANY($1::text[])', [ids]);
      const found = new Set(rows.map((r) => r.id));
      return ids.filter((id) => !found.has(id));
    },
  };
}
