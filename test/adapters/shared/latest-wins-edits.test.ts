import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestWinsEdits } from '../../../adapters/shared/latest-wins-edits.js';

describe('latest-wins edits', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const edits = () => {
    const sent: string[] = [];
    const queue = new LatestWinsEdits<string>(
      async (text) => void sent.push(text),
      3000,
      () => Date.now(),
    );
    return { sent, queue };
  };

  it('GIVEN five edits of one message in a burst THEN it is edited now with the first and once more with the last', async () => {
    const { sent, queue } = edits();
    queue.schedule('m1', 'tally 1');
    await vi.advanceTimersByTimeAsync(0);
    for (const n of [2, 3, 4, 5]) queue.schedule('m1', `tally ${n}`);
    await vi.advanceTimersByTimeAsync(2999);
    expect(sent).toEqual(['tally 1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['tally 1', 'tally 5']);
  });

  it('GIVEN two messages THEN each has its own interval', async () => {
    const { sent, queue } = edits();
    queue.schedule('m1', 'a');
    queue.schedule('m2', 'b');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.sort()).toEqual(['a', 'b']);
  });

  it('GIVEN a quiet interval after an edit THEN the message is forgotten (the map holds only recent edits)', async () => {
    const { queue } = edits();
    queue.schedule('m1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(queue.pending).toBe(0);
  });

  it('GIVEN a waiting edit at shutdown THEN flush sends it at once and nothing is sent twice', async () => {
    const { sent, queue } = edits();
    queue.schedule('m1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    queue.schedule('m1', 'b');
    await queue.flush();
    expect(sent).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toEqual(['a', 'b']);
    expect(queue.pending).toBe(0);
  });

  it('GIVEN an edit that fails THEN later edits still go out', async () => {
    let calls = 0;
    const queue = new LatestWinsEdits<string>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('rate limited');
    }, 100);
    queue.schedule('m1', 'a');
    await vi.advanceTimersByTimeAsync(0);
    queue.schedule('m1', 'b');
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
  });
});
