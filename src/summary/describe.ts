/** Short platform-neutral sentences shared by every renderer. */
import { formatAge } from './age.js';

export function queueNotice(count: number, position: number, waitMs: number): string {
  const what = count === 1 ? 'Looking it up' : `Looking up ${count} values`;
  return position <= 1 && waitMs < 1000 ? `${what}…` : `${what}: queued #${position}, about ${formatAge(waitMs)}.`;
}

export function teamLine(team: { malicious: number; safe: number }): string {
  return `team: ${team.malicious} malicious, ${team.safe} not malicious`;
}

export function ago(now: number, at: number | null): string {
  return at === null ? 'never' : `${formatAge(now - at)} ago`;
}

export function revealLine(count: number): string {
  return `${count === 1 ? 'An indicator' : `${count} indicators`} here: react with 🔎 to look ${count === 1 ? 'it' : 'them'} up.`;
}

/** The breadcrumb of a pivot: where the team came from. */
export function viaLine(via: string): string {
  return `via ${via}`;
}

/** Said with the "Post to thread" button under an answer only the asker sees. */
export function shareOfferLine(count: number): string {
  return `Only you can see ${count === 1 ? 'this answer' : `these ${count} answers`}.`;
}

export const SHARE_LABEL = 'Post to thread';
export const PIVOT_PROMPT = 'Look up related…';
