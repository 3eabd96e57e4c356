import { UserError } from './user-error.js';

/** No configured provider answers this kind of lookup (e-mail on OTX, SHA-256 on ThreatCrowd): the person sees it. */
export class UnsupportedLookupError extends UserError {}
