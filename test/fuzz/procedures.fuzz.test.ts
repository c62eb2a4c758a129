/**
 * Fuzzing procedure files (JSON mailed between authorities) and signed content packs (issue 9):
 * any bytes give a result, never an exception; a refusal lists problems with a code, a path and
 * short parameters (never the input itself); an accepted file is one the schema and structure
 * rules accept; a pack is accepted only when signed by a trusted publisher.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_PACK_FILES } from '../../shared/content/builtinPack';
import { PACK_FILE_REFUSALS, packJsonBytes, packTrustedComment, readPackFile, writePackArchive, writePackFile } from '../../shared/content/packFile';
import { checkPack } from '../../shared/content/packRules';
import { ContentPackSchema } from '../../shared/content/packSchema';
import { MAX_PROCEDURE_JSON_BYTES, parseProcedureFile, parseProcedureJson, procedureToJson, type ParsedProcedure } from '../../shared/procedures/procedureJson';
import { TEST_PACK_PUBLISHER, TEST_PACK_SIGNER } from '../fixtures/packs/testPublisher';
import { sampleContent } from '../unit/shared/procedures/sampleProcedure';
import { MAX_DETAIL_CHARS, TEST_TIMEOUT_MS, expectBoundedMessage, fuzzParser, reportCounts } from './fuzzKit';
import { byteMutations, deepJsonField, deepJsonText, duplicateKey, hostileText, hugeText, jsonMutations, jsonText, mutateBytes, mutateJson } from './hostile';

reportCounts('procedures');

const encoder = new TextEncoder();
const sampleJson = procedureToJson({ ...sampleContent(), key: 'nl.national-escalation', version: 3, tlp: 'AMBER', pack: null }, '2026-03-01T08:00:00.000Z');

/** What every result must be: accepted, or refused with well-formed, bounded problems. */
function expectParsed(r: ParsedProcedure, input?: string): void {
  if (r.ok) {
    expect(r.envelope.format).toBe('crisis-workbook.procedure');
    for (const w of r.warnings) expect(w.severity).toBe('warning');
    return;
  }
  expect(r.issues.length).toBeGreaterThan(0);
  expect(r.issues.length).toBeLessThanOrEqual(500);
  for (const issue of r.issues) {
    expect(issue.severity).toBe('error');
    expect(typeof issue.code).toBe('string');
    expect(issue.path.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
    for (const value of Object.values(issue.params)) {
      expect(value.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS);
      if (input !== undefined && input.length > MAX_DETAIL_CHARS) expect(value.includes(input)).toBe(false);
    }
  }
}

describe('procedure JSON', () => {
  const procedure = fuzzParser('procedure JSON', 3);

  it('reads any mutation of a valid procedure file without throwing', { timeout: TEST_TIMEOUT_MS }, () => {
    const value = JSON.parse(sampleJson) as unknown;
    procedure.check(1200, [jsonMutations, fc.boolean()], (mutations, pretty) => {
      const text = jsonText(mutateJson(value, mutations), (v) => JSON.stringify(v, null, pretty ? 2 : undefined));
      if (text === null) return;
      expectParsed(parseProcedureJson(text), text);
    });
  });

  it('reads byte-damaged files and arbitrary text without throwing', { timeout: TEST_TIMEOUT_MS }, () => {
    procedure.check(
      1000,
      [
        fc.oneof(
          byteMutations.map((m) => mutateBytes(encoder.encode(sampleJson), m)),
          fc.oneof(hostileText, hugeText, deepJsonText, deepJsonField(['format', 'formatVersion', 'procedure', 'exportedAt']), fc.json()).map((t) => encoder.encode(t)),
          fc.uint8Array({ maxLength: 512 }),
        ),
      ],
      (bytes) => expectParsed(parseProcedureFile(bytes)),
    );
  });

  it('refuses duplicate keys, unknown keys and oversized files with bounded messages', () => {
    procedure.check(600, [fc.constantFrom('format', 'formatVersion', 'procedure', 'exportedAt', '__proto__', 'x'.repeat(100_000)), fc.oneof(hostileText, hugeText)], (key, value) => {
      const text = duplicateKey(sampleJson, key, JSON.stringify(value));
      expectParsed(parseProcedureJson(text), text);
    });
    const huge = new Uint8Array(MAX_PROCEDURE_JSON_BYTES + 1);
    procedure.counted(2);
    expect(parseProcedureFile(huge)).toMatchObject({ ok: false, issues: [{ code: 'too-large' }] });
    expect(parseProcedureJson(' '.repeat(MAX_PROCEDURE_JSON_BYTES + 1))).toMatchObject({ ok: false, issues: [{ code: 'too-large' }] });
  });
});

describe('procedure JSON: regressions found by fuzzing', () => {
  it('does not quote a long "format" value or a long unknown key whole', () => {
    // Was: params.found held the whole format string (up to 8 MiB) of a file of another kind.
    const long = parseProcedureJson(JSON.stringify({ format: `x${'y'.repeat(1_000_000)}` }));
    expect(long).toMatchObject({ ok: false, issues: [{ code: 'wrong-format' }] });
    if (!long.ok) expect(long.issues[0]?.params.found?.length).toBeLessThanOrEqual(60);
    expect(parseProcedureJson('{"format":"crisis-workbook.procedure-but-longer"}')).toMatchObject({ ok: false, issues: [{ code: 'wrong-format', params: { found: 'crisis-workbook.procedure-but-longer' } }] });
    // Was: the schema issue's detail ("Unrecognized key: …") held a 100,000-character key whole.
    const unknownKey = parseProcedureJson(duplicateKey(sampleJson, 'k'.repeat(100_000), '1'));
    expect(unknownKey.ok).toBe(false);
    if (!unknownKey.ok) for (const issue of unknownKey.issues) for (const v of Object.values(issue.params)) expect(v.length).toBeLessThanOrEqual(200);
  });
});

describe('content pack', () => {
  const pack = fuzzParser('content pack', 3);
  let file: Uint8Array;
  let packValue: unknown;
  beforeAll(async () => {
    file = await writePackFile(BUILTIN_PACK_FILES, TEST_PACK_SIGNER);
    packValue = JSON.parse(new TextDecoder().decode(packJsonBytes(ContentPackSchema.parse(BUILTIN_PACK_FILES))));
  });

  const read = (bytes: Uint8Array) => readPackFile(bytes, [TEST_PACK_PUBLISHER]);

  function expectPackResult(r: Awaited<ReturnType<typeof readPackFile>>, input?: string): void {
    if (r.ok) {
      // Accepted: the pack follows the schema; the pack rules still run on it without throwing.
      expect(Array.isArray(checkPack(r.pack))).toBe(true);
      return;
    }
    expect(PACK_FILE_REFUSALS).toContain(r.code);
    expectBoundedMessage(r.detail, input);
  }

  it('reads byte-damaged pack files without throwing, accepting only the unchanged one', { timeout: TEST_TIMEOUT_MS }, async () => {
    await pack.checkAsync(150, [byteMutations], async (mutations) => {
      const changed = mutateBytes(file, mutations);
      const r = await read(changed);
      if (r.ok) expect(changed).toEqual(file);
      expectPackResult(r);
    });
  });

  it('reads signed hostile packs (mutated pack.json, signed by the trusted publisher) without throwing', { timeout: TEST_TIMEOUT_MS }, async () => {
    await pack.checkAsync(60, [jsonMutations], async (mutations) => {
      const text = jsonText(mutateJson(packValue, mutations), (v) => JSON.stringify(v));
      if (text === null) return;
      const json = encoder.encode(text);
      const manifest = (packValue as { manifest: { id: string; version: string; publishedAt: string } }).manifest;
      const signed = await writePackArchive(json, TEST_PACK_SIGNER, packTrustedComment(manifest));
      expectPackResult(await read(signed), text);
    });
  });

  it('reads signed packs of arbitrary JSON text without throwing', { timeout: TEST_TIMEOUT_MS }, async () => {
    await pack.checkAsync(150, [fc.oneof(hostileText, deepJsonText, deepJsonField(['manifest', 'procedures', 'actors']), fc.json())], async (text) => {
      const signed = await writePackArchive(encoder.encode(text), TEST_PACK_SIGNER, 'crisis-workbook pack fuzz');
      expectPackResult(await read(signed), text);
    });
  });
});
