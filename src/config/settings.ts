/**
 * Settings from the environment, validated with zod: one clear line per problem, before anything connects.
 * Only this module (through `loadSettings`) and the adapters' mains read `process.env`.
 */
import { z } from 'zod';
import { domainEntryProblem } from '../indicators/domain.js';
import { DEFAULT_STORE_URL } from '../store/open-store.js';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const list = z.string().transform((v) =>
  v
    .split(/[\s,]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = z.url({ protocol: /^https?$/ });

/** Every environment variable the bot reads, with its default. README and .env.example list the same. */
export const settingsSchema = z.object({
  THREATCROWD_URL: url.default('https://www.threatcrowd.org'),
  THREATCROWD_BURST: int(1, 100).default(3),
  THREATCROWD_INTERVAL_MS: int(1, 3_600_000).default(10_000),
  THREATCROWD_TIMEOUT_MS: int(100, 300_000).default(15_000),
  THREATCROWD_RETRIES: int(0, 10).default(2),
  PASSIVE_QUEUE_MAX: int(0, 10_000).default(20),
  MAX_QUEUED_PER_PERSON: int(1, 1000).default(10),
  PROVIDERS: list
    .pipe(z.array(z.enum(['threatcrowd', 'otx'])).min(1, 'name at least one provider: threatcrowd, otx'))
    .default(['threatcrowd', 'otx']),
  OTX_URL: url.default('https://otx.alienvault.com'),
  OTX_API_KEY: z.string().min(1).optional(),
  OTX_BURST: int(1, 100).default(5),
  OTX_INTERVAL_MS: int(1, 3_600_000).default(1000),
  BREAKER_FAILURES: int(1, 100).default(3),
  BREAKER_COOLDOWN_SECONDS: int(1, 86_400).default(60),
  FEEDS_REFRESH_SECONDS: int(0, 7 * 86_400).default(3600),
  CACHE_URL: z
    .string()
    .regex(/^(memory|sqlite|redis|rediss):\/\//, 'must start with memory://, sqlite:// or redis://')
    .default(DEFAULT_STORE_URL),
  CACHE_TTL_SECONDS: int(0, 30 * 86_400).default(6 * 3600),
  CACHE_NOT_FOUND_TTL_SECONDS: int(0, 30 * 86_400).default(3600),
  // Compared in canonical form (punycode, no trailing dot), however written; an entry that protects nothing is refused.
  IGNORE_DOMAINS: list
    .superRefine((entries, ctx) => {
      for (const problem of entries.map(domainEntryProblem).filter((p) => p !== null))
        ctx.addIssue({ code: 'custom', message: `${problem}; give domain names such as corp.example.com` });
    })
    .default([]),
  MAX_INDICATORS_PER_COMMAND: int(1, 50).default(10),
  BULK_MAX: int(1, 10_000).default(500),
  FILE_HASH_MAX_MB: int(1, 4096).default(100),
  FILE_HASH_ON_REQUEST_MAX_MB: int(1, 4096).default(1024),
  FILE_HASH_TIMEOUT_SECONDS: int(1, 3600).default(120),
  BULK_PROGRESS_MS: int(100, 600_000).default(3000),
  BULK_OUTAGE_WAIT_MINUTES: int(0, 24 * 60).default(30),
  AUTO_REPLY_MAX: int(1, 25).default(5),
  GRAPH_MAX_LOOKUPS: int(0, 50).default(5),
  WATCH_INTERVAL_HOURS: z.coerce
    .number()
    .min(0.00001)
    .max(24 * 30)
    .default(24),
  WATCH_BUDGET_SHARE: z.coerce.number().min(0).max(1).default(0.25),
  WATCH_MAX_PER_PERSON: int(0, 10_000).default(20),
  WATCH_MAX_PER_CHANNEL: int(0, 10_000).default(50),
  AUTO_DETECT_DEFAULT: z.enum(['auto', 'reveal', 'off']).default('auto'),
  DEDUPE_WINDOW_SECONDS: int(0, 7 * 86_400).default(3600),
  NOTICE_AFTER_MS: int(0, 60_000).default(1500),
  VOTE_FORWARD: bool.default(true),
  VOTE_EMOJI_MALICIOUS: list.default(['thumbsdown', '-1', 'skull_and_crossbones']),
  VOTE_EMOJI_SAFE: list.default(['thumbsup', '+1', 'white_check_mark']),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xox[bp]-/, 'must be a bot token (xoxb-…)')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token (xapp-…)')
    .optional(),
  SLACK_PORT: int(0, 65535).default(3000),
  SLACK_API_URL: url.optional(),
  DISCORD_TOKEN: z.string().min(20, 'looks too short for a Discord bot token').optional(),
  DISCORD_API_URL: url.optional(),
  HTTP_PORT: int(0, 65535).default(8080),
  HTTP_HOST: z.string().default('0.0.0.0'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_INDICATORS: bool.default(false),
});

/** The schema with the rules that tie variables together. */
const checkedSchema = settingsSchema.superRefine((s, ctx) => {
  if (s.SLACK_BOT_TOKEN && !s.SLACK_APP_TOKEN && !s.SLACK_SIGNING_SECRET) {
    ctx.addIssue({
      code: 'custom',
      path: ['SLACK_SIGNING_SECRET'],
      message: 'required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    });
  }
});

export type Settings = z.infer<typeof settingsSchema>;

/** Thrown with every problem found in the environment, one per line. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Validates `env` (empty strings count as unset). */
export function loadSettings(env: Record<string, string | undefined>): Settings {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = checkedSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new SettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
