// The API service's metrics: the backlog (batches not yet cataloged of running campaigns) and
// campaigns by state, read from the catalog at scrape time.

import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { PrismaClient } from '../catalog/client';

export function createApiMetrics(prisma: PrismaClient, opts: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'synthflux_backlog_batches',
    help: 'Batches of running campaigns not yet cataloged',
    registers: [registry],
    async collect() {
      const rows = await prisma.$queryRaw<{ backlog: bigint | null }[]>`
        SELECT SUM(c.batch_count - (SELECT COUNT(*) FROM batches b WHERE b.campaign_id = c.id))::bigint AS backlog
        FROM campaigns c WHERE c.state = 'RUNNING'`;
      this.set(Number(rows[0]?.backlog ?? 0));
    },
  });
  new Gauge({
    name: 'synthflux_campaigns',
    help: 'Campaigns by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = await prisma.campaign.groupBy({ by: ['state'], _count: true });
      this.reset();
      for (const r of rows) this.set({ state: r.state }, r._count);
    },
  });
  return registry;
}
