/** A low-priority lookup dropped because the queue is full; nothing was sent. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
  constructor(readonly queued: number) {
    super(`lookup queue is full (${queued} waiting); passive lookup dropped`);
  }
}
