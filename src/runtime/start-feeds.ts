/** The crowd feeds' schedule, shared by `start` and `console`. */
import type { Services } from './services.js';

/** Downloads ThreatCrowd's crowd feeds on their schedule, when ThreatCrowd is a provider. */
export async function startFeeds(services: Services): Promise<void> {
  const { FEEDS_REFRESH_SECONDS, PROVIDERS } = services.settings;
  if (FEEDS_REFRESH_SECONDS > 0 && PROVIDERS.includes('threatcrowd')) await services.feeds.start(FEEDS_REFRESH_SECONDS * 1000);
}
