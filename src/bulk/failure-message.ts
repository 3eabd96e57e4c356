/** The message a person sees for a failed lookup in a bulk, or null for a bug (logged, shown generically). */

import { UpstreamError } from '../errors/index.js';
import { isUserError } from '../errors/user-error.js';

export function failureMessage(error: unknown): string | null {
  if (isUserError(error) || error instanceof UpstreamError) return error.message;
  return null;
}
