/** Provider requests and redirects: an API key never reaches a second origin. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OtxClient } from '../../src/providers/otx/otx-client.js';
import { closeAfterTest } from '../support/servers.js';
import { useLimiter } from '../support/simulator.js';

const KEY = 'otx-key-that-must-stay-home';
const GENERAL = JSON.stringify({ pulse_info: { count: 1, pulses: [] }, validation: [] });

/** A server that records each request's headers and answers with `route(path)`: a redirect or JSON. */
async function recordingServer(route: (path: string) => { status: number; location?: string; body?: string }) {
  const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    const answer = route(req.url ?? '');
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.location ? { location: answer.location } : {}) });
    res.end(answer.body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeAfterTest(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const otx = (baseUrl: string) => new OtxClient({ baseUrl, apiKey: KEY, limiter: useLimiter() });

describe('redirects', () => {
  it('GIVEN OTX redirects to another origin THEN the redirect is followed without X-OTX-API-KEY', async () => {
    const elsewhere = await recordingServer(() => ({ status: 200, body: GENERAL }));
    const home = await recordingServer((path) => ({ status: 302, location: `${elsewhere.url}${path}` }));
    const report = await otx(home.url).report('domain', 'aoldaily.com');
    expect(report.found).toBe(true);
    expect(home.seen.every((r) => r.headers['x-otx-api-key'] === KEY)).toBe(true);
    expect(elsewhere.seen.length).toBeGreaterThan(0);
    for (const request of elsewhere.seen) expect(JSON.stringify(request.headers)).not.toContain(KEY);
  });

  it('GIVEN a redirect within the same origin THEN the key goes along', async () => {
    const home = await recordingServer((path) =>
      path.startsWith('/moved/') ? { status: 200, body: GENERAL } : { status: 301, location: `/moved${path}` },
    );
    await otx(home.url).report('domain', 'aoldaily.com');
    const moved = home.seen.filter((r) => r.path.startsWith('/moved/'));
    expect(moved.length).toBeGreaterThan(0);
    for (const request of moved) expect(request.headers['x-otx-api-key']).toBe(KEY);
  });

  it('GIVEN a redirect that goes back to OTX through another host THEN that host never sees the key', async () => {
    const home = await recordingServer((path) =>
      path.startsWith('/back/') ? { status: 200, body: GENERAL } : { status: 302, location: '' },
    );
    const hop = await recordingServer((path) => ({ status: 307, location: `${home.url}/back${path}` }));
    const start = await recordingServer((path) => ({ status: 302, location: `${hop.url}${path}` }));
    await otx(start.url).report('domain', 'aoldaily.com');
    for (const request of hop.seen) expect(JSON.stringify(request.headers)).not.toContain(KEY);
    for (const request of home.seen) expect(JSON.stringify(request.headers)).not.toContain(KEY);
  });

  it('GIVEN a redirect loop THEN the lookup fails as an upstream error after a few hops, not forever', async () => {
    const loop = await recordingServer((path) => ({ status: 302, location: path }));
    await expect(otx(loop.url).report('domain', 'aoldaily.com')).rejects.toMatchObject({ kind: 'status', status: 302 });
    expect(loop.seen.length).toBeLessThanOrEqual(3 * 6);
  });
});
