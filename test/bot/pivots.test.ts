/** Pivots through the whole core: the menu a summary carries, and a choice in it answered like a person's lookup. */
import { describe, expect, it } from 'vitest';
import { type Reply, settleReplies } from '../../src/core/reply.js';
import type { PivotMenu } from '../../src/summary/pivot-menu.js';
import { cpuTimeOf } from '../support/cpu-time.js';
import { liveIndicators } from '../support/output-checks.js';
import { createTestBot, type TestBot } from '../support/test-bot.js';

type Summary = Reply & { kind: 'summary' };

function onlySummary(replies: readonly Reply[]): Summary {
  const summaries = replies.filter((r): r is Summary => r.kind === 'summary');
  if (summaries.length !== 1) throw new Error(`expected one summary, got ${JSON.stringify(replies).slice(0, 400)}`);
  return summaries[0] as Summary;
}

const optionValues = (menu: PivotMenu | null | undefined) => (menu?.groups ?? []).flatMap((g) => g.options.map((o) => o.value));
const pivot = (t: TestBot, choice: string, from?: string) =>
  t.bot.handle({ platform: 'console', userId: 'U1', channelId: 'C1', text: '', kind: 'pivot', pivot: { choice, from } });

describe('the "Look up related…" menu', () => {
  it('GIVEN a domain summary THEN its menu offers resolutions and e-mails, labelled defanged, and never a reserved address', async () => {
    const t = await createTestBot();
    const summary = onlySummary(await t.command('aoldaily[.]com'));
    const menu = summary.pivots;
    expect(menu?.from).toEqual({ type: 'domain', value: 'aoldaily.com' });
    expect(menu?.groups.map((g) => g.title)).toEqual(['Resolutions', 'E-mails']);
    const resolutions = menu?.groups[0]?.options ?? [];
    expect(resolutions).toContainEqual(
      expect.objectContaining({ value: 'i:50.116.42.33', label: '50.116.42[.]33', detail: 'last resolved 2013-09-03' }),
    );
    expect(optionValues(menu)).not.toContain('i:0.0.0.0');
    expect(menu?.groups[1]?.options.map((o) => o.label)).toContain('william19770319[@]yahoo[.]com');
  });

  it('GIVEN IGNORE_DOMAINS names a related domain THEN the menu leaves it out', async () => {
    const t = await createTestBot({ IGNORE_DOMAINS: 'yahoo.com' });
    const summary = onlySummary(await t.command('aoldaily[.]com'));
    expect(optionValues(summary.pivots).filter((v) => v.includes('yahoo'))).toEqual([]);
  });

  it('GIVEN 10,000 subdomains, markup, mentions and private addresses upstream THEN at most 100 options, each a valid public indicator', async () => {
    const t = await createTestBot();
    const subdomains = Array.from({ length: 10_000 }, (_, i) => `s${i}.hostile-pivots.top`);
    t.sim.setAnswer(
      'domain',
      'hostile-pivots.top',
      JSON.stringify({
        response_code: '1',
        resolutions: [
          { ip_address: '10.0.0.7', last_resolved: '2020-01-01' },
          { ip_address: '<!channel> 1.2.3.4', last_resolved: '2020-01-01' },
          { ip_address: '127.0.0.1', last_resolved: '2020-01-01' },
          { ip_address: '45.77.12.34', last_resolved: '<@U123>' },
        ],
        subdomains: ['intranet.corp.internal', '<@U999>.evil.top', '*.wild.top', ...subdomains],
        hashes: ['<script>', '0123456789abcdef0123456789abcdef'],
        emails: ['@everyone@evil.top', 'root@localhost', 'ops@evilupdate.top'],
      }),
    );
    const { value: replies, cpuMs } = await cpuTimeOf(() => t.command('hostile-pivots[.]top'));
    // CPU time, which load does not stretch: building the menu from 10,000 subdomains is linear work.
    expect(cpuMs).toBeLessThan(5000);
    const menu = onlySummary(replies).pivots;
    const values = optionValues(menu);
    expect(values.length).toBeLessThanOrEqual(100);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toContain('i:45.77.12.34');
    expect(values).toContain('f:0123456789abcdef0123456789abcdef');
    expect(values).toContain('e:ops@evilupdate.top');
    expect(values.join(' ')).not.toMatch(/10\.0\.0\.7|127\.0\.0\.1|internal|localhost|<|@everyone|U999|1\.2\.3\.4/);
    // Fair shares: the subdomains leave room for the other kinds.
    expect(menu?.groups.map((g) => g.title)).toEqual(['Resolutions', 'Subdomains', 'Hashes', 'E-mails']);
    for (const option of menu?.groups.flatMap((g) => g.options) ?? []) {
      expect(option.label).not.toMatch(/[<>]/);
      expect(liveIndicators(option.label)).toEqual([]);
    }
  });
});

