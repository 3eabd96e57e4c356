/**
 * Time limits for tests that start a real process (`node --import tsx …`). Starting one costs one to two seconds
 * of CPU (more with a cold tsx cache), which a loaded two-core machine stretches to 10–15 s of wall time; only a
 * hang reaches these limits (docs/house.md, "Waiting in tests").
 */

/** How long one real process may take to start and do a short command before a test calls it hung. */
export const PROCESS_MS = 60_000;

/** A test's time limit when it starts `processes` real processes, one after the other or at once. */
export const processTestTimeout = (processes = 1): number => processes * PROCESS_MS + 15_000;
