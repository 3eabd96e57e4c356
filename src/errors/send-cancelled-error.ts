/** A request withdrawn right before it left (a vote whose delivery claim was lost or that no longer needs sending). */
export class SendCancelledError extends Error {
  override readonly name = 'SendCancelledError';
  constructor(readonly request: string) {
    super(`request withdrawn before sending: ${request}`);
  }
}
