// The solver pool as the workers see it, read from their Prometheus endpoints: the dashboard and
// Grafana show the same numbers.

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

export async function poolFromWorkerMetrics(urls: readonly string[]): Promise<PoolView> {
  const view: PoolView = { size: 0, capacity: 0, inFlight: 0, utilisation: null, workers: 0, errors: [] };
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
