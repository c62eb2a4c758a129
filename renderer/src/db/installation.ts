/**
 * Setting up this installation: the first-run setup creates the installation id and profile and
 * fills the exercise workspace; later starts reopen the journal for the stored profile.
 */
import { ProfileInputSchema, type InstallationProfile, type ProfileInput } from '../../../shared/model/installation';
import { newRecordId } from '../../../shared/model/ids';
import { WorkbookError } from '../../../shared/errors/codes';
import { ChangeJournal } from './journal';
import { ensureExerciseScenario } from './seed';
import { ensureBuiltinPack } from './procedurePack';
import type { WorkbookDb } from './WorkbookDb';

export async function setUpInstallation(db: WorkbookDb, input: ProfileInput): Promise<ChangeJournal> {
  const parsed = ProfileInputSchema.safeParse(input);
  if (!parsed.success) throw new WorkbookError('record-invalid', parsed.error.issues[0]?.message);
  if (await db.profile.count()) throw new WorkbookError('record-invalid', 'this installation is set up already');
  const installationId = newRecordId();
  const journal = await ChangeJournal.open(db, installationId);
  await journal.create('profile', parsed.data, { workspace: null, id: installationId });
  await ensureExerciseScenario(db, journal);
  await ensureBuiltinPack(db, journal);
  return journal;
}

export async function openInstallation(db: WorkbookDb, profile: InstallationProfile): Promise<ChangeJournal> {
  const journal = await ChangeJournal.open(db, profile.id);
  await ensureExerciseScenario(db, journal);
  await ensureBuiltinPack(db, journal);
  return journal;
}
