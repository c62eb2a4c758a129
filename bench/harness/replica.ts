/**
 * Replicas for the benchmark, made the way the app makes them and read back after a run. None of
 * this is timed.
 *
 * A fresh replica is what the app has after its first-run setup (Root.tsx + SetupScreen.tsx):
 * the database opened with `openWorkbookDb`, the installation set up with `setUpInstallation`
 * (profile, the built-in exercise scenario in the *exercise* workspace and the built-in procedure
 * pack in both), the key store the web build opens; so the `real` workspace the benchmark imports
 * into holds nothing but built-in content, which the checks below leave out.
 */
import Dexie from 'dexie';
import { setUpInstallation } from '../../renderer/src/db/installation';
import { identityCardText } from '../../shared/crypto/identity';
import { createInstallationIdentity, getInstallationKeys } from '../../renderer/src/db/identity';
import { addPeerCard, markPeerVerified } from '../../renderer/src/db/keyring';
import { openKeyStore } from '../../renderer/src/identity/openKeyStore';
import { openWorkbookDb, WorkbookDb } from '../../renderer/src/db/WorkbookDb';
import type { ExpectedReplica, ReplicaCheck } from '../common/protocol';
import { recordDigest, type DigestRow } from '../common/recordDigest';
import { withoutCreation } from '../../shared/journal/carriedCreation';
import { countAfter, type ClockList } from '../../shared/journal/clockLists';
import type { AppSession } from './importAsTheAppDoes';

const WORKSPACE = 'real';
/** The tables the dataset writes (bench/node/dataset.ts `datasetRecords`). */
const DATASET_TABLES = ['contacts', 'procedures', 'procedureVersions', 'incidents', 'logEntries'] as const;

/** A freshly set-up installation with its own (new) database. */
export async function setUpReplica(databaseName: string, organisation = 'Benchmark Receiving Authority'): Promise<AppSession> {
  const db = await openWorkbookDb(new WorkbookDb(databaseName, { autoOpen: false }));
  const journal = await setUpInstallation(db, {
    organisation,
    country: 'NL',
    person: 'Bench Receiver',
    role: 'cyber-crisis-authority',
    language: 'en',
  });
  const profile = await db.profile.get(journal.installationId);
  if (!profile) throw new Error('the set-up installation has no profile');
  // As Root.tsx in a browser (no desktop key vault): the web key store.
  return { db, journal, profile, keyStore: await openKeyStore(db, null, profile) };
}

/** Put the sender's card in the keyring and record that its fingerprint was compared. */
export async function trustSender(session: AppSession, cardText: string): Promise<string> {
  const { entry } = await addPeerCard(session.db, session.journal, cardText);
  await markPeerVerified(session.journal, entry.id, 'Bench Receiver', 'Fingerprint compared by the benchmark set-up');
  return entry.id;
}

/**
 * Give the installation its signing identity, as a user does in Exchange → Identity (to send
 * bundles); the backup's scrypt work is kept small, it is not what is measured. Returns the session
 * with its key store opened again, as the app does once the identity exists.
 */
export async function withIdentity(session: AppSession): Promise<AppSession> {
  await createInstallationIdentity(session.db, session.profile, 'benchmark passphrase, not secret', { scryptWorkFactor: 10 });
  return { ...session, keyStore: await openKeyStore(session.db, null, session.profile) };
}

/** This installation's identity card, as it would hand it to a peer. */
export async function ownCardText(session: AppSession): Promise<string> {
  const keys = await getInstallationKeys(session.db);
  if (!keys) throw new Error('the set-up installation has no keys');
  return identityCardText(keys.card);
}

/** What the replica holds in the `real` workspace (works on the app's database and on a plain Dexie one). */
export async function checkReplica(db: Dexie): Promise<ReplicaCheck> {
  const rows: DigestRow[] = [];
  const counts: Record<string, number> = {};
  for (const table of DATASET_TABLES) {
    // The built-in procedure pack (origin `builtin`) is in every workspace; the dataset is everything else.
    // Log entries have no index by workspace alone (schema version 8); the compound one answers it.
    const inWorkspace =
      table === 'logEntries'
        ? db.table(table).where('[workspace+createdAt]').between([WORKSPACE, Dexie.minKey], [WORKSPACE, Dexie.maxKey])
        : db.table(table).where('workspace').equals(WORKSPACE);
    const records = ((await inWorkspace.toArray()) as (DigestRow['record'] & { origin?: string })[]).filter((r) => r.origin !== 'builtin');
    counts[table] = records.length;
    // A log entry's row may carry its creation: the record is the row without it.
    for (const record of records) rows.push({ table, record: withoutCreation(record) });
  }
  const operations = await db
    .table('operations')
    .where('[workspace+hlc]')
    .between([WORKSPACE, Dexie.minKey], [WORKSPACE, Dexie.maxKey])
    // The built-in procedure pack is installed in every workspace; the dataset is everything else.
    .filter((op: { origin?: string }) => op.origin !== 'builtin')
    .count()
    // Log entries that carry their creation are in the journal too, listed in the clock lists.
    .then(async (rows) => rows + countAfter((await db.table('carriedClocks').where('workspace').equals(WORKSPACE).toArray()) as ClockList[], null));
  const conflicts = await db.table('conflicts').where('workspace').equals(WORKSPACE).count();
  const digest = await recordDigest(rows);
  return { incidents: counts['incidents'] ?? 0, logEntries: counts['logEntries'] ?? 0, contacts: counts['contacts'] ?? 0, procedures: counts['procedures'] ?? 0, operations, conflicts, digest };
}

/** Throws unless the replica holds exactly the dataset's records (and, for an import, its operations). */
export function assertReplica(found: ReplicaCheck, expected: ExpectedReplica, withOperations: boolean): void {
  const problems: string[] = [];
  if (found.incidents !== expected.incidents) problems.push(`${found.incidents} incidents, expected ${expected.incidents}`);
  if (found.logEntries !== expected.logEntries) problems.push(`${found.logEntries} log entries, expected ${expected.logEntries}`);
  if (expected.contacts !== undefined && found.contacts !== expected.contacts) problems.push(`${found.contacts ?? '?'} contacts, expected ${expected.contacts}`);
  if (expected.procedures !== undefined && found.procedures !== expected.procedures) problems.push(`${found.procedures ?? '?'} procedures, expected ${expected.procedures}`);
  if (withOperations && found.operations !== expected.operations) problems.push(`${found.operations} operations, expected ${expected.operations}`);
  if (found.conflicts !== 0) problems.push(`${found.conflicts} conflicts, expected none`);
  if (found.digest !== expected.digest) problems.push(`record digest ${found.digest}, expected ${expected.digest}`);
  if (problems.length > 0) throw new Error(`the replica does not hold the dataset: ${problems.join('; ')}`);
}
