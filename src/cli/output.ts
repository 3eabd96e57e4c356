/** How CLI commands print and fail: expected failures are one clear line, never a stack trace. */

import { SettingsError } from '../config/settings.js';
import { UpstreamError } from '../errors/index.js';
import { isUserError } from '../errors/user-error.js';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Record<string, string | undefined>;
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The optional settings file read under the environment (`.env` for the real command; tests leave it out). */
  readonly dotenvPath?: string;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, dotenvPath: '.env' };

/** One line for an expected failure, or null for a bug (which then shows its stack). */
export function expectedFailureLine(error: unknown): string | null {
  if (isUserError(error)) return `error: ${error.message}${error.usage ? `\nusage: ${error.usage}` : ''}`;
  if (error instanceof SettingsError) return `configuration error:\n${error.problems.map((p) => `  ${p}`).join('\n')}`;
  if (error instanceof UpstreamError) return `upstream error: ${error.message}`;
  return null;
}
