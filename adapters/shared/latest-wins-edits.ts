/**
 * Edits of one message at most once per interval, the latest version winning: a team tally changes in bursts,
 * and each platform limits edits. Shared by the Slack and Discord adapters; the state of a message is forgotten
 * once a full interval passes without a new edit, so the map holds only recent edits.
 */

interface EditState<T> {
  timer: NodeJS.Timeout | null;
  latest: T | null;
  lastAt: number;
}

export class LatestWinsEdits<T> {
  private readonly edits = new Map<string, EditState<T>>();

  constructor(
    /** Sends one edit; a failure is the caller's to log (it is not retried: a newer edit may follow). */
    private readonly apply: (latest: T) => Promise<void>,
    private readonly intervalMs = 3000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Edits the message `key` to `latest` now if it has not been edited within the interval, else when it may. */
  schedule(key: string, latest: T): void {
    const state = this.edits.get(key) ?? { timer: null, latest: null, lastAt: 0 };
    state.latest = latest;
    this.edits.set(key, state);
    if (state.timer) return;
    state.timer = setTimeout(() => this.send(key, state), Math.max(0, state.lastAt + this.intervalMs - this.now()));
    state.timer.unref();
  }

  /** Messages with edit state (for tests: the map is pruned). */
  get pending(): number {
    return this.edits.size;
  }

  /** Sends every pending edit now (shutdown), and forgets them all. */
  async flush(): Promise<void> {
    const waiting = [...this.edits.values()];
    this.edits.clear();
    for (const state of waiting) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      const latest = state.latest;
      state.latest = null;
      if (latest !== null) await this.apply(latest).catch(() => {});
    }
  }

  private send(key: string, state: EditState<T>): void {
    state.timer = null;
    state.lastAt = this.now();
    const latest = state.latest;
    state.latest = null;
    setTimeout(() => {
      if (!state.timer && state.latest === null && this.edits.get(key) === state) this.edits.delete(key);
    }, this.intervalMs).unref();
    if (latest !== null) void this.apply(latest).catch(() => {});
  }
}
