/**
 * Structured logs with pino; tokens never appear, nor the Slack and Discord clients' request or message
 * bodies, and looked-up values only with LOG_INDICATORS=true.
 */
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import { safeError } from './log-safety.js';

export type { Logger };

const REDACT = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'headers.authorization',
  '*.token',
  '*.authorization',
  'apiKey',
  '*.apiKey',
  'requestBody',
  '*.requestBody',
  'config.data',
  '*.config.data',
];

/** pino-pretty when it is installed (development) and logs go to a terminal; JSON otherwise. */
function prettyStream(destination: NodeJS.WritableStream): pino.DestinationStream | null {
  if (destination !== process.stderr || !process.stderr.isTTY) return null;
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (options: object) => pino.DestinationStream;
    return pretty({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' });
  } catch {
    return null;
  }
}

/** A logger writing JSON to `destination` (stderr by default; pretty in a terminal). */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  const stream = prettyStream(destination) ?? (destination as pino.DestinationStream);
  return pino(
    {
      level,
      base: { app: 'threatcrowd-bot' },
      redact: { paths: REDACT, censor: '[redacted]' },
      // Errors by a whitelist of fields: a discord.js or axios error carries the whole message it tried to send.
      serializers: { err: safeError, error: safeError },
    },
    stream,
  );
}

/** The looked-up value as a log field, only when the operator opted in (LOG_INDICATORS=true). */
export function indicatorField(value: string, logIndicators: boolean): { value?: string } {
  return logIndicators ? { value } : {};
}
