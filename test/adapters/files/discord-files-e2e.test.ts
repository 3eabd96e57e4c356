/** Files and bulk lookups in Discord end to end: real discord.js against the fake Discord, the simulator upstream. */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { discordEnv, offlineEnv } from '../../support/env.js';
import { buttonInteraction, type FakeDiscord, slashInteraction, startFakeDiscord, userMessage } from '../../support/fake-discord.js';
import { forget, useApp, useDiscordApp } from '../../support/running-apps.js';
import { useSimulator } from '../../support/simulator.js';
import { stixErrors } from '../../support/stix-validator.js';

const setup = useDiscordApp;

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const posts = (d: FakeDiscord) => d.callsTo('POST', /^\/channels\/\d+\/messages$/);
const contents = (d: FakeDiscord) => posts(d).map((c) => String(c.body?.content ?? ''));
const domains = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}.sample-corp.com`);

/** The progress message (the first channel message saying "Bulk lookup") and its edits' texts. */
function progress(d: FakeDiscord) {
  const first = posts(d).find((c) => String(c.body?.content).includes('Bulk lookup'));
  const id = String(d.messages.size ? [...d.messages.values()].find((m) => String(m.content).includes('Bulk lookup'))?.id : '');
  const edits = d.callsTo('PATCH', new RegExp(`/messages/${id}$`)).map((c) => String(c.body?.content ?? ''));
  const button = d.callsTo('PATCH', new RegExp(`/messages/${id}$`)).at(-1)?.body?.components;
  return { first, id, edits, button: JSON.stringify(button ?? []) };
}

describe('files shared in Discord', () => {
  it('GIVEN a message with an attachment THEN it is downloaded once from the CDN without a token, hashed, and answered in a reply naming it', async () => {
    const { discord, sim } = await setup();
    const bytes = Buffer.from('a sample only the fake CDN ever serves');
    const attachment = discord.hostAttachment('@everyone <@&1> report.docm', bytes);
    discord.dispatch('MESSAGE_CREATE', userMessage('', undefined, [attachment]));
    await discord.waitFor(() => contents(discord).some((c) => c.includes(md5(bytes))), 15_000);
    const line = contents(discord).find((c) => c.includes(md5(bytes))) ?? '';
    expect(line).toContain('report\\[.\\]docm');
    expect(line).not.toMatch(/@everyone|<@&1>/);
    expect(posts(discord).every((p) => (p.body?.allowed_mentions as { parse?: unknown[] } | undefined)?.parse?.length === 0)).toBe(true);
    expect(discord.downloads).toHaveLength(1);
    expect(discord.downloads[0]?.authorization).toBeUndefined();
    expect(JSON.stringify(discord.calls)).not.toContain('a sample only');
    expect(JSON.stringify(sim.requests)).not.toContain('a sample only');
    expect(sim.requests.some((r) => r.value === md5(bytes))).toBe(true);
  }, 30_000);

  it('GIVEN a 10 KB file name full of markup and control characters THEN the reply shows a short, escaped, defanged name', async () => {
    const { discord } = await setup();
    const name = `**${'\u0000\u202e'.repeat(3)}<@${'9'.repeat(18)}> [x](http://evil.com) ${'Z'.repeat(10_000)}`;
    discord.dispatch('MESSAGE_CREATE', userMessage('', undefined, [discord.hostAttachment(name, Buffer.from('n'))]));
    await discord.waitFor(() => contents(discord).some((c) => c.includes('MD5')), 15_000);
    const line = contents(discord).find((c) => c.includes('MD5')) ?? '';
    expect(line.length).toBeLessThan(600);
    expect(line).not.toContain('\u202e');
    expect(line).not.toContain('\u0000');
    expect(line).not.toContain(`<@${'9'.repeat(18)}>`);
    expect(line).not.toContain('evil.com');
    expect(line).toContain('\\*\\*');
  }, 30_000);

  it('GIVEN /threatcrowd file with an attachment option THEN the file is hashed whatever its size and answered', async () => {
    const { discord } = await setup({ FILE_HASH_MAX_MB: '1' });
    const bytes = Buffer.alloc(1024 * 1024 + 1, 1);
    discord.dispatch('INTERACTION_CREATE', slashInteraction('file', {}, { file: discord.hostAttachment('big.bin', bytes) }));
    await discord.waitFor(() => JSON.stringify(discord.calls).includes(md5(bytes)), 15_000);
    expect(discord.downloads).toHaveLength(1);
  }, 30_000);
});

