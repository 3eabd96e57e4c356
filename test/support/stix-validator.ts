/** Validates STIX 2.1 objects against the official OASIS schemas (draft 2020-12) in test/fixtures/stix2.1. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = new URL('../fixtures/stix2.1/schemas/', import.meta.url).pathname;
const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

function loadValidator() {
  // The OASIS files use keywords Ajv's strict mode frowns on, and regexes (`\-`) that are invalid with the u flag.
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  for (const folder of readdirSync(ROOT)) {
    for (const file of readdirSync(join(ROOT, folder))) ajv.addSchema(JSON.parse(readFileSync(join(ROOT, folder, file), 'utf8')));
  }
  return ajv;
}

const ajv = loadValidator();

const SCHEMA_OF: Record<string, string> = {
  'domain-name': 'observables/domain-name.json',
  'ipv4-addr': 'observables/ipv4-addr.json',
  'ipv6-addr': 'observables/ipv6-addr.json',
  'email-addr': 'observables/email-addr.json',
  file: 'observables/file.json',
  indicator: 'sdos/indicator.json',
  malware: 'sdos/malware.json',
  relationship: 'sros/relationship.json',
};

/** Error texts (empty when valid): the bundle against bundle.json, and each object against its own type's schema. */
export function stixErrors(bundle: { objects?: ReadonlyArray<{ type: string; id: string }> }): string[] {
  const errors: string[] = [];
  const check = (schema: string, value: unknown, what: string) => {
    const validate = ajv.getSchema(`${BASE}${schema}`);
    if (!validate) throw new Error(`schema ${schema} not loaded`);
    if (!validate(value)) errors.push(`${what}: ${ajv.errorsText(validate.errors)}`);
  };
  check('common/bundle.json', bundle, 'bundle');
  for (const object of bundle.objects ?? []) {
    const schema = SCHEMA_OF[object.type];
    if (!schema) errors.push(`${object.id}: no schema mapped for type ${object.type}`);
    else check(schema, object, object.id);
  }
  return errors;
}
