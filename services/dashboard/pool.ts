// The solver pool as the workers see it, read from their Prometheus endpoints: the dashboard and
// Grafana show the same numbers.

import dns from 'node:dns';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export interface PoolView {
  size: number;
  capacity: number;
  inFlight: number;
  /** In flight over capacity, 0..1; null without capacity. */
  utilisation: number | null;
  workers: number;
  errors: string[];
}

export type AddressLookup = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: AddressLookup = (host) => dns.promises.lookup(host, { all: true });

/**
 * `dns+http://synthflux-worker:9465/metrics` stands for every address the name resolves to (a
 * headless Service: one per worker pod, as they come and go), IPv4 when it has any; a plain URL
 * is one endpoint.
 */
export async function expandWorkerMetricsUrls(urls: readonly string[], lookup: AddressLookup = systemLookup): Promise<{ urls: string[]; errors: string[] }> {
  const expanded: string[] = [];
  const errors: string[] = [];
  for (const entry of urls) {
    if (!entry.startsWith('dns+')) {
      expanded.push(entry);
      continue;
    }
    const url = new URL(entry.slice('dns+'.length));
    try {
      const found = await lookup(url.hostname);
      const v4 = found.filter((a) => a.family === 4);
      for (const { address, family } of v4.length > 0 ? v4 : found) {
        const each = new URL(url);
        each.hostname = family === 6 ? `[${address}]` : address;
        expanded.push(each.toString());
      }
    } catch (err) {
      errors.push(`${url.host}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { urls: [...new Set(expanded)], errors };
}

export async function poolFromWorkerMetrics(configured: readonly string[], opts: { lookup?: AddressLookup } = {}): Promise<PoolView> {
  const { urls, errors } = await expandWorkerMetricsUrls(configured, opts.lookup);
  const view: PoolView = { size: 0, capacity: 0, inFlight: 0, utilisation: null, workers: 0, errors };
  await Promise.all(urls.map(async (url) => {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const families = parsePrometheusTextFormat(await res.text());
      const value = (name: string): number => Number(families.find((f) => f.name === name)?.metrics[0]?.value ?? 0);
      view.size += value('synthflux_solver_pool_size');
      view.capacity += value('synthflux_solver_pool_capacity');
      view.inFlight += value('synthflux_solver_pool_in_flight');
      view.workers += 1;
    } catch (err) {
      view.errors.push(`${new URL(url).host}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }));
  view.utilisation = view.capacity > 0 ? view.inFlight / view.capacity : null;
  return view;
}
