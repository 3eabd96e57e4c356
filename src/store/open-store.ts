/**
 * One key-value store for everything the bot keeps (cache, vote ledger and outbox, channel modes,
 * de-duplication), opened from a URL: `memory://`, `sqlite://path/to/file.sqlite`, `redis://host:port`.
 * Each part of the bot gets its own namespace.
 */
import Keyv from 'keyv';
import { prepareSqliteFile, type SqlQuery, type Sweeper, startSweeper } from './sqlite-housekeeping.js';

export const DEFAULT_STORE_URL = 'sqlite://data/threatcrowd-bot.sqlite';

export interface Store {
  /** The store for one part of the bot; the same name always gives the same Keyv. */
  namespace(name: string): Keyv;
  /** Checks that the backing store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Deletes expired entries now (SQLite; Redis and memory expire on their own); resolves to how many. */
  sweep(): Promise<number>;
}

/** How often a SQLite store deletes its expired entries. */
const SWEEP_EVERY_MS = 10 * 60_000;

/** Throws a TypeError naming the problem for an unsupported or malformed URL. */
export async function openStore(url: string): Promise<Store> {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'memory') return keyvStore('memory', () => new Map());
  if (scheme === 'sqlite') {
    const path = url.slice('sqlite://'.length);
    if (path === '') throw new TypeError(`sqlite store needs a file path: ${url}`);
    if (path !== ':memory:') prepareSqliteFile(path);
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const adapter = () => new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 10_000 });
    const sweeper = startSweeper(adapter() as unknown as SqlQuery, SWEEP_EVERY_MS, () => {});
    return keyvStore('sqlite', adapter, sweeper);
  }
  if (scheme === 'redis' || scheme === 'rediss') {
    const { default: KeyvRedis } = await import('@keyv/redis');
    return keyvStore('redis', () => new KeyvRedis(url, { throwOnConnectError: true }));
  }
  throw new TypeError(`unknown store scheme in "${url}": use memory://, sqlite://PATH or redis://HOST:PORT`);
}

function keyvStore(kind: Store['kind'], makeAdapter: () => unknown, sweeper?: Sweeper): Store {
  const spaces = new Map<string, Keyv>();
  const namespace = (name: string): Keyv => {
    let keyv = spaces.get(name);
    if (!keyv) {
      keyv = new Keyv({ store: makeAdapter() as never, namespace: name, throwOnErrors: true });
      spaces.set(name, keyv);
    }
    return keyv;
  };
  return {
    kind,
    namespace,
    async ping() {
      try {
        const probe = namespace('health');
        await probe.set('ping', Date.now(), 60_000);
        return (await probe.get('ping')) !== undefined;
      } catch {
        return false;
      }
    },
    sweep: () => sweeper?.sweep() ?? Promise.resolve(0),
    async close() {
      await sweeper?.stop();
      await Promise.all([...spaces.values()].map((k) => k.disconnect().catch(() => {})));
      spaces.clear();
    },
  };
}
