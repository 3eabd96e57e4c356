/** Pictures kept with the report: drawn once per graph and theme, shared by replicas through Redis, bounded. */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { GraphPicture } from '../../src/graph/draw-graph.js';
import { GraphPictures, PICTURE_LIMITS, pictureKey, TooManyPicturesError } from '../../src/graph/graph-pictures.js';
import type { Graph } from '../../src/graph/model.js';
import type { Report } from '../../src/report/report.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { fixtureReport } from '../support/graphs.js';
import { useRedisForFile } from '../support/redis-server.js';

const redis = useRedisForFile();
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});
async function replicaStore(): Promise<Store> {
  const store = await openStore(redis.url);
  stores.push(store);
  return store;
}

const aoldaily = () => fixtureReport('domain', 'aoldaily.com');
const graphOf = (report: Report): Graph => buildGraph(report);
/** A graph per index, each different (for counting drawings without drawing). */
const nthGraph = (n: number): Graph => graphOf({ ...aoldaily(), value: `site${n}.example-${n}.net` });

/** A drawing stand-in that counts and can be held open, for the bounds that do not need real pixels. */
function fakeDraw(bytes = 100) {
  const calls: Graph[] = [];
  let release: () => void = () => {};
  const gate = { open: Promise.resolve() };
  return {
    calls,
    hold() {
      gate.open = new Promise<void>((r) => {
        release = r;
      });
    },
    release: () => release(),
    draw: async (graph: Graph): Promise<GraphPicture> => {
      calls.push(graph);
      await gate.open;
      return { svg: '<svg/>', png: Buffer.alloc(bytes, calls.length), width: 1, height: 1, altText: 'a', notes: [], nodeCount: 1 };
    },
  };
}

describe('GraphPictures', () => {
  it('GIVEN the same report twice THEN drawn once; a changed report or another theme THEN drawn again', async () => {
    const pictures = new GraphPictures(null, { ttlMs: 60_000 });
    const first = await pictures.picture(graphOf(aoldaily()), 'dark');
    const again = await pictures.picture(graphOf(aoldaily()), 'dark');
    expect(again.png.equals(first.png)).toBe(true);
    expect(pictures.stats).toEqual({ drawn: 1, kept: 1 });
    const changed = { ...aoldaily(), resolutions: [{ ip: '45.77.12.34', lastResolved: '2026-11-30' }, ...aoldaily().resolutions] };
    await pictures.picture(graphOf(changed), 'dark');
    await pictures.picture(graphOf(aoldaily()), 'light');
    expect(pictures.stats.drawn).toBe(3);
  });

  it('GIVEN the same report fetched again (a new fetch time) THEN the key is the same: only what is drawn counts', () => {
    const later: Report = { ...aoldaily(), fetchedAt: '2026-12-02T00:00:00.000Z', stale: true };
    expect(pictureKey(graphOf(later), 'dark')).toBe(pictureKey(graphOf(aoldaily()), 'dark'));
  });

  it('GIVEN two replicas on one Redis THEN the second posts the first one’s picture without drawing it', async () => {
    const one = new GraphPictures((await replicaStore()).namespace('graph-pictures'), { ttlMs: 60_000 });
    const two = new GraphPictures((await replicaStore()).namespace('graph-pictures'), { ttlMs: 60_000 });
    const drawn = await one.picture(graphOf(aoldaily()), 'dark');
    const shared = await two.picture(graphOf(aoldaily()), 'dark');
    expect(two.stats).toEqual({ drawn: 0, kept: 1 });
    expect(shared.png.equals(drawn.png)).toBe(true);
    expect(shared.altText).toBe(drawn.altText);
  });

  it('GIVEN a kept picture THEN Redis forgets it after the report’s TTL, and an oversized one is not kept at all', async () => {
    const client = new Redis(redis.url);
    try {
      await client.flushall();
      const small = fakeDraw(100);
      const pictures = new GraphPictures((await replicaStore()).namespace('graph-pictures'), { ttlMs: 60_000, draw: small.draw });
      await pictures.picture(nthGraph(1), 'dark');
      const [key] = await client.keys('*graph-pictures*');
      expect(key).toBeDefined();
      const ttl = await client.pttl(key ?? '');
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      const big = fakeDraw(PICTURE_LIMITS.maxBytes + 1);
      const huge = new GraphPictures((await replicaStore()).namespace('graph-pictures'), { ttlMs: 60_000, draw: big.draw });
      await huge.picture(nthGraph(2), 'dark');
      expect(await client.keys('*graph-pictures*')).toHaveLength(1);
    } finally {
      client.disconnect();
    }
  });

  it('GIVEN a store that fails THEN the picture is still drawn and the failure reported', async () => {
    const store = await replicaStore();
    const keyv = store.namespace('graph-pictures');
    keyv.get = (async () => {
      throw new Error('store down');
    }) as typeof keyv.get;
    const failures: unknown[] = [];
    const pictures = new GraphPictures(keyv, { ttlMs: 60_000, draw: fakeDraw().draw, onStoreError: (e) => failures.push(e) });
    const picture = await pictures.picture(nthGraph(1), 'dark');
    expect(picture.png.length).toBe(100);
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });

  it('GIVEN more pictures than the memory keeps and no shared store THEN the oldest is drawn again (bounded memory)', async () => {
    const fake = fakeDraw();
    const pictures = new GraphPictures(null, { ttlMs: 60_000, draw: fake.draw });
    for (let i = 0; i <= PICTURE_LIMITS.recent; i++) await pictures.picture(nthGraph(i), 'dark');
    await pictures.picture(nthGraph(PICTURE_LIMITS.recent), 'dark');
    expect(fake.calls).toHaveLength(PICTURE_LIMITS.recent + 1);
    await pictures.picture(nthGraph(0), 'dark');
    expect(fake.calls).toHaveLength(PICTURE_LIMITS.recent + 2);
  });

  it('GIVEN five requests for one graph at once THEN one drawing serves them all', async () => {
    const fake = fakeDraw();
    fake.hold();
    const pictures = new GraphPictures(null, { ttlMs: 60_000, draw: fake.draw });
    const all = Array.from({ length: 5 }, (_, i) => pictures.picture(nthGraph(1), 'dark', `person:${i}`));
    await new Promise((r) => setTimeout(r, 20));
    fake.release();
    await Promise.all(all);
    expect(fake.calls).toHaveLength(1);
  });

  it('GIVEN one person asking for ten different pictures at once THEN at most two are drawn and the others are told; another person is not', async () => {
    const fake = fakeDraw();
    fake.hold();
    const pictures = new GraphPictures(null, { ttlMs: 60_000, draw: fake.draw });
    const flood = Array.from({ length: 10 }, (_, i) => pictures.picture(nthGraph(i), 'dark', 'person:flood').catch((e: unknown) => e));
    const other = pictures.picture(nthGraph(99), 'dark', 'person:other');
    await new Promise((r) => setTimeout(r, 20));
    fake.release();
    const results = await Promise.all(flood);
    expect(results.filter((r) => r instanceof TooManyPicturesError)).toHaveLength(10 - PICTURE_LIMITS.perPerson);
    expect((await other).png.length).toBe(100);
    expect(fake.calls).toHaveLength(PICTURE_LIMITS.perPerson + 1);
    // Once they are posted, the same person may ask again.
    await expect(pictures.picture(nthGraph(50), 'dark', 'person:flood')).resolves.toBeDefined();
  });
});
