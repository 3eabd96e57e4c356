/** The limiter stopped (shutdown) before the job's turn came: nothing was sent. */
export class LimiterStoppedError extends Error {
  override readonly name = 'LimiterStoppedError';
  constructor() {
    super('request dropped: the limiter stopped before its turn');
  }
}
