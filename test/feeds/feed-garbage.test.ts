/**
 * A feed download answered with 200 and something that is not the feed ("Too many connections", an HTML page, an
 * empty body) keeps the previous copy: nothing drops off the feed, nothing false is stored for other replicas,
 * and no watch on a feed value says it left the feed.
 */
import { describe, expect, it } from 'vitest';
import { readFeed } from '../../src/feeds/crowd-feeds.js';
import { createTestBot } from '../support/test-bot.js';
import { recordingOutbound, sleep } from '../watch/support.js';

const INTERVAL_MS = 180;

describe('reading a feed body', () => {
  it('GIVEN a list of values with comments and blank lines THEN each value in the form lookups compare', () => {
    expect(readFeed('domains', '# votes\nAOLdaily.com\n\nbücher.de\n')).toEqual(new Set(['aoldaily.com', 'xn--bcher-kva.de']));
    expect(readFeed('ips', '188.40.75.132\n2001:db8::1\n')?.size).toBe(2);
    expect(readFeed('hashes', 'ec8c89aa5e521572c74e2dd02a4daf78\n')?.size).toBe(1);
  });

  it('GIVEN an HTML page, a busy notice, or hashes where IPs belong THEN it is not the feed', () => {
    expect(readFeed('domains', '<html><body>Checking your browser…</body></html>')).toBeNull();
    expect(readFeed('domains', 'Too many connections')).toBeNull();
    expect(readFeed('ips', 'ec8c89aa5e521572c74e2dd02a4daf78\n')).toBeNull();
  });

  it('GIVEN an empty body THEN an empty feed, which refresh does not believe over a feed it holds', () => {
    expect(readFeed('ips', '')).toEqual(new Set());
  });

  it('GIVEN 1,000 lines of 10 domains repeated and 5 odd lines THEN the 10 domains are read (the share is of lines)', () => {
    const domains = Array.from({ length: 10 }, (_, i) => `evil${i}.com`);
    const lines = [...Array.from({ length: 100 }, () => domains).flat(), ...Array.from({ length: 5 }, (_, i) => `bad_host${i}.com`)];
    expect(readFeed('domains', lines.join('\r\n'))?.size).toBe(10);
  });

  it('GIVEN the messy forms of a real list (BOM, CRLF, capitals, Unicode, trailing dots, comments) THEN every value is read', () => {
    const feed = readFeed('domains', '\uFEFF# ThreatCrowd\r\nEVIL.com.\r\nmünchen-evil.de\r\n\r\nbad.org\r\n');
    expect(feed && [...feed]).toEqual(['evil.com', 'xn--mnchen-evil-thb.de', 'bad.org']);
  });

  it('GIVEN a long feed with a stray line THEN the feed is read without it', () => {
    const body = [...Array.from({ length: 50 }, (_, i) => `host${i}.sample-corp.com`), '<br>'].join('\n');
    expect(readFeed('domains', body)?.size).toBe(50);
  });
});

describe('crowd feeds against a garbage answer', () => {
  for (const kind of ['too-many-connections', 'html-page', 'empty-body'] as const) {
    it(`GIVEN a feed download answered with ${kind} THEN the previous feed is kept, stored, and no watch note is posted`, async () => {
      const t = await createTestBot({ WATCH_INTERVAL_HOURS: String(INTERVAL_MS / 3_600_000) });
      const outbound = recordingOutbound();
      t.bot.registerOutbound(outbound);
      t.sim.setFeed('domains', ['aoldaily.com']);
      await t.services.feeds.refresh();
      await t.command('aoldaily.com');
      await t.command('watch aoldaily.com');
      await sleep(INTERVAL_MS + 40);
      await t.watching.scheduler.runDue();

      t.sim.addFault({ kind, path: '/feeds/domains.txt', times: 1 });
      expect(await t.services.feeds.refresh()).toBe(false);
      expect(t.services.feeds.has({ type: 'domain', value: 'aoldaily.com' })).toBe(true);
      await t.services.feeds.load(); // what another replica or a restart reads from the store
      expect(t.services.feeds.has({ type: 'domain', value: 'aoldaily.com' })).toBe(true);
      await sleep(INTERVAL_MS + 40);
      await t.watching.scheduler.runDue();
      expect(outbound.posted).toEqual([]);
    });
  }
});
