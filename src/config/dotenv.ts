/** An optional `.env` file under the real environment: variables already set win over the file. */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export function environmentWithDotenv(env: Record<string, string | undefined>, path = '.env'): Record<string, string | undefined> {
  if (!existsSync(path)) return env;
  return { ...parseEnv(readFileSync(path, 'utf8')), ...env };
}
