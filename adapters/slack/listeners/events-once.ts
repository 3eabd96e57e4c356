import type { SlackListenerContext } from './listener-context.js';

/** Slack retries an event for up to about an hour: one claim per event id, shared by replicas. */
const EVENT_TTL_MS = 3_600_000;

/** Middleware: an event already claimed (a retry, or another replica's) goes no further. */
export function answerEachEventOnce({ app, coordination, log }: SlackListenerContext): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await coordination.claim(`slack-event:${eventId}`, EVENT_TTL_MS))) {
      log.debug({ eventId }, 'duplicate event ignored');
      return;
    }
    await next();
  });
}
