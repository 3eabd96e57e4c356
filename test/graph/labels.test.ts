import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { labelFor, MAX_LABEL_CHARS } from '../../src/graph/label-text.js';
import { emptyReport, type Report } from '../../src/report/report.js';
import { HOSTILE_VALUES, hostileReport, isLive } from '../support/graphs.js';

const INVISIBLE = /[\p{Cc}\p{Cf}\p{M}]/u;

describe('graph labels', () => {
  it('GIVEN indicators THEN labels are defanged like every indicator the bot prints', () => {
    expect(labelFor('domain', 'evil.example.com')).toBe('evil.example[.]com');
    expect(labelFor('ip', '45.77.12.34')).toBe('45.77.12[.]34');
    expect(labelFor('email', 'admin@evilupdate.top')).toBe('admin[@]evilupdate[.]top');
    expect(labelFor('reference', 'https://blog.example.org/x')).toBe('hxxps://blog[.]example[.]org/x');
    // A hash keeps both ends (readable at chat size; the alt text and the summary hold it whole).
    expect(labelFor('hash', 'ec8c89aa5e521572c74e2dd02a4daf78')).toBe('ec8c89aa…2a4daf78');
  });

  it('GIVEN control, bidi and zero-width characters THEN none survive', () => {
    expect(labelFor('domain', 'a\u202eusertxt.exe.evil.top')).toBe('a usertxt.exe.evil[.]top');
    expect(labelFor('domain', 'bell\u0007\u001b[31mred.evil.top')).not.toMatch(INVISIBLE);
    expect(labelFor('domain', 'zero\u200bwidth.evil.top')).toBe('zero width.evil[.]top');
  });

  it('GIVEN chat markup and mention syntax THEN it is removed and no @ is left bare', () => {
    expect(labelFor('domain', '<!channel>.evil.top')).toBe('.evil[.]top');
    expect(labelFor('domain', '<@U024BE7LH>.evil.top')).toBe('.evil[.]top');
    expect(labelFor('domain', '@everyone.evil.top')).toBe('[@]everyone.evil[.]top');
    expect(labelFor('detection', '@here')).toBe('[@]here');
  });

  it('GIVEN a look-alike internationalised name THEN it is shown in punycode', () => {
    expect(labelFor('domain', 'аpple.com')).toBe('xn--pple-43d[.]com');
  });

  it('GIVEN a very long value THEN the label is cut, keeping the end of a name and the start of a reference', () => {
    const name = labelFor('domain', `${'x'.repeat(300)}.evil.top`);
    expect([...name].length).toBe(MAX_LABEL_CHARS);
    expect(name.endsWith('.evil[.]top')).toBe(true);
    expect(labelFor('reference', `https://site.org/${'y'.repeat(300)}`).startsWith('hxxps://site[.]org/')).toBe(true);
  });

  it('GIVEN every hostile value as every kind THEN each label is visible, short, and never a live link', () => {
    for (const kind of ['domain', 'ip', 'email', 'reference', 'hash', 'detection', 'family'] as const) {
      for (const value of HOSTILE_VALUES) {
        const label = labelFor(kind, kind === 'email' ? `${value}@evil.top` : value);
        expect(label).not.toMatch(INVISIBLE);
        expect([...label].length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
        expect(isLive({ kind, label }), `${kind} ${JSON.stringify(label)}`).toBe(false);
      }
    }
  });

  it('GIVEN the hostile report THEN no node of its graph is live', () => {
    const live = buildGraph(hostileReport(10_000)).nodes.filter(isLive);
    expect(live).toEqual([]);
  });

  it('GIVEN a cut through a defanging bracket THEN the half bracket is dropped, never left to read as live', () => {
    expect(labelFor('reference', 'https://blog.example.org/x.php')).toBe('hxxps://blog[.]example[.]org/x…');
  });

  it('GIVEN hostile names that draw alike THEN each label gets its own short mark, and a lone label none', () => {
    const long = 'x'.repeat(60);
    const at = '2026-12-01T00:00:00.000Z';
    // Two names cut to the same tail.
    const domain: Report = {
      ...emptyReport('domain', 'alike.example.net', at),
      found: true,
      subdomains: [`a${long}.alike.example.net`, `b${long}.alike.example.net`, 'www.alike.example.net'],
    };
    const labels = buildGraph(domain).nodes.map((n) => n.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((l) => / #[0-9a-f]{4}$/.test(l))).toHaveLength(2);
    expect(labels).toContain('www.alike.example[.]net');
    expect(buildGraph(domain).nodes.map((n) => n.label)).toEqual(labels); // stable: the mark is of the value
    // Two detections that differ only in characters the shipped font cannot draw (both would read "Trojan.?").
    const file: Report = {
      ...emptyReport('file', 'ec8c89aa5e521572c74e2dd02a4daf78', at),
      found: true,
      scans: ['Trojan.\u{1F600}', 'Trojan.\u{1F47E}'],
    };
    const detections = buildGraph(file)
      .nodes.filter((n) => n.kind === 'detection')
      .map((n) => n.label);
    expect(detections).toHaveLength(2);
    expect(new Set(detections).size).toBe(2);
    for (const label of detections) expect(label).toMatch(/^Trojan\.\? #[0-9a-f]{4}$/);
  });
});
