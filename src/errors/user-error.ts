/** An error whose message the user sees verbatim (bad input, unsupported type), with an optional usage hint. */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** A usage line shown under the message. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
