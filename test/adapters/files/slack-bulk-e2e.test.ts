/** Bulk lookups in Slack end to end: real Bolt against the fake Slack, the simulator as ThreatCrowd. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { offlineEnv, SIGNING_SECRET as SECRET, slackEnv } from '../../support/env.js';
import { eventBody, type FakeSlack, sendSigned, slashCommandBody, startFakeSlack, visibleText } from '../../support/fake-slack.js';
import { forget, useApp } from '../../support/running-apps.js';
import { useSimulator } from '../../support/simulator.js';
import { stixErrors } from '../../support/stix-validator.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const domains = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}${i}.sample-corp.com`);

async function startBot(slack: FakeSlack, env: Record<string, string>) {
  const app = await useApp({ ...slackEnv(slack), ...env });
  return { app, url: `http://127.0.0.1:${app.slack?.port}` };
}

/** The texts of every edit of message `ts`, in order. */
const editsOf = (slack: FakeSlack, ts: string) =>
  slack
    .callsOf('chat.update')
    .filter((c) => c.args.ts === ts)
    .map((c) => visibleText(c.args));

const progressTs = (slack: FakeSlack) =>
  String(slack.callsOf('chat.postMessage').find((c) => visibleText(c.args).includes('Bulk lookup'))?.ts);

