/** Structured logs with pino; tokens never appear, and looked-up values only with LOG_INDICATORS=true. */
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';

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
];

/** A logger writing JSON to `destination` (stderr by default). */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    { level, base: { app: 'threatcrowd-bot' }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination as pino.DestinationStream,
  );
}

/** The value to log for an indicator: itself only when the operator opted in. */
export function loggableValue(value: string, logIndicators: boolean): string {
  return logIndicators ? value : `[${value.length} chars]`;
}
