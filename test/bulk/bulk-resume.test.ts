/**
 * Bulks a stopped bot left unfinished, resumed at the next start: side by side as they ran before, each counted
 * toward its person again (MAX_BULKS_PER_PERSON holds across a deploy).
 */
import { describe, expect, it } from 'vitest';
import { BulkService } from '../../src/answers/bulk-service.js';
import type { BulkPlace, BulkSink } from '../../src/core/bulk-port.js';
import { createLogger } from '../../src/observability/logger.js';
import { bulkSetup, domainList, planOf } from './bulk-setup.js';

const place = (user: string, ts: string): BulkPlace => ({
  platform: 'slack',
  channelId: 'C1',
  messageId: ts,
  userId: user,
  queueOwner: `slack:T1:${user}`,
});
const sink: BulkSink = { progress: async () => {}, finish: async () => {} };

describe('resuming bulks after a restart', () => {
  it('GIVEN two people’s bulks left unfinished by a stop THEN both make progress after the restart, side by side', async () => {
    const { runner, state } = await bulkSetup({ limiter: { burst: 1, intervalMs: 100 } });
    const first = new BulkService({ runner: runner(), state, logger: createLogger('silent'), progressEveryMs: 100 });
    const quiet = { progress: async () => {}, finish: async () => {} };
    const a = first.run(planOf(domainList(15, 'alice')), place('UA', '1.1'), quiet);
    const b = first.run(planOf(domainList(15, 'bob')), place('UB', '2.2'), quiet);
    await new Promise((r) => setTimeout(r, 400));
    await first.stop();
    await Promise.all([a, b]);
    expect(await state.unfinished()).toHaveLength(2);

    const edits = new Map<string, number>();
    const after = new BulkService({ runner: runner(), state, logger: createLogger('silent'), progressEveryMs: 1 });
    const resumed = after.resumeUnfinished((p) => ({
      progress: async () => void edits.set(p.userId, (edits.get(p.userId) ?? 0) + 1),
      finish: async () => {},
    }));
    await new Promise((r) => setTimeout(r, 800));
    const seen = Object.fromEntries(edits);
    await after.stop();
    await resumed;
    expect(seen.UA ?? 0).toBeGreaterThan(0);
    expect(seen.UB ?? 0).toBeGreaterThan(0);
  }, 20_000);

  it('GIVEN a bulk resumed at start-up THEN it counts toward its person’s running bulks', async () => {
    const { runner, state } = await bulkSetup({ limiter: { burst: 1, intervalMs: 200 } });
    const one = place('U1', '1.1');
    // The first process: a bulk of 10, stopped (SIGTERM) after two lookups.
    const before = runner();
    const first = new BulkService({ runner: before, state, logger: createLogger('silent'), progressEveryMs: 100 });
    const running = first.run(planOf(domainList(10, 'resume')), one, {
      progress: async (reply) => {
        if (reply.kind === 'bulk-progress' && reply.text.startsWith('🔄 Bulk lookup: 2/')) void first.stop();
      },
      finish: async () => {},
    });
    await running;
    expect(await state.unfinished()).toHaveLength(1);
    // The next process resumes it.
    const after = new BulkService({ runner: runner(), state, logger: createLogger('silent'), progressEveryMs: 100 });
    const resumed = after.resumeUnfinished(() => sink);
    await new Promise((r) => setTimeout(r, 300));
    const counted = after.runningFor(one.queueOwner);
    expect(await state.unfinished()).toHaveLength(1); // the resumed bulk is still running
    await after.stop();
    await resumed;
    expect(counted).toBe(1);
  }, 20_000);
});
