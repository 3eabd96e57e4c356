import { defang } from '../indicators/defang.js';
import type { LookupType } from '../report/report.js';
import { safeText } from './safe-text.js';

/** How a looked-up value is shown: defanged (a family name may hold a host name too), safe, bounded. */
export function displayTarget(target: { readonly type: LookupType; readonly value: string }): string {
  return safeText(target.type === 'file' || target.type === 'antivirus' ? target.value : defang(target.value), 256);
}
