/**
 * Installing a procedure content pack: the built-in pack on every start (once per pack version),
 * and a newer pack imported later (EU-CyCLONe's official process flow diagrams, pt. 80).
 *
 * Built-in procedures live in BOTH workspaces, written as journal operations of the built-in origin
 * with ids and clocks derived from the workspace, the procedure key and the pack version, so every
 * installation holds identical copies and bundles carrying them never conflict.
 *
 * A newer pack updates the content of the procedures it carries (a new version row for each
 * procedure whose revision rose), adds procedures it introduces, and leaves a procedure it no longer
 * carries in place but withdrawn: still readable, with its old pack reference, and listed as
 * withdrawn in the installed-pack record. Procedure runs are never touched: a run keeps the content
 * of the version it followed.
 */
import { encodeTime } from 'ulid';
import { BUILTIN_PACK } from '../../../shared/content/builtinPack';
import { checkPack, type PackViolation } from '../../../shared/content/packRules';
import { PACK_FORMAT_MAJOR, compareSemver, parseSemver, type ContentPack, type PackProcedure } from '../../../shared/content/packSchema';
import { blake2b256 } from '../../../shared/crypto/blake2b';
import { sameData } from '../../../shared/journal/canonical';
import { formatHlc } from '../../../shared/journal/hlc';
import type { OperationDraft } from '../../../shared/journal/operation';
import { BUILTIN_ORIGIN } from '../../../shared/model/ids';
import type { ProcedureContent } from '../../../shared/model/procedure';
import { ProcedureSchema, ProcedureVersionSchema, type Procedure } from '../../../shared/model/records';
import { WORKSPACES, type Workspace } from '../../../shared/model/workspace';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

/** The `meta` entry that records the installed pack. */
export const INSTALLED_PACK_KEY = 'builtinPack';

export interface InstalledPack {
  readonly id: string;
  readonly version: string;
  /** Keys of built-in procedures an installed pack no longer carries: kept, readable, flagged. */
  readonly withdrawn: readonly string[];
}

export type PackRefusal = 'invalid' | 'other-pack' | 'other-format' | 'not-newer' | 'revision-conflict';

/** Why a pack was not installed; nothing was written. */
export class PackInstallError extends Error {
  override readonly name = 'PackInstallError';
  constructor(
    readonly reason: PackRefusal,
    message: string,
    readonly violations: readonly PackViolation[] = [],
  ) {
    super(message);
  }
}

// ---- deterministic ids and clocks --------------------------------------------------------------

/** All built-in pack records carry this creation time in their ids. */
const PACK_EPOCH = Date.parse('2026-01-15T08:00:00.000Z');
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID whose random part is a hash of `name`: the same name gives the same id everywhere. */
export function builtinId(name: string): string {
  const digest = blake2b256(new TextEncoder().encode(name));
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[(digest[i] ?? 0) & 31];
  return encodeTime(PACK_EPOCH, 10) + tail;
}

export const builtinProcedureId = (workspace: Workspace, key: string) => builtinId(`procedure\u0000${workspace}\u0000${key}`);
export const builtinVersionId = (workspace: Workspace, key: string, revision: number) =>
  builtinId(`procedure-version\u0000${workspace}\u0000${key}\u0000${revision}`);
const builtinOpId = (workspace: Workspace, key: string, packVersion: string) =>
  builtinId(`pack-update\u0000${workspace}\u0000${key}\u0000${packVersion}`);

/**
 * The clock of a pack version's operations: a millisecond past the epoch per patch, a thousand per
 * minor, a million per major, so a newer pack always writes after an older one.
 */
function packMillis(version: string): number {
  const [major, minor, patch] = parseSemver(version);
  return PACK_EPOCH + major * 1_000_000 + minor * 1_000 + patch;
}

function contentOf(p: PackProcedure): ProcedureContent {
  return { scope: p.scope, country: p.country, title: p.title, summary: p.summary, citations: p.citations, lanes: p.lanes, steps: p.steps, flows: p.flows };
}

