import { describe, expect, it } from 'vitest';
import { useSimulator } from '../support/simulator.js';

const get = (url: string, init?: RequestInit) => fetch(url, init);

describe('the ThreatCrowd simulator', () => {
  it('GIVEN a recorded value THEN it serves the recorded body, the IP endpoint as text/html', async () => {
    const sim = await useSimulator();
    const res = await get(`${sim.url}/searchApi/v2/ip/report/?ip=188.40.75.132`);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('tvgate.rocks');
  });

  it('GIVEN an unknown value THEN it answers {"response_code":"0"}', async () => {
    const sim = await useSimulator();
    expect(await (await get(`${sim.url}/searchApi/v2/domain/report/?domain=nope.org`)).text()).toBe('{"response_code":"0"}');
  });

  it('GIVEN a fault for two requests THEN exactly two requests get it and each is logged with a timestamp', async () => {
    const sim = await useSimulator({ faults: [{ kind: 'http-503', times: 2 }] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`${sim.url}/searchApi/v2/domain/report/?domain=aoldaily.com`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sim.requests.map((r) => r.fault)).toEqual(['http-503', 'http-503', null]);
    expect(sim.requests.every((r) => !Number.isNaN(Date.parse(r.at)))).toBe(true);
  });

  it('GIVEN more requests and votes than the log keeps THEN the newest are kept, and the log stays bounded', async () => {
    const sim = await useSimulator({ logLimit: 20 });
    for (let i = 0; i < 60; i++) {
      const ask = i % 2 === 0 ? `searchApi/v2/domain/report/?domain=h${i}.sample-corp.com` : `vote.php?vote=1&value=v${i}.sample-corp.com`;
      await get(`${sim.url}/${ask}`);
    }
    expect(sim.requests).toHaveLength(20);
    expect(sim.served()).toBe(60);
    expect(sim.requests.at(-1)?.value).toBe('v59.sample-corp.com');
    expect(sim.votes).toHaveLength(20);
    expect(sim.votes.at(-1)?.value).toBe('v59.sample-corp.com');
  });

  it('GIVEN a fault posted to the control endpoint THEN it applies, and DELETE clears it', async () => {
    const sim = await useSimulator();
    await get(`${sim.url}/__simulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'too-many-connections' }) });
    expect(await (await get(`${sim.url}/searchApi/v2/domain/report/?domain=aoldaily.com`)).text()).toBe('Too many connections');
    await get(`${sim.url}/__simulator/faults`, { method: 'DELETE' });
    expect((await get(`${sim.url}/searchApi/v2/domain/report/?domain=aoldaily.com`)).status).toBe(200);
    const log = (await (await get(`${sim.url}/__simulator/log`)).json()) as { requests: unknown[] };
    expect(log.requests).toHaveLength(2);
  });

  it('GIVEN an unknown fault kind on the control endpoint THEN it is refused', async () => {
    const sim = await useSimulator();
    expect((await get(`${sim.url}/__simulator/faults`, { method: 'POST', body: '{"kind":"meteor"}' })).status).toBe(400);
  });

  it('GIVEN a vote THEN it is recorded; a malformed vote is refused', async () => {
    const sim = await useSimulator();
    expect((await get(`${sim.url}/vote.php?vote=0&value=evil.com`)).status).toBe(200);
    expect((await get(`${sim.url}/vote.php?vote=5&value=evil.com`)).status).toBe(400);
    expect(sim.votes).toEqual([expect.objectContaining({ value: 'evil.com', vote: '0' })]);
  });
});

describe('threatcrowd-bot simulate', () => {
  it('GIVEN it starts THEN its banner gives the variables for ThreatCrowd and OTX, and its answers say they are simulated', async () => {
    const { runSimulate } = await import('../../src/cli/simulate-command.js');
    let out = '';
    const write = (s: string) => {
      out += s;
      return true;
    };
    const io = { stdout: { write }, stderr: process.stderr, env: {} } as never;
    const simulator = await runSimulate({ port: '0', quiet: true }, io);
    try {
      expect(out).toContain(`THREATCROWD_URL=${simulator.url}`);
      expect(out).toContain(`OTX_URL=${simulator.url}`);
      const answer = await fetch(`${simulator.url}/searchApi/v2/domain/report/?domain=aoldaily.com`);
      expect(answer.headers.get('x-threatcrowd-simulator')).not.toBeNull();
    } finally {
      await simulator.close();
    }
  });
});

describe('swapping an answer at run time', () => {
  it('GIVEN POST /__simulator/answers THEN the next request gets the new answer; a malformed swap is refused and changes nothing', async () => {
    const sim = await useSimulator();
    const url = `${sim.url}/searchApi/v2/domain/report/?domain=aoldaily.com`;
    const swap = (body: unknown) =>
      fetch(`${sim.url}/__simulator/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await swap({ endpoint: 'domain', value: 'AOLDAILY.com', answer: { response_code: '1', hashes: ['abc'] } })).status).toBe(204);
    expect(await (await get(url)).json()).toEqual({ response_code: '1', hashes: ['abc'] });
    expect((await swap({ endpoint: 'vote.php', value: 'x', answer: {} })).status).toBe(400);
    expect((await swap({ endpoint: 'domain', value: '', answer: {} })).status).toBe(400);
    expect((await fetch(`${sim.url}/__simulator/answers`, { method: 'POST', body: '{not json' })).status).toBe(400);
    expect(await (await get(url)).json()).toEqual({ response_code: '1', hashes: ['abc'] });
  });
});
