import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentWithDotenv } from '../../src/config/dotenv.js';

describe('.env', () => {
  it('GIVEN a .env file THEN its variables are added under the real environment, which wins', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tcb-env-')), '.env');
    writeFileSync(file, '# comment\nLOG_LEVEL=debug\nIGNORE_DOMAINS="corp.com, corp.net"\n');
    expect(environmentWithDotenv({ LOG_LEVEL: 'warn' }, file)).toEqual({ LOG_LEVEL: 'warn', IGNORE_DOMAINS: 'corp.com, corp.net' });
    expect(process.env.IGNORE_DOMAINS).toBeUndefined();
  });

  it('GIVEN no .env file THEN the environment as it is', () => {
    expect(environmentWithDotenv({ A: '1' }, '/nonexistent/.env')).toEqual({ A: '1' });
  });
});