// ---- planning ------------------------------------------------------------------------------------

interface Plan {
  readonly drafts: OperationDraft[];
  readonly withdrawn: string[];
}

/** The operations that bring one workspace's built-in procedures to `pack`. */
async function planWorkspace(db: WorkbookDb, pack: ContentPack, workspace: Workspace, counter: { n: number }): Promise<Plan> {
  const millis = packMillis(pack.manifest.version);
  const at = new Date(millis).toISOString();
  const packRef = { id: pack.manifest.id, version: pack.manifest.version };
  const drafts: OperationDraft[] = [];
  const nextHlc = () => formatHlc({ millis, counter: counter.n++, node: BUILTIN_ORIGIN });
  const meta = (id: string, hlc: string) => ({ id, workspace, origin: BUILTIN_ORIGIN, tlp: 'CLEAR' as const, createdAt: at, updatedAt: at, hlc, deleted: false });

  const versionRow = (procedureId: string, p: PackProcedure): OperationDraft => {
    const id = builtinVersionId(workspace, p.key, p.revision);
    const hlc = nextHlc();
    const row = ProcedureVersionSchema.parse({
      ...meta(id, hlc),
      procedureId,
      version: p.revision,
      content: contentOf(p),
      savedBy: `${pack.manifest.id} ${pack.manifest.version}`,
      note: pack.manifest.changes.en.slice(0, 2_000),
    });
    return { opId: id, hlc, origin: BUILTIN_ORIGIN, workspace, table: 'procedureVersions', recordId: id, kind: 'create', fields: { ...row } };
  };

  for (const p of pack.procedures) {
    const id = builtinProcedureId(workspace, p.key);
    const existing = await db.procedures.get(id);
    if (!existing) {
      const hlc = nextHlc();
      const record: Procedure = ProcedureSchema.parse({ ...meta(id, hlc), ...contentOf(p), key: p.key, pack: packRef, version: p.revision, copiedFrom: null });
      drafts.push({ opId: id, hlc, origin: BUILTIN_ORIGIN, workspace, table: 'procedures', recordId: id, kind: 'create', fields: { ...record } });
      drafts.push(versionRow(id, p));
      continue;
    }
    const sameContent = sameData(contentOf(existing as unknown as PackProcedure), contentOf(p));
    if (p.revision < existing.version || (p.revision === existing.version && !sameContent)) {
      throw new PackInstallError(
        'revision-conflict',
        `procedure ${p.key}: revision ${p.revision} of pack ${pack.manifest.version} does not follow version ${existing.version} held here` +
          (sameContent ? '' : ' (content changed without a new revision)'),
      );
    }
    const hlc = nextHlc();
    const fields: Record<string, unknown> = { pack: packRef, updatedAt: at, hlc, deleted: false };
    if (p.revision > existing.version) {
      Object.assign(fields, contentOf(p), { version: p.revision });
      drafts.push(versionRow(id, p));
    }
    drafts.push({ opId: builtinOpId(workspace, p.key, pack.manifest.version), hlc, origin: BUILTIN_ORIGIN, workspace, table: 'procedures', recordId: id, kind: 'update', fields });
  }

  const carried = new Set(pack.procedures.map((p) => p.key));
  const withdrawn = (await db.procedures.where('workspace').equals(workspace).toArray())
    .filter((p) => p.origin === BUILTIN_ORIGIN && p.pack?.id === pack.manifest.id && !carried.has(p.key))
    .map((p) => p.key);
  return { drafts, withdrawn };
}

async function apply(db: WorkbookDb, journal: ChangeJournal, pack: ContentPack): Promise<void> {
  const counter = { n: 0 };
  const drafts: OperationDraft[] = [];
  const withdrawn = new Set<string>();
  for (const workspace of WORKSPACES) {
    const plan = await planWorkspace(db, pack, workspace, counter);
    drafts.push(...plan.drafts);
    plan.withdrawn.forEach((k) => withdrawn.add(k));
  }
  const installed: InstalledPack = { id: pack.manifest.id, version: pack.manifest.version, withdrawn: [...withdrawn].sort() };
  await journal.applyOperations(drafts, async () => {
    await db.meta.put({ key: INSTALLED_PACK_KEY, value: installed });
  });
}

