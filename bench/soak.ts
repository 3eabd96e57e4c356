/**
 * Soak: a simulated day of a busy workspace through the whole core (the bot, a SQLite store, the limiter,
 * the simulator): messages (some with indicators), 🔎 and vote reactions, commands, and a Slack-style event
 * claim per message. The clock is accelerated (Date.now is moved forward per event, so claims, the dedupe
 * window and cache TTLs expire as in a real day) and the store's sweep runs every simulated 10 minutes.
 * Resident memory and store size are sampled along the way: they should level off after warm-up.
 */
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '../src/config/settings.js';
import { settleReplies } from '../src/core/reply.js';
import { createLogger } from '../src/observability/logger.js';
import { buildBot } from '../src/runtime/build-bot.js';
import { createServices } from '../src/runtime/services.js';
import { startSimulator } from '../src/simulator/server.js';
import { prng } from './corpus.js';

const DAY_MS = 86_400_000;
const MB = 1024 * 1024;

export interface SoakCounts {
  readonly messages: number;
  readonly withIndicators: number;
  readonly reactions: number;
  readonly commands: number;
}

export const FULL_DAY: SoakCounts = { messages: 100_000, withIndicators: 20_000, reactions: 5_000, commands: 500 };

const CHATTER = ['deploy is done, thanks', 'lunch?', 'see the ticket for details', 'LGTM', 'the build on main is red again'];

export async function benchSoak(counts: SoakCounts = FULL_DAY, samples = 10): Promise<string[]> {
  const rand = prng(12);
  const realNow = Date.now.bind(Date);
  let offset = 0;
  Date.now = () => realNow() + offset;
  const sim = await startSimulator();
  // On tmpfs when there is one: the soak measures growth, not the disk's fsync latency.
  const file = join(mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tcb-soak-')), 'bot.sqlite');
  const settings = loadSettings({
    THREATCROWD_URL: sim.url,
    PROVIDERS: 'threatcrowd',
    CACHE_URL: `sqlite://${file}`,
    THREATCROWD_INTERVAL_MS: '1',
    THREATCROWD_BURST: '5',
    THREATCROWD_RETRIES: '0',
    FEEDS_REFRESH_SECONDS: '0',
  });
  const services = await createServices(settings);
  const { bot, votes } = buildBot(services, createLogger('silent'), { bot: { noticeAfterMs: 60_000 } });
  const indicator = () => {
    const n = Math.floor(rand() ** 3 * 20_000); // skewed: some indicators come back all day
    return rand() < 0.5 ? `host${n}[.]soak-example[.]com` : `45.${(n >> 8) % 200}.${n & 255}.${(n % 200) + 1}`;
  };
  const step = DAY_MS / counts.messages;
  const every = (n: number) => Math.max(1, Math.round(counts.messages / n));
  const rows: string[] = [];
  const summaries: Array<{ id: string; channel: string }> = [];
  const sample = async (i: number) => {
    (globalThis as { gc?: () => void }).gc?.();
    rows.push(
      `| ${((i * step) / 3_600_000).toFixed(1)} h | ${i} | ${(process.memoryUsage().rss / MB).toFixed(0)} | ${(process.memoryUsage().heapUsed / MB).toFixed(0)} | ${(statSync(file).size / MB).toFixed(2)} | ${sim.served()} |`,
    );
  };
  const started = performance.now();
  let lastSweep = 0;
  for (let i = 0; i < counts.messages; i++) {
    offset += step;
    const channel = `C${Math.floor(rand() * 40)}`;
    const user = `U${Math.floor(rand() * 300)}`;
    const base = { platform: 'slack' as const, teamId: 'T1', channelId: channel, userId: user };
    await services.coordination.claim(`slack-event:Ev${i}`, 3_600_000); // what the Slack adapter does per event
    const text =
      i % every(counts.withIndicators) === 0 ? `have a look at ${indicator()} and ${indicator()}` : (CHATTER[i % CHATTER.length] ?? '');
    for (const reply of await settleReplies(await bot.handle({ ...base, kind: 'message', messageId: `m${i}`, text }))) {
      if (reply.kind === 'summary' && summaries.length < 2000) {
        await bot.summaryPosted(base, `s${i}`, reply.target);
        summaries.push({ id: `s${i}`, channel });
      }
    }
    if (i % every(counts.reactions) === 0 && summaries.length > 0) {
      const target = summaries[Math.floor(rand() * summaries.length)] ?? { id: 'none', channel };
      const emoji = rand() < 0.5 ? 'thumbsdown' : 'thumbsup';
      await bot.handle({
        ...base,
        channelId: target.channel,
        kind: 'reaction',
        text: '',
        reaction: { emoji, added: true, targetMessageId: target.id },
      });
    }
    if (i % every(counts.commands) === 0) await settleReplies(await bot.handle({ ...base, kind: 'command', text: indicator() }));
    if (i * step - lastSweep >= 600_000) {
      lastSweep = i * step;
      await services.store.sweep();
      await votes.deliverDue();
    }
    if (i % Math.round(counts.messages / samples) === 0) await sample(i);
  }
  await sample(counts.messages);
  const elapsed = (performance.now() - started) / 1000;
  await votes.stop();
  await services.close();
  await sim.close();
  Date.now = realNow;
  return [
    `workload: ${counts.messages} messages (${counts.withIndicators} with two indicators each), ${counts.reactions} vote reactions, ${counts.commands} commands, one event claim per message, over a simulated day; SQLite store swept every simulated 10 min; ${elapsed.toFixed(0)} s`,
    '',
    '| simulated time | messages | RSS MB | heap MB | store file MB | upstream requests |',
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}
