/**
 * Rules that keep bare (not defanged, not in a URL, not an e-mail domain) names that only look like
 * domains out of the results: file names, code member access, package names and sentence joins.
 */
import { CLASSIC_TLDS, CODE_IDENTIFIERS, FILE_EXTENSION_TLDS, PACKAGE_ROOTS } from './look-alike-words.js';

const TITLE_CASE = /^[A-Z][a-z]+$/;
/** `ASP.NET`, `VB.NET`, `ADO.NET`: a short word in capitals before `.NET` in capitals names the framework, not a host. */
const DOTNET_PRODUCT = /^[A-Z]{2,5}\.NET$/;

/** Why a bare host name is not taken as a domain, or null when it plausibly is one. `original` keeps the text's case. */
export function bareDomainObjection(original: string, canonical: string, nextChar: string): string | null {
  const tld = canonical.slice(canonical.lastIndexOf('.') + 1);
  if (FILE_EXTENSION_TLDS.has(tld)) return 'file-name';
  const originalTld = original.slice(original.lastIndexOf('.') + 1);
  // `it.Today`, `Hello.World`: a capitalised word after a dot is a sentence, unless the TLD is a classic one (`Google.Com`).
  if (TITLE_CASE.test(originalTld) && (!/^[A-Z]/.test(original) || !CLASSIC_TLDS.has(tld))) return 'sentence-join';
  if (nextChar === '(') return 'code-call';
  if (DOTNET_PRODUCT.test(original)) return 'product-name';
  const first = canonical.slice(0, canonical.indexOf('.'));
  if (PACKAGE_ROOTS.has(first) && canonical.split('.').length >= 3) return 'package-name';
  if (CLASSIC_TLDS.has(tld)) return null;
  return canonical
    .split('.')
    .slice(0, -1)
    .every((l) => CODE_IDENTIFIERS.has(l))
    ? 'code-member'
    : null;
}
