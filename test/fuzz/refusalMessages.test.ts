/**
 * "Every refusal a clear message" (issue 9): each refusal code the fuzzed parsers can return has a
 * sentence for the person importing, in English and Dutch (the technical detail is for logs only).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ERROR_CODES } from '../../shared/bundle/errors';
import { RECEIPT_ERROR_CODES } from '../../shared/bundle/receipt';
import { PACK_FILE_REFUSALS } from '../../shared/content/packFile';
import { INTEROP_PROBLEM_CODES } from '../../shared/contacts/interop';
import { IDENTITY_ERROR_CODES } from '../../shared/crypto/identity';

function messages(language: 'en' | 'nl'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, prefix: string): void => {
    if (typeof value === 'string') out.set(prefix, value);
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
  };
  walk(JSON.parse(readFileSync(join(process.cwd(), 'shared', 'i18n', 'locales', `${language}.json`), 'utf8')), '');
  return out;
}

const REFUSALS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['bundleErrors', BUNDLE_ERROR_CODES],
  ['receiptErrors', RECEIPT_ERROR_CODES],
  ['errors', IDENTITY_ERROR_CODES],
  ['errors', ['ipc-bad-arguments', 'ipc-untrusted-sender']],
  ['contactInterop.problem', INTEROP_PROBLEM_CODES],
  ['packImport.refusal', PACK_FILE_REFUSALS],
  ['procedureEditor.issue', ['not-json', 'wrong-format', 'newer-format', 'too-large', 'schema']],
];

describe('refusal messages', () => {
  it.each(['en', 'nl'] as const)('has a non-empty %s sentence for every refusal code', (language) => {
    const known = messages(language);
    const missing = REFUSALS.flatMap(([prefix, codes]) => codes.map((code) => `${prefix}.${code}`)).filter((key) => (known.get(key) ?? '').trim() === '');
    expect(missing).toEqual([]);
  });
});
