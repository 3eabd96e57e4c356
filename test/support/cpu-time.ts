/**
 * CPU time spent by this process on a piece of work: for tests about algorithmic cost. Unlike wall time, it does
 * not grow when other processes load the machine (docs/house.md, "Waiting in tests").
 */

/** Milliseconds of CPU (user and system, every thread of this process) that `work` took, and its value. */
export async function cpuTimeOf<T>(work: () => T | Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(before);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}
