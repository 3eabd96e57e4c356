export { classifyValue } from './classify-value.js';
export { defang } from './defang.js';
export { DEFAULT_MAX_LENGTH, detectIndicators, scanText } from './detect.js';
export { stripMarkup } from './markup.js';
export { refang } from './refang.js';
export type { DetectOptions, Indicator, IndicatorType, ScanResult, SkippedIndicator, SkipReason } from './types.js';
