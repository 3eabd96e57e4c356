import { UserError } from './user-error.js';

/** One person already has the most lookups allowed waiting: nothing more of theirs is queued until those are answered. */
export class PersonQueueFullError extends UserError {
  constructor(readonly waiting: number) {
    super(`You already have ${waiting} lookups waiting for ThreatCrowd; ask again once they are answered.`);
  }
}
