import type { BulkPlace, BulkSink } from './bulk-port.js';

/**
 * What the runtime needs of a chat platform once it runs, in the manner of hubot's `Adapter`: its name, whether
 * it is connected (readiness), and a stop that takes no more events and flushes pending edits.
 */
export interface ChatAdapter {
  /** `slack`, `discord`: names the readiness check and the log lines. */
  readonly name: string;
  connected(): boolean;
  stop(): Promise<void>;
  /** How this platform shows a bulk whose progress message is at `place` (to resume bulks after a restart). */
  bulkSink?(place: BulkPlace): BulkSink;
}
