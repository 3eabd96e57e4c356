import { describe, expect, it } from 'vitest';
import { planBulk } from '../../src/bulk/plan-bulk.js';
import { UserError } from '../../src/errors/user-error.js';

describe('planBulk', () => {
  it('GIVEN a pasted list, defanged and repeated THEN each distinct value is one lookup with the form it was typed in', () => {
    const plan = planBulk(
      'evil[.]com\nhxxp://evil[.]com/payload.exe\n45.77.12[.]34\nadmin[@]evilupdate[.]top\nEC8C89AA5E521572C74E2DD02A4DAF78\n',
    );
    expect(plan.targets).toEqual([
      { typed: 'evil[.]com', type: 'domain', value: 'evil.com' },
      { typed: '45.77.12[.]34', type: 'ip', value: '45.77.12.34' },
      { typed: 'admin[@]evilupdate[.]top', type: 'email', value: 'admin@evilupdate.top' },
      { typed: 'EC8C89AA5E521572C74E2DD02A4DAF78', type: 'file', value: 'ec8c89aa5e521572c74e2dd02a4daf78' },
    ]);
    expect(plan.duplicates).toBe(1);
  });

  it('GIVEN a CSV export from another tool THEN the indicators in its cells are found', () => {
    const plan = planBulk('indicator,type,note\n"evil[.]com",domain,"seen in phishing"\n1.2.3.4,ip,\n');
    expect(plan.targets.map((t) => [t.typed, t.value])).toEqual([
      ['evil[.]com', 'evil.com'],
      ['1.2.3.4', '1.2.3.4'],
    ]);
  });

  it('GIVEN internal values THEN they are counted by reason and never planned', () => {
    const plan = planBulk('10.0.0.1\n192.168.1.1\nintranet.corp.example.org\nhost.local\nevil.com', { ignoreDomains: ['example.org'] });
    expect(plan.targets.map((t) => t.value)).toEqual(['evil.com']);
    expect(plan.skipped).toBe(4);
    expect(plan.skippedByReason).toEqual({ 'private-ip': 2, 'ignored-domain': 1, 'reserved-name': 1 });
  });

  it('GIVEN more values than BULK_MAX THEN the first ones are planned and the rest counted', () => {
    const text = Array.from({ length: 520 }, (_, i) => `host${i}.sample-corp.com`).join('\n');
    const plan = planBulk(text);
    expect(plan.targets).toHaveLength(500);
    expect(plan.targets[499]?.value).toBe('host499.sample-corp.com');
    expect(plan.overCap).toBe(20);
    expect(planBulk(text, { max: 10 }).overCap).toBe(510);
  });

  it('GIVEN prose around the indicators THEN only the indicators are planned', () => {
    const plan = planBulk('The dropper main.py called back to evil[.]com at 06:01:02, then v1.2.3.4 was installed.');
    expect(plan.targets.map((t) => t.value)).toEqual(['evil.com']);
  });

  it('GIVEN a list over the size cap THEN a clear UserError and nothing planned', () => {
    expect(() => planBulk('a'.repeat(2048), { maxTextBytes: 1024 })).toThrow(UserError);
  });

  it('GIVEN text without indicators THEN the plan is empty', () => {
    expect(planBulk('nothing to see here\n\n')).toEqual({ targets: [], duplicates: 0, skipped: 0, skippedByReason: {}, overCap: 0 });
  });
});
