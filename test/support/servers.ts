/** Test servers closed after each test (when running under vitest; benchmarks close their own). */
import type { Server } from 'node:http';
import { afterEach } from 'vitest';

const open: Array<() => Promise<void>> = [];

if (process.env.VITEST) {
  afterEach(async () => {
    await Promise.all(open.splice(0).map((close) => close()));
  });
}

/** Closes `server` (and its open connections) after the current test. */
export function closeAfterTest(server: Server): void {
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
}

/** Runs `close` after the current test. */
export function afterTest(close: () => Promise<void>): void {
  open.push(close);
}
