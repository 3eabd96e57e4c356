import { describe, expect, it } from 'vitest';
import {
  UpstreamBusyError,
  UpstreamHtmlError,
  UpstreamMalformedError,
  UpstreamNetworkError,
  UpstreamStatusError,
  UpstreamTimeoutError,
  UpstreamTooLargeError,
} from '../../src/errors/index.js';
import type { FaultKind } from '../../src/simulator/faults.js';
import { ThreatCrowdClient } from '../../src/threatcrowd/client.js';
import { clientFor, useLimiter, useSimulator } from '../support/simulator.js';

describe('ThreatCrowd client against the simulator', () => {
  it('GIVEN a recorded domain THEN domain() returns the normalised report', async () => {
    const sim = await useSimulator();
    const report = await clientFor(sim).domain('aoldaily.com');
    expect(report.found).toBe(true);
    expect(report.emails).toContain('william19770319@yahoo.com');
    expect(sim.requests[0]).toMatchObject({ endpoint: 'domain', value: 'aoldaily.com', status: 200 });
  });

  it('GIVEN each endpoint THEN the right path and parameter are used', async () => {
    const sim = await useSimulator();
    const client = clientFor(sim);
    expect((await client.ip('188.40.75.132')).resolutions.length).toBeGreaterThan(10);
    expect((await client.email('william19770319@yahoo.com')).domains).toContain('cnndaily.com');
    expect((await client.antivirus('plugx')).hashes.length).toBe(50);
    expect((await client.file('EC8C89AA5E521572C74E2DD02A4DAF78')).sha1).toBe('01f5c3905f2098650f16f50a1b26156586238bfe');
    expect(sim.requests.map((r) => r.value)).toEqual([
      '188.40.75.132',
      'william19770319@yahoo.com',
      'plugx',
      'ec8c89aa5e521572c74e2dd02a4daf78',
    ]);
  });

  it('GIVEN an unknown value THEN the report is not found', async () => {
    const sim = await useSimulator();
    expect((await clientFor(sim).domain('never-seen.example.org')).found).toBe(false);
  });

  it('GIVEN a value with & and spaces THEN it is URL-encoded', async () => {
    const sim = await useSimulator();
    await clientFor(sim).antivirus('a&b c');
    expect(sim.requests[0]?.value).toBe('a&b c');
  });

  it('GIVEN a vote THEN vote.php gets vote=0 for malicious and vote=1 for not malicious', async () => {
    const sim = await useSimulator();
    const client = clientFor(sim);
    await client.vote('evil.com', true);
    await client.vote('good.com', false);
    expect(sim.votes.map((v) => [v.value, v.vote])).toEqual([
      ['evil.com', '0'],
      ['good.com', '1'],
    ]);
  });

  it('GIVEN the text/html content type on JSON THEN the answer still parses', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'text-html' }] });
    expect((await clientFor(sim).domain('aoldaily.com')).found).toBe(true);
  });

  it('GIVEN an empty body THEN the report is not found', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'empty-body' }] });
    expect((await clientFor(sim).ip('188.40.75.132')).found).toBe(false);
  });

  const failures: Array<[FaultKind, new (...args: never[]) => Error]> = [
    ['http-503', UpstreamStatusError],
    ['html-page', UpstreamHtmlError],
    ['too-many-connections', UpstreamBusyError],
    ['truncated-json', UpstreamMalformedError],
    ['reset', UpstreamNetworkError],
  ];
  it.each(failures)('GIVEN the %s fault on every try THEN the typed error surfaces after the bounded retries', async (kind, type) => {
    const sim = await useSimulator({ faults: [{ kind }] });
    await expect(clientFor(sim, { retries: 2 }).domain('aoldaily.com')).rejects.toBeInstanceOf(type);
    expect(sim.requests).toHaveLength(3);
  });

  it('GIVEN a fault on the first try only THEN the retry succeeds', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'http-503', times: 1 }] });
    expect((await clientFor(sim).domain('aoldaily.com')).found).toBe(true);
    expect(sim.requests.map((r) => r.status)).toEqual([503, 200]);
  });

  it('GIVEN retries THEN the backoff doubles with jitter', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'http-503' }] });
    const sleeps: number[] = [];
    const client = clientFor(sim, { retries: 3, backoffMs: 100, random: () => 1, sleep: async (ms) => void sleeps.push(ms) });
    await expect(client.domain('aoldaily.com')).rejects.toThrow();
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('GIVEN a body over the cap THEN it is an error, not a crash, and is not retried', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'huge-body' }] });
    // A generous deadline: building and sending 16 MB took over 2 s on a loaded machine, and a timeout is retried.
    const client = clientFor(sim, { maxBodyBytes: 1024 * 1024, timeoutMs: 60_000 });
    await expect(client.domain('aoldaily.com')).rejects.toBeInstanceOf(UpstreamTooLargeError);
    expect(sim.requests).toHaveLength(1);
  });

  it('GIVEN an answer slower than the timeout THEN it is a timeout error', async () => {
    const sim = await useSimulator({ latencyMs: 500 });
    await expect(clientFor(sim, { timeoutMs: 100, retries: 0 }).domain('aoldaily.com')).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });

  it('GIVEN a host that refuses connections THEN it is a network error naming the cause, without the value', async () => {
    const sim = await useSimulator();
    await sim.close(); // the port is now closed
    const client = new ThreatCrowdClient({ baseUrl: sim.url, limiter: useLimiter(), retries: 0 });
    const error = await client.domain('secret-lookup.com').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).message).not.toContain('secret-lookup');
  });

  it('GIVEN a malformed base URL THEN construction fails with a TypeError', () => {
    expect(() => new ThreatCrowdClient({ baseUrl: 'not a url' })).toThrow(TypeError);
  });
});
