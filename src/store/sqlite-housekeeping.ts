/**
 * Keeping a SQLite store private and flat over months: the file is created 0600 in a 0700 directory, and a
 * periodic sweep deletes expired entries (Keyv only drops an expired entry when it is read again, so every
 * Slack event and Discord message claim would otherwise stay forever).
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Creates the directory (0700) and the file (0600) if missing, and makes an existing file private. */
export function prepareSqliteFile(path: string): void {
  const file = resolve(path);
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/** The part of @keyv/sqlite's adapter the sweep uses. */
export interface SqlQuery {
  query(sql: string, ...parameters: unknown[]): Promise<Array<Record<string, unknown>>>;
  disconnect(): Promise<void>;
}

export interface Sweeper {
  /** Deletes every expired entry now; resolves to how many. */
  sweep(): Promise<number>;
  /** Stops sweeping and closes the sweep's connection. */
  stop(): Promise<void>;
}

/** Sweeps expired entries every `everyMs` (and once at start). */
export function startSweeper(db: SqlQuery, everyMs: number, onError: (error: unknown) => void, now: () => number = Date.now): Sweeper {
  const sweep = async () => {
    await db.query(`DELETE FROM keyv WHERE json_valid(value) AND json_extract(value, '$.expires') < ?`, now());
    const [row] = await db.query('SELECT changes() AS deleted');
    return Number(row?.deleted ?? 0);
  };
  const run = () => void sweep().catch(onError);
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await db.disconnect().catch(() => {});
    },
  };
}
