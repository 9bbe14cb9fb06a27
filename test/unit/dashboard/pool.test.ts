// The dashboard's solver pool view reads every worker's /metrics. In a cluster the API names the
// workers' headless Service (dns+http://synthflux-worker:9465/metrics): each address it resolves
// to is a worker pod. Here two real HTTP servers on 127.0.0.1 and 127.0.0.2 are those pods, and
// the name resolves to both.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expandWorkerMetricsUrls, poolFromWorkerMetrics, type AddressLookup } from '../../../services/dashboard/pool';

function metricsServer(host: string, port: number, inFlight: number): Promise<http.Server> {
  const body = [
    '# TYPE synthflux_solver_pool_size gauge', 'synthflux_solver_pool_size 3',
    '# TYPE synthflux_solver_pool_capacity gauge', 'synthflux_solver_pool_capacity 12',
    '# TYPE synthflux_solver_pool_in_flight gauge', `synthflux_solver_pool_in_flight ${inFlight}`, '',
  ].join('\n');
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body));
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

describe('worker metrics URLs', () => {
  const servers: http.Server[] = [];
  afterAll(async () => {
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
  });

  it('a dns+ URL reads every worker pod behind the name, IPv4 first; plain URLs stay one endpoint', async () => {
    servers.push(await metricsServer('127.0.0.1', 0, 2));
    const port = (servers[0]!.address() as AddressInfo).port;
    servers.push(await metricsServer('127.0.0.2', port, 5));
    const lookup: AddressLookup = async (host) => (host === 'synthflux-worker' ? [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }, { address: '127.0.0.2', family: 4 }] : []);
    expect(await expandWorkerMetricsUrls([`dns+http://synthflux-worker:${port}/metrics`, 'http://10.0.0.9:9465/metrics'], lookup)).toEqual({
      urls: [`http://127.0.0.1:${port}/metrics`, `http://127.0.0.2:${port}/metrics`, 'http://10.0.0.9:9465/metrics'],
      errors: [],
    });
    const view = await poolFromWorkerMetrics([`dns+http://synthflux-worker:${port}/metrics`], { lookup });
    expect(view).toEqual({ size: 6, capacity: 24, inFlight: 7, utilisation: 7 / 24, workers: 2, errors: [] });
  });

  it('a name that does not resolve is an error in the view, not a failure', async () => {
    const view = await poolFromWorkerMetrics(['dns+http://no-such-worker.invalid:9465/metrics']);
    expect(view.workers).toBe(0);
    expect(view.errors).toEqual([expect.stringMatching(/^no-such-worker\.invalid:9465: .*ENOTFOUND/)]);
  });
});
