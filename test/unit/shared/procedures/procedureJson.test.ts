import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../../shared/crypto/bytes';
import { ProcedureContentSchema } from '../../../../shared/model/procedure';
import { issueMessage } from '../../../../shared/procedures/structure';
import { parseProcedureFile, parseProcedureJson, procedureToJson, type ProcedureForExport } from '../../../../shared/procedures/procedureJson';
import { sampleContent } from './sampleProcedure';

const sample = (): ProcedureForExport => ({ ...sampleContent(), key: 'national.nl.escalation', version: 3, tlp: 'AMBER', pack: null });
const AT = '2026-03-10T08:00:00.000Z';

function messages(text: string): string[] {
  const parsed = parseProcedureJson(text);
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.issues.map((i) => issueMessage(i, 'en'));
}

describe('procedure JSON', () => {
  it('round-trips a procedure exactly', () => {
    const text = procedureToJson(sample(), AT);
    const parsed = parseProcedureJson(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.envelope.exportedAt).toBe(AT);
    expect(parsed.envelope.procedure).toEqual({ ...sampleContent(), key: 'national.nl.escalation', version: 3, tlp: 'AMBER', pack: null });
    expect(procedureToJson(parsed.envelope.procedure, AT)).toBe(text);
  });

  it('writes a stable envelope', () => {
    const value = JSON.parse(procedureToJson(sample(), AT)) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['format', 'formatVersion', 'exportedAt', 'procedure']);
    expect(value['format']).toBe('crisis-workbook.procedure');
    expect(value['formatVersion']).toBe(1);
  });

  it('explains what is wrong, with the JSON path', () => {
    expect(messages('{ not json')[0]).toMatch(/^This file is not JSON/);
    expect(messages('[]')).toEqual(['This is not a Crisis Workbook procedure file (found: array).']);
    expect(messages(JSON.stringify({ format: 'other' }))).toEqual(['format: This is not a Crisis Workbook procedure file (found: other).']);
    expect(messages(JSON.stringify({ format: 'crisis-workbook.procedure', formatVersion: 7 }))).toEqual([
      'formatVersion: This file was written by a newer Crisis Workbook (format 7; this version reads format 1). Update the app to read it.',
    ]);
    const wrongLane = JSON.parse(procedureToJson(sample(), AT)) as { procedure: { steps: Array<{ lane: string }> } };
    wrongLane.procedure.steps[3]!.lane = 'x';
    expect(messages(JSON.stringify(wrongLane))).toEqual(["procedure.steps[3].lane: no lane 'x' in this procedure"]);
    const badCitation = JSON.parse(procedureToJson(sample(), AT)) as { procedure: { citations: string[]; steps: Array<{ kind: string }> } };
    badCitation.procedure.citations = ['article 5'];
    badCitation.procedure.steps[0]!.kind = 'party';
    const found = messages(JSON.stringify(badCitation));
    expect(found).toContain('procedure.citations[0]: not a point citation.');
    expect(found.some((m) => m.startsWith('procedure.steps[0].kind:'))).toBe(true);
  });

  it('refuses bytes that are not UTF-8 and files over the limit', () => {
    const bad = parseProcedureFile(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.code).toBe('not-json');
    expect(parseProcedureFile(utf8(procedureToJson(sample(), AT))).ok).toBe(true);
  });

  it('never throws and never returns partial data on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const parsed = parseProcedureJson(text);
        if (parsed.ok) expect(ProcedureContentSchema.safeParse(parsed.envelope.procedure).success).toBe(true);
        else expect(parsed.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a valid file with random damage', () => {
    const text = procedureToJson(sample(), AT);
    const value = JSON.parse(text) as Record<string, unknown>;
    const paths: Array<Array<string | number>> = [];
    const walk = (node: unknown, path: Array<string | number>) => {
      paths.push(path);
      if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, i]));
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    };
    walk(value, []);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.jsonValue(), fc.boolean(), (index, replacement, remove) => {
        const copy = JSON.parse(text) as Record<string, unknown>;
        const path = paths[index]!;
        let parent: Record<string | number, unknown> = copy;
        for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
        const last = path[path.length - 1]!;
        if (remove) delete parent[last];
        else parent[last] = replacement;
        const parsed = parseProcedureJson(JSON.stringify(copy));
        if (parsed.ok) expect(ProcedureContentSchema.safeParse(parsed.envelope.procedure).success).toBe(true);
        else expect(parsed.issues.every((i) => typeof i.path === 'string' && i.severity === 'error')).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('survives byte-level damage', () => {
    const bytes = utf8(procedureToJson(sample(), AT));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const copy = bytes.slice();
        copy[at] = value;
        const parsed = parseProcedureFile(copy);
        expect(typeof parsed.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
