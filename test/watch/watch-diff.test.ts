import { describe, expect, it } from 'vitest';
import { emptyReport, type Report } from '../../src/report/report.js';
import { normaliseReport } from '../../src/threatcrowd/parse.js';
import { changesSince, SNAPSHOT_LIST_MAX, type Snapshot, snapshotOf } from '../../src/watch/watch-diff.js';
import { changeNote } from '../../src/watch/watch-note.js';

const report = (source: string, extra: Partial<Report> = {}): Report => ({
  ...emptyReport('domain', 'aoldaily.com', '2026-12-01T00:00:00Z', source),
  found: true,
  ...extra,
});

/** A fixed shuffle (upstream's order is no order). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('comparing a watch’s answers', () => {
  it('GIVEN only ThreatCrowd answers kept WHEN OTX answers (ThreatCrowd down) THEN no change, only a first OTX snapshot', () => {
    const last = { snapshots: { threatcrowd: snapshotOf(report('threatcrowd', { subdomains: ['a.aoldaily.com'] })) }, onFeed: false };
    const { changes, snapshot } = changesSince(last, report('otx', { subdomains: ['b.aoldaily.com'] }), null);
    expect(changes).toEqual([]);
    expect(snapshot.subdomains).toEqual(['b.aoldaily.com']);
  });

  it('GIVEN OTX starting to know it THEN the note says AlienVault OTX now knows it', () => {
    const last = { snapshots: { otx: snapshotOf(report('otx', { found: false })) }, onFeed: null };
    const { changes } = changesSince(last, report('otx'), null);
    expect(changeNote({ type: 'domain', value: 'aoldaily.com' }, changes)).toBe(
      '🔔 Watched aoldaily[.]com changed:\n• AlienVault OTX now knows it',
    );
  });

  it('GIVEN the same items in another order or case THEN nothing changed; removed items are not news', () => {
    const last = {
      snapshots: { threatcrowd: snapshotOf(report('threatcrowd', { hashes: ['AA11', 'bb22'], subdomains: ['x.aoldaily.com'] })) },
      onFeed: null,
    };
    expect(changesSince(last, report('threatcrowd', { hashes: ['bb22', 'aa11'] }), null).changes).toEqual([]);
  });

  describe('lists longer than a snapshot keeps', () => {
    const many = Array.from({ length: 2500 }, (_, i) => `s${String(i).padStart(4, '0')}.aoldaily.com`);
    const kept = (subdomains: string[]) => ({
      snapshots: { threatcrowd: snapshotOf(report('threatcrowd', { subdomains })) },
      onFeed: null,
    });

    it('GIVEN 2,500 subdomains answered again in reverse order THEN nothing changed', () => {
      expect(changesSince(kept(many), report('threatcrowd', { subdomains: [...many].reverse() }), null).changes).toEqual([]);
    });

    it('GIVEN a new subdomain among the items kept THEN it is news; one past them is not judged, never reported falsely', () => {
      const { changes } = changesSince(
        kept(many),
        report('threatcrowd', { subdomains: ['s0000a.aoldaily.com', 'zzz.aoldaily.com', ...many] }),
        null,
      );
      expect(changes).toEqual([{ kind: 'new-items', list: 'subdomains', items: ['s0000a.aoldaily.com'] }]);
    });
  });

  describe('snapshots across the upgrade to sorted lists, at the cap, and in other notations', () => {
    const reportOf = (extra: Partial<Report> = {}) => report('threatcrowd', extra);
    it('GIVEN a snapshot stored before the upgrade (2,500 subdomains cut at 2,000 in upstream order) WHEN the same answer comes again THEN nothing changed', () => {
      const upstream = shuffled(Array.from({ length: 2500 }, (_, i) => `s${String(i).padStart(4, '0')}.aoldaily.com`));
      // What the previous release stored: the first 2,000 in upstream's order, unsorted.
      const old: Snapshot = { found: true, votes: null, resolutions: [], subdomains: upstream.slice(0, SNAPSHOT_LIST_MAX), hashes: [] };
      const { changes } = changesSince({ snapshots: { threatcrowd: old }, onFeed: null }, reportOf({ subdomains: upstream }), null);
      const reported = changes.flatMap((c) => (c.kind === 'new-items' ? c.items : []));
      expect(reported.length).toBe(0);
    });

    it('GIVEN a list of exactly 2,000 items (none cut) WHEN one is replaced by a new one sorting last THEN the new one is reported', () => {
      const items = Array.from({ length: SNAPSHOT_LIST_MAX }, (_, i) => `h${String(i).padStart(4, '0')}.aoldaily.com`);
      const last = { snapshots: { threatcrowd: snapshotOf(reportOf({ subdomains: items })) }, onFeed: null };
      const next = [...items.slice(1), 'zz-new.aoldaily.com'];
      const { changes } = changesSince(last, reportOf({ subdomains: next }), null);
      expect(changes).toEqual([{ kind: 'new-items', list: 'subdomains', items: ['zz-new.aoldaily.com'] }]);
    });

    it('GIVEN an IPv6 resolution answered in another notation (same address) THEN nothing changed', () => {
      const answer = (ip: string) =>
        normaliseReport(
          'domain',
          'aoldaily.com',
          { response_code: '1', resolutions: [{ last_resolved: '2026-11-01', ip_address: ip }] },
          'x',
        );
      const last = { snapshots: { threatcrowd: snapshotOf(answer('2001:db8::1')) }, onFeed: null };
      const { changes } = changesSince(last, answer('2001:0db8:0000:0000:0000:0000:0000:0001'), null);
      expect(changes).toEqual([]);
    });
  });
});