function cancelClick(slack: FakeSlack, ts: string, bulkId: string) {
  const payload = {
    type: 'block_actions',
    user: { id: 'U1', team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    channel: { id: 'C1' },
    message: { ts },
    response_url: `${slack.url}/respond/cancel`,
    actions: [{ type: 'button', action_id: 'bulk-cancel', block_id: 'b', value: bulkId, action_ts: '1' }],
    trigger_id: '1.2',
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The id carried by the Cancel button of the latest edit. */
function cancelId(slack: FakeSlack): string {
  const blocks = JSON.stringify(slack.callsOf('chat.update').at(-1)?.args.blocks ?? []);
  return /"action_id":"bulk-cancel","value":"([^"]+)"/.exec(blocks)?.[1] ?? '';
}

describe('/threatcrowd bulk in Slack', () => {
  it('GIVEN 30 indicators, 10 of them cached THEN one progress message is edited in place, 20 requests go upstream on schedule, and CSV, JSON and STIX are uploaded into its thread', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const interval = 60;
    const { app, url } = await startBot(slack, { ...offlineEnv(sim), THREATCROWD_INTERVAL_MS: String(interval), BULK_PROGRESS_MS: '150' });
    const values = domains(30, 'bulk');
    for (const value of values.slice(0, 10)) await app.services.lookups.lookup('domain', value, 'interactive');
    const before = sim.requests.length;
    const started = Date.now();
    const typed = values.map((v, i) => (i % 2 ? v.replace(/\./g, '[.]') : v)).join(' ');
    expect((await sendSigned(url, SECRET, slashCommandBody(slack, `bulk ${typed}`), FORM)).status).toBe(200);
    await slack.waitFor(() => slack.uploaded().length === 3, 30_000);
    const elapsed = Date.now() - started;
    const ts = progressTs(slack);
    const edits = editsOf(slack, ts);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.at(-1)).toContain('done: 30/30 looked up · 10 from cache · 0 waiting');
    expect(edits.some((e) => /Bulk lookup: \d+\/30 looked up .*about \d+ s left/.test(e))).toBe(true);
    // Only the 20 uncached values went upstream, paced by the limiter (3 at once, then one per interval).
    expect(sim.requests.length - before).toBe(20);
    expect(elapsed).toBeLessThan(17 * interval + 10_000);
    const completes = slack.callsOf('files.completeUploadExternal');
    expect(completes.every((c) => c.args.thread_ts === ts && c.args.channel_id === 'C1')).toBe(true);
    const files = Object.fromEntries(slack.uploaded().map((f) => [f.name, f.bytes.toString('utf8')]));
    expect(Object.keys(files).sort()).toEqual(['threatcrowd-bulk.csv', 'threatcrowd-bulk.json', 'threatcrowd-bulk.stix.json']);
    const rows = parse(files['threatcrowd-bulk.csv'] ?? '', { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.value).sort()).toEqual([...values].sort());
    expect(JSON.parse(files['threatcrowd-bulk.json'] ?? '{}').results).toHaveLength(30);
    expect(stixErrors(JSON.parse(files['threatcrowd-bulk.stix.json'] ?? '{}'))).toEqual([]);
  }, 60_000);

  it('GIVEN /threatcrowd bulk without values THEN a modal opens, and its submitted list runs as a bulk in the channel', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const { url } = await startBot(slack, { ...offlineEnv(sim), BULK_PROGRESS_MS: '100' });
    await sendSigned(url, SECRET, slashCommandBody(slack, 'bulk'), FORM);
    await slack.waitFor(() => slack.callsOf('views.open').length === 1);
    const view = slack.callsOf('views.open')[0]?.args.view as { callback_id: string; private_metadata: string };
    expect(slack.callsOf('views.open')[0]?.args.trigger_id).toBe('1.2.3');
    const submission = {
      type: 'view_submission',
      team: { id: 'T1' },
      user: { id: 'U1', team_id: 'T1' },
      api_app_id: 'A1',
      token: 'x',
      trigger_id: '1.2.4',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: {
          values: { values: { text: { type: 'plain_text_input', value: 'modal0.sample-corp[.]com\nmodal1.sample-corp.com, 10.0.0.1' } } },
        },
      },
    };
    const res = await sendSigned(url, SECRET, new URLSearchParams({ payload: JSON.stringify(submission) }).toString(), FORM);
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.uploaded().length === 3, 20_000);
    const last = editsOf(slack, progressTs(slack)).at(-1);
    expect(last).toContain('done: 2/2');
    expect(last).toContain('1 internal never sent');
    expect(sim.requests.map((r) => r.value).sort()).toEqual(['modal0.sample-corp.com', 'modal1.sample-corp.com']);
  }, 30_000);

  it('GIVEN a person starting a third bulk while two run THEN it is refused with a reason; the channel bot not invited THEN a bulk says how to invite it', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const { url } = await startBot(slack, { ...offlineEnv(sim), THREATCROWD_INTERVAL_MS: '300', THREATCROWD_BURST: '1' });
    // Slack is slow to answer the two progress messages (in two channels, so neither waits for the other): the
    // third bulk comes while both are still being posted.
    const answerPosts = slack.holdAnswers('chat.postMessage');
    for (const [prefix, channel] of [
      ['one', 'C1'],
      ['two', 'C2'],
    ] as const)
      await sendSigned(url, SECRET, slashCommandBody(slack, `bulk ${domains(20, prefix).join(' ')}`, channel), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 2, 10_000);
    await sendSigned(url, SECRET, slashCommandBody(slack, `bulk ${domains(5, 'three').join(' ')}`), FORM);
    await slack.waitFor(() => slack.responses.some((r) => String(r.body.text).includes('2 bulk lookups running')), 10_000);
    answerPosts();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(2);
    // Another person is not held back by the first one's bulks.
    await sendSigned(url, SECRET, slashCommandBody(slack, `bulk ${domains(2, 'other').join(' ')}`, 'C1', 'U2'), FORM);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length === 3, 10_000);
    slack.notInChannel.add('C9');
    await sendSigned(url, SECRET, slashCommandBody(slack, `bulk ${domains(2, 'away').join(' ')}`, 'C9', 'U3'), FORM);
    await slack.waitFor(() => slack.responses.some((r) => String(r.body.text).includes('/invite @threatcrowd-bot')), 10_000);
    expect(sim.requests.some((r) => String(r.value).startsWith('away'))).toBe(false);
  }, 40_000);

  it('GIVEN a .txt list shared with "@threatcrowd-bot bulk" THEN its values run as a bulk; the file is read, never hashed back', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const { url } = await startBot(slack, { ...offlineEnv(sim), BULK_PROGRESS_MS: '100' });
    const list = slack.hostFile('iocs.txt', Buffer.from(domains(3, 'listed').join('\n')));
    const message = { channel: 'C1', user: 'U1', ts: '1700000200.000100', text: '<@UBOT> bulk', files: [list] };
    await sendSigned(url, SECRET, eventBody({ type: 'app_mention', ...message }), JSON_TYPE);
    await sendSigned(url, SECRET, eventBody({ type: 'message', subtype: 'file_share', ...message }), JSON_TYPE);
    await slack.waitFor(() => slack.uploaded().length === 3, 20_000);
    expect(editsOf(slack, progressTs(slack)).at(-1)).toContain('done: 3/3');
    expect(slack.downloads).toHaveLength(1);
    // The bot's own upload, shared in the channel, is not downloaded.
    const own = slack.hostFile('threatcrowd-bulk.csv', Buffer.from('type,value'));
    await sendSigned(
      url,
      SECRET,
      eventBody({ type: 'message', subtype: 'file_share', channel: 'C1', user: 'UBOT', ts: '1700000201.000100', files: [own] }),
      JSON_TYPE,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.downloads).toHaveLength(1);
  }, 30_000);

  it('GIVEN Cancel pressed mid-bulk THEN it stops before its next lookup, says so, and attaches what was done', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const { url } = await startBot(slack, {
      ...offlineEnv(sim),
      THREATCROWD_INTERVAL_MS: '250',
      THREATCROWD_BURST: '1',
      BULK_PROGRESS_MS: '100',
    });
    await sendSigned(url, SECRET, slashCommandBody(slack, `bulk ${domains(30, 'cancel').join(' ')}`), FORM);
    await slack.waitFor(() => cancelId(slack) !== '' && sim.requests.length >= 2, 20_000);
    const ts = progressTs(slack);
    expect((await sendSigned(url, SECRET, cancelClick(slack, ts, cancelId(slack)), FORM)).status).toBe(200);
    await slack.waitFor(() => editsOf(slack, ts).some((e) => e.includes('cancelled')), 10_000);
    const asked = sim.requests.length;
    await new Promise((r) => setTimeout(r, 800));
    // At most one lookup per worker (two) was already queued in the limiter when Cancel came.
    expect(sim.requests.length).toBeLessThanOrEqual(asked + 2);
    expect(asked).toBeLessThan(30);
    const last = slack.callsOf('chat.update').at(-1);
    expect(JSON.stringify(last?.args.blocks)).not.toContain('bulk-cancel');
    await slack.waitFor(() => slack.uploaded().length === 3, 10_000);
  }, 40_000);

  it('GIVEN a Cancel button from another channel THEN the bulk goes on', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const { url } = await startBot(slack, { ...offlineEnv(sim), THREATCROWD_INTERVAL_MS: '40', BULK_PROGRESS_MS: '100' });
    await sendSigned(url, SECRET, slashCommandBody(slack, `bulk ${domains(8, 'other').join(' ')}`), FORM);
    await slack.waitFor(() => cancelId(slack) !== '', 20_000);
    const body = cancelClick(slack, progressTs(slack), cancelId(slack)).replace('%22C1%22', '%22C2%22');
    await sendSigned(url, SECRET, body, FORM);
    await slack.waitFor(() => slack.uploaded().length === 3, 20_000);
    expect(editsOf(slack, progressTs(slack)).at(-1)).toContain('done: 8/8');
  }, 30_000);

  it('GIVEN the bot restarts mid-bulk THEN the next start resumes it on the same message and finishes it', async () => {
    const sim = await useSimulator();
    const slack = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'bulk-resume-'));
    const env = {
      ...offlineEnv(sim),
      CACHE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      THREATCROWD_INTERVAL_MS: '150',
      THREATCROWD_BURST: '1',
      BULK_PROGRESS_MS: '100',
    };
    const first = await startBot(slack, env);
    await sendSigned(first.url, SECRET, slashCommandBody(slack, `bulk ${domains(20, 'resume').join(' ')}`), FORM);
    await slack.waitFor(() => sim.requests.length >= 4, 20_000);
    await first.app.stop();
    forget(first.app);
    const ts = progressTs(slack);
    expect(editsOf(slack, ts).at(-1)).not.toContain('done');
    await startBot(slack, env);
    await slack.waitFor(() => slack.uploaded().length === 3, 30_000);
    expect(editsOf(slack, ts).at(-1)).toContain('done: 20/20');
    expect(slack.callsOf('chat.postMessage').filter((c) => visibleText(c.args).includes('Bulk lookup'))).toHaveLength(1);
    // Each value asked once, but for one the first bot may have been waiting on at the stop.
    const asked = sim.requests.map((r) => r.value);
    expect(new Set(asked).size).toBe(20);
    expect(asked.length).toBeLessThanOrEqual(21);
  }, 60_000);
});
