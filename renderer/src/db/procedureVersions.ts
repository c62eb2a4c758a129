/**
 * National procedures and their saved versions. Every save writes, in one transaction, the
 * procedure itself (its version number up by one) and an append-only `procedureVersions` row with
 * the content as saved, who saved it and why — so any two versions can be compared later, and both
 * travel in bundles through the journal like every other record.
 *
 * Built-in procedures (from the content pack) are never edited here: they are copied into a new
 * national procedure, which remembers where it came from (`copiedFrom`).
 */
import { WorkbookError } from '../../../shared/errors/codes';
import { BUILTIN_ORIGIN, newRecordId } from '../../../shared/model/ids';
import { ProcedureContentSchema, type ProcedureContent } from '../../../shared/model/procedure';
import type { Procedure, ProcedureVersion } from '../../../shared/model/records';
import type { Tlp } from '../../../shared/model/tlp';
import type { Workspace } from '../../../shared/model/workspace';
import { checkProcedureContent, hasErrors, issueMessage } from '../../../shared/procedures/structure';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

/** Who saves and why, as shown in the list of versions. */
export interface SaveInfo {
  readonly savedBy: string;
  readonly note: string;
}

/** Built-in procedures are read-only: only national procedures of this workbook are edited. */
export function isEditable(procedure: Pick<Procedure, 'origin' | 'pack'>): boolean {
  return procedure.origin !== BUILTIN_ORIGIN && procedure.pack === null;
}

/** A fresh key for a national procedure: `national.<country>.<slug>-<6 chars>`. */
export function nationalKey(country: string, title: string, now: number = Date.now()): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const unique = newRecordId(now).slice(-6).toLowerCase();
  return `national.${country.toLowerCase()}.${slug ? `${slug}-` : ''}${unique}`;
}

function validContent(content: ProcedureContent): ProcedureContent {
  const parsed = ProcedureContentSchema.safeParse(content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkbookError('record-invalid', `procedure: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return parsed.data;
}

/** Valid and structurally sound (what a save requires). */
function soundContent(content: ProcedureContent): ProcedureContent {
  const valid = validContent(content);
  const problems = checkProcedureContent(valid).filter((i) => i.severity === 'error');
  if (hasErrors(problems)) throw new WorkbookError('record-invalid', problems.map((p) => issueMessage(p, 'en')).join('; '));
  return valid;
}

function transaction<T>(db: WorkbookDb, body: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [db.procedures, db.procedureVersions, ...journalTables(db)], body);
}

/** A new national procedure with its first saved version. */
export async function createNationalProcedure(
  db: WorkbookDb,
  journal: ChangeJournal,
  input: { content: ProcedureContent; tlp: Tlp; key?: string },
  info: SaveInfo,
  workspace: Workspace,
): Promise<Procedure> {
  const content = soundContent({ ...input.content, scope: 'national' });
  const key = input.key ?? nationalKey(content.country, content.title.en || content.title.nl);
  return transaction(db, async () => {
    const clash = await db.procedures.where('[workspace+key]').equals([workspace, key]).first();
    if (clash && !clash.deleted) throw new WorkbookError('record-invalid', `a procedure with the key ${key} exists already`);
    const procedure = await journal.create('procedures', { ...content, key, tlp: input.tlp, pack: null, version: 1, copiedFrom: null }, { workspace });
    await journal.create('procedureVersions', { procedureId: procedure.id, version: 1, content, savedBy: info.savedBy, note: info.note, tlp: input.tlp }, { workspace });
    return procedure;
  });
}

/** A national copy of a procedure (usually a built-in one), as the starting point of the country's own. */
export async function copyProcedure(
  db: WorkbookDb,
  journal: ChangeJournal,
  source: Procedure,
  options: { country: Procedure['country']; title?: ProcedureContent['title'] },
  info: SaveInfo,
  workspace: Workspace,
): Promise<Procedure> {
  const content: ProcedureContent = {
    scope: 'national',
    country: options.country,
    title: options.title ?? source.title,
    summary: source.summary,
    citations: source.citations,
    lanes: source.lanes,
    steps: source.steps,
    flows: source.flows,
  };
  // A faithful copy, even of a procedure whose structure the editor would not yet save: it is a starting point.
  const sound = validContent(content);
  const key = nationalKey(options.country, source.key.split('.').pop() ?? sound.title.en);
  return transaction(db, async () => {
    const procedure = await journal.create(
      'procedures',
      { ...sound, key, tlp: source.tlp, pack: null, version: 1, copiedFrom: { procedureId: source.id, version: source.version } },
      { workspace },
    );
    await journal.create('procedureVersions', { procedureId: procedure.id, version: 1, content: sound, savedBy: info.savedBy, note: info.note, tlp: source.tlp }, { workspace });
    return procedure;
  });
}

/**
 * Save edited content as the next version. `baseVersion` is the version the editor started from:
 * when someone else saved in the meantime (or a bundle brought a newer version), the save is
 * refused rather than silently overwriting their work.
 */
export async function saveProcedureVersion(
  db: WorkbookDb,
  journal: ChangeJournal,
  procedureId: string,
  baseVersion: number,
  edit: { content: ProcedureContent; tlp: Tlp },
  info: SaveInfo,
): Promise<Procedure> {
  return transaction(db, async () => {
    const current = await db.procedures.get(procedureId);
    if (!current || current.deleted) throw new WorkbookError('record-not-found', `procedures/${procedureId}`);
    if (!isEditable(current)) throw new WorkbookError('record-invalid', 'built-in procedures are read-only; copy them instead');
    if (current.version !== baseVersion) {
      throw new WorkbookError('record-invalid', `procedure changed meanwhile: version ${current.version}, edited from version ${baseVersion}`);
    }
    const content = soundContent({ ...edit.content, scope: 'national' });
    const versions = await listVersions(db, procedureId);
    // A procedure written before versions were kept: keep what it was before the first new version.
    if (!versions.some((v) => v.version === current.version)) {
      await journal.create(
        'procedureVersions',
        { procedureId, version: current.version, content: contentOf(current), savedBy: current.origin === BUILTIN_ORIGIN ? 'content pack' : 'Crisis Workbook', note: '', tlp: current.tlp },
        { workspace: current.workspace },
      );
    }
    const version = current.version + 1;
    const updated = await journal.update('procedures', procedureId, { ...content, tlp: edit.tlp, version });
    await journal.create('procedureVersions', { procedureId, version, content, savedBy: info.savedBy, note: info.note, tlp: edit.tlp }, { workspace: current.workspace });
    return updated;
  });
}

/** The saved versions of a procedure, oldest first. */
export async function listVersions(db: WorkbookDb, procedureId: string): Promise<ProcedureVersion[]> {
  const rows = await db.procedureVersions.where('[procedureId+version]').between([procedureId, 0], [procedureId, Number.MAX_SAFE_INTEGER]).toArray();
  // Two installations may each have saved "version n" of a procedure shared between them: both are kept, in order of saving.
  return rows.filter((r) => !r.deleted).sort((a, b) => a.version - b.version || a.createdAt.localeCompare(b.createdAt));
}

/** The content part of a procedure record. */
export function contentOf(p: ProcedureContent): ProcedureContent {
  return { scope: p.scope, country: p.country, title: p.title, summary: p.summary, citations: p.citations, lanes: p.lanes, steps: p.steps, flows: p.flows };
}
