/** The core's side of files and bulks: what it answers for attachments, and how a bulk command is planned. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { progressText } from '../../src/answers/bulk-replies.js';
import { MAX_FILES_PER_MESSAGE } from '../../src/answers/file-answers.js';
import type { Attachment } from '../../src/core/invocation.js';
import type { Reply } from '../../src/core/reply.js';
import { FileDownloadError, FileTooLargeError } from '../../src/files/errors.js';
import { HASH_LIMITS } from '../../src/files/hash-slots.js';
import { hashStream } from '../../src/files/hash-stream.js';
import { stixErrors } from '../support/stix-validator.js';
import { createTestBot, kinds } from '../support/test-bot.js';

/** An attachment held in memory, counting how often it is read. */
function memoryFile(name: string, bytes: Buffer, declared: number | null = bytes.length) {
  const reads = { hash: 0, text: 0 };
  const file: Attachment = {
    name,
    size: declared,
    async hash(limits) {
      reads.hash++;
      return hashStream(
        (async function* () {
          yield bytes;
        })(),
        limits,
      );
    },
    async text(limits) {
      reads.text++;
      if (bytes.length > limits.maxBytes) throw new FileTooLargeError(limits.maxBytes);
      return bytes.toString('utf8');
    },
  };
  return { file, reads };
}

const texts = (replies: readonly Reply[]) => replies.flatMap((r) => ('text' in r ? [r.text] : []));

