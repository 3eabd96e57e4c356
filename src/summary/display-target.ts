import { defang } from '../indicators/defang.js';
import type { LookupType } from '../threatcrowd/report.js';

/** How a looked-up value is shown: defanged, except hashes and malware families (nothing to link). */
export function displayTarget(target: { readonly type: LookupType; readonly value: string }): string {
  return target.type === 'file' || target.type === 'antivirus' ? target.value : defang(target.value);
}
