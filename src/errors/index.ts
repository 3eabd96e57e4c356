/** The errors the bot knows by kind: one class per file. */

export { CircuitOpenError } from './circuit-open-error.js';
export { PersonQueueFullError } from './person-queue-full-error.js';
export { QueueFullError } from './queue-full-error.js';
export { SendCancelledError } from './send-cancelled-error.js';
export { UnsupportedLookupError } from './unsupported-lookup-error.js';
export { UpstreamBusyError } from './upstream-busy-error.js';
export { UpstreamError, type UpstreamErrorKind, type UpstreamErrorOptions } from './upstream-error.js';
export { UpstreamHtmlError } from './upstream-html-error.js';
export { UpstreamMalformedError } from './upstream-malformed-error.js';
export { UpstreamNetworkError } from './upstream-network-error.js';
export { UpstreamStatusError } from './upstream-status-error.js';
export { UpstreamTimeoutError } from './upstream-timeout-error.js';
export { UpstreamTooLargeError } from './upstream-too-large-error.js';
export { isUserError, UserError } from './user-error.js';
