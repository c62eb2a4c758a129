/**
 * Importing a newer signed procedure content pack (a `.cwpack` file): verify it, show what it
 * would change, and install it only when the user confirms.
 *
 *   previewPackImport   file bytes → readPackFile (archive, signature, trusted publisher, schema)
 *                       → the checks installPack makes (format, pack rules, same pack, newer
 *                       version, revisions that follow those held here) → a preview per
 *                       procedure: added / changed (revision from → to) / unchanged / withdrawn.
 *                       Reads only; a refusal is a code and a technical detail, never part of a pack.
 *   confirmPackImport   installPack on the previewed pack (which checks everything once more,
 *                       inside its own reads, so a pack installed meanwhile is refused, not mixed).
 *
 * Procedure runs on incidents are never touched: a run keeps the content of the version it
 * followed, and the preview says how many runs there are.
 */
import { checkPack, type PackViolation } from '../../../shared/content/packRules';
import { PACK_FILE_REFUSALS, readPackFile, type PackFileLimits } from '../../../shared/content/packFile';
import { PACK_FORMAT_MAJOR, compareSemver, parseSemver, type ContentPack, type PackProcedure } from '../../../shared/content/packSchema';
import { TRUSTED_PACK_PUBLISHERS, type TrustedPublisherInput } from '../../../shared/content/publishers';
import { sameData } from '../../../shared/journal/canonical';
import { BUILTIN_ORIGIN } from '../../../shared/model/ids';
import type { LocalizedText, ProcedureContent } from '../../../shared/model/procedure';
import type { Procedure } from '../../../shared/model/records';
import { WORKSPACES } from '../../../shared/model/workspace';
import type { ChangeJournal } from './journal';
import { builtinProcedureId, installedPack, installPack, PackInstallError, type InstalledPack, type PackRefusal } from './procedurePack';
import type { WorkbookDb } from './WorkbookDb';

/** Refusals of installPack, in the order it checks them. */
export const PACK_INSTALL_REFUSALS = ['other-format', 'invalid', 'other-pack', 'not-newer', 'revision-conflict'] as const satisfies readonly PackRefusal[];

/** Every reason an import can be refused: the file's, then the installation's. */
export const PACK_IMPORT_REFUSALS = [...PACK_FILE_REFUSALS, ...PACK_INSTALL_REFUSALS] as const;
export type PackImportRefusalCode = (typeof PACK_IMPORT_REFUSALS)[number];

export interface PackImportRefusal {
  readonly code: PackImportRefusalCode;
  /** One English technical sentence. */
  readonly detail: string;
  /** For `malformed-pack`: where in pack.json. */
  readonly path?: string;
  /** For `unknown-publisher` / `revoked-publisher`: the signing key id as minisign shows it. */
  readonly keyId?: string;
  /** For `invalid`: every pack rule the pack breaks. */
  readonly violations?: readonly PackViolation[];
}

/** What the pack does to one procedure. */
export const PACK_PREVIEW_STATUSES = ['added', 'changed', 'unchanged', 'withdrawn'] as const;
export type PackPreviewStatus = (typeof PACK_PREVIEW_STATUSES)[number];

export interface PackPreviewRow {
  readonly key: string;
  readonly title: LocalizedText;
  readonly status: PackPreviewStatus;
  /** Revision held here now (null: added). */
  readonly fromRevision: number | null;
  /** Revision after the import (null: withdrawn, the held revision stays). */
  readonly toRevision: number | null;
  /** Procedure runs on incidents that follow this procedure (kept as they are). */
  readonly runs: number;
}

export interface PackImportPreview {
  readonly publisher: { readonly name: string; readonly keyId: string };
  /** The signed comment, as `minisign -V` prints it. */
  readonly trustedComment: string;
  /** The verified pack, installed as it is on confirmation. */
  readonly pack: ContentPack;
  /** The pack installed now (null: none yet). */
  readonly from: InstalledPack | null;
  readonly to: { readonly id: string; readonly version: string };
  readonly rows: readonly PackPreviewRow[];
  /** All procedure runs on built-in procedures of this pack, in both workspaces. */
  readonly runs: number;
}

export type PackImportPreviewResult = { readonly ok: true; readonly preview: PackImportPreview } | { readonly ok: false; readonly refusal: PackImportRefusal };
export type PackImportInstallResult = { readonly ok: true; readonly installed: InstalledPack } | { readonly ok: false; readonly refusal: PackImportRefusal };

export interface PackImportOptions {
  /** The publishers whose packs are accepted; the application's list unless a test passes its own. */
  readonly trustedPublishers?: readonly TrustedPublisherInput[];
  readonly limits?: Partial<PackFileLimits>;
}

class Refused extends Error {
  constructor(readonly refusal: PackImportRefusal) {
    super(refusal.detail);
  }
}

function refuse(refusal: PackImportRefusal): never {
  throw new Refused(refusal);
}

function contentOf(p: ProcedureContent): ProcedureContent {
  return { scope: p.scope, country: p.country, title: p.title, summary: p.summary, citations: p.citations, lanes: p.lanes, steps: p.steps, flows: p.flows };
}

