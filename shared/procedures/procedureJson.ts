/**
 * PURE: the app's own exchange format for one procedure — a versioned JSON envelope that a
 * national authority can mail to a neighbour or keep beside its handbook:
 *
 *   { "format": "crisis-workbook.procedure", "formatVersion": 1, "exportedAt": "…Z",
 *     "procedure": { "key", "version", "tlp", "pack", …content } }
 *
 * Reading it is all or nothing: bytes that are not UTF-8 JSON, another format, a newer format
 * version, a field of the wrong shape or a broken structure (a step in a lane that does not exist)
 * give a list of problems, each with the JSON path of the part at fault, and never a partly read
 * procedure. Nothing here throws on bad input.
 */
import { z } from 'zod';
import { fromUtf8 } from '../crypto/bytes';
import { PackRefSchema, ProcedureContentSchema, type PackRef, type ProcedureContent } from '../model/procedure';
import { IsoInstantSchema } from '../model/time';
import { TlpSchema, type Tlp } from '../model/tlp';
import { checkProcedureContent, formatPath, hasErrors, type ProcedureIssue } from './structure';

export const PROCEDURE_FORMAT = 'crisis-workbook.procedure';
export const PROCEDURE_FORMAT_VERSION = 1;
/** Far above the largest procedure the model allows (500 steps, 2 000 flows). */
export const MAX_PROCEDURE_JSON_BYTES = 8 * 1024 * 1024;

export const ProcedureKeySchema = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'not a procedure key');

export const ExchangedProcedureSchema = ProcedureContentSchema.extend({
  key: ProcedureKeySchema,
  version: z.number().int().min(1),
  tlp: TlpSchema,
  /** The content pack a built-in procedure came from; null for a national one. */
  pack: PackRefSchema.nullable().default(null),
});
export type ExchangedProcedure = z.infer<typeof ExchangedProcedureSchema>;

export const ProcedureEnvelopeSchema = z.strictObject({
  format: z.literal(PROCEDURE_FORMAT),
  formatVersion: z.literal(PROCEDURE_FORMAT_VERSION),
  exportedAt: IsoInstantSchema,
  procedure: ExchangedProcedureSchema,
});
export type ProcedureEnvelope = z.infer<typeof ProcedureEnvelopeSchema>;

export interface ProcedureForExport extends ProcedureContent {
  readonly key: string;
  readonly version: number;
  readonly tlp: Tlp;
  readonly pack: PackRef | null;
}

/** The procedure as the envelope's text: fixed key order, two-space indent, newline at the end. */
export function procedureToJson(procedure: ProcedureForExport, exportedAt: string): string {
  const content = ProcedureContentSchema.parse(procedure);
  const envelope = {
    format: PROCEDURE_FORMAT,
    formatVersion: PROCEDURE_FORMAT_VERSION,
    exportedAt,
    procedure: {
      key: procedure.key,
      version: procedure.version,
      tlp: procedure.tlp,
      pack: procedure.pack,
      scope: content.scope,
      country: content.country,
      title: content.title,
      summary: content.summary,
      citations: content.citations,
      lanes: content.lanes,
      steps: content.steps,
      flows: content.flows,
    },
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

export type ParsedProcedure =
  | { readonly ok: true; readonly envelope: ProcedureEnvelope; readonly warnings: readonly ProcedureIssue[] }
  | { readonly ok: false; readonly issues: readonly ProcedureIssue[] };

/**
 * Text from the file or from a parser, shortened for a problem's parameters: a file may hold
 * megabytes where a short value belongs, and the dialog shows the parameter (found by fuzzing,
 * issue 9: a "format" of 1 MB, an unknown key of 100 KB).
 */
const clip = (text: string, max = 200): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const fail = (code: ProcedureIssue['code'], path = '', params: Record<string, string> = {}): ParsedProcedure => ({
  ok: false,
  issues: [{ severity: 'error', code, path, params }],
});

/** Read a procedure file's bytes. */
export function parseProcedureFile(bytes: Uint8Array): ParsedProcedure {
  if (bytes.byteLength > MAX_PROCEDURE_JSON_BYTES) return fail('too-large', '', { limit: `${MAX_PROCEDURE_JSON_BYTES / 1024 / 1024} MiB` });
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    return fail('not-json', '', { detail: 'not UTF-8 text' });
  }
  return parseProcedureJson(text);
}

/** Read a procedure file's text. */
export function parseProcedureJson(text: string): ParsedProcedure {
  if (text.length > MAX_PROCEDURE_JSON_BYTES) return fail('too-large', '', { limit: `${MAX_PROCEDURE_JSON_BYTES / 1024 / 1024} MiB` });
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail('not-json', '', { detail: clip(e instanceof Error ? e.message : String(e)) });
  }
  return parseProcedureValue(value);
}

/** Check an already parsed JSON value. */
export function parseProcedureValue(value: unknown): ParsedProcedure {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('wrong-format', '', { found: Array.isArray(value) ? 'array' : typeof value });
  const head = value as Record<string, unknown>;
  if (head['format'] !== PROCEDURE_FORMAT) return fail('wrong-format', 'format', { found: typeof head['format'] === 'string' ? clip(head['format'], 60) : String(typeof head['format']) });
  const version = head['formatVersion'];
  if (typeof version === 'number' && Number.isInteger(version) && version > PROCEDURE_FORMAT_VERSION) {
    return fail('newer-format', 'formatVersion', { found: String(version), supported: String(PROCEDURE_FORMAT_VERSION) });
  }
  const parsed = ProcedureEnvelopeSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.slice(0, 50).map((issue) => ({ severity: 'error' as const, code: 'schema' as const, path: clip(formatPath(issue.path)), params: { detail: clip(issue.message) } })),
    };
  }
  const structure = checkProcedureContent(parsed.data.procedure).map((issue) => ({ ...issue, path: issue.path ? `procedure.${issue.path}` : 'procedure' }));
  if (hasErrors(structure)) return { ok: false, issues: structure.filter((i) => i.severity === 'error') };
  return { ok: true, envelope: parsed.data, warnings: structure };
}