describe('files in a message', () => {
  it('GIVEN a file in an auto channel THEN a line naming it with its three hashes, then its MD5 summary', async () => {
    const t = await createTestBot();
    const bytes = Buffer.from('sample');
    const { file } = memoryFile('report.pdf', bytes);
    const replies = await t.bot.handle({
      platform: 'slack',
      userId: 'U1',
      channelId: 'C1',
      text: '',
      kind: 'message',
      attachments: [file],
    });
    expect(kinds(replies)[0]).toBe('notice');
    expect(texts(replies)[0]).toContain('report[.]pdf');
    expect(texts(replies)[0]).toContain(createHash('sha1').update(bytes).digest('hex'));
    expect(t.sim.requests.map((r) => r.value)).toEqual([createHash('md5').update(bytes).digest('hex')]);
  });

  it('GIVEN a file declared over FILE_HASH_MAX_MB THEN it is not read; the message is marked for 🔎, and 🔎 hashes it', async () => {
    const t = await createTestBot({ FILE_HASH_MAX_MB: '1' });
    const { file, reads } = memoryFile('big.iso', Buffer.from('x'), 5 * 1024 * 1024);
    const base = { platform: 'slack' as const, userId: 'U1', channelId: 'C1', text: '', attachments: [file] };
    const first = await t.bot.handle({ ...base, kind: 'message', messageId: 'm1' });
    expect(kinds(first)).toEqual(['notice', 'reveal']);
    expect(reads.hash).toBe(0);
    const asked = await t.bot.handle({ ...base, kind: 'reaction', reaction: { emoji: 'mag', added: true, targetMessageId: 'm1' } });
    expect(reads.hash).toBe(1);
    expect(texts(asked)[0]).toContain('MD5');
    // A second 🔎 on the same message does not hash it again.
    await t.bot.handle({ ...base, kind: 'reaction', reaction: { emoji: 'mag', added: true, targetMessageId: 'm1' } });
    expect(reads.hash).toBe(1);
  });

  it('GIVEN a reveal or off channel THEN files are not read', async () => {
    for (const mode of ['reveal', 'off']) {
      const t = await createTestBot({ AUTO_DETECT_DEFAULT: mode });
      const { file, reads } = memoryFile('a.txt', Buffer.from('a'));
      const replies = await t.bot.handle({
        platform: 'slack',
        userId: 'U1',
        channelId: 'C1',
        text: '',
        kind: 'message',
        attachments: [file],
      });
      expect(kinds(replies)).toEqual(mode === 'reveal' ? ['reveal'] : []);
      expect(reads.hash).toBe(0);
    }
  });

  it('GIVEN a download that fails THEN one plain line says so, and nothing goes upstream', async () => {
    const t = await createTestBot();
    const file: Attachment = {
      name: 'gone.bin',
      size: 10,
      hash: async () => {
        throw new FileDownloadError('the file host answered HTTP 404');
      },
      text: async () => '',
    };
    const replies = await t.bot.handle({
      platform: 'slack',
      userId: 'U1',
      channelId: 'C1',
      text: '',
      kind: 'message',
      attachments: [file],
    });
    expect(texts(replies)).toEqual(['📎 gone[.]bin: the file could not be downloaded (the file host answered HTTP 404).']);
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN seven files in one message THEN five are answered and the rest counted', async () => {
    const t = await createTestBot();
    const files = Array.from({ length: 7 }, (_, i) => memoryFile(`f${i}`, Buffer.from(`file ${i}`)));
    const replies = await t.bot.handle({
      platform: 'slack',
      userId: 'U1',
      channelId: 'C1',
      text: '',
      kind: 'message',
      attachments: files.map((f) => f.file),
    });
    expect(files.map((f) => f.reads.hash)).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(texts(replies).at(-1)).toBe('and 2 more files: share them in another message to have them hashed.');
  });

  it('GIVEN a flood of files from five people THEN two are read at once, sixteen wait, and the rest are told to ask again unread', async () => {
    const t = await createTestBot();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let reading = 0;
    let most = 0;
    const slow = (i: number): Attachment => ({
      name: `flood${i}`,
      size: 4,
      async hash() {
        reading++;
        most = Math.max(most, reading);
        await gate;
        reading--;
        return { md5: 'd41d8cd98f00b204e9800998ecf8427e', sha1: 'a'.repeat(40), sha256: 'b'.repeat(64), size: 4 };
      },
      text: async () => '',
    });
    const messages = Array.from({ length: 5 }, (_, m) =>
      t.bot.handle({
        platform: 'slack',
        userId: `U${m}`,
        channelId: 'C1',
        text: '',
        kind: 'message',
        attachments: Array.from({ length: 4 }, (_, i) => slow(m * 4 + i)),
      }),
    );
    // Every file has asked for a slot once two are being read and the messages have had time to reach the files.
    while (reading < 2) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 1000));
    release();
    const all = (await Promise.all(messages)).flatMap(texts);
    expect(most).toBe(2);
    expect(all.filter((x) => x.includes('waiting to be hashed'))).toHaveLength(2);
  });

  it('GIVEN one person sharing twenty slow files THEN one message’s worth is taken, the rest told so, and a colleague’s file still waits its turn', async () => {
    const t = await createTestBot();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const file = (name: string, wait: boolean): Attachment => ({
      name,
      size: 4,
      async hash() {
        if (wait) await gate;
        return { md5: 'd41d8cd98f00b204e9800998ecf8427e', sha1: 'a'.repeat(40), sha256: 'b'.repeat(64), size: 4 };
      },
      text: async () => '',
    });
    const share = (userId: string, attachments: Attachment[]) =>
      t.bot.handle({ platform: 'slack', userId, channelId: 'C1', text: '', kind: 'message', attachments });
    const flood = [0, 1, 2, 3].map((m) =>
      share(
        'U-flood',
        [0, 1, 2, 3, 4].map((i) => file(`flood${m * 5 + i}`, true)),
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const asked = share('U-colleague', [file('colleague.pdf', false)]);
    await new Promise((r) => setTimeout(r, 100));
    release();
    const colleague = texts(await asked);
    const flooded = (await Promise.all(flood)).flatMap(texts);
    expect(colleague.join('\n')).toContain('colleague[.]pdf (4 bytes), hashed');
    expect(colleague.join('\n')).not.toMatch(/waiting|not read/);
    expect(flooded.filter((x) => x.includes('of your files are being hashed or waiting'))).toHaveLength(15);
    expect(HASH_LIMITS.perPerson).toBeGreaterThanOrEqual(MAX_FILES_PER_MESSAGE);
  });

  it('GIVEN /threatcrowd file without a hash or a file THEN a usage line; with a hash THEN a lookup as before', async () => {
    const t = await createTestBot();
    expect(await t.command('file')).toMatchObject([{ kind: 'error', text: 'Give a file hash, or attach the file to hash.' }]);
    expect(kinds(await t.command('file ec8c89aa5e521572c74e2dd02a4daf78'))).toEqual(['summary']);
  });
});

