import type { Votes } from '../report/report.js';

export type Tone = 'malicious' | 'split' | 'safe' | 'none' | 'unknown';

export interface Verdict {
  readonly tone: Tone;
  readonly text: string;
}

/** The community verdict line from ThreatCrowd's `votes` (only domain and IP reports carry votes). */
export function verdictFromVotes(votes: Votes, found: boolean, hasVotes = true): Verdict {
  if (!found) return { tone: 'unknown', text: 'not known to ThreatCrowd' };
  if (!hasVotes) return { tone: 'none', text: 'known to ThreatCrowd' };
  if (votes === -1) return { tone: 'malicious', text: 'most users voted malicious' };
  if (votes === 0) return { tone: 'split', text: 'votes are split' };
  if (votes === 1) return { tone: 'safe', text: 'most users voted not malicious' };
  // "ThreatCrowd" so that it never reads as contradicting the team's own tally shown under it.
  return { tone: 'none', text: 'no ThreatCrowd votes' };
}

/** AlienVault OTX's verdict line: its pulses and validation marks, never called crowd votes. */
export function verdictFromOtx(pulseCount: number, validation: readonly string[], found: boolean): Verdict {
  if (!found) return { tone: 'unknown', text: 'not known to AlienVault OTX' };
  if (validation.length > 0) return { tone: 'safe', text: `OTX: ${validation.join(', ')}` };
  if (pulseCount > 0) return { tone: 'malicious', text: `OTX: in ${pulseCount} threat pulse${pulseCount === 1 ? '' : 's'}` };
  return { tone: 'none', text: 'OTX: in no threat pulses' };
}
