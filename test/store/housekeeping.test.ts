import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCoordination } from '../../src/store/coordination.js';
import { openStore } from '../../src/store/open-store.js';
import { startSweeper } from '../../src/store/sqlite-housekeeping.js';

describe('a SQLite store over long runs', () => {
  it('GIVEN a new store THEN its file is 0600 in a 0700 directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tcb-perm-')), 'data');
    const store = await openStore(`sqlite://${join(dir, 'bot.sqlite')}`);
    await store.namespace('x').set('k', 1);
    await store.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'bot.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('GIVEN hundreds of expired claims THEN the sweep deletes them and keeps live entries', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tcb-sweep-')), 'bot.sqlite');
    const store = await openStore(`sqlite://${file}`);
    const claims = new LocalCoordination(store.namespace('claims'));
    for (let i = 0; i < 300; i++) await claims.claim(`slack-event:Ev${i}`, 20);
    await store.namespace('channel-modes').set('slack:T:C1', 'reveal');
    await claims.claim('still-live', 60_000);
    await new Promise((r) => setTimeout(r, 40));
    expect(await store.sweep()).toBe(300);
    expect(await store.namespace('channel-modes').get('slack:T:C1')).toBe('reveal');
    expect(await claims.claim('still-live', 60_000)).toBe(false);
    expect(await store.sweep()).toBe(0);
    await store.close();
  });

  it('GIVEN a memory store with expired claims never read again THEN the sweep deletes them and keeps live entries', async () => {
    const store = await openStore('memory://');
    const claims = new LocalCoordination(store.namespace('claims'));
    for (let i = 0; i < 300; i++) await claims.claim(`slack-event:Ev${i}`, 20);
    await store.namespace('reports').set('domain:a.com', { expires: 1, note: 'an answer that looks like an expiry' });
    await store.namespace('reports').set('text', '{"expires":1}');
    await store.namespace('reports').set('fractional ttl', 1, 10.5); // Keyv stores Date.now() + 10.5
    await store.namespace('reports').set('no ttl', 'kept');
    await claims.claim('still-live', 60_000);
    await new Promise((r) => setTimeout(r, 40));
    expect(await store.sweep()).toBe(301);
    expect(await store.namespace('reports').get('no ttl')).toBe('kept');
    expect(await store.namespace('reports').get('domain:a.com')).toEqual({ expires: 1, note: 'an answer that looks like an expiry' });
    expect(await store.namespace('reports').get('text')).toBe('{"expires":1}');
    expect(await claims.claim('still-live', 60_000)).toBe(false);
    expect(await store.sweep()).toBe(0);
    await store.close();
  });

  it('GIVEN a sweep that fails (a locked or broken database) THEN the failure is reported, not swallowed, and sweeping goes on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const db = {
      query: async () => {
        calls += 1;
        throw new Error('SQLITE_BUSY: database is locked');
      },
      disconnect: async () => {},
    };
    const sweeper = startSweeper(db, 20, (error) => errors.push(error));
    await expect.poll(() => calls, { timeout: 10_000 }).toBeGreaterThanOrEqual(2); // a second sweep after the failure
    await sweeper.stop();
    expect(String(errors[0])).toContain('SQLITE_BUSY');
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
