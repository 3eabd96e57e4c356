import { describe, expect, it } from 'vitest';
import { emptyReport, type Report } from '../../src/report/report.js';
import { changesSince, snapshotOf } from '../../src/watch/watch-diff.js';
import { changeNote } from '../../src/watch/watch-note.js';

const report = (source: string, extra: Partial<Report> = {}): Report => ({
  ...emptyReport('domain', 'aoldaily.com', '2026-12-01T00:00:00Z', source),
  found: true,
  ...extra,
});

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
});
