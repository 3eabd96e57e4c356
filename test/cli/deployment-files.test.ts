import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { settingsSchema } from '../../src/config/settings.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json'));

describe('deployment files', () => {
  it('the Dockerfile runs the same entry point as npm start, as a non-root user with a health check', () => {
    const dockerfile = read('Dockerfile');
    const entry = /ENTRYPOINT \["node", "([^"]+)"\]/.exec(dockerfile)?.[1];
    const cmd = /CMD \["([^"]+)"\]/.exec(dockerfile)?.[1];
    expect(`node ${entry} ${cmd}`).toBe(pkg.scripts.start);
    expect(pkg.bin['threatcrowd-bot']).toBe(entry);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toContain('RUN npm run build');
    // The build copies what the compiled entry imports.
    for (const dir of ['src', 'adapters', 'bin', 'fixtures']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
  });

  it('docker-compose runs the bot with Redis', () => {
    const compose = parse(read('docker-compose.yml'));
    expect(compose.services.bot.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.redis.image).toMatch(/^redis:/);
  });

  it('.env.example and the README list every variable the bot reads, with its default', () => {
    const example = read('.env.example');
    const readme = read('README.md');
    for (const [name, schema] of Object.entries(settingsSchema.shape)) {
      expect(example, name).toMatch(new RegExp(`^#?${name}=`, 'm'));
      expect(readme, name).toContain(`\`${name}\``);
      const parsed = schema.safeParse(undefined);
      if (parsed.success && parsed.data !== undefined && !Array.isArray(parsed.data)) {
        expect(example, `${name} default`).toContain(`${name}=${parsed.data}`);
      }
    }
  });
});

describe('the package entry', () => {
  it('exports the core for other programs: client, report types, detection, the grammar', async () => {
    const entry = await import('../../src/index.js');
    expect(entry.detectIndicators('see evil[.]com')).toEqual([{ type: 'domain', value: 'evil.com', defanged: true }]);
    expect(typeof entry.ThreatCrowdClient).toBe('function');
    expect(typeof entry.parseCommand).toBe('function');
    expect(pkg.exports['.'].default).toBe('./dist/src/index.js');
  });
});
