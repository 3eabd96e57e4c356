import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { settingsSchema } from '../../src/config/settings.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json'));

/** Docker's .dockerignore rules, enough to check ours: globs (`*`, `**`), `!` exceptions, the last match wins, a folder covers its contents. */
function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const glob = (negated ? l.slice(1) : l).replace(/^\/+|\/+$/g, '');
      const body = glob
        .split('**/')
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'),
        )
        .join('(?:.*/)?');
      return { negated, pattern: new RegExp(`^${body}(?:/.*)?$`) };
    });
  return (path) => rules.reduce((ignored, rule) => (rule.pattern.test(path) ? !rule.negated : ignored), false);
}

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
    const compose = parse(read('docker-compose.yml'), { merge: true });
    for (const name of ['bot-slack', 'bot-discord']) expect(compose.services[name].environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.redis.image).toMatch(/^redis:/);
  });

  it('GIVEN compose THEN Slack replicas publish the Slack port and never run Discord; Discord runs in exactly one; .env is optional', () => {
    const { services } = parse(read('docker-compose.yml'), { merge: true });
    const slack = services['bot-slack'];
    const discord = services['bot-discord'];
    expect(slack.deploy.replicas).toBeGreaterThan(1);
    const published = (slack.ports as string[]).map((p) => /^(\d+)(?:-(\d+))?:(\d+)$/.exec(p));
    expect(published.some((m) => m?.[3] === slack.environment.SLACK_PORT)).toBe(true);
    // One host port per replica: a range at least as wide as the replica count.
    const range = published.find((m) => m?.[3] === '3000');
    expect(Number(range?.[2] ?? range?.[1]) - Number(range?.[1]) + 1).toBeGreaterThanOrEqual(slack.deploy.replicas);
    expect(slack.environment.DISCORD_TOKEN).toBe('');
    expect(discord.deploy.replicas).toBe(1);
    expect(discord.environment.SLACK_BOT_TOKEN).toBe('');
    for (const service of [slack, discord]) expect(service.env_file).toEqual([{ path: '.env', required: false }]);
  });

  it('GIVEN .dockerignore THEN secrets, dependencies, local data, git and test output stay out of the build context', () => {
    const ignored = dockerignore(read('.dockerignore'));
    for (const path of [
      '.env',
      '.env.production',
      'config/.env',
      'node_modules/zod/index.js',
      'data/threatcrowd-bot.sqlite',
      '.git/HEAD',
      'coverage/index.html',
      'dist/src/main.js',
    ]) {
      expect(ignored(path), path).toBe(true);
    }
    for (const path of [
      '.env.example',
      'package.json',
      'package-lock.json',
      'src/cli.ts',
      'adapters/slack/render.ts',
      'bin/threatcrowd-bot.js',
      'fixtures/threatcrowd/real/domain-aoldaily.com.json',
      'tsconfig.build.json',
    ]) {
      expect(ignored(path), path).toBe(false);
    }
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
