/** Two replicas on one Redis: a picture drawn by one is posted by the other without drawing; one press posts once. */
import { describe, expect, it } from 'vitest';
import type { Invocation } from '../../src/core/invocation.js';
import { type Reply, settleReplies } from '../../src/core/reply.js';
import { useRedisForFile } from '../support/redis-server.js';
import { createTestBot, type TestBot } from '../support/test-bot.js';

const redis = useRedisForFile();

function press(t: TestBot, messageId: string, user: string): Promise<Reply[]> {
  const invocation: Invocation = {
    platform: 'console',
    userId: user,
    channelId: 'C1',
    text: '',
    kind: 'button',
    button: { action: 'graph', targetMessageId: messageId, value: 'domain:aoldaily[.]com' },
  };
  return t.bot.handle(invocation).then(settleReplies);
}

describe('graph pictures across replicas', () => {
  it('GIVEN replica A drew a report’s picture THEN replica B posts it for another summary without drawing', async () => {
    const a = await createTestBot({ REDIS_URL: redis.url });
    const b = await createTestBot({ REDIS_URL: redis.url });
    const [drawn] = await press(a, 'summary-1', 'U1');
    const [shared] = await press(b, 'summary-2', 'U2');
    expect(drawn?.kind === 'file' && shared?.kind === 'file').toBe(true);
    expect(a.bot.deps.graphPictures.stats.drawn).toBe(1);
    expect(b.bot.deps.graphPictures.stats).toEqual({ drawn: 0, kept: 1 });
    if (drawn?.kind === 'file' && shared?.kind === 'file')
      expect(Buffer.from(shared.file.bytes).equals(Buffer.from(drawn.file.bytes))).toBe(true);
  });

  it('GIVEN the same press reaching both replicas THEN one of them posts the picture and the other says it is there', async () => {
    const a = await createTestBot({ REDIS_URL: redis.url });
    const b = await createTestBot({ REDIS_URL: redis.url });
    const [fromA, fromB] = await Promise.all([press(a, 'summary-9', 'U1'), press(b, 'summary-9', 'U1')]);
    const all = [...(fromA ?? []), ...(fromB ?? [])];
    expect(all.filter((r) => r.kind === 'file')).toHaveLength(1);
    expect(all.filter((r) => r.kind === 'notice')).toHaveLength(1);
  });
});
