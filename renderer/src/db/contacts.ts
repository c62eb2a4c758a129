/**
 * Writes to the contact directory that go beyond a plain edit: recording a verification (who
 * confirmed the details, when, how). Every write goes through the change journal.
 */
import { ContactVerificationSchema, type Contact, type ContactVerification } from '../../../shared/model/records';
import { WorkbookError } from '../../../shared/errors/codes';
import type { ChangeJournal } from './journal';

/** Record that a contact's details were confirmed. Refuses an invalid verification as a whole. */
export async function recordVerification(journal: ChangeJournal, contactId: string, verification: ContactVerification): Promise<Contact> {
  const parsed = ContactVerificationSchema.safeParse({ ...verification, by: verification.by.trim(), note: verification.note.trim() });
  if (!parsed.success) throw new WorkbookError('record-invalid', `verification: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return journal.update('contacts', contactId, { verified: parsed.data });
}