/** Verify a pack file and describe what installing it would change. Writes nothing. */
export async function previewPackImport(db: WorkbookDb, bytes: Uint8Array, options: PackImportOptions = {}): Promise<PackImportPreviewResult> {
  const file = await readPackFile(bytes, options.trustedPublishers ?? TRUSTED_PACK_PUBLISHERS, options.limits);
  if (!file.ok) {
    return { ok: false, refusal: { code: file.code, detail: file.detail, ...(file.path !== undefined ? { path: file.path } : {}), ...(file.keyId !== undefined ? { keyId: file.keyId } : {}) } };
  }
  try {
    const preview = await describe(db, file.pack);
    return { ok: true, preview: { ...preview, publisher: { name: file.publisher.name, keyId: file.publisher.keyId }, trustedComment: file.trustedComment } };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    throw e;
  }
}

async function describe(db: WorkbookDb, pack: ContentPack): Promise<Omit<PackImportPreview, 'publisher' | 'trustedComment'>> {
  const { id, version } = pack.manifest;
  const [major] = parseSemver(version);
  if (major !== PACK_FORMAT_MAJOR) refuse({ code: 'other-format', detail: `pack ${id} ${version} is in format ${major}; this workbook reads format ${PACK_FORMAT_MAJOR}` });
  const violations = checkPack(pack);
  if (violations.length > 0) {
    refuse({ code: 'invalid', detail: `pack ${id} ${version} breaks ${violations.length} pack rule(s)`, violations });
  }
  const from = await installedPack(db);
  if (from) {
    if (from.id !== id) refuse({ code: 'other-pack', detail: `pack ${id} cannot replace the installed pack ${from.id}` });
    if (parseSemver(from.version)[0] !== major) refuse({ code: 'other-format', detail: `pack ${version} is in another format than the installed ${from.version}` });
    if (compareSemver(version, from.version) <= 0) refuse({ code: 'not-newer', detail: `pack ${id} ${version} is not newer than the installed ${from.version}` });
  }

  // Held procedures, by key, in every workspace (built-in procedures exist in both, alike).
  const held = new Map<string, Procedure[]>();
  for (const workspace of WORKSPACES) {
    for (const p of pack.procedures) {
      const existing = await db.procedures.get(builtinProcedureId(workspace, p.key));
      if (existing) held.set(p.key, [...(held.get(p.key) ?? []), existing]);
    }
    const carried = new Set(pack.procedures.map((p) => p.key));
    for (const p of await db.procedures.where('workspace').equals(workspace).toArray()) {
      if (p.origin === BUILTIN_ORIGIN && p.pack?.id === id && !carried.has(p.key)) held.set(p.key, [...(held.get(p.key) ?? []), p]);
    }
  }
  const runsOf = async (procedures: readonly Procedure[]) =>
    procedures.length === 0 ? 0 : db.procedureRuns.where('procedureId').anyOf(procedures.map((p) => p.id)).count();

  const rows: PackPreviewRow[] = [];
  for (const p of pack.procedures) rows.push(await rowFor(p, held.get(p.key) ?? [], runsOf));
  const carried = new Set(pack.procedures.map((p) => p.key));
  for (const [key, procedures] of held) {
    if (carried.has(key)) continue;
    const first = procedures[0];
    if (!first) continue;
    rows.push({ key, title: first.title, status: 'withdrawn', fromRevision: first.version, toRevision: null, runs: await runsOf(procedures) });
  }
  return { pack, from, to: { id, version }, rows, runs: rows.reduce((n, r) => n + r.runs, 0) };
}

async function rowFor(p: PackProcedure, held: readonly Procedure[], runsOf: (procedures: readonly Procedure[]) => Promise<number>): Promise<PackPreviewRow> {
  const base = { key: p.key, title: p.title, toRevision: p.revision, runs: await runsOf(held) };
  if (held.length === 0) return { ...base, status: 'added', fromRevision: null };
  let status: PackPreviewStatus = 'unchanged';
  for (const existing of held) {
    const same = sameData(contentOf(existing), contentOf(p));
    if (p.revision < existing.version || (p.revision === existing.version && !same)) {
      refuse({
        code: 'revision-conflict',
        detail: `procedure ${p.key}: revision ${p.revision} does not follow version ${existing.version} held here${same ? '' : ' (content changed without a new revision)'}`,
      });
    }
    if (p.revision > existing.version) status = 'changed';
  }
  const fromRevision = Math.min(...held.map((h) => h.version));
  return { ...base, status, fromRevision };
}

/** Install a previewed pack. A refusal writes nothing. */
export async function confirmPackImport(db: WorkbookDb, journal: ChangeJournal, preview: PackImportPreview): Promise<PackImportInstallResult> {
  try {
    await installPack(db, journal, preview.pack);
  } catch (e) {
    if (e instanceof PackInstallError) return { ok: false, refusal: { code: e.reason, detail: e.message, ...(e.violations.length > 0 ? { violations: e.violations } : {}) } };
    throw e;
  }
  const installed = await installedPack(db);
  if (!installed) throw new Error('the pack was installed but no installed-pack record was written');
  return { ok: true, installed };
}