describe('/threatcrowd bulk in the core', () => {
  it('GIVEN values THEN a bulk plan: distinct, internal values counted and never planned, owned by the person', async () => {
    const t = await createTestBot();
    const [reply] = await t.command('bulk evil[.]com evil.com 10.0.0.1 aoldaily.com', { user: 'U9' });
    expect(reply?.kind).toBe('bulk');
    if (reply?.kind !== 'bulk') return;
    expect(reply.plan.targets.map((x) => x.value)).toEqual(['evil.com', 'aoldaily.com']);
    expect(reply.plan).toMatchObject({ duplicates: 1, skipped: 1 });
    expect(reply.queueOwner).toContain('U9');
    expect(t.sim.requests).toHaveLength(0);
  });

  it('GIVEN no values and no file THEN the form (or the usage line); GIVEN only internal values THEN a usage error', async () => {
    const t = await createTestBot();
    expect(kinds(await t.command('bulk'))).toEqual(['bulk-form']);
    expect(await t.command('bulk 10.0.0.1 192.168.1.1')).toMatchObject([
      { kind: 'error', text: 'I found no indicators to look up in that list (2 internal values are never sent upstream).' },
    ]);
  });

  it('GIVEN a .csv file with the command THEN its values are planned; a file that is not a list is ignored', async () => {
    const t = await createTestBot();
    const list = memoryFile('iocs.csv', Buffer.from('value,note\nevil[.]com,"c2, seen twice"\n188.40.75.132,scan\n'));
    const picture = memoryFile('screenshot.png', Buffer.from('not a list'));
    const base = { platform: 'discord' as const, userId: 'U1', channelId: 'C1', text: 'bulk', kind: 'command' as const };
    const [reply] = await t.bot.handle({ ...base, attachments: [picture.file, list.file] });
    expect(reply?.kind === 'bulk' && reply.plan.targets.map((x) => x.value)).toEqual(['evil.com', '188.40.75.132']);
    expect(picture.reads.text).toBe(0);
    expect(kinds(await t.bot.handle({ ...base, attachments: [picture.file] }))).toEqual(['bulk-form']);
  });

  it('GIVEN progress THEN one line of numbers and fixed words, with what the plan left out', () => {
    const plan = { targets: [], duplicates: 2, skipped: 1, skippedByReason: {}, overCap: 3 };
    const running = { id: 'b', status: 'running' as const, done: 12, total: 30, fromCache: 10, failed: 1, waiting: 18, etaMs: 95_000 };
    expect(progressText(running, plan)).toBe(
      '🔄 Bulk lookup: 12/30 looked up · 10 from cache · 18 waiting · 1 failed, about 2 min left\nLeft out: 2 repeated, 1 internal never sent, 3 over BULK_MAX, not looked up.',
    );
    expect(progressText({ ...running, status: 'cancelled', waiting: 18 }, { ...plan, duplicates: 0, skipped: 0, overCap: 0 })).toBe(
      '⏹️ Bulk lookup cancelled: 12/30 looked up · 10 from cache · 18 waiting · 1 failed',
    );
  });

  it('GIVEN every provider paused THEN the progress says who the bulk waits for and when it tries again', () => {
    const plan = { targets: [], duplicates: 0, skipped: 0, skippedByReason: {}, overCap: 0 };
    const paused = { providers: ['ThreatCrowd', 'AlienVault OTX'], retryInMs: 42_000 };
    const running = {
      id: 'b',
      status: 'running' as const,
      done: 12,
      total: 30,
      fromCache: 10,
      failed: 1,
      waiting: 18,
      etaMs: 222_000,
      paused,
    };
    expect(progressText(running, plan)).toBe(
      '⏸️ Bulk lookup waiting for ThreatCrowd and AlienVault OTX to answer again (next try in 42 s): 12/30 looked up · 10 from cache · 18 waiting · 1 failed, about 4 min left',
    );
  });
});

describe('/threatcrowd export', () => {
  it('GIVEN an indicator THEN one STIX bundle that validates; with csv THEN one CSV row; a cached answer costs no request', async () => {
    const t = await createTestBot();
    const [stix] = await t.command('export aoldaily[.]com');
    expect(stix?.kind === 'file' && stix.file.name).toBe('threatcrowd-export.stix.json');
    if (stix?.kind !== 'file') return;
    expect(stixErrors(JSON.parse(Buffer.from(stix.file.bytes).toString('utf8')))).toEqual([]);
    const [csv] = await t.command('export aoldaily.com CSV');
    expect(csv?.kind === 'file' && Buffer.from(csv.file.bytes).toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(t.sim.requests).toHaveLength(1);
  });

  it('GIVEN two values or none THEN a usage line', async () => {
    const t = await createTestBot();
    expect(await t.command('export a.com b.com')).toMatchObject([
      { kind: 'error', text: 'Export one indicator at a time (a list: use bulk).' },
    ]);
    expect(await t.command('export')).toMatchObject([{ kind: 'error' }]);
  });
});
