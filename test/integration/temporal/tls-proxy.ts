// A TLS-terminating TCP proxy in front of the plaintext Temporal dev server: what a Temporal
// cluster with mTLS looks like to its clients. It presents a server certificate, demands a client
// certificate signed by `ca` (the handshake fails without one), negotiates HTTP/2 as gRPC needs,
// and forwards the bytes.

import net from 'node:net';
import tls from 'node:tls';
import fs from 'node:fs';

export interface TlsProxy {
  port: number;
  /** Common names of the client certificates that got through. */
  accepted: string[];
  /** Handshakes refused (no client certificate, or one from another CA). */
  refused: number;
  close(): Promise<void>;
}

export function startTlsProxy(opts: { target: string; cert: string; key: string; ca: string }): Promise<TlsProxy> {
  const [host, port] = opts.target.split(':') as [string, string];
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };
  const proxy: Omit<TlsProxy, 'port' | 'close'> = { accepted: [], refused: 0 };
  const server = tls.createServer(
    { cert: fs.readFileSync(opts.cert), key: fs.readFileSync(opts.key), ca: fs.readFileSync(opts.ca), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] },
    (client) => {
      track(client);
      const cn = client.getPeerCertificate().subject?.CN;
      proxy.accepted.push(Array.isArray(cn) ? cn.join(',') : String(cn));
      const upstream = net.connect({ host, port: Number(port) });
      track(upstream);
      client.pipe(upstream).pipe(client);
    },
  );
  server.on('tlsClientError', () => {
    proxy.refused += 1;
  });
  server.on('connection', track);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(Object.assign(proxy, {
        port: (server.address() as net.AddressInfo).port,
        close: () => {
          for (const s of sockets) s.destroy();
          return new Promise<void>((done) => server.close(() => done()));
        },
      })),
    ),
  );
}
