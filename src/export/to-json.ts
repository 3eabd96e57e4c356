/** Results as one JSON document: each value with its full report model (see src/threatcrowd/report.ts). */
import type { LookupResult } from './lookup-result.js';

export interface JsonExport {
  readonly format: 'threatcrowd-bot/results';
  readonly version: 1;
  readonly generatedAt: string;
  readonly results: readonly LookupResult[];
}

export function resultsToJson(results: readonly LookupResult[], now: number = Date.now()): string {
  const document: JsonExport = { format: 'threatcrowd-bot/results', version: 1, generatedAt: new Date(now).toISOString(), results };
  return `${JSON.stringify(document, null, 2)}\n`;
}
