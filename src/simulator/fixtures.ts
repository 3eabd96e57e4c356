/** Loads recorded answers named `ENDPOINT-VALUE.json` (e.g. `domain-aoldaily.com.json`) from directories. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = /^(domain|ip|email|antivirus|file)-(.+)\.json$/;

/** The fixtures that ship with the project: the real recordings, the synthetic ones, and hostile answers. */
export const BUNDLED_FIXTURE_DIRS: readonly string[] = (() => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  // From src/ (tsx) the project root is two levels up; from dist/src/ it is three.
  const base = root.endsWith('dist') ? resolve(root, '..') : root;
  return ['real', 'synthetic', 'hostile'].map((kind) => join(base, 'fixtures', 'threatcrowd', kind));
})();

/** Raw bodies keyed `endpoint:value` (value lower-cased). Later directories override earlier ones. */
export function loadFixtures(dirs: readonly string[]): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).sort()) {
      const match = NAME.exec(file);
      if (!match) continue;
      bodies.set(`${match[1]}:${(match[2] ?? '').toLowerCase()}`, readFileSync(join(dir, file), 'utf8'));
    }
  }
  return bodies;
}
