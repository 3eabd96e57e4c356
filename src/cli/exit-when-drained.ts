/** Ending the process without losing output: a pipe or a slow terminal may still hold what was written. */

/** Resolves once everything written to `stream` so far has been handed on (writes complete in order). */
export function drained(stream: NodeJS.WritableStream & { destroyed?: boolean; writable?: boolean }): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writable === false) return resolve();
    stream.write('', () => resolve());
  });
}

/** Calls `exit(code)` once every stream has drained. */
export async function exitWhenDrained(
  code: number,
  streams: ReadonlyArray<NodeJS.WritableStream> = [process.stdout, process.stderr],
  exit: (code: number) => void = (c) => process.exit(c),
): Promise<void> {
  await Promise.all(streams.map(drained));
  exit(code);
}
