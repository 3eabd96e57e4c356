/** The core's settings from the validated environment: the one mapping, with every default in the zod schema. */
import type { BotSettings } from '../core/context.js';
import { loadSettings, type Settings } from './settings.js';

/** Chat platforms send some reactions as the emoji itself rather than its name: each named set gets its emoji. */
const EMOJI_OF: Readonly<Record<string, readonly string[]>> = {
  thumbsdown: ['👎'],
  '-1': ['👎'],
  skull_and_crossbones: ['☠️', '☠'],
  thumbsup: ['👍'],
  '+1': ['👍'],
  white_check_mark: ['✅'],
};

const withEmoji = (names: readonly string[]) => [...new Set(names.flatMap((n) => [n, ...(EMOJI_OF[n] ?? [])]))];

export function botSettingsFrom(settings: Settings): BotSettings {
  return {
    ignoreDomains: settings.IGNORE_DOMAINS,
    maxIndicatorsPerCommand: settings.MAX_INDICATORS_PER_COMMAND,
    autoReplyMax: settings.AUTO_REPLY_MAX,
    autoDetectDefault: settings.AUTO_DETECT_DEFAULT,
    dedupeWindowMs: settings.DEDUPE_WINDOW_SECONDS * 1000,
    noticeAfterMs: settings.NOTICE_AFTER_MS,
    graphMaxLookups: settings.GRAPH_MAX_LOOKUPS,
    voteEmojiMalicious: withEmoji(settings.VOTE_EMOJI_MALICIOUS),
    voteEmojiSafe: withEmoji(settings.VOTE_EMOJI_SAFE),
    logIndicators: settings.LOG_INDICATORS,
    fileHashMaxBytes: settings.FILE_HASH_MAX_MB * 1024 * 1024,
    fileHashOnRequestMaxBytes: Math.max(settings.FILE_HASH_ON_REQUEST_MAX_MB, settings.FILE_HASH_MAX_MB) * 1024 * 1024,
    fileHashTimeoutMs: settings.FILE_HASH_TIMEOUT_SECONDS * 1000,
    bulkMax: settings.BULK_MAX,
  };
}

/** The core's settings with every default (tests, the package entry). */
export function defaultBotSettings(): BotSettings {
  return botSettingsFrom(loadSettings({}));
}
