/**
 * Validators built from the published schemas vendored under test/fixtures/interop/schemas (see
 * the README there for sources, commits and licences): the MISP core format (PyMISP, JSON Schema
 * draft-04), the STIX 2.1 object schemas (draft 2020-12), the OASIS TLP 2.0 marking definition
 * schema (draft-07) and the MISP taxonomies `tlp` and `nis2`.
 *
 * `strict: false`: the published schemas use keywords Ajv's strict mode rejects although they are
 * valid JSON Schema (draft-04 `id` on every node, `additionalItems` beside a non-array `items`,
 * `pattern` without `type`); we validate against them as published rather than edit them.
 * `unicodeRegExp: false`: the STIX patterns escape `-` (`\\-?`), which is an error in a Unicode-mode
 * JavaScript regular expression but fine in the ECMA 262 dialect JSON Schema refers to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json';

const ROOT = join(import.meta.dirname, '../../../fixtures/interop/schemas');

type Json = Record<string, unknown>;
const readJson = (path: string): Json => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Json;

/** Where upstream's STIX 2.1 schemas live; the fork's copies are registered under these ids (README). */
const UPSTREAM_STIX = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const FORK_STIX = 'https://raw.githubusercontent.com/707eric/cti-stix2-json-schemas/refs/heads/master/schemas/';

function stixSchema(path: string): Json {
  const schema = readJson(`stix/${path}`);
  const id = schema['$id'];
  return typeof id === 'string' && id.startsWith(FORK_STIX) ? { ...schema, $id: UPSTREAM_STIX + id.slice(FORK_STIX.length) } : schema;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

/** Validation result: the errors as text, empty when valid. */
export type Problems = string;

function run(validate: ValidateFunction, value: unknown): Problems {
  return validate(value) ? '' : describeErrors(validate.errors);
}

// ---- MISP ------------------------------------------------------------------------------------

// ajv-draft-04 is CommonJS with a default export; under Node's ESM interop the class may sit on
// `default` or be the module itself.
type AjvClass = new (options: Record<string, unknown>) => { compile(schema: Json): ValidateFunction };
const Draft04 = (AjvDraft04 as unknown as { default?: AjvClass }).default ?? AjvDraft04;
const mispValidate = new Draft04({ strict: false, allErrors: true, unicodeRegExp: false }).compile(readJson('misp/schema.json'));

export function mispProblems(event: unknown): Problems {
  return run(mispValidate, event);
}

// ---- STIX ------------------------------------------------------------------------------------

const Ajv = (Ajv2020 as unknown as { default?: typeof Ajv2020 }).default ?? Ajv2020;
const formats = (addFormats as unknown as { default?: typeof addFormats }).default ?? addFormats;
const stixAjv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
formats(stixAjv);
stixAjv.addMetaSchema(draft07MetaSchema);
for (const dir of ['common', 'sdos']) {
  for (const file of readdirSync(join(ROOT, 'stix', dir))) if (file.endsWith('.json')) stixAjv.addSchema(stixSchema(`${dir}/${file}`));
}
const tlpSchema = readJson('stix/tlp-2.0/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json');
stixAjv.addSchema(tlpSchema);

const sdoValidators: Record<string, ValidateFunction> = Object.fromEntries(
  ['identity', 'incident', 'note', 'report'].map((type) => {
    const validate = stixAjv.getSchema(`${UPSTREAM_STIX}sdos/${type}.json`);
    if (!validate) throw new Error(`schema for ${type} not loaded`);
    return [type, validate];
  }),
);
const identifierValidate = stixAjv.getSchema(`${UPSTREAM_STIX}common/identifier.json`);
const tlpValidate = stixAjv.getSchema(String(tlpSchema['$id']));
if (!identifierValidate || !tlpValidate) throw new Error('STIX common schemas not loaded');

/**
 * A bundle as STIX 2.1 defines it (section 8): type "bundle", an identifier `bundle--…`, and
 * objects each valid against the published schema of its type (marking definitions against the
 * OASIS TLP 2.0 schema). The published bundle.json is not used: it refers to the schema of every
 * STIX object type, which would mean vendoring the whole tree to check five types.
 */
export function stixProblems(bundle: unknown): Problems {
  if (typeof bundle !== 'object' || bundle === null) return 'not an object';
  const b = bundle as Json;
  const problems: string[] = [];
  if (b['type'] !== 'bundle') problems.push('type is not "bundle"');
  if (typeof b['id'] !== 'string' || !b['id'].startsWith('bundle--')) problems.push('id is not bundle--…');
  else if (!identifierValidate?.(b['id'])) problems.push(`id: ${describeErrors(identifierValidate?.errors)}`);
  const objects = b['objects'];
  if (!Array.isArray(objects) || objects.length === 0) return [...problems, 'objects missing or empty'].join('\n');
  objects.forEach((o: unknown, i) => {
    const type = typeof o === 'object' && o !== null ? (o as Json)['type'] : undefined;
    const validate = type === 'marking-definition' ? tlpValidate : typeof type === 'string' ? sdoValidators[type] : undefined;
    if (!validate) problems.push(`objects[${i}]: no schema for type ${String(type)}`);
    else if (!validate(o)) problems.push(`objects[${i}] (${String(type)}): ${describeErrors(validate.errors)}`);
  });
  return problems.join('\n');
}

// ---- MISP taxonomies ---------------------------------------------------------------------------

interface Taxonomy {
  readonly namespace: string;
  readonly exclusive?: boolean;
  readonly predicates: ReadonlyArray<{ readonly value: string; readonly exclusive?: boolean }>;
  readonly values?: ReadonlyArray<{ readonly predicate: string; readonly entry: ReadonlyArray<{ readonly value: string }> }> | null;
}

const TAXONOMIES: readonly Taxonomy[] = [readJson('taxonomies/tlp/machinetag.json'), readJson('taxonomies/nis2/machinetag.json')] as unknown as Taxonomy[];

/**
 * The machine tags a taxonomy defines, as MISP builds them: `namespace:predicate` for a predicate
 * without values, `namespace:predicate="value"` for each value of one that has them.
 */
export const VALID_TAGS: ReadonlySet<string> = new Set(
  TAXONOMIES.flatMap((t) =>
    t.predicates.flatMap((p) => {
      const entries = t.values?.find((v) => v.predicate === p.value)?.entry ?? [];
      return entries.length === 0 ? [`${t.namespace}:${p.value}`] : entries.map((e) => `${t.namespace}:${p.value}="${e.value}"`);
    }),
  ),
);

/** Tags that break a taxonomy's exclusivity (two tags of an exclusive namespace or predicate). */
export function exclusivityProblems(tags: readonly string[]): string[] {
  const problems: string[] = [];
  for (const t of TAXONOMIES) {
    const own = tags.filter((tag) => tag.startsWith(`${t.namespace}:`));
    if (t.exclusive && own.length > 1) problems.push(`${t.namespace} is exclusive: ${own.join(', ')}`);
    for (const p of t.predicates) {
      const inPredicate = own.filter((tag) => tag === `${t.namespace}:${p.value}` || tag.startsWith(`${t.namespace}:${p.value}=`));
      if (p.exclusive && inPredicate.length > 1) problems.push(`${t.namespace}:${p.value} is exclusive: ${inPredicate.join(', ')}`);
    }
  }
  return problems;
}