describe('/threatcrowd bulk in Discord', () => {
  it('GIVEN 30 values, 10 cached THEN one progress message edited in place, 20 requests upstream, and CSV, JSON and STIX attached to a reply to it', async () => {
    const { discord, sim, app } = await setup({ THREATCROWD_INTERVAL_MS: '60', BULK_PROGRESS_MS: '150' });
    const values = domains(30, 'dbulk');
    for (const value of values.slice(0, 10)) await app.services.lookups.lookup('domain', value, 'interactive');
    const before = sim.requests.length;
    discord.dispatch('INTERACTION_CREATE', slashInteraction('bulk', { indicators: values.join(' ') }));
    await discord.waitFor(() => posts(discord).some((p) => (p.files ?? []).length === 3), 30_000);
    const { id, edits } = progress(discord);
    expect(edits.at(-1)).toContain('done: 30/30 looked up · 10 from cache · 0 waiting');
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(sim.requests.length - before).toBe(20);
    const upload = posts(discord).find((p) => (p.files ?? []).length === 3);
    expect((upload?.body?.message_reference as { message_id?: string } | undefined)?.message_id).toBe(id);
    const files = Object.fromEntries((upload?.files ?? []).map((f) => [f.name, f.bytes.toString('utf8')]));
    expect(parse(files['threatcrowd-bulk.csv'] ?? '', { columns: true })).toHaveLength(30);
    expect(stixErrors(JSON.parse(files['threatcrowd-bulk.stix.json'] ?? '{}'))).toEqual([]);
  }, 60_000);

  it('GIVEN the bot restarts mid-bulk THEN the next start edits the same progress message to the end and attaches the results', async () => {
    const sim = await useSimulator();
    const discord = await startFakeDiscord();
    const dir = mkdtempSync(join(tmpdir(), 'discord-resume-'));
    const env = {
      ...offlineEnv(sim),
      ...discordEnv(discord),
      CACHE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      THREATCROWD_INTERVAL_MS: '150',
      THREATCROWD_BURST: '1',
      BULK_PROGRESS_MS: '100',
    };
    const first = await useApp(env);
    discord.dispatch('INTERACTION_CREATE', slashInteraction('bulk', { indicators: domains(12, 'dres').join(' ') }));
    await discord.waitFor(() => sim.requests.length >= 3, 20_000);
    await first.stop();
    forget(first);
    const { id } = progress(discord);
    expect(progress(discord).edits.at(-1)).not.toContain('done');
    await useApp(env);
    await discord.waitFor(() => posts(discord).some((p) => (p.files ?? []).length === 3), 30_000);
    expect(progress(discord).id).toBe(id);
    expect(progress(discord).edits.at(-1)).toContain('done: 12/12');
    expect(new Set(sim.requests.map((r) => r.value)).size).toBe(12);
  }, 60_000);

  it('GIVEN a .txt file as the bulk attachment option THEN its values are looked up; Cancel stops it', async () => {
    const { discord, sim } = await setup({ THREATCROWD_INTERVAL_MS: '250', THREATCROWD_BURST: '1', BULK_PROGRESS_MS: '100' });
    const list = discord.hostAttachment('iocs.txt', Buffer.from(domains(30, 'dtxt').join('\n')));
    discord.dispatch('INTERACTION_CREATE', slashInteraction('bulk', {}, { file: list }));
    await discord.waitFor(() => progress(discord).button.includes('bulk-cancel:') && sim.requests.length >= 2, 20_000);
    const { id, button } = progress(discord);
    const customId = /bulk-cancel:[\w-]+/.exec(button)?.[0] ?? '';
    discord.dispatch('INTERACTION_CREATE', buttonInteraction(customId, discord.messages.get(id) ?? {}));
    await discord.waitFor(() => progress(discord).edits.some((e) => e.includes('cancelled')), 10_000);
    expect(sim.requests.length).toBeLessThan(30);
    expect(progress(discord).button).not.toContain('bulk-cancel');
  }, 40_000);
});
