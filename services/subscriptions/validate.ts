// Request validation: every problem names the field, so a consumer can fix its request.

export const MAX_FILTER_CAMPAIGNS = 100;
const MAX_CURSOR = (1n << 63n) - 1n;
// Campaign ids are spec names plus a suffix; this also keeps them safe inside object keys.
const CAMPAIGN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** '' and '0' start at the beginning; otherwise a decimal integer in bigint range. */
export function parseCursor(text: string, field = 'after_cursor'): Checked<bigint> {
  if (text === '') return { ok: true, value: 0n };
  if (!/^\d{1,19}$/.test(text)) return { ok: false, field, message: `must be a decimal cursor as received in an event, got '${text.slice(0, 40)}'` };
  const value = BigInt(text);
  if (value > MAX_CURSOR) return { ok: false, field, message: `is out of range (${text})` };
  return { ok: true, value };
}

export function checkCampaignId(id: string, field: string): Checked<string> {
  if (id === '') return { ok: false, field, message: 'is required' };
  if (!CAMPAIGN_ID.test(id)) return { ok: false, field, message: `'${id.slice(0, 40)}' is not a campaign id (letters, digits, '.', '_', '-', at most 128)` };
  return { ok: true, value: id };
}

export function checkFilter(filter: { campaignIds?: string[] } | null | undefined): Checked<string[]> {
  const ids = filter?.campaignIds ?? [];
  if (ids.length > MAX_FILTER_CAMPAIGNS) return { ok: false, field: 'filter.campaign_ids', message: `has ${ids.length} entries, at most ${MAX_FILTER_CAMPAIGNS} are allowed` };
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    const checked = checkCampaignId(id, `filter.campaign_ids[${i}]`);
    if (!checked.ok) return checked;
    if (seen.has(id)) return { ok: false, field: `filter.campaign_ids[${i}]`, message: `'${id}' is listed twice` };
    seen.add(id);
  }
  return { ok: true, value: ids };
}

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

export interface PageToken {
  createdAt: Date;
  id: string;
}

export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify({ c: token.createdAt.toISOString(), i: token.id })).toString('base64url');
}

export function checkPage(req: { pageSize?: number; pageToken?: string }): Checked<{ size: number; after?: PageToken }> {
  const size = req.pageSize || DEFAULT_PAGE_SIZE;
  if (size > MAX_PAGE_SIZE) return { ok: false, field: 'page_size', message: `must be at most ${MAX_PAGE_SIZE}, got ${size}` };
  if (!req.pageToken) return { ok: true, value: { size } };
  try {
    const parsed = JSON.parse(Buffer.from(req.pageToken, 'base64url').toString('utf8')) as { c?: unknown; i?: unknown };
    const createdAt = new Date(String(parsed.c));
    if (typeof parsed.i !== 'string' || Number.isNaN(createdAt.getTime())) throw new Error('bad token');
    return { ok: true, value: { size, after: { createdAt, id: parsed.i } } };
  } catch {
    return { ok: false, field: 'page_token', message: 'is not a next_page_token from this service' };
  }
}
