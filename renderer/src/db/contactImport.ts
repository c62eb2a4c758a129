/**
 * Contact import and export against the directory. The import is planned first (pure,
 * shared/contacts/importPlan.ts) and shown; once confirmed, every accepted contact is written in
 * ONE transaction through the change journal, so a failure half-way leaves nothing imported.
 */
import { WorkbookError } from '../../../shared/errors/codes';
import { writeCsv, type CsvDelimiter } from '../../../shared/contacts/csv';
import { contactCountRefusal, draftOf } from '../../../shared/contacts/interop';
import { decideContactExport, type ContactExportDecision, type ContactFileFormat } from '../../../shared/contacts/interopExport';
import type { ContactImportPlan, PlanItem } from '../../../shared/contacts/importPlan';
import { writeVcards } from '../../../shared/contacts/vcard';
import type { Contact } from '../../../shared/model/records';
import type { Workspace } from '../../../shared/model/workspace';
import type { ChangeJournal } from './journal';
import type { WorkbookDb } from './WorkbookDb';
import { journalTables } from './journal';

/** The live contacts of a workspace (what an import is planned against and an export is made from). */
export async function directoryOf(db: WorkbookDb, workspace: Workspace): Promise<Contact[]> {
  return (await db.contacts.where('workspace').equals(workspace).toArray()).filter((c) => !c.deleted);
}

export interface AppliedImport {
  readonly created: number;
  readonly updated: number;
}

/**
 * Write the accepted items of a plan (new: created, changed: updated; duplicates write nothing)
 * in one transaction. Throws, having written nothing, if any write fails.
 */
export async function applyContactImport(
  db: WorkbookDb,
  journal: ChangeJournal,
  plan: ContactImportPlan,
  accepted: ReadonlySet<number>,
  workspace: Workspace,
): Promise<AppliedImport> {
  if (plan.refusal) throw new WorkbookError('record-invalid', `contact import refused: ${plan.refusal.code}`);
  const tooMany = contactCountRefusal(plan.items.length);
  if (tooMany) throw new WorkbookError(tooMany, `${plan.items.length} contacts in one import`);
  const chosen: PlanItem[] = plan.items.filter((item, index) => accepted.has(index) && item.kind !== 'duplicate');
  return db.transaction('rw', [db.contacts, ...journalTables(db)], async () => {
    let created = 0;
    let updated = 0;
    for (const item of chosen) {
      if (item.kind === 'new') {
        await journal.create('contacts', item.incoming.draft, { workspace });
        created++;
      } else if (item.existing) {
        const current = await db.contacts.get(item.existing.id);
        // The contact was deleted or moved since the preview: refuse rather than write a surprise.
        if (!current || current.deleted || current.workspace !== workspace) throw new WorkbookError('record-not-found', `contacts/${item.existing.id}`);
        await journal.update('contacts', item.existing.id, item.patch);
        updated++;
      }
    }
    return { created, updated };
  });
}

/** The bytes of an export file for the contacts the decision includes. */
export function contactExportBytes(decision: ContactExportDecision, workspace: Workspace, format: ContactFileFormat, delimiter: CsvDelimiter = ','): Uint8Array {
  const contacts = decision.included.map((c) => ({ id: c.id, draft: draftOf(c) }));
  const text = format === 'vcard' ? writeVcards(contacts, workspace) : writeCsv(contacts, workspace, delimiter);
  return new TextEncoder().encode(text);
}

export { decideContactExport };