// ---- public --------------------------------------------------------------------------------------

export async function installedPack(db: WorkbookDb): Promise<InstalledPack | null> {
  const entry = await db.meta.get(INSTALLED_PACK_KEY);
  const v = entry?.value as InstalledPack | undefined;
  return v && typeof v.id === 'string' && typeof v.version === 'string' ? { ...v, withdrawn: Array.isArray(v.withdrawn) ? v.withdrawn : [] } : null;
}

/** Whether a built-in procedure was withdrawn by the installed pack (kept, but no longer current). */
export function isWithdrawn(procedure: Pick<Procedure, 'key' | 'origin'>, installed: InstalledPack | null): boolean {
  return procedure.origin === BUILTIN_ORIGIN && installed !== null && installed.withdrawn.includes(procedure.key);
}

/**
 * Put the built-in pack into both workspaces, once per pack version: nothing when this or a newer
 * version of the pack is installed already. Returns whether anything was written.
 */
export async function ensureBuiltinPack(db: WorkbookDb, journal: ChangeJournal, pack: ContentPack = BUILTIN_PACK): Promise<boolean> {
  // One transaction from the check to the write: the setup and the first start may both ensure the
  // pack at once, and the second must see the first's install (else it writes it again as edits).
  return db.transaction('rw', packTables(db), async () => {
    const installed = await installedPack(db);
    if (installed && installed.id === pack.manifest.id && compareSemver(installed.version, pack.manifest.version) >= 0) return false;
    if (installed && installed.id === pack.manifest.id && parseSemver(installed.version)[0] !== parseSemver(pack.manifest.version)[0]) return false;
    await installPack(db, journal, pack);
    return true;
  });
}

/** Every table an install reads or writes (the journal's included), for one transaction. */
function packTables(db: WorkbookDb) {
  return [db.procedures, db.procedureVersions, db.logEntries, ...journalTables(db), db.meta];
}

/**
 * Install a pack: the first pack, or a newer version of the installed one. Refuses (writing
 * nothing) a pack that breaks the pack rules, another pack, another format (major version) or a
 * version not newer than the installed one.
 */
export async function installPack(db: WorkbookDb, journal: ChangeJournal, pack: ContentPack): Promise<void> {
  const [major] = parseSemver(pack.manifest.version);
  if (major !== PACK_FORMAT_MAJOR) {
    throw new PackInstallError('other-format', `pack ${pack.manifest.id} ${pack.manifest.version} is in format ${major}; this workbook reads format ${PACK_FORMAT_MAJOR}`);
  }
  const violations = checkPack(pack);
  if (violations.length > 0) {
    throw new PackInstallError('invalid', `pack ${pack.manifest.id} ${pack.manifest.version} breaks ${violations.length} rule(s): ${violations.slice(0, 3).map((v) => `${v.where}: ${v.message}`).join('; ')}`, violations);
  }
  await db.transaction('rw', packTables(db), async () => {
    const installed = await installedPack(db);
    if (installed) checkReplaces(installed, pack, major);
    await apply(db, journal, pack);
  });
}

/** Refuses a pack that may not replace the installed one: another pack, another format, not newer. */
function checkReplaces(installed: InstalledPack, pack: ContentPack, major: number): void {
  if (installed.id !== pack.manifest.id) {
    throw new PackInstallError('other-pack', `pack ${pack.manifest.id} cannot replace the installed pack ${installed.id}`);
  }
  if (parseSemver(installed.version)[0] !== major) {
    throw new PackInstallError('other-format', `pack ${pack.manifest.version} is in another format than the installed ${installed.version}`);
  }
  if (compareSemver(pack.manifest.version, installed.version) <= 0) {
    throw new PackInstallError('not-newer', `pack ${pack.manifest.id} ${pack.manifest.version} is not newer than the installed ${installed.version}`);
  }
}
