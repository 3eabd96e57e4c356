/** `/healthz` (the process runs), `/readyz` (adapters connected, store reachable) and `/metrics` on HTTP_PORT. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

export interface HealthChecks {
  /** Named readiness checks; all must pass. */
  readonly ready: Record<string, () => boolean | Promise<boolean>>;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(port: number, host: string, checks: HealthChecks, metrics: Metrics): Promise<HealthServer> {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    try {
      if (path === '/healthz') return send(200, 'application/json', '{"status":"ok"}');
      if (path === '/readyz') {
        const results: Record<string, boolean> = {};
        for (const [name, check] of Object.entries(checks.ready)) results[name] = await Promise.resolve(check()).catch(() => false);
        const ok = Object.values(results).every(Boolean);
        return send(ok ? 200 : 503, 'application/json', JSON.stringify({ status: ok ? 'ready' : 'not ready', checks: results }));
      }
      if (path === '/metrics') return send(200, metrics.registry.contentType, await metrics.registry.metrics());
      return send(404, 'text/plain', 'not found');
    } catch (error) {
      return send(500, 'text/plain', String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
