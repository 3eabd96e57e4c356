/**
 * One key-value store for everything the bot keeps (cache, vote ledger and outbox, channel modes,
 * de-duplication), opened from a URL: `memory://`, `sqlite://path/to/file.sqlite`, `redis://host:port`.
 * Each part of the bot gets its own namespace.
 */
import Keyv from 'keyv';
import { startMemorySweeper } from './memory-sweeper.js';
import { prepareSqliteFile, type SqlQuery, type Sweeper, startSweeper } from './sqlite-housekeeping.js';

export const DEFAULT_STORE_URL = 'sqlite://data/threatcrowd-bot.sqlite';

export interface Store {
  /** The store for one part of the bot; the same name always gives the same Keyv. */
  namespace(name: string): Keyv;
  /** Checks that the backing store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Deletes expired entries now (SQLite and memory, also every 10 min; Redis expires on its own); resolves to how many. */
  sweep(): Promise<number>;
}

/** How often a SQLite or memory store deletes its expired entries. */
const SWEEP_EVERY_MS = 10 * 60_000;

/** How long opening a store may take before it counts as unreachable. */
export const STORE_CONNECT_TIMEOUT_MS = 3000;

/** The store did not answer within the connect timeout, or refused: `address` is safe to print (no password). */
export class StoreUnreachableError extends Error {
  override readonly name = 'StoreUnreachableError';
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`store at ${address} unreachable (${reason})`);
  }
}

/** A store URL without its user name and password, for messages and logs. */
export function printableAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

/**
 * Opens and checks the store. Throws a TypeError for an unsupported or malformed URL, and a
 * StoreUnreachableError when it does not answer within `timeoutMs`.
 */
export async function openStore(
  url: string,
  timeoutMs = STORE_CONNECT_TIMEOUT_MS,
  /** A periodic sweep failed (SQLite): the store still works, expired entries wait for the next sweep. */
  onSweepError: (error: unknown) => void = () => {},
): Promise<Store> {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'memory') {
    const maps: Map<string, unknown>[] = [];
    const sweeper = startMemorySweeper(maps, SWEEP_EVERY_MS);
    return keyvStore('memory', () => maps[maps.push(new Map()) - 1], sweeper);
  }
  const failures: unknown[] = [];
  const store = await openBackedStore(url, scheme, timeoutMs, failures, onSweepError);
  await checkConnected(store, url, timeoutMs, failures);
  return store;
}

async function openBackedStore(
  url: string,
  scheme: string | undefined,
  timeoutMs: number,
  failures: unknown[],
  onSweepError: (error: unknown) => void,
): Promise<Store> {
  if (scheme === 'sqlite') {
    const path = url.slice('sqlite://'.length);
    if (path === '') throw new TypeError(`sqlite store needs a file path: ${url}`);
    try {
      if (path !== ':memory:') prepareSqliteFile(path);
    } catch (error) {
      throw new StoreUnreachableError(url, reasonOf(error));
    }
    const { default: KeyvSqlite } = await import('@keyv/sqlite');
    const adapter = () => new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 10_000 });
    const sweeper = startSweeper(adapter() as unknown as SqlQuery, SWEEP_EVERY_MS, onSweepError);
    return keyvStore('sqlite', adapter, sweeper);
  }
  if (scheme === 'redis' || scheme === 'rediss') {
    const { default: KeyvRedis } = await import('@keyv/redis');
    return keyvStore('redis', () => {
      const adapter = new KeyvRedis(url, { throwOnConnectError: true, connectionTimeout: timeoutMs });
      // Each failure is thrown to the caller too; the event carries its cause (ECONNREFUSED) for the message.
      adapter.on('error', (error: unknown) => {
        if (failures.length < 10) failures.push(error);
      });
      return adapter;
    });
  }
  throw new TypeError(`unknown store scheme in "${url}": use memory://, sqlite://PATH or redis://HOST:PORT`);
}

/** One read within the timeout, so a store that is down fails now with one clear error, not at the first lookup. */
async function checkConnected(store: Store, url: string, timeoutMs: number, failures: readonly unknown[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const reason = () => (failures[0] ? `${reasonOf(failures[0])}, ` : '');
    timer = setTimeout(
      () => reject(new StoreUnreachableError(printableAddress(url), `${reason()}no answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([store.namespace('health').get('ping'), timeout]);
  } catch (error) {
    await store.close().catch(() => {});
    if (error instanceof StoreUnreachableError) throw error;
    throw new StoreUnreachableError(printableAddress(url), reasonOf(failures[0] ?? error));
  } finally {
    clearTimeout(timer);
  }
}

/** The most specific reason in an error's cause chain: a system code (ECONNREFUSED) or the message. */
export function reasonOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    const next = current as { cause?: unknown; errors?: unknown[]; original?: unknown };
    current = next.cause ?? next.original ?? next.errors?.[0];
  }
  return error instanceof Error ? error.message : String(error);
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
