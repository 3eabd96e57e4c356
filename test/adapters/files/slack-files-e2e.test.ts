/** Files shared in Slack end to end: real Bolt against the fake Slack, the simulator as ThreatCrowd and OTX. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET as SECRET } from '../../support/env.js';
import { eventBody, type FakeSlack, sendSigned, visibleText } from '../../support/fake-slack.js';
import { useSlackApp } from '../../support/running-apps.js';

const JSON_TYPE = 'application/json';
const KNOWN_FILE = readFileSync('fixtures/threatcrowd/real/file-ec8c89aa5e521572c74e2dd02a4daf78.json', 'utf8');

const setup = useSlackApp;

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const posted = (slack: FakeSlack) => slack.callsOf('chat.postMessage').map((c) => visibleText(c.args));

function fileShare(files: unknown[], ts: string, text = '') {
  return { type: 'message', subtype: 'file_share', channel: 'C1', user: 'U1', ts, text, files, channel_type: 'channel' };
}

describe('files shared in Slack', () => {
  it('GIVEN a file shared in an auto channel THEN it is downloaded once with the bot token, hashed, and answered in its thread; its bytes go nowhere else', async () => {
    const { sim, slack, url } = await setup();
    const bytes = Buffer.from('MZ this is a suspicious sample that only the fake Slack may ever see');
    sim.setAnswer('file', md5(bytes), KNOWN_FILE);
    const file = slack.hostFile('invoice.exe', bytes);
    expect((await sendSigned(url, SECRET, eventBody(fileShare([file], '1700000100.000100')), JSON_TYPE)).status).toBe(200);
    await slack.waitFor(() => posted(slack).some((t) => t.includes(md5(bytes))), 15_000);
    await slack.waitFor(() => slack.callsOf('chat.postMessage').length >= 2, 15_000);
    const posts = slack.callsOf('chat.postMessage');
    expect(posts.every((p) => p.args.thread_ts === '1700000100.000100')).toBe(true);
    const all = posted(slack).join('\n');
    expect(all).toContain('invoice[.]exe'); // a file name is shown defanged, like any other text
    expect(all).toContain(sha256(bytes));
    expect(slack.downloads).toEqual([{ path: expect.stringContaining('/files-pri/'), authorization: 'Bearer xoxb-test' }]);
    // The file's bytes were never sent to Slack (no upload) nor upstream: only its MD5 (and SHA-256 to OTX).
    expect(slack.callsOf('files.getUploadURLExternal')).toHaveLength(0);
    const content = bytes.toString('utf8');
    expect(JSON.stringify(slack.calls)).not.toContain(content);
    expect(sim.requests.map((r) => r.value)).toEqual(expect.arrayContaining([md5(bytes)]));
    expect(JSON.stringify(sim.requests)).not.toContain('suspicious sample');
    for (const r of sim.requests) expect([md5(bytes), sha256(bytes)]).toContain(r.value);
  }, 30_000);

  it('GIVEN a hostile file name THEN it is shown escaped, defanged, without control characters and bounded; nobody is pinged', async () => {
    const { slack, url } = await setup();
    const name = `<!channel> <@U999> *bold* evil.com \u202e\u0007exe.${'A'.repeat(10_000)}`;
    const file = slack.hostFile(name, Buffer.from('hostile name test'));
    await sendSigned(url, SECRET, eventBody(fileShare([file], '1700000101.000100')), JSON_TYPE);
    await slack.waitFor(() => posted(slack).some((t) => t.includes('MD5')), 15_000);
    const raw = JSON.stringify(slack.callsOf('chat.postMessage').map((c) => c.args));
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<@U999>');
    expect(raw).toContain('&lt;!channel&gt;');
    expect(raw).not.toContain('evil.com');
    expect(raw).toContain('evil[.]com');
    const shown = slack
      .callsOf('chat.postMessage')
      .map((c) => String(c.args.text))
      .join('\n');
    expect(shown).toContain('exe');
    expect(shown).not.toContain('\u202e');
    expect(shown).not.toContain('\u0007');
    expect(raw).not.toContain('A'.repeat(200));
  }, 30_000);

  it('GIVEN a file over FILE_HASH_MAX_MB THEN it is not downloaded until someone reacts 🔎, and then it is hashed', async () => {
    const { slack, url } = await setup({ FILE_HASH_MAX_MB: '1' });
    const bytes = Buffer.alloc(1024 * 1024 + 10, 7);
    const file = slack.hostFile('dump.bin', bytes);
    slack.sharedFiles.set('1700000102.000100', [file]);
    await sendSigned(url, SECRET, eventBody(fileShare([file], '1700000102.000100')), JSON_TYPE);
    await slack.waitFor(() => slack.callsOf('reactions.add').some((c) => c.args.name === 'mag'), 15_000);
    expect(slack.downloads).toHaveLength(0);
    expect(posted(slack).join('\n')).toContain('larger than 1 MB');
    const reaction = {
      type: 'reaction_added',
      user: 'U1',
      reaction: 'mag',
      item: { type: 'message', channel: 'C1', ts: '1700000102.000100' },
    };
    await sendSigned(url, SECRET, eventBody(reaction), JSON_TYPE);
    await slack.waitFor(() => posted(slack).some((t) => t.includes(md5(bytes))), 15_000);
    expect(slack.downloads).toHaveLength(1);
  }, 30_000);

  it('GIVEN a channel set to off THEN a shared file is neither downloaded nor answered', async () => {
    const { slack, url, sim } = await setup({ AUTO_DETECT_DEFAULT: 'off' });
    const file = slack.hostFile('quiet.txt', Buffer.from('quiet'));
    await sendSigned(url, SECRET, eventBody(fileShare([file], '1700000103.000100')), JSON_TYPE);
    await new Promise((r) => setTimeout(r, 400));
    expect(slack.downloads).toHaveLength(0);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});