describe('choosing a related indicator', () => {
  it('GIVEN a related resolution chosen THEN its summary comes with the breadcrumb and its own menu: one upstream request, then the cache', async () => {
    const t = await createTestBot();
    await t.command('188.40.75[.]132');
    const before = t.sim.requests.length;
    const first = onlySummary(await pivot(t, 'i:188.40.75.132', 'd:aoldaily.com'));
    expect(first.via).toBe('aoldaily[.]com');
    expect(first.summary.display).toBe('188.40.75[.]132');
    expect(first.pivots?.from).toEqual({ type: 'ip', value: '188.40.75.132' });
    expect(t.sim.requests.length).toBe(before);

    const fresh = onlySummary(await pivot(t, 'e:william19770319@yahoo.com', 'd:aoldaily.com'));
    expect(fresh.summary.freshness).toBeNull();
    expect(t.sim.requests.filter((r) => r.endpoint === 'email')).toHaveLength(1);
    const again = onlySummary(await pivot(t, 'e:william19770319@yahoo.com', 'd:aoldaily.com'));
    expect(again.summary.freshness).toMatch(/^cached/);
    expect(t.sim.requests.filter((r) => r.endpoint === 'email')).toHaveLength(1);
  });

  it('GIVEN a pivot’s summary voted on THEN the summary edited with the tally keeps its breadcrumb', async () => {
    const t = await createTestBot();
    await t.command('aoldaily[.]com');
    const [id] = await t.post(await pivot(t, 'i:188.40.75.132', 'd:aoldaily.com'));
    const update = (await t.react('👎', id as string)).find((r) => r.kind === 'summary-update');
    expect(update).toMatchObject({ via: 'aoldaily[.]com' });
  });

  it('GIVEN a forged choice (a private address, a reserved name, an internal domain, garbage) THEN a private error and nothing sent upstream', async () => {
    const t = await createTestBot({ IGNORE_DOMAINS: 'corp.top' });
    for (const forged of [
      'i:10.0.0.1',
      'i:::ffff:192.168.1.1',
      'd:printer.local',
      'd:wiki.corp.top',
      'e:a@example.com',
      'x:evil.top',
      'd:',
      'd:<!channel>',
      `d:${'a'.repeat(5000)}.top`,
    ]) {
      const replies = await pivot(t, forged, 'd:aoldaily.com');
      expect(replies.map((r) => [r.kind, r.visibility])).toEqual([['error', 'ephemeral']]);
    }
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN a forged breadcrumb THEN the summary comes without it', async () => {
    const t = await createTestBot();
    const summary = onlySummary(await pivot(t, 'i:188.40.75.132', 'd:<@U1> 10.0.0.1'));
    expect(summary.via).toBeUndefined();
  });

  it('GIVEN ThreatCrowd down THEN a choice gets an honest private error, and the next choice works once it is back', async () => {
    const t = await createTestBot();
    t.sim.addFault({ kind: 'http-503', times: 1 });
    const down = await settleReplies(await pivot(t, 'i:45.77.12.34', 'd:evilupdate.top'));
    expect(down.map((r) => [r.kind, r.visibility])).toEqual([['error', 'ephemeral']]);
    expect(down[0]?.kind === 'error' && down[0].text).toContain('ThreatCrowd');
    const back = onlySummary(await settleReplies(await pivot(t, 'i:45.77.12.34', 'd:evilupdate.top')));
    expect(back.via).toBe('evilupdate[.]top');
  });

  it('GIVEN one person choosing ten related values at once THEN beyond their share of the queue they are told, and nothing else is held up', async () => {
    const t = await createTestBot({ MAX_QUEUED_PER_PERSON: '2', THREATCROWD_BURST: '1', THREATCROWD_INTERVAL_MS: '200' });
    const choices = Array.from({ length: 10 }, (_, i) => pivot(t, `d:host${i}.flood-corp.top`, 'd:evilupdate.top'));
    const replies = (await Promise.all(choices.map(async (c) => settleReplies(await c)))).flat();
    const refused = replies.filter((r) => r.kind === 'error' && /lookups waiting/.test(r.text));
    const answered = replies.filter((r) => r.kind === 'summary');
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(answered.length + refused.length).toBe(10);
    expect(refused.every((r) => r.visibility === 'ephemeral')).toBe(true);
    expect(t.sim.requests).toHaveLength(answered.length);
    // Another person is not held up by the first one's flood.
    const other = await settleReplies(
      await t.bot.handle({
        platform: 'console',
        userId: 'U2',
        channelId: 'C1',
        text: '',
        kind: 'pivot',
        pivot: { choice: 'i:45.77.12.34' },
      }),
    );
    expect(other.map((r) => r.kind)).toEqual(['summary']);
  });
});
