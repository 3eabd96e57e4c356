/** Which nodes are marked malicious, suspicious or safe, and why: crowd votes, the crowd feeds, OTX pulses. */
import type { LookupType, Report } from '../report/report.js';
import { cleanText, labelFor } from './label-text.js';
import type { Mark } from './model.js';

/** Answers whether a value is on ThreatCrowd's malicious feeds (no lookup). */
export type FeedCheck = (target: { readonly type: LookupType; readonly value: string }) => boolean;

export interface MarkWithReason {
  readonly mark: Mark | null;
  readonly reason: string | null;
}

const NONE: MarkWithReason = { mark: null, reason: null };

/** The mark a report gives its own value. */
export function markOfReport(report: Report, onFeed: FeedCheck): MarkWithReason {
  if (onFeed(report)) return { mark: 'malicious', reason: "on ThreatCrowd's malicious feed" };
  if (!report.found) return NONE;
  if (report.votes === -1) return { mark: 'malicious', reason: 'most users voted malicious' };
  if ((report.validation?.length ?? 0) > 0) return { mark: 'safe', reason: `OTX: ${cleanText(report.validation?.join(', ') ?? '')}` };
  const pulses = report.pulseCount ?? 0;
  if (pulses > 0) return { mark: 'suspicious', reason: `in ${pulses} OTX pulse${pulses === 1 ? '' : 's'}` };
  if (report.votes === 0) return { mark: 'suspicious', reason: 'votes are split' };
  if (report.type === 'file' && report.scans.length > 0) {
    return { mark: 'malicious', reason: `${report.scans.length} AV detection${report.scans.length === 1 ? '' : 's'}` };
  }
  if (report.votes === 1) return { mark: 'safe', reason: 'most users voted not malicious' };
  return NONE;
}

/** The mark of a neighbour known only by its value (the feeds; a malware family's samples are malware). */
export function markOfNeighbour(
  target: { readonly type: LookupType | null; readonly value: string },
  parent: Report,
  onFeed: FeedCheck,
): MarkWithReason {
  if (target.type !== null && onFeed({ type: target.type, value: target.value })) {
    return { mark: 'malicious', reason: "on ThreatCrowd's malicious feed" };
  }
  if (parent.type === 'antivirus' && target.type === 'file')
    return { mark: 'malicious', reason: `a sample of ${labelFor('family', parent.value)}` };
  return NONE;
}
